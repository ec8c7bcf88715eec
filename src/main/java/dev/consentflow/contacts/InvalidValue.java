package dev.consentflow.contacts;

/**
 * A value (an address, a mobile number, a custom field) breaks a rule. The message says which, in words for
 * the person who typed it, and never repeats the value, so it is safe in any answer and any log line.
 */
public class InvalidValue extends IllegalArgumentException {

    public InvalidValue(String message) {
        super(message);
    }
}
