package dev.consentflow.contacts.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;

/**
 * The store of pending resubscriptions: their payload sealed under the account's key
 * {@value #KEY_PURPOSE} and bound to the row's id, so a sealed value cannot be moved to another row. The engine
 * never sees the address; this table holds it only until confirmation or expiry.
 */
@Component
class SealedResubscriptions {

    static final String KEY_PURPOSE = "contacts.resubscription";

    private final StoredResubscriptionRepository rows;
    private final JdbcAggregateTemplate aggregates;
    private final KeyRing keys;
    private final ObjectMapper json;

    SealedResubscriptions(StoredResubscriptionRepository rows, JdbcAggregateTemplate aggregates, KeyRing keys,
                           ObjectMapper json) {
        this.rows = rows;
        this.aggregates = aggregates;
        this.keys = keys;
        this.json = json;
    }

    /** A pending resubscription with its payload opened. */
    record Opened(StoredResubscription row, ResubscriptionPayload payload) {
    }

    StoredResubscription insert(AccountId account, UUID tombstoneId, UUID listId, Channel channel,
                                ResubscriptionPayload payload) {
        UUID id = UUID.randomUUID();
        int version = keys.currentVersion();
        return aggregates.insert(new StoredResubscription(id, account.value(), tombstoneId, listId, channel, version,
                seal(account, id, version, payload), Cards.now()));
    }

    Optional<StoredResubscription> of(UUID tombstoneId, UUID listId) {
        return rows.findByTombstoneIdAndListId(tombstoneId, listId);
    }

    /** The row without opening its payload (what it is about, not whom). */
    Optional<StoredResubscription> row(AccountId account, UUID id) {
        return rows.findByIdAndAccountId(id, account.value());
    }

    Optional<Opened> find(AccountId account, UUID id) {
        return rows.findByIdAndAccountId(id, account.value()).map(this::open);
    }

    /** The row locked until the transaction ends: its confirmation and its expiry exclude each other. */
    Optional<Opened> lock(AccountId account, UUID id) {
        return rows.findLockedByIdAndAccountId(id, account.value()).map(this::open);
    }

    void delete(StoredResubscription row) {
        rows.delete(row);
    }

    private Opened open(StoredResubscription row) {
        byte[] plain = Sealing.open(keys.derive(KEY_PURPOSE, new AccountId(row.accountId()), row.keyVersion()),
                row.requestSealed(), place(row.id()));
        try {
            return new Opened(row, json.readValue(plain, ResubscriptionPayload.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] seal(AccountId account, UUID id, int version, ResubscriptionPayload payload) {
        try {
            return Sealing.seal(keys.derive(KEY_PURPOSE, account, version), json.writeValueAsBytes(payload), place(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] place(UUID id) {
        return ByteBuffer.allocate(16).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .array();
    }
}
