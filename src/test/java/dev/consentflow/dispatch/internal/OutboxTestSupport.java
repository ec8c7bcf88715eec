package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.Ledger;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Enqueues test messages and reads the outbox the way the dispatch ITs check it. */
record OutboxTestSupport(Dispatch dispatch, JdbcClient jdbc, AccountId account) {

    static final Duration PATIENCE = Duration.ofSeconds(60);

    UUID mail(UUID subscriberId, String batchId, String subject) {
        return dispatch.enqueue(new OutboundMessage(account, subscriberId, UUID.randomUUID(), Channel.EMAIL,
                Purpose.CAMPAIGN, batchId, new OutboundMessage.Content(subject, "Hello,\r\nthis is the text.",
                "<p>Hello, this is <b>HTML</b>.</p>"), "https://consentflow.test/u/" + UUID.randomUUID(),
                "news.acme.example"));
    }

    UUID confirmation(UUID subscriberId, String batchId, String subject) {
        return dispatch.enqueue(new OutboundMessage(account, subscriberId, UUID.randomUUID(), Channel.EMAIL,
                Purpose.CONFIRMATION, batchId, new OutboundMessage.Content(subject, "Please confirm: "
                + "https://consentflow.test/c/" + UUID.randomUUID(), null), null, null));
    }

    UUID sms(UUID subscriberId, String batchId, String text) {
        return dispatch.enqueue(new OutboundMessage(account, subscriberId, UUID.randomUUID(), Channel.SMS,
                Purpose.CONFIRMATION, batchId, new OutboundMessage.Content(null, text, null), null, null));
    }

    MessageState awaitFinal(UUID id) {
        await().atMost(PATIENCE).until(() -> state(id).isFinal());
        return state(id);
    }

    MessageState state(UUID id) {
        return dispatch.state(account, id).orElseThrow();
    }

    Map<String, Object> row(UUID id) {
        return jdbc.sql("select * from dispatch_outbox where id = :id").param("id", id).query().singleRow();
    }

    /** The message's sealed content, while it has one. */
    java.util.Optional<byte[]> content(UUID id) {
        return jdbc.sql("select sealed from dispatch_outbox_content where message_id = :id").param("id", id)
                .query(byte[].class).optional();
    }

    int attempts(UUID id) {
        return ((Number) row(id).get("attempts")).intValue();
    }

    /** RELIABILITY.md: every recipient of the batch in exactly one end state, none left on the way. */
    Ledger assertLedgerAddsUp(String batchId, long audience) {
        await().atMost(PATIENCE).until(() -> dispatch.ledger(batchId).isClosed());
        Ledger ledger = dispatch.ledger(batchId);
        assertThat(ledger.audience()).isEqualTo(audience);
        assertThat(ledger.sent() + ledger.hardFailed() + ledger.suppressed() + ledger.expired() + ledger.unknown())
                .as("audience = SENT + HARD_FAIL + SUPPRESSED + EXPIRED + UNKNOWN for %s", ledger)
                .isEqualTo(audience);
        assertThat(jdbc.sql("""
                        select count(*) from dispatch_outbox_content c join dispatch_outbox o on o.id = c.message_id
                         where o.batch_id = :b""")
                .param("b", batchId).query(Long.class).single()).as("content left after the end").isZero();
        return ledger;
    }
}
