package dev.consentflow.contacts.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.web.NotFoundException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link MailingLists}: the lists with their counts by status and their weekly growth and churn. */
@Service
class ListStatistics implements MailingLists {

    private static final String COUNTS = NamedSql.read("contacts", "list-counts");
    private static final String WEEKS = NamedSql.read("contacts", "list-weeks");
    private static final String FIELD_NAMES = NamedSql.read("contacts", "export-field-names");

    private final Lists lists;
    private final JdbcClient jdbc;

    ListStatistics(Lists lists, JdbcClient jdbc) {
        this.lists = lists;
        this.jdbc = jdbc;
    }

    @Override
    public Optional<ListInfo> findList(AccountId account, String listKey) {
        return lists.find(account, listKey).map(MailingList::info);
    }

    @Override
    @Transactional(readOnly = true)
    public List<ListCounts> counts(AccountId account) {
        return jdbc.sql(COUNTS).param("accountId", account.value()).param("listKey", null)
                .query(ListStatistics::counts).list();
    }

    @Override
    @Transactional(readOnly = true)
    public ListCounts counts(AccountId account, String listKey) {
        return jdbc.sql(COUNTS).param("accountId", account.value()).param("listKey", listKey)
                .query(ListStatistics::counts).optional().orElseThrow(() -> new NotFoundException("List"));
    }

    @Override
    @Transactional(readOnly = true)
    public List<ListWeek> weeks(AccountId account, String listKey, int weeks) {
        MailingList list = lists.find(account, listKey).orElseThrow(() -> new NotFoundException("List"));
        return jdbc.sql(WEEKS).param("listId", list.id()).param("weeks", weeks)
                .query((rs, row) -> new ListWeek(rs.getDate("week").toLocalDate(), rs.getLong("joined"),
                        rs.getLong("churned"))).list();
    }

    @Override
    public ListCounts create(AccountId account, String key, String name, String brand) {
        lists.create(account, key, name, brand, new Lists.Settings(null, null, null));
        return counts(account, key);
    }

    @Override
    public ListCounts change(AccountId account, String key, String name, String brand) {
        lists.change(account, key, name, brand);
        return counts(account, key);
    }

    @Override
    public ListInfo create(AccountId account, String key, ListSettings settings) {
        return lists.create(account, key, settings.name(), settings.brand(), tracking(settings)).info();
    }

    @Override
    @Transactional
    public ListInfo change(AccountId account, String key, ListSettings settings) {
        return lists.change(account, key, settings.name(), settings.brand(), tracking(settings)).info();
    }

    private static Lists.Settings tracking(ListSettings settings) {
        return new Lists.Settings(settings.language(), settings.trackOpens(), settings.trackClicks());
    }

    @Override
    @Transactional(readOnly = true)
    public List<Ended> endedSince(AccountId account, String listKey, Instant since) {
        MailingList list = lists.find(account, listKey).orElseThrow(() -> new NotFoundException("List"));
        return jdbc.sql("""
                        select id, status, case when status = 'BOUNCED' then coalesce(bounced_at, updated_at)
                                                else coalesce(unsubscribed_at, updated_at) end as at
                          from contacts_subscription
                         where list_id = :listId and status in ('UNSUBSCRIBED', 'BOUNCED') and updated_at >= :since
                        """)
                .param("listId", list.id()).param("since", Timestamp.from(since))
                .query((rs, row) -> new Ended(new SubscriptionId(rs.getObject("id", UUID.class)),
                        SubscriptionStatus.valueOf(rs.getString("status")), rs.getTimestamp("at").toInstant()))
                .list().stream().filter(e -> !e.at().isBefore(since)).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public Set<String> fieldNames(AccountId account) {
        return new LinkedHashSet<>(jdbc.sql(FIELD_NAMES).param("accountId", account.value()).param("listId", null)
                .query(String.class).list());
    }

    private static ListCounts counts(ResultSet rs, int row) throws SQLException {
        return new ListCounts(rs.getString("key"), rs.getString("name"), rs.getString("brand"),
                rs.getTimestamp("created_at").toInstant(), rs.getLong("pending"), rs.getLong("confirmed"),
                rs.getLong("unsubscribed"), rs.getLong("bounced"));
    }
}
