package dev.consentflow.web;

/** The request contradicts what is stored (a key already taken, an erased address): {@code 409}. */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
