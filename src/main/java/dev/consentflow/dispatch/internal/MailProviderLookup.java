package dev.consentflow.dispatch.internal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Jakarta Mail looks its stream provider up through the ServiceLoader for every body part it creates and every
 * part it writes, which means scanning the jars of the class path each time: measured, about a tenth of the
 * server's CPU under signup load. Naming the provider makes the lookup a plain class instantiation. Registered in
 * {@code META-INF/spring.factories}, so it holds for every Spring application of this code, tests included.
 */
public class MailProviderLookup implements EnvironmentPostProcessor {

    static final String STREAM_PROVIDER = "jakarta.mail.util.StreamProvider";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(STREAM_PROVIDER) == null) {
            System.setProperty(STREAM_PROVIDER, "org.eclipse.angus.mail.util.MailStreamProvider");
        }
    }
}
