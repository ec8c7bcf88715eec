package dev.consentflow.imports.internal;

import dev.consentflow.accounts.Caller;
import dev.consentflow.contacts.ContactImports;
import dev.consentflow.contacts.ImportBatch;
import dev.consentflow.contacts.ImportOutcome;
import dev.consentflow.contacts.ImportRow;
import dev.consentflow.imports.internal.ImportTable.Claimed;
import dev.consentflow.imports.internal.ImportTable.Counts;
import dev.consentflow.imports.internal.ImportTable.LostLease;
import dev.consentflow.imports.internal.ImportTable.Rejection;
import dev.consentflow.imports.internal.UploadStore.Part;
import dev.consentflow.subscription.SignupReceipt;
import dev.consentflow.subscription.DoubleOptIns;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through a claimed import: its stored rows, one part a chunk, several chunks at once on this node's
 * {@link ImportSettings#threads()} threads. A chunk's CPU work (reading its part, checking, blind indexes,
 * sealing new cards) runs before its transaction; the transaction then locks the part, writes the chunk's
 * contacts, rejections and counts, and deletes the part, after checking this node still holds the import. So a
 * crash or a lost lease repeats at most the chunks in flight, which were rolled back: no row counts twice, and what
 * is left of the upload is exactly what is still to do. Two chunks with the same address meet at its address lock,
 * the second sees the first's card. The rows are written on behalf of the key that uploaded the file (its role and
 * id are the audit entries' actor).
 */
@Component
class ImportRunner {

    private static final Logger log = LoggerFactory.getLogger(ImportRunner.class);

    /** How a run ended. */
    enum Result {
        /** The import is DONE or FAILED. */
        ENDED,
        /** Asked to stop (the node is stopping, or a chunk limit was reached); the import is still this node's. */
        STOPPED,
        /** Another node holds the import now. */
        LOST
    }

    private final ImportTable table;
    private final UploadStore uploads;
    private final ContactImports contacts;
    private final DoubleOptIns subscriptions;
    private final TransactionTemplate tx;
    private final ImportSettings settings;
    private final ExecutorService chunks;

