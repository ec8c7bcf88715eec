package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListKeyTaken;
import dev.consentflow.contacts.ListLanguage;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** An account's mailing lists. */
@Component
class Lists {

    private static final String FIND_BY_KEY = "select id, account_id, key, name, brand, created_at, language,"
            + " track_opens, track_clicks from contacts_list where account_id = :accountId and key = :key";

    private final MailingListRepository lists;
    private final JdbcAggregateTemplate aggregates;
    private final ListAudit audit;
    private final JdbcClient jdbc;

    Lists(MailingListRepository lists, JdbcAggregateTemplate aggregates, ListAudit audit, JdbcClient jdbc) {
        this.lists = lists;
        this.aggregates = aggregates;
        this.audit = audit;
        this.jdbc = jdbc;
    }

    /** Creates a list; its key must be free in the account (a race for one key ends in the unique constraint). */
    @Transactional
    MailingList create(AccountId account, String key, String name, String brand, Settings settings) {
        if (lists.existsByAccountIdAndKey(account.value(), key)) {
            throw new ListKeyTaken();
        }
        Settings given = settings.validated();
        MailingList created = Duplicates.asConflict(ListKeyTaken::new, () -> aggregates.insert(
                new MailingList(UUID.randomUUID(), account.value(), key, name, brand, Cards.now(),
                        given.languageOr(ListLanguage.DEFAULT), given.opensOr(false), given.clicksOr(false))));
        audit.created(created);
        return created;
    }

    /** A list's language and tracking; what the request leaves out stays as it is. */
    @Transactional
    MailingList change(AccountId account, String key, Settings settings) {
        MailingList list = find(account, key).orElseThrow(() -> new NotFoundException("List"));
        return change(account, key, list.name(), list.brand(), settings);
    }

    /**
     * A list's name and brand (as given: a null brand is none) and its language and tracking (what the settings leave
     * out stays), one write and one audit entry naming what changed (none when nothing did).
     */
    @Transactional
    MailingList change(AccountId account, String key, String name, String brand, Settings settings) {
        MailingList list = find(account, key).orElseThrow(() -> new NotFoundException("List"));
        Settings given = settings.validated();
        MailingList changed = new MailingList(list.id(), list.accountId(), list.key(), name, brand, list.createdAt(),
                given.languageOr(list.language()), given.opensOr(list.trackOpens()), given.clicksOr(list.trackClicks()));
        if (changed.equals(list)) {
            return list;
        }
        audit.changed(list, changed);
        return aggregates.update(changed);
    }

    /** What a request may set on a list; null leaves it unset (default or unchanged). */
    record Settings(String language, Boolean trackOpens, Boolean trackClicks) {

        Settings validated() {
            if (language != null && !ListLanguage.isSupported(language)) {
                throw new InvalidInputException("language", "must be one of " + String.join(", ", ListLanguage.CODES));
            }
            return this;
        }

        String languageOr(String other) {
            return language == null ? other : language;
        }

        boolean opensOr(boolean other) {
            return trackOpens == null ? other : trackOpens;
        }

        boolean clicksOr(boolean other) {
            return trackClicks == null ? other : trackClicks;
        }
    }

    /** A new name and brand for a list of the account; its key, id and creation time stay. */
    @Transactional
    MailingList change(AccountId account, String key, String name, String brand) {
        return change(account, key, name, brand, new Settings(null, null, null));
    }

    List<MailingList> all(AccountId account) {
        return lists.findByAccountIdOrderByKey(account.value());
    }

    /**
     * Read with a row mapper of its own, not the repository's: Spring Data's mapping of the row (conversions,
     * reflection) cost a form post, which reads its form's list, more CPU than the read itself.
     */
    Optional<MailingList> find(AccountId account, String key) {
        return key == null ? Optional.empty() : jdbc.sql(FIND_BY_KEY).param("accountId", account.value())
                .param("key", key).query(Lists::mailingList).optional();
    }

    private static MailingList mailingList(ResultSet row, int number) throws SQLException {
        Timestamp createdAt = row.getTimestamp("created_at");
        return new MailingList(row.getObject("id", UUID.class), row.getObject("account_id", UUID.class),
                row.getString("key"), row.getString("name"), row.getString("brand"),
                createdAt == null ? null : createdAt.toInstant(), row.getString("language"),
                row.getBoolean("track_opens"), row.getBoolean("track_clicks"));
    }

    /** The list of a request, or a {@code 400} naming the field: an unknown list is bad input. */
    MailingList require(AccountId account, String field, String key) {
        return find(account, key).orElseThrow(() -> new InvalidInputException(field, "is not a list of this account"));
    }

    MailingList byId(UUID id) {
        return lists.findById(id).orElseThrow();
    }
}
