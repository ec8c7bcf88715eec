package dev.consentflow;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Consentflow: consent-first email and SMS marketing automation on the Operaton BPMN engine.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ConsentflowApplication {

    public static void main(String[] args) {
        SpringApplication.run(ConsentflowApplication.class, args);
    }
}
