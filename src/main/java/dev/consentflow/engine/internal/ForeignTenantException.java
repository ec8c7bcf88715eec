package dev.consentflow.engine.internal;

import org.operaton.bpm.engine.exception.NotFoundException;

/**
 * A key acted on what is not its account's to act on: another account's instance, task, job or deployment, or
 * the platform's shared processes. Answered like an unknown id ({@code 404}), as if it did not exist.
 */
class ForeignTenantException extends NotFoundException {

    ForeignTenantException(String message) {
        super(message);
    }
}
