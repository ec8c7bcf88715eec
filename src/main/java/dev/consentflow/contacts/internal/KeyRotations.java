package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.KeyRotationRunning;
import dev.consentflow.keys.AccountKeys;
import dev.consentflow.keys.KeyVersion;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rotation of an account's wrapping key: a new key version, then every card's data key re-wrapped under it, a
 * batch per transaction, by the node that holds the rotation's lease; a node that stops (a crash, a deploy)
 * leaves its lease to run out, and the next node resumes with the cards still under an older version. Readers
 * keep working throughout: a card is read under the version its row names, and the old versions stay until
 * no card names them. Each re-wrap bumps the card's optimistic-lock version, so a change that loaded the card
 * before its re-wrap cannot write the old wrapped key back.
 */
@Component
class KeyRotations {

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;
    private final AccountKeys accountKeys;
    private final CardKeys cardKeys;
    private final KeyRotationAudit audit;
    private final KeyRotationProperties properties;
    private final TransactionTemplate transactions;

    KeyRotations(JdbcClient jdbc, JdbcTemplate batches, AccountKeys accountKeys, CardKeys cardKeys,
                 KeyRotationAudit audit, KeyRotationProperties properties, TransactionTemplate transactions) {
        this.jdbc = jdbc;
        this.batches = batches;
        this.accountKeys = accountKeys;
        this.cardKeys = cardKeys;
        this.audit = audit;
        this.properties = properties;
        this.transactions = transactions;
    }

    record Rotation(int targetVersion, long done, long total, Instant startedAt, Instant finishedAt) {
    }

    record VersionState(int version, Instant createdAt, long dataKeys, Instant retiredAt) {
    }

    record KeysState(int current, List<VersionState> versions, Rotation rotation) {
    }

    /** What the job of one node did with one account's rotation. */
    enum Outcome { NOT_OURS, WORKING, DRAINED, FINISHED }

    /** Starts a rotation: a new version for new data keys at once, the re-wrap of the others by the job. */
    KeysState start(AccountId account) {
        transactions.executeWithoutResult(status -> {
            Optional<Rotation> running = rotation(account, true).filter(r -> r.finishedAt() == null);
            if (running.isPresent()) {
                throw new KeyRotationRunning();
            }
            int version = accountKeys.addVersion(account);
            long total = jdbc.sql("select count(*) from contacts_contact where account_id = :account "
                            + "and wrapped_key is not null and key_version < :version")
                    .param("account", account.value()).param("version", version).query(Long.class).single();
            jdbc.sql("""
                            insert into contacts_key_rotation (account_id, target_version, total, done, started_at)
                            values (:account, :version, :total, 0, now())
                            on conflict (account_id) do update set target_version = :version, total = :total, done = 0,
                                started_at = now(), drained_at = null, finished_at = null, lease_holder = null,
                                lease_until = null""")
                    .param("account", account.value()).param("version", version).param("total", total).update();
            audit.started(account, version, total);
        });
        return state(account);
    }

    KeysState state(AccountId account) {
        return transactions.execute(status -> {
            Map<Integer, Long> used = jdbc.sql("select key_version, count(*) from contacts_contact "
                            + "where account_id = :account and wrapped_key is not null group by key_version")
                    .param("account", account.value())
                    .query((rs, n) -> Map.entry(rs.getInt(1), rs.getLong(2))).list().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
            List<VersionState> versions = new ArrayList<>();
            int current = 1;
            for (KeyVersion v : accountKeys.versions(account)) {
                versions.add(new VersionState(v.version(), v.createdAt(), used.getOrDefault(v.version(), 0L),
                        v.retiredAt()));
                current = v.retired() ? current : Math.max(current, v.version());
            }
            return new KeysState(current, versions, rotation(account, false).orElse(null));
        });
    }

    /** The accounts whose rotation has not finished. */
    List<AccountId> unfinished() {
        return jdbc.sql("select account_id from contacts_key_rotation where finished_at is null")
                .query(UUID.class).list().stream().map(AccountId::new).toList();
    }

