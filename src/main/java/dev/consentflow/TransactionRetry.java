package dev.consentflow;

import dev.consentflow.engine.ProcessConflict;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs work in a transaction of its own and runs it again when a concurrent transaction won: the engine's
 * optimistic locking, a deadlock, or a unique index that a parallel identical request filled first (the next
 * attempt then sees that row). Each attempt starts from nothing, because a lost attempt commits nothing.
 */
@Component
public class TransactionRetry {

    private static final int ATTEMPTS = 5;

    private final TransactionTemplate transactions;

    public TransactionRetry(PlatformTransactionManager transactionManager) {
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    public <T> T run(Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transactions.execute(status -> work.get());
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS || !isConcurrencyLoss(e)) {
                    throw e;
                }
                // A little jitter, so the same losers do not collide again in lockstep.
                LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(5_000_000L, 25_000_000L * attempt));
            }
        }
    }

    public static boolean isConcurrencyLoss(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ProcessConflict || t instanceof ConcurrencyFailureException
                    || t instanceof DataIntegrityViolationException
                    || t.getClass().getSimpleName().equals("OptimisticLockingException")) {
                return true;
            }
        }
        return false;
    }
}
