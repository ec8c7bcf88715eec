package dev.consentflow.contacts.internal;

import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.relational.core.conversion.DbActionExecutionException;

/**
 * Turns a unique constraint that refused a write into the fact it means (a {@code 409}). The checks before a write catch the usual
 * case; this catches the race two requests run between check and write. Spring Data JDBC wraps the database's
 * answer in its own exception, which would otherwise reach the client as a {@code 500}.
 */
final class Duplicates {

    private Duplicates() {
    }

    static <T> T asConflict(Supplier<? extends RuntimeException> fact, Supplier<T> write) {
        try {
            return write.get();
        } catch (DuplicateKeyException e) {
            throw fact.get();
        } catch (DbActionExecutionException e) {
            if (e.getCause() instanceof DuplicateKeyException) {
                throw fact.get();
            }
            throw e;
        }
    }
}
