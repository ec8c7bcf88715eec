package dev.consentflow.dispatch;

/** The decrypted address (mail) or E.164 number (SMS) a message goes to, resolved just before sending. */
public record Recipient(String address) {

    @Override
    public String toString() {
        return "Recipient[...]";
    }
}
