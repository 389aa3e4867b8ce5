package io.riskstream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RiskstreamApplication {

    public static void main(String[] args) {
        SpringApplication.run(RiskstreamApplication.class, args);
    }
}
