package dev.consentflow.imports.internal;

/**
 * The file as a whole cannot be read: not the format it claims, a zip bomb, an entity declaration, a quoted field
 * that never ends. The message says why in words a user can act on, and never quotes the file's content.
 */
class FileProblem extends RuntimeException {

    FileProblem(String message) {
        super(message);
    }

    FileProblem(String message, Throwable cause) {
        super(message, cause);
    }
}
