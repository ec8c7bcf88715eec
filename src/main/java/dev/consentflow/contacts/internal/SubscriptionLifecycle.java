package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConfirmOutcome;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.PendingSubscriptions;
import dev.consentflow.contacts.SubscriberId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionRef;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.Subscriptions;
import dev.consentflow.dispatch.Channel;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcOperations;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/** What happens to a subscription after the request: confirmation, expiry, bounce. */
@Component
class SubscriptionLifecycle implements PendingSubscriptions, Subscriptions {

    private static final Pattern ENHANCED_CODE = Pattern.compile("\\b([245]\\.\\d{1,3}\\.\\d{1,3})\\b");
    private static final int MAX_USER_AGENT = 512;
    private static final int MAX_IP = 45;
    /**
     * The subscription a confirmation click is about, its row locked, only while its card is there and not erased,
     * with its list (the list's columns named apart from the subscription's): one statement where the list was a
     * select of its own.
     */
    private static final String LOCK_ON_LIVE_CARD_WITH_LIST = """
            select s.*, """ + ListColumns.SELECT + """
              from contacts_subscription s
              join contacts_list l on l.id = s.list_id
             where s.id = :id and s.account_id = :accountId
               and exists (select 1 from contacts_contact c where c.id = s.contact_id and c.erased_at is null)
               for update of s""";
    /** A subscription's card, state and list (a confirmation link's page, an unsubscribe page): one statement. */
    private static final String SUBSCRIPTION_WITH_LIST = """
            select s.contact_id, s.status, """ + ListColumns.SELECT + """
              from contacts_subscription s
              join contacts_list l on l.id = s.list_id
             where s.id = :id and s.account_id = :accountId""";
    /**
     * Writes what {@link Subscription#confirmed} made of the row it was made from: only the columns a confirmation
     * changes (saving the aggregate wrote every one), each with the record's value, so what a confirmation is stays
     * said in one place; from the version read. Sent through the template, not a repository query: Spring Data's
     * query method bound its nine parameters through its converter and reflection on every click (about 6 % of a
     * click's request thread in SignupConfirmCostBench's profile).
     */
    private static final String CONFIRM = """
            update contacts_subscription
               set status = :status, confirmed_at = :confirmedAt, confirm_ip = :confirmIp,
                   confirm_user_agent = :confirmUserAgent, unsubscribed_at = :unsubscribedAt,
                   bounced_at = :bouncedAt, updated_at = :updatedAt, version = version + 1
             where id = :id and version = :version""";

    private final SubscriptionRepository subscriptions;
    private final ContactRepository contacts;
    private final Lists lists;
    private final ContactAudit audit;
    private final Cards cards;
    private final CardEvents events;
    private final NamedParameterJdbcOperations jdbc;

    SubscriptionLifecycle(SubscriptionRepository subscriptions, ContactRepository contacts, Lists lists,
                          ContactAudit audit, Cards cards, CardEvents events, NamedParameterJdbcOperations jdbc) {
        this.events = events;
        this.jdbc = jdbc;
        this.subscriptions = subscriptions;
        this.contacts = contacts;
        this.lists = lists;
        this.audit = audit;
        this.cards = cards;
    }

    /**
     * Confirms once: the row is locked, so of many clicks at once one confirms and the rest see it confirmed. The
     * row and its list are the ones {@link #lockForConfirmation} locked and read in this transaction, if it did.
     */
    @Override
    @Transactional
    public ConfirmOutcome confirm(AccountId account, SubscriptionId id, ConsentEvidence click) {
        LockedForConfirmation locked = LockedForConfirmation.take(id, account);
        Optional<Subscription> found = locked != null ? Optional.of(locked.subscription())
                : subscriptions.findLockedByIdAndAccountId(id.value(), account.value());
        if (found.isEmpty()) {
            return ConfirmOutcome.NOT_PENDING;
        }
        Subscription subscription = found.get();
        if (subscription.status() == SubscriptionStatus.CONFIRMED) {
            return ConfirmOutcome.ALREADY_CONFIRMED;
        }
        // A row kept by lockForConfirmation was locked only on a card that is there and not erased.
        boolean erased = locked == null && contacts.findErasedById(subscription.contactId()).orElse(true);
        if (subscription.status() != SubscriptionStatus.PENDING || erased) {
            return ConfirmOutcome.NOT_PENDING;
        }
        ConsentEvidence evidence = cleanClick(click);
        Subscription confirmed = subscription.confirmed(evidence, Cards.now());
        if (write(confirmed) != 1) {
            throw new OptimisticLockingFailureException("subscription " + id.value() + " changed while confirmed");
        }
        audit.confirmed(confirmed, locked != null ? locked.list() : lists.byId(confirmed.listId()));
        return ConfirmOutcome.CONFIRMED;
    }

