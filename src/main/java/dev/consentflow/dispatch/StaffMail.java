package dev.consentflow.dispatch;

/**
 * Mail to the platform's own users (a console invitation), not to a list's subscribers: no suppression, no
 * unsubscribe link, no ledger. Sent at once through the relay; a failure is the caller's to report.
 */
public interface StaffMail {

    /** Sends a plain-text mail to one address; throws when the relay refuses it. */
    void send(String to, String subject, String text);

    /** Sends a mail with a text and an HTML part to one address (a marketer's test of a template). */
    void send(String to, OutboundMessage.Content content);
}
