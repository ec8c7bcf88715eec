package dev.consentflow.dispatch;

/** How a message reaches a person. */
public enum Channel {
    EMAIL,
    SMS
}
