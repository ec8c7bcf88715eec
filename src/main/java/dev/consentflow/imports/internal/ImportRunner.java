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
import dev.consentflow.subscription.SignupReceipt;
import dev.consentflow.subscription.DoubleOptIns;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Works through a claimed import: reads the stored file from the start, skips the rows committed before (the
 * cursor), and commits the rest chunk by chunk. Each chunk's contacts, rejections, counts and cursor commit in one
 * transaction that first checks this node still holds the import, so a crash or a lost lease repeats at most the
 * chunk in flight, which was rolled back: no row counts twice. The rows are written on behalf of the key that
 * uploaded the file (its role and id are the audit entries' actor).
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

    ImportRunner(ImportTable table, UploadStore uploads, ContactImports contacts,
                 DoubleOptIns subscriptions, TransactionTemplate tx, ImportSettings settings) {
        this.table = table;
        this.uploads = uploads;
        this.contacts = contacts;
        this.subscriptions = subscriptions;
        this.tx = tx;
        this.settings = settings;
    }

    Result run(Claimed job, String node, BooleanSupplier keepGoing, int maxChunks) {
        Caller caller = new Caller(job.keyId(), job.account(), job.role());
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken(caller, null,
                List.of(new SimpleGrantedAuthority(caller.role().authority()))));
        try {
            Chunks chunks = new Chunks(job, node, keepGoing, maxChunks);
            try (InputStream file = uploads.open(job.id(), job.account())) {
                if (job.format() == ImportFormat.XLSX) {
                    ImportFiles.withTempFile(file, path -> XlsxReader.read(path.toFile(), chunks));
                } else {
                    CsvReader.read(file, chunks);
                }
                chunks.commit();
            } catch (Stop e) {
                return Result.STOPPED;
            } catch (LostLease e) {
                return Result.LOST;
            } catch (FileProblem e) {
                log.warn("Import {} failed: {}", job.id(), e.getMessage());
                return end(job, node, "FAILED", e.getMessage());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return end(job, node, "DONE", null);
        } finally {
            SecurityContextHolder.clearContext();
        }
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

    /** Collects rows into chunks and commits each. */
    private final class Chunks implements RowSink {
        private final Claimed job;
        private final String node;
        private final BooleanSupplier keepGoing;
        private final int maxChunks;
        private final List<ImportRow> rows = new ArrayList<>();
        private final List<Rejection> unreadable = new ArrayList<>();
        private Columns columns;
        private long cursor;
        private int committed;

        Chunks(Claimed job, String node, BooleanSupplier keepGoing, int maxChunks) {
            this.job = job;
            this.node = node;
            this.keepGoing = keepGoing;
            this.maxChunks = maxChunks;
            this.cursor = job.rowsDone();
        }

        @Override
        public void header(List<String> names) {
            columns = Columns.of(names);
        }

        @Override
        public void row(long number, List<String> cells, String problem, String column) {
            if (number <= job.rowsDone()) {
                return;
            }
            if (problem != null) {
                unreadable.add(new Rejection(number, column, problem));
            } else if (columns.row(number, cells) instanceof ImportRow row) {
                rows.add(row);
            } else {
                unreadable.add(new Rejection(number, null, (String) columns.row(number, cells)));
            }
            if (rows.size() + unreadable.size() >= settings.chunkRows()) {
                commit();
                if (committed >= maxChunks || !keepGoing.getAsBoolean()) {
                    throw new Stop();
                }
            }
        }

        void commit() {
            int size = rows.size() + unreadable.size();
            if (size == 0) {
                return;
            }
            tx.executeWithoutResult(s -> {
                long held = table.hold(job.id(), node).orElseThrow(() -> new LostLease(job.id()));
                if (held != cursor) {
                    throw new LostLease(job.id());
                }
                List<Rejection> rejections = new ArrayList<>(unreadable);
                long imported = 0;
                long updated = 0;
                long unchanged = 0;
                List<ImportOutcome> outcomes = rows.isEmpty() ? List.of() : contacts.importBatch(job.account(),
                        new ImportBatch(job.listKey(), columns.channel(), job.confirmed(), job.createdAt(),
                                "import:" + job.id(), List.copyOf(rows)));
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
                table.advance(job.id(), node, new Counts(size, imported, updated, unchanged, rejections.size()),
                        settings.lease());
            });
            cursor += size;
            committed++;
            rows.clear();
            unreadable.clear();
        }
    }

    /** Ends reading early: the node stops, or the run reached its chunk limit. */
    private static final class Stop extends RuntimeException {
        Stop() {
            super(null, null, false, false);
        }
    }
}
