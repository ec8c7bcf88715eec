package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.Purpose;
import dev.consentflow.dispatch.Recipient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two mail threads per connection: a thread whose connection is busy with another thread's message waits for
 * the connection with its message built and its row started, and never shares it (a real SMTP server on a socket).
 */
class MailSenderTest {

    ScriptedSmtpServer relay;
    MailSender sender;

    @BeforeEach
    void relay() throws IOException {
        relay = ScriptedSmtpServer.start();
        SmtpRelay config = new SmtpRelay("127.0.0.1", relay.port(), null, null, Map.of());
        MailComposer composer = new MailComposer("Acme News <news@acme.example>", "https://mail.acme.example",
                new DkimSigning(new DispatchProperties("test", 1, 1, 1, Duration.ofSeconds(1), Duration.ofMinutes(5),
                        0, 1000, List.of(Duration.ofMinutes(1)), null, Duration.ofSeconds(1), Duration.ofSeconds(1),
                        new DispatchProperties.Dkim(null, null, null))));
        sender = new MailSender(config, composer, new BounceReportsTest().returnPaths, 1, 1000);
    }

    @AfterEach
    void close() throws IOException {
        sender.close();
        relay.close();
    }

    @Test
    void twoThreadsShareOneConnectionOneMessageAtATime() throws Exception {
        assertThat(sender.parallelism()).as("mail threads for one connection").isEqualTo(2);
        String first = "first@example.org";
        String second = "second@example.org";
        CountDownLatch firstAsked = new CountDownLatch(1);
        CountDownLatch firstStarted = new CountDownLatch(1);

        CompletableFuture<Delivery> one = sendOnceAnswered(first, firstAsked, firstStarted, true);
        assertThat(firstAsked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Delivery> two = sendOnceAnswered(second, new CountDownLatch(1), new CountDownLatch(0), true);
        Thread.sleep(200);

        assertThat(two).as("the second waits for the connection the first holds").isNotDone();
        assertThat(relay.rcptAttempts(second)).as("nothing of the second on the relay meanwhile").isZero();
        firstStarted.countDown();
        assertThat(one.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Delivery.Verdict.SENT);
        assertThat(two.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Delivery.Verdict.SENT);
        assertThat(relay.received(first)).hasSize(1);
        assertThat(relay.received(second)).hasSize(1);
        assertThat(relay.connections()).isOne();
    }

    /**
     * A thread that finds the connection busy waits for its start without it: the connection goes to a thread whose
     * row started meanwhile instead of idling through the other's commit, and a row that did not start never
     * reaches the relay (no envelope, no RSET).
     */
    @Test
    void aThreadWhoseStartIsNotCommittedLeavesTheBusyConnectionToAStartedOne() throws Exception {
        String first = "first@example.org";
        String waiting = "waiting@example.org";
        String started = "started@example.org";
        String refused = "refused@example.org";
        CountDownLatch firstAsked = new CountDownLatch(1);
        CountDownLatch firstStarted = new CountDownLatch(1);
        CountDownLatch waitingAsked = new CountDownLatch(1);
        CountDownLatch waitingStarted = new CountDownLatch(1);

        CompletableFuture<Delivery> one = sendOnceAnswered(first, firstAsked, firstStarted, true);
        assertThat(firstAsked.await(10, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Delivery> two = sendOnceAnswered(waiting, waitingAsked, waitingStarted, true);
        assertThat(waitingAsked.await(10, TimeUnit.SECONDS)).as("asked while the connection was busy").isTrue();
        CompletableFuture<Delivery> three = sendOnceAnswered(started, new CountDownLatch(1), new CountDownLatch(0),
                true);
        Thread.sleep(200);
        firstStarted.countDown();

        assertThat(one.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Delivery.Verdict.SENT);
        assertThat(three.get(10, TimeUnit.SECONDS).verdict()).as("the started one did not wait for the other's start")
                .isEqualTo(Delivery.Verdict.SENT);
        assertThat(two).isNotDone();
        assertThat(relay.rcptAttempts(waiting)).as("nothing of the unstarted row on the relay").isZero();
        waitingStarted.countDown();
        assertThat(two.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Delivery.Verdict.SENT);
        assertThat(relay.received(waiting)).hasSize(1);

        CountDownLatch refusedAsked = new CountDownLatch(1);
        CountDownLatch refuse = new CountDownLatch(1);
        CountDownLatch busyStarted = new CountDownLatch(1);
        CompletableFuture<Delivery> busy = sendOnceAnswered(first, new CountDownLatch(1), busyStarted, true);
        Thread.sleep(200);
        CompletableFuture<Delivery> notStarted = sendOnceAnswered(refused, refusedAsked, refuse, false);
        assertThat(refusedAsked.await(10, TimeUnit.SECONDS)).isTrue();
        refuse.countDown();
        assertThat(notStarted.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Delivery.Verdict.SOFT);
        busyStarted.countDown();
        assertThat(busy.get(10, TimeUnit.SECONDS).verdict()).isEqualTo(Delivery.Verdict.SENT);
        assertThat(relay.rcptAttempts(refused)).isZero();
        assertThat(relay.resets()).as("no relay transaction to end").isZero();
        assertThat(relay.connections()).isOne();
    }

    /** Sends to {@code to} in a thread of its own; its start counts {@code asked} down and answers once let. */
    private CompletableFuture<Delivery> sendOnceAnswered(String to, CountDownLatch asked, CountDownLatch answer,
                                                        boolean started) {
        return CompletableFuture.supplyAsync(() -> sender.send(row(), letter(), new Recipient(to), () -> {
            asked.countDown();
            await(answer);
            return started;
        }));
    }

    private static OutboxRow row() {
        return new OutboxRow(UUID.randomUUID(), new AccountId(UUID.randomUUID()), UUID.randomUUID(), null,
                Channel.EMAIL, Purpose.CAMPAIGN, null, 0, 1, null);
    }

    private static Letter letter() {
        return new Letter("News", "Hello there", null, "https://mail.acme.example/u/x");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
