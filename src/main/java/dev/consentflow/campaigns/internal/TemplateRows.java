package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.TemplateKeyTaken;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** An account's mail templates. */
@Component
class TemplateRows {

    private final JdbcClient jdbc;

    TemplateRows(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Template(UUID id, String key, String subject, String html, String text, Instant createdAt) {
    }

    Template create(AccountId account, String key, String subject, String html, String text) {
        Template template = new Template(UUID.randomUUID(), key, subject, html, text,
                Instant.now().truncatedTo(ChronoUnit.MICROS));
        try {
            jdbc.sql("""
                            insert into campaigns_template (id, account_id, key, subject, html, text, created_at)
                            values (:id, :account, :key, :subject, :html, :text, :createdAt)
                            """)
                    .param("id", template.id()).param("account", account.value()).param("key", key)
                    .param("subject", subject).param("html", html).param("text", text)
                    .param("createdAt", java.sql.Timestamp.from(template.createdAt()))
                    .update();
        } catch (DuplicateKeyException e) {
            throw new TemplateKeyTaken("This account already has a template with the key " + key);
        }
        return template;
    }

    /** New subject, HTML and text; answers whether the account has a template with the key. */
    boolean change(AccountId account, String key, String subject, String html, String text) {
        return jdbc.sql("""
                        update campaigns_template set subject = :subject, html = :html, text = :text
                         where account_id = :account and key = :key
                        """)
                .param("subject", subject).param("html", html).param("text", text)
                .param("account", account.value()).param("key", key).update() == 1;
    }

    List<Template> all(AccountId account) {
        return jdbc.sql("select * from campaigns_template where account_id = :account order by key")
                .param("account", account.value()).query(TemplateRows::template).list();
    }

    Optional<Template> byKey(AccountId account, String key) {
        return jdbc.sql("select * from campaigns_template where account_id = :account and key = :key")
                .param("account", account.value()).param("key", key).query(TemplateRows::template).optional();
    }

    Optional<Template> byId(AccountId account, UUID id) {
        return jdbc.sql("select * from campaigns_template where account_id = :account and id = :id")
                .param("account", account.value()).param("id", id).query(TemplateRows::template).optional();
    }

    private static Template template(ResultSet rs, int row) throws SQLException {
        return new Template(rs.getObject("id", UUID.class), rs.getString("key"), rs.getString("subject"),
                rs.getString("html"), rs.getString("text"), rs.getTimestamp("created_at").toInstant());
    }
}