    /** The statement of a confirmation ({@link #CONFIRM}); 0: the row changed since it was read. */
    private int write(Subscription confirmed) {
        Map<String, Object> values = new HashMap<>();
        values.put("id", confirmed.id());
        values.put("version", confirmed.version());
        values.put("status", confirmed.status().name());
        values.put("confirmedAt", timestamp(confirmed.confirmedAt()));
        values.put("confirmIp", confirmed.confirmIp());
        values.put("confirmUserAgent", confirmed.confirmUserAgent());
        values.put("unsubscribedAt", timestamp(confirmed.unsubscribedAt()));
        values.put("bouncedAt", timestamp(confirmed.bouncedAt()));
        values.put("updatedAt", timestamp(confirmed.updatedAt()));
        return jdbc.update(CONFIRM, values);
    }

    private static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    @Override
    @Transactional
    public Optional<SubscriptionRef> lockForConfirmation(AccountId account, SubscriptionId id) {
        return jdbc.query(LOCK_ON_LIVE_CARD_WITH_LIST, Map.of("id", id.value(), "accountId", account.value()),
                        (rs, row) -> new LockedForConfirmation(subscriptionOf(rs), listOf(rs)))
                .stream().findFirst().map(locked -> {
                    LockedForConfirmation.keep(locked);
                    Subscription subscription = locked.subscription();
                    return new SubscriptionRef(new SubscriberId(subscription.contactId()), id, locked.list().info(),
                            subscription.status());
                });
    }

