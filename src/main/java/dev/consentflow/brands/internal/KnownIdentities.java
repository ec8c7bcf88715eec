package dev.consentflow.brands.internal;

import dev.consentflow.engine.ChangeNotices;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.brands.BrandIdentity;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * The brands the public pages show, by account and key, as last read (a key without a record too): every
 * confirmation, form and unsubscribe page of a branded list read its brand's row
 * ({@code select * from brands_brand where account_id = ? and brand_key = ?}, after the click's commit). A brand is
 * answered from here only while this node hears the notices of {@value #CHANNEL} (V316's trigger, on every change to
 * the table, by any node, when it commits; {@link ChangeNotices}) and none was heard since the read began; a change
 * made here moves the generation on when its transaction ends, before its notice arrives. Never kept: what was read
 * while this node did not listen.
 */
@Component
class KnownIdentities {

    static final String CHANNEL = "consentflow_brands";
    /** Accounts times brands that one node keeps at most; past it, everything is read again. */
    private static final int MOST = 10_000;

    private record Key(UUID account, String brandKey) {
    }

    private record Kept(Optional<BrandIdentity> identity, long generation) {
    }

    private final Map<Key, Kept> kept = new ConcurrentHashMap<>();
    private final ChangeNotices notices;

    KnownIdentities(ChangeNotices notices) {
        this.notices = notices;
    }

    /** The brand as kept, or as {@code read} finds it (and then kept, unless a change was heard of meanwhile). */
    Optional<BrandIdentity> identity(AccountId account, String brandKey, Supplier<Optional<BrandIdentity>> read) {
        long generation = notices.generation(CHANNEL);
        Key key = new Key(account.value(), brandKey);
        Kept known = kept.get(key);
        if (generation >= 0 && known != null && known.generation() == generation) {
            return known.identity();
        }
        Optional<BrandIdentity> identity = read.get();
        if (generation >= 0) {
            if (kept.size() >= MOST) {
                kept.clear();
            }
            kept.put(key, new Kept(identity, generation));
        }
        return identity;
    }

    /**
     * A brand is being made or changed in the current transaction: once it ends (committed or rolled back, since it
     * may have read its own change meanwhile), nothing read before counts.
     */
    void changing() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            notices.changed(CHANNEL);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCompletion(int status) {
                notices.changed(CHANNEL);
            }
        });
    }
}