    /**
     * Works on an account's rotation as {@code node}, at most {@code maxBatches} batches, if its lease is free
     * (or ours); answers how far it got.
     */
    Outcome work(AccountId account, String node, int maxBatches) {
        Integer target = transactions.execute(status -> jdbc.sql("""
                        update contacts_key_rotation
                           set lease_holder = :node, lease_until = now() + make_interval(secs => :lease)
                         where account_id = :account and finished_at is null
                           and (lease_until is null or lease_until < now() or lease_holder = :node)
                        returning target_version""")
                .param("node", node).param("lease", properties.lease().toSeconds())
                .param("account", account.value()).query(Integer.class).optional().orElse(null));
        if (target == null) {
            return Outcome.NOT_OURS;
        }
        for (int batch = 0; batch < maxBatches; batch++) {
            int done = transactions.execute(status -> rewrapBatch(account, node, target));
            if (done < 0) {
                return Outcome.NOT_OURS;
            }
            if (done == 0) {
                return retireWhenSettled(account, node, target);
            }
        }
        return Outcome.WORKING;
    }

    private record Card(UUID id, int version, byte[] wrapped) {
    }

    private int rewrapBatch(AccountId account, String node, int target) {
        int renewed = jdbc.sql("update contacts_key_rotation set lease_until = now() + make_interval(secs => :lease) "
                        + "where account_id = :account and lease_holder = :node and finished_at is null")
                .param("lease", properties.lease().toSeconds()).param("account", account.value())
                .param("node", node).update();
        if (renewed == 0) {
            return -1;
        }
        List<Card> cards = jdbc.sql("""
                        select id, key_version, wrapped_key from contacts_contact
                         where account_id = :account and key_version < :target and wrapped_key is not null
                         limit :limit for update skip locked""")
                .param("account", account.value()).param("target", target).param("limit", properties.batchSize())
                .query((rs, n) -> new Card(rs.getObject(1, UUID.class), rs.getInt(2), rs.getBytes(3))).list();
        if (cards.isEmpty()) {
            return 0;
        }
        List<Object[]> updates = new ArrayList<>(cards.size());
        for (Card card : cards) {
            updates.add(new Object[] {target, cardKeys.rewrap(account, card.id(), card.version(), card.wrapped(),
                    target), card.id()});
        }
        batches.batchUpdate("update contacts_contact set key_version = ?, wrapped_key = ?, version = version + 1 "
                + "where id = ?", updates);
        jdbc.sql("update contacts_key_rotation set done = done + :n where account_id = :account")
                .param("n", cards.size()).param("account", account.value()).update();
        return cards.size();
    }

    /** No card left under an older version: retire them once the grace period has passed since. */
    private Outcome retireWhenSettled(AccountId account, String node, int target) {
        return transactions.execute(status -> {
            boolean settled = jdbc.sql("""
                            update contacts_key_rotation set drained_at = coalesce(drained_at, now())
                             where account_id = :account and lease_holder = :node
                            returning drained_at <= now() - make_interval(secs => :grace)""")
                    .param("account", account.value()).param("node", node)
                    .param("grace", properties.grace().toMillis() / 1000.0).query(Boolean.class).single();
            if (!settled) {
                return Outcome.DRAINED;
            }
            List<Integer> retired = new ArrayList<>();
            for (KeyVersion version : accountKeys.versions(account)) {
                if (version.version() >= target || version.retired()) {
                    continue;
                }
                if (!accountKeys.retire(account, version.version(), () -> stillUsed(account, version.version()))) {
                    // A card came back under it (a write that began before its re-wrap): another round.
                    jdbc.sql("update contacts_key_rotation set drained_at = null where account_id = :account")
                            .param("account", account.value()).update();
                    return Outcome.WORKING;
                }
                retired.add(version.version());
            }
            jdbc.sql("update contacts_key_rotation set finished_at = now(), lease_holder = null, lease_until = null "
                    + "where account_id = :account").param("account", account.value()).update();
            audit.retired(account, retired, target);
            return Outcome.FINISHED;
        });
    }

    private boolean stillUsed(AccountId account, int version) {
        return jdbc.sql("select exists (select 1 from contacts_contact where account_id = :account "
                        + "and key_version = :version and wrapped_key is not null)")
                .param("account", account.value()).param("version", version).query(Boolean.class).single();
    }

    private Optional<Rotation> rotation(AccountId account, boolean lock) {
        return jdbc.sql("select target_version, done, total, started_at, finished_at from contacts_key_rotation "
                        + "where account_id = :account" + (lock ? " for update" : ""))
                .param("account", account.value())
                .query((rs, n) -> new Rotation(rs.getInt(1), Math.min(rs.getLong(2), rs.getLong(3)), rs.getLong(3),
                        rs.getTimestamp(4).toInstant(), toInstant(rs.getTimestamp(5))))
                .optional();
    }

    private static Instant toInstant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
