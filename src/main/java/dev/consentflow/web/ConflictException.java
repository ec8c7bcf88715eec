package dev.consentflow.web;

/**
 * The request contradicts what is stored: {@code 409}. The modules name their conflicts as facts of their own
 * ({@code ContactAlreadyErased}, {@code ListKeyTaken}…, annotated {@code @ResponseStatus(CONFLICT)}); this one is
 * what code without a fact of its own throws.
 */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
