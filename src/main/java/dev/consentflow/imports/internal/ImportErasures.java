package dev.consentflow.imports.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.AuditAction;
import dev.consentflow.consent.AuditEntry;
import dev.consentflow.consent.AuditLog;
import dev.consentflow.contacts.ContactImports;
import dev.consentflow.contacts.ContactErased;
import dev.consentflow.contacts.ErasedAddresses;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.imports.internal.UploadStore.Part;
import jakarta.annotation.PreDestroy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An erased person's rows leave the account's waiting and running imports as soon as the erasure commits. The
 * erasure's transaction notes the person ({@code imports_erasure}, ids only) when the account has such imports;
 * right after the commit, and every few seconds for notes a crash left behind, each note is taken in a transaction
 * of its own that rewrites every part of those uploads holding a row with the person's address (found through
 * the tombstone's blind index, {@link ErasedAddresses}): the row keeps its number and becomes a rejected row
 * ({@link #ERASED}, no value), so the import's counts still add up and say why. The audit says how many rows left
 * which import, never the address.
 *
 * <p>A chunk that read its rows before the rewrite still holds the address in memory; it meets the tombstone under
 * the address lock and rejects the row with the same reason, so no card is made again.
 */
@Component
class ImportErasures {

    private static final Logger log = LoggerFactory.getLogger(ImportErasures.class);

    /** The import's own rule's words for an erased address. */
    static final String ERASED = ContactImports.ERASED;
    static final String ACTOR = "system:erasure";

    private final NamedParameterJdbcTemplate jdbc;
    private final ImportTable table;
    private final UploadStore uploads;
    private final ErasedAddresses erased;
    private final AuditLog audit;
    private final TransactionTemplate tx;
    private final ImportSettings settings;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "imports-erasures");
        thread.setDaemon(true);
        return thread;
    });

    ImportErasures(NamedParameterJdbcTemplate jdbc, ImportTable table, UploadStore uploads, ErasedAddresses erased,
                   AuditLog audit, TransactionTemplate tx, ImportSettings settings) {
        this.jdbc = jdbc;
        this.table = table;
        this.uploads = uploads;
        this.erased = erased;
        this.audit = audit;
        this.tx = tx;
        this.settings = settings;
    }

    /** In the erasing transaction: notes the person when the account has imports that hold an upload. */
    @EventListener
    void noted(ContactErased event) {
        if (table.active(event.account()).isEmpty()) {
            return;
        }
        jdbc.update(ImportSql.INSERT_ERASURE, Map.of("accountId", event.account().value(),
                "subscriberId", event.subscriberId().value()));
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    wake();
                }
            });
        } else {
            wake();
        }
    }

    /** Notes that a crash (or a failed attempt) left behind. */
    @Scheduled(initialDelay = 2, fixedDelay = 2, timeUnit = TimeUnit.SECONDS)
    void sweep() {
        drainSafely();
    }

    @PreDestroy
    void stop() throws InterruptedException {
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    private void wake() {
        try {
            worker.execute(this::drainSafely);
        } catch (RejectedExecutionException e) {
            log.info("Stopping: the erased person's import rows are taken out by the next node's sweep");
        }
    }

    private void drainSafely() {
        try {
            drain();
        } catch (RuntimeException e) {
            log.warn("Could not take an erased person's rows out of an import (will try again): {}", e.toString());
        }
    }

    /** Works through the waiting notes, one transaction each; answers how many were done. */
    int drain() {
        int done = 0;
        while (Boolean.TRUE.equals(tx.execute(s -> next()))) {
            done++;
        }
        return done;
    }

    private boolean next() {
        List<Map<String, Object>> notes = jdbc.queryForList(ImportSql.NEXT_ERASURE, Map.of());
        if (notes.isEmpty()) {
            return false;
        }
        AccountId account = new AccountId((UUID) notes.get(0).get("account_id"));
        SubscriberId subscriber = new SubscriberId((UUID) notes.get(0).get("subscriber_id"));
        Optional<ErasedAddresses.Matcher> matcher = erased.of(account, subscriber);
        if (matcher.isPresent()) {
            for (UUID importId : table.active(account)) {
                int dropped = drop(importId, account, matcher.get());
                if (dropped > 0) {
                    Map<String, Object> detail = new LinkedHashMap<>();
                    detail.put("what", "importRows");
                    detail.put("import", importId.toString());
                    detail.put("removed", dropped);
                    audit.append(new AuditEntry(account, subscriber.value(), AuditAction.RETENTION_APPLIED, ACTOR,
                            detail, null));
                }
            }
        }
        jdbc.update(ImportSql.DELETE_ERASURE, Map.of("accountId", account.value(), "subscriberId", subscriber.value()));
        return true;
    }

    /** Rewrites the import's parts that hold the address; answers how many rows left it. */
    private int drop(UUID importId, AccountId account, ErasedAddresses.Matcher matcher) {
        uploads.ensureRows(importId, account, settings.chunkRows());
        Optional<List<String>> header = uploads.header(importId, account);
        if (header.isEmpty()) {
            return 0;
        }
        Columns columns = Columns.of(header.get());
        String field = columns.channel() == Channel.EMAIL ? "email" : "mobile";
        int dropped = 0;
        for (Part part : uploads.remaining(importId)) {
            Optional<List<StoredRow>> rows = uploads.lockedRows(importId, account, part.seq());
            if (rows.isEmpty()) {
                continue;
            }
            List<StoredRow> kept = new ArrayList<>(rows.get().size());
            int before = dropped;
            for (StoredRow row : rows.get()) {
                if (row.problem() == null && matcher.matches(cell(row, columns.email()), cell(row, columns.mobile()))) {
                    kept.add(new StoredRow(row.number(), List.of(), ERASED, field));
                    dropped++;
                } else {
                    kept.add(row);
                }
            }
            if (dropped > before) {
                uploads.rewrite(importId, account, part.seq(), kept);
            }
        }
        return dropped;
    }

    private static String cell(StoredRow row, int index) {
        return index >= 0 && index < row.cells().size() ? row.cells().get(index) : null;
    }
}