    ImportRunner(ImportTable table, UploadStore uploads, ContactImports contacts,
                 DoubleOptIns subscriptions, TransactionTemplate tx, ImportSettings settings) {
        this.table = table;
        this.uploads = uploads;
        this.contacts = contacts;
        this.subscriptions = subscriptions;
        this.tx = tx;
        this.settings = settings;
        AtomicInteger number = new AtomicInteger();
        this.chunks = Executors.newFixedThreadPool(settings.threads(), r -> {
            Thread thread = new Thread(r, "imports-chunk-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @PreDestroy
    void stop() {
        chunks.shutdown();
    }

    Result run(Claimed job, String node, BooleanSupplier keepGoing, int maxChunks) {
        try {
            if (!job.storedAsRows()) {
                tx.executeWithoutResult(s -> uploads.ensureRows(job.id(), job.account(), settings.chunkRows()));
            }
        } catch (FileProblem e) {
            log.warn("Import {} failed: {}", job.id(), e.getMessage());
            return end(job, node, "FAILED", e.getMessage());
        }
        Optional<List<String>> header = uploads.header(job.id(), job.account());
        if (header.isEmpty()) {
            return Result.LOST;
        }
        Columns columns = Columns.of(header.get());
        List<Part> parts = uploads.remaining(job.id());
        ExecutorCompletionService<Void> done = new ExecutorCompletionService<>(chunks);
        List<Flight> flying = new ArrayList<>();
        int submitted = 0;
        int pending = 0;
        boolean lost = false;
        RuntimeException failure = null;
        while (true) {
            while (pending < settings.threads() && submitted < parts.size() && submitted < maxChunks
                    && !lost && failure == null && keepGoing.getAsBoolean()) {
                Part part = parts.get(submitted++);
                Flight flight = new Flight(new CompletableFuture<>(), new CompletableFuture<>());
                List<Flight> earlier = List.copyOf(flying);
                flying.add(flight);
                done.submit(() -> {
                    chunk(job, node, columns, part, flight, earlier);
                    return null;
                });
                pending++;
            }
            if (pending == 0) {
                break;
            }
            try {
                done.take().get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof LostLease) {
                    lost = true;
                } else if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = new IllegalStateException("interrupted", e);
            }
            pending--;
            flying.removeIf(f -> f.committed().isDone());
        }
        if (failure != null) {
            throw failure;
        }
        if (lost) {
            return Result.LOST;
        }
        if (submitted < parts.size()) {
            return Result.STOPPED;
        }
        return end(job, node, "DONE", null);
    }

    /** Ends an import this node holds as FAILED, its file deleted, for a reason that names no value of it. */
    Result fail(Claimed job, String node, String failure) {
        return end(job, node, "FAILED", failure);
    }

    private Result end(Claimed job, String node, String status, String failure) {
        Boolean ended = tx.execute(s -> {
            if (!table.finish(job.id(), node, status, failure)) {
                return false;
            }
            uploads.delete(job.id());
            return true;
        });
        if (Boolean.TRUE.equals(ended)) {
            log.info("Import {} {}", job.id(), status);
            return Result.ENDED;
        }
        return Result.LOST;
    }

    /**
     * One part: read and prepared outside the transaction, then written, counted and deleted in one. A person in an
     * earlier chunk still in flight keeps the file's order: this chunk's transaction waits until that one committed
     * (earlier chunks never wait for later ones, and every chunk in flight has a thread, so nobody waits in a circle).
     */
    private void chunk(Claimed job, String node, Columns columns, Part part, Flight flight, List<Flight> earlier) {
        try {
            Ready ready = prepare(job, columns, part);
            flight.prepared().complete(ready.addressLocks());
            for (Flight before : earlier) {
                if (!Collections.disjoint(before.prepared().join(), ready.addressLocks())) {
                    before.committed().join();
                }
            }
            commit(job, node, ready);
        } finally {
            flight.prepared().complete(Set.of());
            flight.committed().complete(null);
        }
    }

    /** A chunk in flight: the address locks it will take, once known, and its end. */
    private record Flight(CompletableFuture<Set<Long>> prepared, CompletableFuture<Void> committed) {
    }

    /** A part's rows read and prepared (checked, indexed, sealed), not written yet. */
    record Ready(Part part, int size, List<Rejection> unreadable, ContactImports.Prepared prepared) {
        Set<Long> addressLocks() {
            return prepared == null ? Set.of() : prepared.addressLocks();
        }
    }

    /** The CPU work of a chunk, outside any writing transaction. */
    Ready prepare(Claimed job, Columns columns, Part part) {
        return asUploader(job, () -> {
            List<StoredRow> stored = uploads.rows(job.id(), job.account(), part.seq())
                    .orElseThrow(() -> new LostLease(job.id()));
            List<ImportRow> rows = new ArrayList<>(stored.size());
            List<Rejection> unreadable = new ArrayList<>();
            for (StoredRow row : stored) {
                if (row.problem() != null) {
                    unreadable.add(new Rejection(row.number(), row.column(), row.problem()));
                } else if (columns.row(row.number(), row.cells()) instanceof ImportRow importRow) {
                    rows.add(importRow);
                } else {
                    unreadable.add(new Rejection(row.number(), null, (String) columns.row(row.number(), row.cells())));
                }
            }
            ContactImports.Prepared prepared = rows.isEmpty() ? null : contacts.prepare(job.account(),
                    new ImportBatch(job.listKey(), columns.channel(), job.confirmed(), job.createdAt(),
                            "import:" + job.id(), List.copyOf(rows)));
            return new Ready(part, stored.size(), unreadable, prepared);
        });
    }

    /** The chunk's one transaction: its part locked, its rows written and counted, its part deleted. */
    void commit(Claimed job, String node, Ready ready) {
        asUploader(job, () -> {
            tx.executeWithoutResult(s -> write(job, node, ready.part(), ready.size(), ready.unreadable(),
                    ready.prepared()));
            return null;
        });
    }

    /** Runs on behalf of the key that uploaded the file. */
    private static <T> T asUploader(Claimed job, java.util.function.Supplier<T> work) {
        Caller caller = new Caller(job.keyId(), job.account(), job.role());
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(caller, null,
                List.of(new SimpleGrantedAuthority(caller.role().authority()))));
        try {
            return work.get();
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private void write(Claimed job, String node, Part part, int size, List<Rejection> unreadable,
                       ContactImports.Prepared prepared) {
        if (!uploads.lock(job.id(), part.seq())) {
            throw new LostLease(job.id());
        }
        List<Rejection> rejections = new ArrayList<>(unreadable);
        long imported = 0;
        long updated = 0;
        long unchanged = 0;
        List<ImportOutcome> outcomes = prepared == null ? List.of() : contacts.importBatch(job.account(), prepared);
        for (ImportOutcome outcome : outcomes) {
            switch (outcome.kind()) {
                case IMPORTED -> imported++;
                case UPDATED -> updated++;
                case UNCHANGED -> {
                    updated++;
                    unchanged++;
                }
                case REJECTED -> rejections.add(new Rejection(outcome.row(), outcome.field(), outcome.reason()));
                case NEEDS_CONFIRMATION -> {
                    SignupReceipt receipt = subscriptions.signUp(job.account(), outcome.signup());
                    if (receipt.confirmed()) {
                        updated++;
                        unchanged++;
                    } else {
                        imported++;
                    }
                }
            }
        }
        rejections.sort(Comparator.comparingLong(Rejection::row));
        table.reject(job.id(), rejections);
        uploads.deletePart(job.id(), part.seq());
        Counts counts = new Counts(size, imported, updated, unchanged, rejections.size());
        // The cursor moves last, as the transaction commits, after the chunk's audit entries (appended as it commits,
        // registered before this): from its update the import's row is locked until the commit, and the next chunk's
        // update waits for it. Moved before the audit entries, the next chunk would wait while this one serializes
        // and links them; moved last, the import's row is held only for the commit, and one chunk's entries are
        // made ready while another links its own.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                table.advance(job.id(), node, counts, settings.lease());
            }
        });
    }
}
