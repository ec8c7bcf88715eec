package dev.consentflow.campaigns.internal;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Automation mail ({@code campaigns_automation_mail}) and the numbered links of templates
 * ({@code campaigns_template_link}): what a tracking token of an automation mail leads to.
 */
@Component
class AutomationMails {

    private final JdbcClient jdbc;

    AutomationMails(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One mail an automation flow enqueued. */
    record Mail(UUID id, UUID accountId, UUID subscriberId, UUID subscriptionId, UUID templateId,
                String processInstanceId, UUID messageId, byte[] trackingHash, Instant createdAt) {
    }

    void add(Mail mail) {
        jdbc.sql("""
                        insert into campaigns_automation_mail (id, account_id, subscriber_id, subscription_id,
                               template_id, process_instance_id, message_id, tracking_hash, created_at)
                        values (:id, :account, :subscriber, :subscription, :template, :instance, :message, :hash,
                                :createdAt)
                        """)
                .param("id", mail.id()).param("account", mail.accountId()).param("subscriber", mail.subscriberId())
                .param("subscription", mail.subscriptionId()).param("template", mail.templateId())
                .param("instance", mail.processInstanceId()).param("message", mail.messageId())
                .param("hash", mail.trackingHash()).param("createdAt", Timestamp.from(mail.createdAt())).update();
    }

    /** Stores a template's links once and answers them by URL with their number (as campaigns number theirs). */
    Map<String, Integer> numbered(UUID template, List<String> links) {
        for (int i = 0; i < links.size(); i++) {
            jdbc.sql("""
                            insert into campaigns_template_link (template_id, position, url)
                            values (:template, :position, :url) on conflict do nothing
                            """)
                    .param("template", template).param("position", i).param("url", links.get(i)).update();
        }
        Map<String, Integer> numbered = new LinkedHashMap<>();
        jdbc.sql("select position, url from campaigns_template_link where template_id = :template order by position")
                .param("template", template)
                .query(rs -> {
                    numbered.put(rs.getString("url"), rs.getInt("position"));
                });
        return numbered;
    }

    /** The automation mail a tracking token was given to. */
    Optional<Tracked> tracked(byte[] trackingHash) {
        return jdbc.sql("""
                        select id, template_id, subscriber_id, account_id from campaigns_automation_mail
                         where tracking_hash = :hash
                        """)
                .param("hash", trackingHash)
                .query((rs, row) -> new Tracked(rs.getObject("id", UUID.class),
                        rs.getObject("template_id", UUID.class), rs.getObject("subscriber_id", UUID.class),
                        rs.getObject("account_id", UUID.class)))
                .optional();
    }

    record Tracked(UUID mailId, UUID templateId, UUID subscriberId, UUID accountId) {
    }

    Optional<String> url(UUID template, int position) {
        return jdbc.sql("select url from campaigns_template_link where template_id = :template and position = :position")
                .param("template", template).param("position", position).query(String.class).optional();
    }

    /** The first open (and, for a click, the first click) of a mail; a click counts as an open too. */
    void opened(UUID mail, Instant at, boolean click) {
        jdbc.sql("""
                        update campaigns_automation_mail
                           set opened_at = coalesce(opened_at, :at),
                               clicked_at = case when :click then coalesce(clicked_at, :at) else clicked_at end
                         where id = :id
                        """)
                .param("at", Timestamp.from(at)).param("click", click).param("id", mail).update();
    }

    /** Forgets a person's automation mail (erasure): their tracking tokens then lead nowhere. */
    int deleteOfSubscriber(UUID account, UUID subscriber) {
        return jdbc.sql("delete from campaigns_automation_mail where account_id = :account and subscriber_id = :subscriber")
                .param("account", account).param("subscriber", subscriber).update();
    }
}
