package dev.consentflow.campaigns.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.MailingNames;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Names dispatch's batches and automation messages for a person's record: a campaign's name, a flow's template. */
@Component
class CampaignMailingNames implements MailingNames {

    private static final String CAMPAIGNS = NamedSql.read("campaigns", "campaign-names");
    private static final String TEMPLATES = NamedSql.read("campaigns", "automation-mail-templates");

    private final JdbcClient jdbc;

    CampaignMailingNames(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Map<String, String> batches(AccountId account, Collection<String> batchIds) {
        Map<String, String> names = new HashMap<>();
        if (!batchIds.isEmpty()) {
            jdbc.sql(CAMPAIGNS).param("accountId", account.value()).param("ids", batchIds)
                    .query(rs -> {
                        names.put(rs.getString("id"), rs.getString("name"));
                    });
        }
        return names;
    }

    @Override
    public Map<UUID, String> messages(AccountId account, Collection<UUID> messageIds) {
        Map<UUID, String> names = new HashMap<>();
        if (!messageIds.isEmpty()) {
            jdbc.sql(TEMPLATES).param("accountId", account.value()).param("ids", messageIds)
                    .query(rs -> {
                        names.put(rs.getObject("message_id", UUID.class), rs.getString("key"));
                    });
        }
        return names;
    }
}
