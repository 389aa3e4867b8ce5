package io.riskstream;

import io.riskstream.operator.OperatorCommands;
import io.riskstream.platform.AvroLimits;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class RiskstreamApplication {

    public static void main(String[] args) {
        boolean command = OperatorCommands.isCommand(args);
        if (command) {
            // Before any logger exists: logs to standard error, which leaves standard output to the records.
            System.setProperty("logback.configurationFile", "io/riskstream/operator/logback.xml");
        }
        // Before anything decodes Avro: see AvroLimits.
        AvroLimits.apply();
        if (command) {
            System.exit(OperatorCommands.run(args, System.out, System.err));
        }
        SpringApplication.run(RiskstreamApplication.class, args);
    }
}
