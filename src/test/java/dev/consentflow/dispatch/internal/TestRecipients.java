package dev.consentflow.dispatch.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.Recipient;
import dev.consentflow.dispatch.RecipientDirectory;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Stands in for the contacts module in dispatch tests: maps subscriber ids to addresses, can say "suppressed",
 * and remembers the bounces it was told about.
 */
public class TestRecipients implements RecipientDirectory {

    public record Bounce(AccountId account, UUID subscriberId, UUID subscriptionId, String diagnostic) {
    }

    private final Map<UUID, String> addresses = new ConcurrentHashMap<>();
    private final Set<UUID> suppressed = ConcurrentHashMap.newKeySet();
    private final List<Bounce> bounces = new CopyOnWriteArrayList<>();

    /** A new subscriber at this address (mail address or E.164 number). */
    public UUID add(String address) {
        UUID subscriberId = UUID.randomUUID();
        addresses.put(subscriberId, address);
        return subscriberId;
    }

    public void suppress(UUID subscriberId) {
        suppressed.add(subscriberId);
    }

    public List<Bounce> bounces() {
        return List.copyOf(bounces);
    }

    @Override
    public Optional<Recipient> resolve(AccountId account, UUID subscriberId, UUID subscriptionId, Channel channel,
                                       Purpose purpose) {
        if (suppressed.contains(subscriberId)) {
            return Optional.empty();
        }
        return Optional.ofNullable(addresses.get(subscriberId)).map(Recipient::new);
    }

    @Override
    public void bounced(AccountId account, UUID subscriberId, UUID subscriptionId, String diagnostic) {
        bounces.add(new Bounce(account, subscriberId, subscriptionId, diagnostic));
    }
}
