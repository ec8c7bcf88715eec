package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.event.EventType;
import org.operaton.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.EventSubscriptionManager;
import org.springframework.stereotype.Component;

/**
 * When an event subscription ends, the engine asks for the jobs that would still deliver an event to it
 * asynchronously ({@code select * from ACT_RU_JOB where HANDLER_TYPE_ = 'event' ...}) and deletes them. Only a
 * signal thrown asynchronously makes such jobs (the parser declares them for signal catch events alone; an
 * asynchronous compensation finds no declaration and runs at once); a message is always delivered in the
 * correlating command. So a message subscription that ends (every confirmation click, every unsubscribe that
 * reaches a waiting instance) is deleted without the question: one statement fewer each. Every other subscription
 * ends as the engine ends it. {@code MessageSubscriptionEndsIT} counts the question, and shows a signal's pending
 * job still ending with its subscription.
 */
@Component
class MessageSubscriptionEnds extends AbstractProcessEnginePlugin {

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, EventSubscriptionManager.class, Manager::new);
    }

    /** The engine's manager of event subscriptions, ending a message subscription without the jobs' look-up. */
    static final class Manager extends EventSubscriptionManager {

        @Override
        public void deleteEventSubscription(EventSubscriptionEntity subscription) {
            if (subscription.isSubscriptionForEventType(EventType.MESSAGE)) {
                getDbEntityManager().delete(subscription);
            } else {
                super.deleteEventSubscription(subscription);
            }
        }
    }
}
