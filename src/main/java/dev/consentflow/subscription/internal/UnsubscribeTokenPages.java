package dev.consentflow.subscription.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriptionId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * The unsubscribe tokens of a whole page of subscriptions (a campaign's page of recipients): the stored ones in one
 * query, the missing ones made as {@link UnsubscribeTokens} makes them and stored in one statement, instead of a
 * query and an insert for each mail.
 */
@Component
class UnsubscribeTokenPages {

    private static final String INSERT = NamedSql.read("subscription", "insert-unsubscribe-tokens");
    /** Five parameters a row. */
    private static final int ROWS_PER_INSERT = 1000;

    private final UnsubscribeTokens tokens;
    private final UnsubscribeTokenRepository repository;
    private final JdbcClient jdbc;

    UnsubscribeTokenPages(UnsubscribeTokens tokens, UnsubscribeTokenRepository repository, JdbcClient jdbc) {
        this.tokens = tokens;
        this.repository = repository;
        this.jdbc = jdbc;
    }

    @Transactional
    Map<SubscriptionId, String> tokensOf(AccountId account, Collection<SubscriptionId> subscriptions) {
        Map<SubscriptionId, String> found = new HashMap<>();
        Set<UUID> wanted = new HashSet<>();
        subscriptions.forEach(s -> wanted.add(s.value()));
        if (wanted.isEmpty()) {
            return found;
        }
        for (UnsubscribeToken stored : repository.findBySubscriptionIds(wanted)) {
            found.put(new SubscriptionId(stored.subscriptionId()), tokens.open(account, stored));
        }
        Map<UUID, String> made = new HashMap<>();
        List<UnsubscribeToken> rows = new ArrayList<>();
        for (UUID id : wanted) {
            if (!found.containsKey(new SubscriptionId(id))) {
                String token = RandomTokens.next();
                made.put(id, token);
                rows.add(tokens.made(account, new SubscriptionId(id), token));
            }
        }
        Set<UUID> stored = insert(rows);
        made.forEach((id, token) -> {
            SubscriptionId subscription = new SubscriptionId(id);
            // Not stored: a parallel first mail stored its token first, and that one is the link.
            found.put(subscription, stored.contains(id) ? token : tokens.tokenOf(account, subscription));
        });
        return found;
    }

    private Set<UUID> insert(List<UnsubscribeToken> rows) {
        Set<UUID> stored = new HashSet<>();
        for (int from = 0; from < rows.size(); from += ROWS_PER_INSERT) {
            List<UnsubscribeToken> chunk = rows.subList(from, Math.min(rows.size(), from + ROWS_PER_INSERT));
            List<Object> params = new ArrayList<>(chunk.size() * 5);
            StringBuilder values = new StringBuilder();
            for (UnsubscribeToken row : chunk) {
                values.append(values.isEmpty() ? "" : ", ").append("(?, ?, ?, ?, ?)");
                params.add(row.subscriptionId());
                params.add(row.accountId());
                params.add(row.tokenHash());
                params.add(row.tokenSealed());
                params.add(row.keyVersion());
            }
            stored.addAll(jdbc.sql(INSERT.replace("VALUES_ROWS", values)).params(params).query(UUID.class).list());
        }
        return stored;
    }
}
