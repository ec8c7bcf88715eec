package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.NamedSql;
import dev.consentflow.dispatch.BatchFeedback;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.DeliveryFeedback;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.dispatch.Ledger;
import dev.consentflow.dispatch.Dispatch;
import dev.consentflow.dispatch.MessageState;
import dev.consentflow.dispatch.OutboundMessage;
import dev.consentflow.dispatch.Purpose;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay misbehaving, as RELIABILITY.md lists it: soft and hard refusals, no answer after the final dot, a
 * relay that is down; an SMS gateway that is busy or refuses; a node that dies with claimed rows; header
 * injection. The relay is a real SMTP server on a socket, scripted by the recipient's local part.
 */
@IntegrationTest
@Import(TestRecipients.class)
class DispatchFaultsIT {

    static final ScriptedSmtpServer relay;
    static final ScriptedSmsGateway gateway;

    static {
        try {
            relay = ScriptedSmtpServer.start();
            gateway = ScriptedSmsGateway.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void relayAndShortDelays(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", relay::port);
        registry.add("spring.mail.properties.mail.smtp.connectiontimeout", () -> "1000");
        registry.add("spring.mail.properties.mail.smtp.timeout", () -> "1500");
        registry.add("spring.mail.properties.mail.smtp.writetimeout", () -> "1500");
        registry.add("consentflow.dispatch.retry-delays", () -> "PT0.3S,PT0.3S,PT0.5S,PT1S,PT1S");
        registry.add("consentflow.dispatch.poll-interval", () -> "PT0.1S");
        registry.add("consentflow.dispatch.sms-gateway-url", gateway::url);
        registry.add("consentflow.dispatch.sms-request-timeout", () -> "PT2S");
    }

    @AfterAll
    static void stopServers() throws IOException {
        relay.close();
        gateway.close();
    }

    @Autowired
    Dispatch dispatch;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    TestRecipients recipients;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    Outbox outbox;
    @Autowired
    OutboxWorker worker;
    @Autowired
    DeliveryFeedback feedback;
    @Autowired
    PlatformTransactionManager transactionManager;

    OutboxTestSupport test;
    String batch;

    @BeforeEach
    void account() {
        test = new OutboxTestSupport(dispatch, jdbc, new AccountId(UUID.randomUUID()));
        batch = "faults-" + UUID.randomUUID();
    }

    @Test
    void softRefusalsAtRecipientAndAfterDataAreRetriedAndThenSentOnce() {
        String greylisted = address("soft");
        String busy = address("softdata");
        UUID first = test.mail(recipients.add(greylisted), batch, "Greylisted");
        UUID second = test.mail(recipients.add(busy), batch, "Busy after data");

        assertThat(test.awaitFinal(first)).isEqualTo(MessageState.SENT);
        assertThat(test.awaitFinal(second)).isEqualTo(MessageState.SENT);
        assertThat(test.attempts(first)).isEqualTo(2);
        assertThat(test.attempts(second)).isEqualTo(2);
        assertThat(relay.rcptAttempts(greylisted)).isEqualTo(2);
        assertThat(relay.received(greylisted)).extracting(ScriptedSmtpServer.Received::answer).containsExactly(250);
        assertThat(relay.received(busy)).extracting(ScriptedSmtpServer.Received::answer).containsExactly(451, 250);
        test.assertLedgerAddsUp(batch, 2);
    }

    @Test
    void hardRefusalsAreNotRetriedReportTheBounceAndLeaveTheOthersAlone() {
        String unknownUser = address("hard");
        String refusedContent = address("harddata");
        String fine = address("ok");
        UUID unknownSubscriber = recipients.add(unknownUser);
        UUID atRecipient = test.mail(unknownSubscriber, batch, "To nobody");
        UUID afterData = test.mail(recipients.add(refusedContent), batch, "Refused");
        UUID other = test.mail(recipients.add(fine), batch, "Fine");

        assertThat(test.awaitFinal(atRecipient)).isEqualTo(MessageState.HARD_FAIL);
        assertThat(test.awaitFinal(afterData)).isEqualTo(MessageState.HARD_FAIL);
        assertThat(test.awaitFinal(other)).isEqualTo(MessageState.SENT);
        assertThat(test.attempts(atRecipient)).isEqualTo(1);
        assertThat(relay.rcptAttempts(unknownUser)).isEqualTo(1);
        assertThat(relay.received(refusedContent)).hasSize(1);

        assertThat(recipients.bounces()).anySatisfy(bounce -> {
            assertThat(bounce.subscriberId()).isEqualTo(unknownSubscriber);
            assertThat(bounce.diagnostic()).contains("550").doesNotContain(unknownUser);
        });
        assertThat(test.row(atRecipient).get("relay_answer").toString()).contains("550").doesNotContain(unknownUser);
        test.assertLedgerAddsUp(batch, 3);
    }

    @Test
    void noAnswerAfterTheFinalDotEndsUnknownAndIsNeverSentAgain() {
        String silent = address("silent");
        String cut = address("cut");
        UUID unanswered = test.mail(recipients.add(silent), batch, "Silence");
        UUID hungUp = test.mail(recipients.add(cut), batch, "Hung up");

        assertThat(test.awaitFinal(unanswered)).isEqualTo(MessageState.UNKNOWN);
        assertThat(test.awaitFinal(hungUp)).isEqualTo(MessageState.UNKNOWN);
        // Later mail goes through fine; by then a resend of the unknown ones would have shown up.
        UUID later = test.mail(recipients.add(address("ok")), batch, "Afterwards");
        assertThat(test.awaitFinal(later)).isEqualTo(MessageState.SENT);
        assertThat(relay.received(silent)).hasSize(1);
        assertThat(relay.received(cut)).hasSize(1);
        assertThat(test.attempts(unanswered)).isEqualTo(1);
        assertThat(test.row(unanswered).get("relay_answer").toString()).contains("no answer after the final dot");
        test.assertLedgerAddsUp(batch, 3);
    }

    @Test
    void aConfirmationWhoseDeliveryIsUncertainIsSentAgainWhereListMailIsNot() {
        String person = address("cutonce");
        String reader = address("cutonce");
        UUID confirmation = test.confirmation(recipients.add(person), batch, "Please confirm");
        UUID listMail = test.mail(recipients.add(reader), batch, "News");

        assertThat(test.awaitFinal(confirmation)).isEqualTo(MessageState.SENT);
        assertThat(test.awaitFinal(listMail)).isEqualTo(MessageState.UNKNOWN);
        assertThat(test.attempts(confirmation)).isEqualTo(2);
        assertThat(relay.received(person)).as("cut after the data once, then accepted").hasSize(2);
        assertThat(relay.received(reader)).as("list mail: at most once").hasSize(1);
        test.assertLedgerAddsUp(batch, 2);
    }

    @Test
    void aRelayThatIsDownIsRetriedWithBackoffUntilItIsBack() throws IOException {
        relay.stop();
        String reader = address("ok");
        UUID id;
        try {
            id = test.mail(recipients.add(reader), batch, "Relay down");
            await().atMost(OutboxTestSupport.PATIENCE).until(() -> test.attempts(id) >= 2);
            assertThat(test.state(id)).isIn(MessageState.SOFT_FAIL, MessageState.SENDING);
            assertThat(test.row(id).get("relay_answer").toString()).contains("cannot connect");
        } finally {
            relay.restart();
        }
        assertThat(test.awaitFinal(id)).isEqualTo(MessageState.SENT);
        assertThat(relay.received(reader)).hasSize(1);
        test.assertLedgerAddsUp(batch, 1);
    }

    @Test
    void softRefusalsExpireAfterTheLastRetry() {
        UUID id = test.mail(recipients.add(address("always-soft")), batch, "Never accepted");

        assertThat(test.awaitFinal(id)).isEqualTo(MessageState.EXPIRED);
        // the first attempt and one after each of the five delays
        assertThat(test.attempts(id)).isEqualTo(6);
        assertThat(test.row(id).get("relay_answer").toString()).startsWith("expired after 6 attempts");
        test.assertLedgerAddsUp(batch, 1);
    }

    @Test
    void aRecipientTheDirectorySuppressesIsNotSent() {
        String erased = address("ok");
        UUID subscriber = recipients.add(erased);
        recipients.suppress(subscriber);
        UUID id = test.mail(subscriber, batch, "Too late");

        assertThat(test.awaitFinal(id)).isEqualTo(MessageState.SUPPRESSED);
        assertThat(relay.rcptAttempts(erased)).isZero();
        test.assertLedgerAddsUp(batch, 1);
    }

    @Test
    void headerInjectionNeverAddsAHeaderOnTheWire() {
        List<String> subjects = List.of(
                "Hello\r\nBcc: victim@example.org",
                "Hello\nX-Injected: lf",
                "Hello\rX-Injected: cr",
                "Hello\u2028X-Injected: line-separator",
                "Hello\u0085X-Injected: nel",
                "Hello%0D%0AX-Injected: percent",
                "Hello =?UTF-8?Q?=0D=0AX-Injected:_encoded?=",
                "Hællo\r\n X-Injected: folded non-ascii");
        List<String> addresses = new ArrayList<>();
        for (String subject : subjects) {
            String to = address("ok");
            addresses.add(to);
            test.mail(recipients.add(to), batch, subject);
        }
        UUID injectedRecipient = test.mail(recipients.add("ok-x@example.org\r\nBcc: victim@example.org"), batch, "x");

        assertThat(test.awaitFinal(injectedRecipient)).isEqualTo(MessageState.HARD_FAIL);
        test.assertLedgerAddsUp(batch, subjects.size() + 1);
        assertThat(relay.rcptAttempts("victim@example.org")).isZero();
        for (String to : addresses) {
            assertThat(relay.received(to)).hasSize(1);
            assertOnlyOurHeaders(relay.received(to).get(0).raw());
        }

        AccountId account = test.account();
        assertThatThrownBy(() -> dispatch.enqueue(listMail(account, "https://x.test/u/1\r\nBcc: victim@example.org", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dispatch.enqueue(listMail(account, "https://x.test/u/1>, <https://evil.test", null)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> dispatch.enqueue(listMail(account, "https://x.test/u/1", "news\r\nBcc: v@x.org")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anSmsGatewayThatIsBusyIsRetriedAndARefusedNumberIsFinal() {
        String number = "+4512345678";
        UUID busy = test.sms(recipients.add(number), batch, "busy " + batch);
        UUID refused = test.sms(recipients.add("+4587654321"), batch, "refuse " + batch);
        UUID notANumber = test.sms(recipients.add("12 34 56"), batch, "never " + batch);

        assertThat(test.awaitFinal(busy)).isEqualTo(MessageState.SENT);
        assertThat(test.awaitFinal(refused)).isEqualTo(MessageState.HARD_FAIL);
        assertThat(test.awaitFinal(notANumber)).isEqualTo(MessageState.HARD_FAIL);
        assertThat(test.attempts(busy)).isEqualTo(2);
        assertThat(gateway.requestsWithText("busy " + batch)).hasSize(2)
                .allSatisfy(json -> assertThat(json.path("to").asText()).isEqualTo(number));
        assertThat(gateway.requestsWithText("refuse " + batch)).hasSize(1);
        assertThat(gateway.requestsWithText("never " + batch)).isEmpty();
        test.assertLedgerAddsUp(batch, 3);
    }

    @Test
    void theLeasesOfADeadNodeComeBackUnlessItMayHaveSentThem() {
        String neverStarted = address("ok");
        String started = address("ok");
        UUID[] ids = transactions.execute(status -> {
            UUID a = test.mail(recipients.add(neverStarted), batch, "Claimed, never started");
            UUID b = test.mail(recipients.add(started), batch, "Started when the node died");
            // A node claims both (inside this transaction, so the live node cannot take them first) and starts
            // one of them, then dies.
            List<OutboxRow> claimed = outbox.claimDue(Channel.EMAIL, "dead-node", 10, Duration.ofMillis(300));
            assertThat(claimed).extracting(OutboxRow::id).containsExactlyInAnyOrder(a, b);
            assertThat(outbox.markStarted(b, "dead-node", Duration.ZERO)).isTrue();
            return new UUID[] {a, b};
        });

        await().atMost(OutboxTestSupport.PATIENCE).untilAsserted(() -> {
            worker.recoverLeases();
            assertThat(test.state(ids[1])).isEqualTo(MessageState.UNKNOWN);
        });
        assertThat(test.awaitFinal(ids[0])).isEqualTo(MessageState.SENT);
        assertThat(relay.received(neverStarted)).hasSize(1);
        assertThat(relay.received(started)).isEmpty();
        assertThat(test.row(ids[1]).get("relay_answer").toString())
                .isEqualTo("lease of dead-node ran out before the relay's answer was recorded (that node stopped, died "
                        + "or hung): possibly delivered");
        test.assertLedgerAddsUp(batch, 2);
    }

    @Test
    void aRowThatOutlastedTheRecoveringNodesOwnLeaseSaysSoApartFromADeadNodesRows() {
        String person = address("ok");
        UUID id = transactions.execute(status -> {
            UUID mail = test.mail(recipients.add(person), batch, "Started, then its own lease ran out");
            // This node claims and starts it, and is then slower than its lease (as under heavy load).
            List<OutboxRow> claimed = outbox.claimDue(Channel.EMAIL, worker.node(), 10, Duration.ofMillis(300));
            assertThat(claimed).extracting(OutboxRow::id).containsExactly(mail);
            assertThat(outbox.markStarted(mail, worker.node(), Duration.ZERO)).isTrue();
            return mail;
        });

        await().atMost(OutboxTestSupport.PATIENCE).untilAsserted(() -> {
            worker.recoverLeases();
            assertThat(test.state(id)).isEqualTo(MessageState.UNKNOWN);
        });
        assertThat(test.row(id).get("relay_answer").toString()).isEqualTo("own lease of " + worker.node()
                + " ran out before the relay's answer was recorded (this node was slower than its lease): possibly "
                + "delivered");
        assertThat(relay.received(person)).as("never sent twice").isEmpty();
        test.assertLedgerAddsUp(batch, 1);
    }

    @Test
    void anAnswerTheRecoveringNodeHasButNotYetRecordedIsRecordedAsItWasNotMadeUnknown() {
        UUID[] ids = transactions.execute(status -> {
            UUID a = test.mail(recipients.add(address("ok")), batch, "Answered, the answer waiting to be written");
            UUID b = test.mail(recipients.add(address("ok")), batch, "Still waiting for the relay");
            // Claimed and started inside this transaction (the live worker cannot take or recover them: they are
            // locked), their lease already run out, as on a node whose answers wait behind a slow writer.
            String node = "answering-node";
            assertThat(outbox.claimDue(Channel.EMAIL, node, 10, Duration.ofMinutes(1))).extracting(OutboxRow::id)
                    .containsExactlyInAnyOrder(a, b);
            assertThat(outbox.markStarted(a, node, Duration.ZERO)).isTrue();
            assertThat(outbox.markStarted(b, node, Duration.ZERO)).isTrue();
            jdbc.sql("update dispatch_outbox set lease_expires_at = now() - interval '1 second' where id in (:ids)")
                    .param("ids", List.of(a, b)).update();

            Outbox.StartedRecovered recovered = outbox.recoverStarted(node, 0, java.util.Set.of(a));
            assertThat(recovered.unknown()).isEqualTo(1);
            assertThat(outbox.finishAll(node, List.of(new Outbox.Final(a, MessageState.SENT, "250 2.0.0 queued"))))
                    .containsExactly(a);
            return new UUID[] {a, b};
        });

        assertThat(test.state(ids[0])).isEqualTo(MessageState.SENT);
        assertThat(test.row(ids[0]).get("relay_answer").toString()).isEqualTo("250 2.0.0 queued");
        assertThat(test.state(ids[1])).isEqualTo(MessageState.UNKNOWN);
        assertThat(test.row(ids[1]).get("relay_answer").toString()).isEqualTo("own lease of answering-node ran out "
                + "before the relay's answer was recorded (this node was slower than its lease): possibly delivered");
        test.assertLedgerAddsUp(batch, 2);
    }

    @Test
    void aConfirmationADeadNodeHadStartedIsSentAgainByAnother() {
        String person = address("ok");
        UUID id = transactions.execute(status -> {
            UUID confirmation = test.confirmation(recipients.add(person), batch, "Please confirm");
            List<OutboxRow> claimed = outbox.claimDue(Channel.EMAIL, "dead-node", 10, Duration.ofMillis(300));
            assertThat(claimed).extracting(OutboxRow::id).containsExactly(confirmation);
            assertThat(outbox.markStarted(confirmation, "dead-node", Duration.ZERO)).isTrue();
            return confirmation;
        });

        await().atMost(OutboxTestSupport.PATIENCE).untilAsserted(() -> {
            worker.recoverLeases();
            assertThat(test.state(id)).isNotEqualTo(MessageState.SENDING);
        });
        assertThat(test.awaitFinal(id)).isEqualTo(MessageState.SENT);
        assertThat(relay.received(person)).hasSize(1);
        assertThat(test.attempts(id)).isEqualTo(2);
        test.assertLedgerAddsUp(batch, 1);
    }

    @Test
    void anErasureSuppressesWhatANodeClaimedButNeverStartedAndLeavesWhatItStarted() {
        UUID person = recipients.add(address("ok"));
        UUID[] ids = transactions.execute(status -> {
            UUID claimedOnly = test.mail(person, batch, "Claimed, not started");
            UUID started = test.mail(person, batch, "Started");
            // A slow node holds both (claimed inside this transaction, so the live node cannot take them first).
            assertThat(outbox.claimDue(Channel.EMAIL, "slow-node", 10, Duration.ofMinutes(5)))
                    .extracting(OutboxRow::id).containsExactlyInAnyOrder(claimedOnly, started);
            assertThat(outbox.markStarted(started, "slow-node", Duration.ZERO)).isTrue();
            return new UUID[] {claimedOnly, started};
        });

        assertThat(dispatch.suppressQueued(test.account(), person)).isEqualTo(1);

        assertThat(test.state(ids[0])).isEqualTo(MessageState.SUPPRESSED);
        assertThat(outbox.markStarted(ids[0], "slow-node", Duration.ZERO)).as("the node may not start it now").isFalse();
        assertThat(test.state(ids[1])).as("possibly at the relay already: the node records its answer")
                .isEqualTo(MessageState.SENDING);
        assertThat(outbox.finishAll("slow-node", List.of(new Outbox.Final(ids[1], MessageState.SENT, "250 ok"))))
                .containsExactly(ids[1]);
        assertThat(test.assertLedgerAddsUp(batch, 2).suppressed()).isEqualTo(1);
    }

    @Test
    void aMessageWhoseCampaignPausedAfterTheClaimWaitsForTheResumeAndIsSentOnce() {
        String person = address("ok");
        UUID id = transactions.execute(status -> {
            UUID mail = test.mail(recipients.add(person), batch, "Paused after the claim");
            assertThat(outbox.claimDue(Channel.EMAIL, "slow-node", 10, Duration.ofMinutes(5)))
                    .extracting(OutboxRow::id).containsExactly(mail);
            return mail;
        });
        assertThat(dispatch.pause(test.account(), batch, "complaints")).isTrue();

        assertThat(outbox.markStarted(id, "slow-node", Duration.ZERO)).isFalse();
        assertThat(outbox.holdBackPaused(id, "slow-node")).isTrue();
        assertThat(test.state(id)).isEqualTo(MessageState.QUEUED);
        assertThat(test.attempts(id)).isZero();
        assertThat(relay.received(person)).isEmpty();

        assertThat(dispatch.resume(test.account(), batch)).isTrue();
        assertThat(test.awaitFinal(id)).isEqualTo(MessageState.SENT);
        assertThat(relay.received(person)).hasSize(1);
        test.assertLedgerAddsUp(batch, 1);
    }

    @Test
    void theLedgerAndTheBounceCountsEqualAFreshCountOfTheOutboxAfterEveryKindOfEnd() {
        // A node claims two messages, starts one and dies: reclaimed, one ends UNKNOWN, the other is sent.
        UUID[] dead = transactions.execute(status -> {
            UUID a = test.mail(recipients.add(address("ok")), batch, "Claimed, never started");
            UUID b = test.mail(recipients.add(address("ok")), batch, "Started when the node died");
            assertThat(outbox.claimDue(Channel.EMAIL, "dead-node", 10, Duration.ofMillis(300)))
                    .extracting(OutboxRow::id).containsExactlyInAnyOrder(a, b);
            assertThat(outbox.markStarted(b, "dead-node", Duration.ZERO)).isTrue();
            return new UUID[] {a, b};
        });
        assertCountsAreAFreshCount();
        await().atMost(OutboxTestSupport.PATIENCE).untilAsserted(() -> {
            worker.recoverLeases();
            assertThat(test.state(dead[1])).isEqualTo(MessageState.UNKNOWN);
        });
        assertThat(test.awaitFinal(dead[0])).isEqualTo(MessageState.SENT);
        assertCountsAreAFreshCount();

        // The campaign pauses after a slow node claimed a message: held back, resumed, sent once.
        UUID held = transactions.execute(status -> {
            UUID mail = test.mail(recipients.add(address("ok")), batch, "Paused after the claim");
            assertThat(outbox.claimDue(Channel.EMAIL, "slow-node", 10, Duration.ofMinutes(5)))
                    .extracting(OutboxRow::id).containsExactly(mail);
            return mail;
        });
        assertThat(dispatch.pause(test.account(), batch, "complaints")).isTrue();
        UUID waiting = test.mail(recipients.add(address("ok")), batch, "Enqueued while paused");
        assertThat(outbox.markStarted(held, "slow-node", Duration.ZERO)).isFalse();
        assertThat(outbox.holdBackPaused(held, "slow-node")).isTrue();
        assertCountsAreAFreshCount();
        assertThat(dispatch.ledger(batch).queued()).isEqualTo(2);
        assertThat(dispatch.resume(test.account(), batch)).isTrue();

        // Delivered, refused for good (at the recipient and after the data), retried, expired, unanswered and
        // suppressed (an erasure before the send), the counts looked at while the workers change them.
        List<UUID> ids = new ArrayList<>(List.of(held, waiting));
        for (String behaviour : List.of("ok", "ok", "ok", "hard", "harddata", "soft", "always-soft", "silent")) {
            ids.add(test.mail(recipients.add(address(behaviour)), batch, "Mail to " + behaviour));
        }
        UUID erased = recipients.add(address("ok"));
        ids.add(transactions.execute(status -> {
            UUID mail = test.mail(erased, batch, "To someone erased");
            assertThat(dispatch.suppressQueued(test.account(), erased)).isEqualTo(1);
            return mail;
        }));
        await().atMost(OutboxTestSupport.PATIENCE).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertCountsAreAFreshCount();
            return ids.stream().allMatch(id -> test.state(id).isFinal());
        });
        Ledger ledger = test.assertLedgerAddsUp(batch, 13);
        assertThat(ledger).extracting(Ledger::sent, Ledger::hardFailed, Ledger::suppressed, Ledger::expired,
                Ledger::unknown).containsExactly(7L, 2L, 1L, 1L, 2L);

        // Reports after the send: a later bounce, a complaint, a soft bounce, and the bounce of a refused message.
        UUID sent = ids.get(2);
        UUID refused = ids.get(5);
        Instant now = Instant.now();
        assertThat(feedback.record(new FeedbackEvent(ids.get(3), FeedbackEvent.Kind.HARD_BOUNCE, "mailbox",
                "b-" + batch, "5.1.1 user unknown", now))).isTrue();
        assertThat(feedback.record(new FeedbackEvent(sent, FeedbackEvent.Kind.COMPLAINT, "mailbox", "c-" + batch,
                "abuse", now))).isTrue();
        assertThat(feedback.record(new FeedbackEvent(ids.get(4), FeedbackEvent.Kind.SOFT_BOUNCE, "mailbox",
                "s-" + batch, "4.2.2 mailbox full", now))).isTrue();
        assertThat(feedback.record(new FeedbackEvent(refused, FeedbackEvent.Kind.HARD_BOUNCE, "mailbox",
                "r-" + batch, "5.1.1 user unknown", now))).isTrue();
        BatchFeedback reported = assertCountsAreAFreshCount();
        assertThat(reported).extracting(BatchFeedback::handed, BatchFeedback::hardBounces,
                BatchFeedback::softBounces, BatchFeedback::complaints).containsExactly(11L, 3L, 1L, 1L);

        // Ledger retention removes the messages in two steps: the counts read the same before, between and after.
        for (int step = 0; step < 2; step++) {
            jdbc.sql(NamedSql.read("dispatch", "remove-batch-messages")).param("batchId", batch)
                    .param("accountId", test.account().value()).param("limit", 7).query(Long.class).single();
            assertThat(assertCountsAreAFreshCount()).isEqualTo(reported);
            assertThat(dispatch.ledger(batch)).isEqualTo(ledger);
        }
    }

    /**
     * The batch's ledger and bounce counts, read as the server reads them, against a count over the outbox rows (and
     * what ledger retention removed), in one snapshot.
     */
    private BatchFeedback assertCountsAreAFreshCount() {
        TransactionTemplate snapshot = new TransactionTemplate(transactionManager);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
        return snapshot.execute(status -> {
            Map<String, Long> counted = new HashMap<>();
            jdbc.sql("""
                            select state, count(*) as messages from dispatch_outbox where batch_id = :b group by state
                            union all
                            select s.state, s.messages from dispatch_retired_batch r
                             cross join lateral (values ('SENT', r.sent), ('HARD_FAIL', r.hard_failed),
                                                        ('SUPPRESSED', r.suppressed), ('EXPIRED', r.expired),
                                                        ('UNKNOWN', r.unknown)) as s (state, messages)
                             where r.batch_id = :b
                            """)
                    .param("b", batch)
                    .query(rs -> {
                        counted.merge(rs.getString("state"), rs.getLong("messages"), Long::sum);
                    });
            assertThat(dispatch.ledger(batch)).isEqualTo(new Ledger(batch, counted.getOrDefault("QUEUED", 0L),
                    counted.getOrDefault("SENDING", 0L), counted.getOrDefault("SOFT_FAIL", 0L),
                    counted.getOrDefault("SENT", 0L), counted.getOrDefault("HARD_FAIL", 0L),
                    counted.getOrDefault("SUPPRESSED", 0L), counted.getOrDefault("EXPIRED", 0L),
                    counted.getOrDefault("UNKNOWN", 0L)));
            long hardBounces = jdbc.sql("""
                            select count(*) from (select id from dispatch_outbox
                                                   where batch_id = :b and state = 'HARD_FAIL'
                                                  union
                                                  select message_id from dispatch_feedback
                                                   where batch_id = :b and kind = 'HARD_BOUNCE') m
                            """)
                    .param("b", batch).query(Long.class).single();
            long complaints = jdbc.sql("""
                            select count(distinct message_id) from dispatch_feedback
                             where batch_id = :b and kind = 'COMPLAINT'
                            """)
                    .param("b", batch).query(Long.class).single();
            BatchFeedback read = dispatch.feedback(batch);
            assertThat(read.handed()).isEqualTo(counted.getOrDefault("SENT", 0L) + counted.getOrDefault("UNKNOWN", 0L)
                    + counted.getOrDefault("HARD_FAIL", 0L));
            assertThat(read.hardBounces()).isEqualTo(hardBounces);
            assertThat(read.complaints()).isEqualTo(complaints);
            return read;
        });
    }

    @Test
    void theHourlyCountsOfHandedMailEqualAFreshCountAcrossAnHourBoundaryAndTheWindowsFirstPartialHour() {
        UUID account = test.account().value();
        Instant now = Instant.now();
        Instant cut = now.minus(Duration.ofDays(30));
        Instant firstHour = cut.truncatedTo(ChronoUnit.HOURS);
        Instant boundary = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(2));
        // The window's first hour, before and after its cut; both sides of an hour boundary; now; before the window.
        List<UUID> sent = new ArrayList<>();
        for (Instant at : List.of(firstHour.plus(Duration.between(firstHour, cut).dividedBy(2)),
                cut.plus(Duration.between(cut, firstHour.plus(Duration.ofHours(1))).dividedBy(2)),
                boundary.minusMillis(1), boundary, boundary, now, cut.minus(Duration.ofHours(3)))) {
            sent.add(handed(account, "EMAIL", "SENT", at));
        }
        UUID unknown = handed(account, "EMAIL", "UNKNOWN", boundary.plus(Duration.ofMinutes(10)));
        handed(account, "EMAIL", "HARD_FAIL", boundary);
        handed(account, "SMS", "SENT", boundary);
        // Changes the triggers follow: an hour moved across the boundary, a state out of and into the count, a delete.
        jdbc.sql("update dispatch_outbox set finished_at = :at where id = :id")
                .param("at", java.sql.Timestamp.from(boundary.minusSeconds(60))).param("id", sent.get(3)).update();
        jdbc.sql("update dispatch_outbox set state = 'HARD_FAIL' where id = :id").param("id", sent.get(4)).update();
        jdbc.sql("update dispatch_outbox set state = 'SENT' where id = :id").param("id", unknown).update();
        jdbc.sql("delete from dispatch_outbox where id = :id").param("id", sent.get(5)).update();

        String perHourCounted = """
                select hour, sum(messages) from dispatch_handed_hour where account_id = :account
                 group by hour having sum(messages) <> 0 order by hour""";
        String perHourFresh = """
                select date_trunc('hour', finished_at, 'UTC'), count(*) from dispatch_outbox
                 where account_id = :account and channel = 'EMAIL' and state in ('SENT', 'UNKNOWN')
                   and finished_at is not null
                 group by 1 order by 1""";
        List<Map.Entry<Instant, Long>> fresh = hours(perHourFresh, account);
        assertThat(fresh).as("four hours: before the window, its first, both sides of the boundary").hasSize(4);
        assertThat(hours(perHourCounted, account)).isEqualTo(fresh);

        jdbc.sql("""
                        insert into dispatch_feedback (source, event_id, message_id, account_id, subscriber_id, kind,
                                                       occurred_at)
                        values ('test', :event, :message, :account, :subscriber, 'COMPLAINT', now())""")
                .param("event", UUID.randomUUID().toString()).param("message", sent.get(0))
                .param("account", account).param("subscriber", UUID.randomUUID()).update();
        transactions.executeWithoutResult(tx -> {
            // One transaction: now() is the same for the rate and the fresh count of the 30 days.
            long handed = jdbc.sql("""
                            select count(*) from dispatch_outbox
                             where account_id = :account and channel = 'EMAIL' and state in ('SENT', 'UNKNOWN')
                               and finished_at > now() - interval '30 days'""")
                    .param("account", account).query(Long.class).single();
            assertThat(handed).as("after the cut in the first hour, the two before the boundary, the one after it")
                    .isEqualTo(4);
            assertThat(dispatch.complaintRate(test.account())).isEqualTo(1.0 / handed);
        });
    }

    private UUID handed(UUID account, String channel, String state, Instant finishedAt) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                        insert into dispatch_outbox (id, account_id, subscriber_id, subscription_id, channel, purpose,
                                                     batch_id, list_id, key_version, state, attempts, started_at,
                                                     finished_at)
                        values (:id, :account, gen_random_uuid(), gen_random_uuid(), :channel, 'CAMPAIGN', :batch,
                                'news', 1, :state, 1, :at, :at)""")
                .param("id", id).param("account", account).param("channel", channel).param("batch", batch)
                .param("state", state).param("at", java.sql.Timestamp.from(finishedAt)).update();
        return id;
    }

    private List<Map.Entry<Instant, Long>> hours(String sql, UUID account) {
        return jdbc.sql(sql).param("account", account)
                .query((rs, row) -> Map.entry(rs.getTimestamp(1).toInstant(), rs.getLong(2))).list();
    }

    private static OutboundMessage listMail(AccountId account, String unsubscribeUrl, String listId) {
        return new OutboundMessage(account, UUID.randomUUID(), UUID.randomUUID(), Channel.EMAIL, Purpose.CAMPAIGN,
                null, new OutboundMessage.Content("s", "t", null), unsubscribeUrl, listId);
    }

    /** The header block: CRLF line ends only, and no header but the ones we write. */
    private static void assertOnlyOurHeaders(byte[] raw) {
        String message = new String(raw, StandardCharsets.UTF_8);
        String headers = message.substring(0, message.indexOf("\r\n\r\n") + 2);
        assertThat(headers.replace("\r\n", "")).as("no bare CR or LF in the header block").doesNotContain("\r", "\n");
        assertThat(headers).doesNotContain("\u2028", "\u0085");
        List<String> names = new ArrayList<>();
        for (String line : headers.split("\r\n")) {
            if (!line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                names.add(line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT));
            }
        }
        assertThat(names).containsExactlyInAnyOrder("date", "from", "to", "message-id", "subject", "list-unsubscribe",
                "list-unsubscribe-post", "list-id", "mime-version", "content-type",
                "x-pm-metadata-consentflow-message");
    }

    private static String address(String behaviour) {
        return behaviour + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    }
}
