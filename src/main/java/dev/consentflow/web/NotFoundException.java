package dev.consentflow.web;

/** The thing does not exist, or belongs to another account (both answer {@code 404} alike). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String what) {
        super(what + " not found");
    }
}
