package dev.consentflow.dispatch.internal;

/** What is sealed in an outbox row: everything the person reads, and their unsubscribe link. */
record Letter(String subject, String text, String html, String unsubscribeUrl) {

    @Override
    public String toString() {
        return "Letter[...]";
    }
}
