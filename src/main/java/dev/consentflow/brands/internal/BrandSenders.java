package dev.consentflow.brands.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.PendingResubscriptions;
import dev.consentflow.contacts.ResubscriptionId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.dispatch.Sender;
import dev.consentflow.dispatch.SenderDirectory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Tells dispatch who a subscription's mail is from: its list's brand, when that brand has a record: its own From
 * (its name, else the brand's), or, for a brand without its own address, the brand's name on the global address
 * (unsigned by the brand's key, as the domain is the global one); else nothing (the global sender). A resubscription's confirmation has no subscription yet: it names
 * the pending resubscription (as {@link dev.consentflow.dispatch.RecipientDirectory} reads it too), whose list's
 * brand it speaks for, as a signup's confirmation does. A brand's sender and opened key are kept for a short while, since
 * this is asked before every mail; a change on this node is seen at once, on others within {@link #FRESH}.
 */
@Component
class BrandSenders implements SenderDirectory {

    static final Duration FRESH = Duration.ofSeconds(30);

    private final Subscriptions contacts;
    private final PendingResubscriptions resubscriptions;
    private final BrandRepository brands;
    private final DkimKeys dkim;
    private final String globalAddress;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private final Map<UUID, Instant> accountsWithoutSenders = new ConcurrentHashMap<>();

    BrandSenders(Subscriptions contacts, PendingResubscriptions resubscriptions, BrandRepository brands,
                 DkimKeys dkim, @Value("${consentflow.mail.from}") String globalFrom) {
        this.globalAddress = addressOf(globalFrom);
        this.contacts = contacts;
        this.resubscriptions = resubscriptions;
        this.brands = brands;
        this.dkim = dkim;
    }

    private record Cached(Optional<Sender> sender, Instant until) {
    }

    @Override
    public Optional<Sender> senderOf(AccountId account, UUID subscriptionId) {
        if (!hasSenders(account)) {
            return Optional.empty();
        }
        return contacts.subscription(account, new SubscriptionId(subscriptionId))
                .map(SubscriptionRef::list)
                .or(() -> resubscriptions.list(account, new ResubscriptionId(subscriptionId)))
                .map(ListInfo::brand)
                .flatMap(brandKey -> of(account, brandKey));
    }

    Optional<Sender> of(AccountId account, String brandKey) {
        if (brandKey == null || brandKey.isBlank()) {
            return Optional.empty();
        }
        Instant now = Instant.now();
        Cached cached = cache.get(key(account, brandKey));
        if (cached != null && cached.until().isAfter(now)) {
            return cached.sender();
        }
        Optional<Sender> sender = brands.findByAccountIdAndBrandKey(account.value(), brandKey)
                .map(brand -> brand.fromAddress() == null
                        ? new Sender(brand.displayName(), globalAddress, brand.replyTo(), null)
                        : new Sender(brand.fromName() != null ? brand.fromName() : brand.displayName(),
                                brand.fromAddress(), brand.replyTo(), dkim.signingKey(brand).orElse(null)));
        cache.put(key(account, brandKey), new Cached(sender, now.plus(FRESH)));
        return sender;
    }

    void forget(AccountId account, String brandKey) {
        cache.remove(key(account, brandKey));
        accountsWithoutSenders.remove(account.value());
    }

    /** Accounts without brand records send as the platform: for them, no subscription is looked up before each mail. */
    private boolean hasSenders(AccountId account) {
        Instant now = Instant.now();
        Instant until = accountsWithoutSenders.get(account.value());
        if (until != null && until.isAfter(now)) {
            return false;
        }
        if (brands.existsByAccountId(account.value())) {
            accountsWithoutSenders.remove(account.value());
            return true;
        }
        accountsWithoutSenders.put(account.value(), now.plus(FRESH));
        return false;
    }

    /**
     * The address of {@code consentflow.mail.from} ({@code Name <address>} or the address alone); mail stays in
     * dispatch, which checks the whole value at start-up.
     */
    static String addressOf(String from) {
        int open = from.lastIndexOf('<');
        int close = from.lastIndexOf('>');
        return (open >= 0 && close > open ? from.substring(open + 1, close) : from).strip();
    }

    private static String key(AccountId account, String brandKey) {
        return account.value() + "/" + brandKey;
    }
}
