package dev.consentflow.engine.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.core.io.ClassPathResource;

/** The named statements of {@code src/main/resources/sql/engine/}, read once. */
final class EngineSql {

    static final String TAKE_FLOW_JOB_SLOT = load("take-flow-job-slot");
    static final String COUNT_RUNNING_FLOW_INSTANCES = load("count-running-flow-instances");
    static final String INSERT_DEPLOYMENT_AUTHOR = load("insert-deployment-author");
    static final String FIND_DEPLOYMENT_AUTHORS = load("find-deployment-authors");
    static final String FIND_EXPIRED_PLATFORM_INSTANCES = load("find-expired-platform-instances");
    static final String FIND_ACCOUNTS_WITH_PLATFORM_HISTORY = load("find-accounts-with-platform-history");
    static final String CREATE_SUBSCRIBER_VARIABLE_INDEX = load("create-subscriber-variable-index");
    static final String CREATE_DEFINITIONS_NOTICE = load("create-definitions-notice");
    static final String CREATE_DEFINITIONS_TRIGGER = load("create-definitions-trigger");
    static final String CREATE_JOB_DEFINITIONS_TRIGGER = load("create-job-definitions-trigger");
    static final String CREATE_EVENT_SUBSCRIPTION_INDEX = load("create-event-subscription-index");
    static final String CREATE_EVENT_SUBSCRIPTION_INSTANCE_INDEX = load("create-event-subscription-instance-index");
    static final String ANY_EVENT_SUBSCRIPTION = load("any-event-subscription");
    static final String FIND_ACCOUNT_DEFINITIONS = load("find-account-definitions");
    static final String FIND_PLATFORM_DEFINITIONS_BELOW_BACKSTOP = load("find-platform-definitions-below-backstop");

    private EngineSql() {
    }

    private static String load(String name) {
        try {
            return new ClassPathResource("sql/engine/" + name + ".sql").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("missing sql/engine/" + name + ".sql", e);
        }
    }
}