    /**
     * A subscription from its columns in a row, as the repository's mapping reads it (SubscriptionRowsIT compares
     * the two), by hand: Spring Data's EntityRowMapper, which a click's lock ran, was half of that statement's
     * samples on the click's request thread in SignupConfirmCostBench's profile (reflection, conversions per column).
     */
    static Subscription subscriptionOf(ResultSet rs) throws SQLException {
        return new Subscription(rs.getObject("id", UUID.class), rs.getObject("account_id", UUID.class),
                rs.getObject("contact_id", UUID.class), rs.getObject("list_id", UUID.class),
                Channel.valueOf(rs.getString("channel")), SubscriptionStatus.valueOf(rs.getString("status")),
                Source.valueOf(rs.getString("source")), instant(rs, "subscribed_at"), rs.getString("subscribe_ip"),
                rs.getString("subscribe_user_agent"), rs.getString("form_key"),
                rs.getObject("form_version", Integer.class), rs.getString("integration"), rs.getString("consent_text"),
                instant(rs, "confirmed_at"), rs.getString("confirm_ip"), rs.getString("confirm_user_agent"),
                instant(rs, "unsubscribed_at"), instant(rs, "bounced_at"), instant(rs, "updated_at"),
                rs.getObject("version", Long.class));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    /** A list's columns in a statement about a subscription, named apart from the subscription's. */
    private static final class ListColumns {
        static final String SELECT = """
                l.id as list_of_id, l.account_id as list_of_account_id, l.key as list_of_key,
                       l.name as list_of_name, l.brand as list_of_brand, l.created_at as list_of_created_at,
                       l.language as list_of_language, l.track_opens as list_of_track_opens,
                       l.track_clicks as list_of_track_clicks
                """;
    }

    /** The list of a row that selected {@link ListColumns#SELECT}. */
    private static MailingList listOf(ResultSet rs) throws SQLException {
        var created = rs.getTimestamp("list_of_created_at");
        return new MailingList(rs.getObject("list_of_id", UUID.class), rs.getObject("list_of_account_id", UUID.class),
                rs.getString("list_of_key"), rs.getString("list_of_name"), rs.getString("list_of_brand"),
                created == null ? null : created.toInstant(), rs.getString("list_of_language"),
                rs.getBoolean("list_of_track_opens"), rs.getBoolean("list_of_track_clicks"));
    }

    /**
     * A subscription row locked by a confirmation click and its list, bound to the click's transaction until its
     * {@link #confirm} takes it (once) or the transaction ends.
     */
    private record LockedForConfirmation(Subscription subscription, MailingList list) {

        private record Key(UUID subscriptionId) {
        }

        static void keep(LockedForConfirmation locked) {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                return;
            }
            Key key = new Key(locked.subscription().id());
            TransactionSynchronizationManager.unbindResourceIfPossible(key);
            TransactionSynchronizationManager.bindResource(key, locked);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(key);
                }
            });
        }

        /** The row this transaction locked for the confirmation, if it is the account's; null otherwise. */
        static LockedForConfirmation take(SubscriptionId id, AccountId account) {
            if (!TransactionSynchronizationManager.isSynchronizationActive()) {
                return null;
            }
            Object kept = TransactionSynchronizationManager.unbindResourceIfPossible(new Key(id.value()));
            return kept instanceof LockedForConfirmation locked
                    && locked.subscription().accountId().equals(account.value()) ? locked : null;
        }
    }

    /** A click's evidence as a subscription keeps it: a time always, the IP and user agent within their columns. */
    static ConsentEvidence cleanClick(ConsentEvidence click) {
        return click == null
                ? ConsentEvidence.ofClick(Cards.now(), null, null)
                : new ConsentEvidence(click.at() == null ? Cards.now() : click.at(), clip(click.ip(), MAX_IP),
                        clip(click.userAgent(), MAX_USER_AGENT), click.formKey(), click.formVersion(),
                        click.consentText());
    }

    /**
     * Removes an expired pending subscription, and its card when nothing else holds it. Takes the locks of the
     * card's addresses, so a signup of the same person that arrives meanwhile waits and then starts afresh.
     */
    @Override
    @Transactional
    public void purgeExpired(AccountId account, SubscriptionId id) {
        Optional<Contact> owner = subscriptions.findByIdAndAccountId(id.value(), account.value())
                .flatMap(s -> contacts.findById(s.contactId()));
        if (owner.isEmpty()) {
            return;
        }
        // The address locks first, the row lock after, in the order a signup takes them: no deadlock.
        lockAddresses(owner.get());
        Optional<Subscription> found = subscriptions.findLockedByIdAndAccountId(id.value(), account.value());
        if (found.isEmpty() || found.get().status() != SubscriptionStatus.PENDING) {
            return;
        }
        Subscription subscription = found.get();
        subscriptions.delete(subscription);
        Contact contact = contacts.findById(subscription.contactId()).orElseThrow();
        boolean removeCard = !contact.isErased() && !subscriptions.existsByContactId(contact.id());
        if (removeCard) {
            contacts.delete(contact);
        }
        audit.purged(subscription, lists.byId(subscription.listId()), removeCard);
    }

    @Override
    @Transactional
    public void lockPerson(AccountId account, SubscriptionId id) {
        subscriptions.findByIdAndAccountId(id.value(), account.value())
                .flatMap(s -> contacts.findById(s.contactId()))
                .ifPresent(this::lockAddresses);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<SubscriptionRef> subscription(AccountId account, SubscriptionId id) {
        return jdbc.query(SUBSCRIPTION_WITH_LIST, Map.of("id", id.value(), "accountId", account.value()),
                (rs, row) -> new SubscriptionRef(new SubscriberId(rs.getObject("contact_id", UUID.class)), id,
                        listOf(rs).info(), SubscriptionStatus.valueOf(rs.getString("status"))))
                .stream().findFirst();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<SubscriptionRef> subscription(AccountId account, SubscriberId subscriber, String listKey) {
        return lists.find(account, listKey).flatMap(list -> subscriptions
                .findByContactIdAndListId(subscriber.value(), list.id())
                .filter(s -> s.accountId().equals(account.value()))
                .map(s -> new SubscriptionRef(subscriber, new SubscriptionId(s.id()), list.info(), s.status())));
    }

    /**
     * A hard bounce: the subscription becomes BOUNCED. Only the SMTP codes of the diagnostic are audited; its
     * text often repeats the address.
     */
    @Transactional
    void bounced(AccountId account, UUID subscriberId, UUID subscriptionId, String diagnostic) {
        if (subscriptionId == null) {
            return;
        }
        subscriptions.findLockedByIdAndAccountId(subscriptionId, account.value())
                .filter(s -> s.contactId().equals(subscriberId))
                .filter(s -> s.status() != SubscriptionStatus.BOUNCED)
                .ifPresent(s -> {
                    Subscription bounced = subscriptions.save(s.bounced(Cards.now()));
                    audit.bounced(bounced, lists.byId(bounced.listId()), smtpCodes(diagnostic));
                    events.rate(bounced.contactId());
                });
    }

    /** The same locks a signup of this person takes (computed from the addresses, as a signup computes them). */
    private void lockAddresses(Contact contact) {
        cards.lockPerson(contact);
    }

    /** {@code 550 5.1.1 <anna@…>: unknown} gives {@code 550 5.1.1}: the codes, never the text. */
    static String smtpCodes(String diagnostic) {
        if (diagnostic == null) {
            return null;
        }
        String head = diagnostic.strip();
        head = head.substring(0, Math.min(head.length(), 200));
        StringBuilder codes = new StringBuilder();
        if (head.length() >= 3 && head.chars().limit(3).allMatch(Character::isDigit)) {
            codes.append(head, 0, 3);
        }
        Matcher enhanced = ENHANCED_CODE.matcher(head);
        if (enhanced.find()) {
            codes.append(codes.isEmpty() ? "" : " ").append(enhanced.group(1));
        }
        return codes.isEmpty() ? null : codes.toString();
    }

    private static String clip(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
