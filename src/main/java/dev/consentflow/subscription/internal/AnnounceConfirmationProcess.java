package dev.consentflow.subscription.internal;

/** The ids of {@code processes/announce-confirmation.bpmn}; its variables are the double opt-in's. */
final class AnnounceConfirmationProcess {

    static final String ID = "announce-confirmation";

    private AnnounceConfirmationProcess() {
    }

    static final class Event {
        static final String CONFIRMED_DIRECTLY = "StartEvent_ConfirmedDirectly";
        static final String SUBSCRIPTION_CONFIRMED = "Event_SubscriptionConfirmed";
        static final String AUTOMATION_TOLD = "EndEvent_AutomationTold";

        private Event() {
        }
    }
}
