package io.riskstream;

import io.riskstream.platform.AvroLimits;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RiskstreamApplication {

    public static void main(String[] args) {
        // Before anything decodes Avro: see AvroLimits.
        AvroLimits.apply();
        SpringApplication.run(RiskstreamApplication.class, args);
    }
}
