package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.contacts.Signup;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.support.Api;
import dev.consentflow.support.DevMailbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * Form posts that arrive while the one allowed signup transaction runs wait, and then run together in one
 * transaction and one engine command ({@link GroupCommit}); the test holds that one slot itself to make a group
 * of known members. Each member gets the answer it would get alone, a failing one does not take the others down,
 * and a double post of one address in a group ends as two posts one after the other; clicks likewise. The API's
 * signups join the same groups, each written with its own caller (its key as the subscription's integration).
 */
@IntegrationTest
@TestPropertySource(properties = {"consentflow.signup.group-commit.groups=1", "consentflow.web.trusted-proxies=127.0.0.1",
        "consentflow.signup.rate-per-ip=100000", "consentflow.signup.rate-per-address=100000"})
class GroupCommitIT {

    @LocalServerPort
    int port;

    @Autowired
    GroupCommit groups;

    @Autowired
    SignupDesk desk;

    @Autowired
    SignupForms forms;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    MeterRegistry meters;

    Api anonymous;
    String form;
    ExecutorService posts;
    final CountDownLatch release = new CountDownLatch(1);
    Future<Object> holder;

    @BeforeEach
    void setUp() throws Exception {
        anonymous = Api.at(port);
        form = anonymous.as(Api.ADMIN_KEY).newSignupForm("group", "Group News");
        posts = Executors.newFixedThreadPool(8);
    }

    /** Takes the only slot, alone, so it runs at once until released: whatever arrives meanwhile waits. */
    private void hold() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        holder = posts.submit(() -> groups.run(() -> {
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @AfterEach
    void tearDown() {
        release.countDown();
        posts.shutdownNow();
    }

    @Test
    void postsArrivingTogetherCommitAsOneGroupAndEachIsAnswered() throws Exception {
        hold();
        long[] before = groups.counts();
        Counts start = counts();
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            answers.add(post("group-" + i + "-" + UUID.randomUUID() + "@example.org"));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 5);

        release.countDown();

        for (Future<Integer> answer : answers) {
            assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        }
        assertThat(since(before)).as("groups committed, members they answered, groups failed")
                .containsExactly(1, 5, 0);
        assertThat(counts().minus(start)).isEqualTo(new Counts(5, 5, 5, 5));
    }

    @Test
    void aFailingMemberGetsItsOwnAnswerAndTheOthersTheirs() throws Exception {
        hold();
        long[] before = groups.counts();
        double failedBefore = failedGroups();
        Counts start = counts();
        Future<Integer> first = post("first-" + UUID.randomUUID() + "@example.org");
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 1);
        Future<Object> failing = writingThenThrowing();
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 2);
        Future<Integer> last = post("last-" + UUID.randomUUID() + "@example.org");
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 3);

        release.countDown();

        assertThat(first.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        assertThat(last.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        assertThrewItsOwn(failing);
        assertThat(since(before)).as("groups committed, members they answered, groups failed")
                .containsExactly(0, 0, 1);
        assertThat(failedGroups() - failedBefore).as("the operator's metric of rolled-back groups").isEqualTo(1.0);
        // The two good posts' rows, once each; nothing of the failing one.
        assertThat(counts().minus(start)).isEqualTo(new Counts(2, 2, 2, 2));
    }

    @Test
    void aDoublePostInOneGroupEndsAsTwoPostsOneAfterTheOther() throws Exception {
        String together = "twice-" + UUID.randomUUID() + "@example.org";
        hold();
        long[] before = groups.counts();
        Counts start = counts();
        Future<Integer> one = post(together);
        Future<Integer> two = post(together);
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 2);

        release.countDown();

        assertThat(one.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        assertThat(two.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        assertThat(since(before)[0]).as("groups committed").isEqualTo(1);
        Counts grouped = counts().minus(start);

        // The same two posts of another address, one after the other (no group: the slot is free).
        String sequential = "twice-" + UUID.randomUUID() + "@example.org";
        Counts beforeSequential = counts();
        assertThat(post(sequential).get(60, TimeUnit.SECONDS)).isEqualTo(202);
        assertThat(post(sequential).get(60, TimeUnit.SECONDS)).isEqualTo(202);
        Counts alone = counts().minus(beforeSequential);

        assertThat(grouped).isEqualTo(alone);
        assertThat(grouped).isEqualTo(new Counts(1, 2, 1, 1));
    }

    @Test
    void apiSignupsJoinTheGroupOfFormPostsEachWithItsOwnCaller() throws Exception {
        // Alone first: what an API signup of this key writes as its integration.
        String alone = apiSignup("alone-" + UUID.randomUUID() + "@example.org").get(60, TimeUnit.SECONDS).get("subscriberId").asText();
        String keyActor = integrationOf(alone);
        assertThat(keyActor).isNotNull();
        hold();
        long[] before = groups.counts();
        Counts start = counts();
        Future<Integer> form = post("form-" + UUID.randomUUID() + "@example.org");
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 1);
        List<Future<JsonNode>> api = List.of(apiSignup("api-" + UUID.randomUUID() + "@example.org"),
                apiSignup("api-" + UUID.randomUUID() + "@example.org"));
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 3);

        release.countDown();

        assertThat(form.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        for (Future<JsonNode> answer : api) {
            JsonNode accepted = answer.get(60, TimeUnit.SECONDS);
            assertThat(accepted.get("status").asText()).isEqualTo("PENDING");
            // Its own card, written with its own caller: the key, not the leader's (nobody's, a form post's).
            assertThat(integrationOf(accepted.get("subscriberId").asText())).isEqualTo(keyActor);
        }
        assertThat(since(before)).as("groups committed, members they answered, groups failed")
                .containsExactly(1, 3, 0);
        assertThat(counts().minus(start)).isEqualTo(new Counts(3, 3, 3, 3));
        assertThat(count("select count(*) from contacts_subscription where integration is null and source = 'WEBFORM'"
                + " and subscribed_at > now() - interval '5 minutes'")).as("the form post's row names no key").isPositive();
    }

    @Test
    void anApiSignupInAFailingGroupGetsItsOwnAnswerAlone() throws Exception {
        String keyActor = integrationOf(apiSignup("alone-" + UUID.randomUUID() + "@example.org")
                .get(60, TimeUnit.SECONDS).get("subscriberId").asText());
        hold();
        long[] before = groups.counts();
        Counts start = counts();
        Future<JsonNode> api = apiSignup("api-" + UUID.randomUUID() + "@example.org");
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 1);
        Future<Object> failing = writingThenThrowing();
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 2);
        Future<JsonNode> invalid = posts.submit(() -> anonymous.as(Api.ADMIN_KEY).post("/api/subscriptions",
                Map.of("email", "not an address", "list", listOf(form))).json());
        Future<Integer> post = post("form-" + UUID.randomUUID() + "@example.org");
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 3);

        release.countDown();

        JsonNode accepted = api.get(60, TimeUnit.SECONDS);
        assertThat(accepted.get("status").asText()).isEqualTo("PENDING");
        assertThat(integrationOf(accepted.get("subscriberId").asText())).isEqualTo(keyActor);
        assertThat(post.get(60, TimeUnit.SECONDS)).isEqualTo(202);
        assertThat(invalid.get(60, TimeUnit.SECONDS).get("status").asInt()).as("refused before any group").isEqualTo(400);
        assertThrewItsOwn(failing);
        assertThat(since(before)).as("groups committed, members they answered, groups failed")
                .containsExactly(0, 0, 1);
        assertThat(counts().minus(start)).isEqualTo(new Counts(2, 2, 2, 2));
    }

    @Test
    void clicksArrivingTogetherAreEachAnsweredAndADoubleClickConfirmsOnce() throws Exception {
        String anna = "click-" + UUID.randomUUID() + "@example.org";
        String bo = "click-" + UUID.randomUUID() + "@example.org";
        assertThat(post(anna).get(60, TimeUnit.SECONDS)).isEqualTo(202);
        assertThat(post(bo).get(60, TimeUnit.SECONDS)).isEqualTo(202);
        Map<String, String> tokens = await().atMost(Duration.ofSeconds(60)).until(() -> tokensOf(anna, bo),
                found -> found.size() == 2);
        long welcomesBefore = count("select count(*) from dispatch_outbox where purpose = 'WELCOME'");
        long confirmedBefore = count("select count(*) from subscription_confirmation_request where state = 'CONFIRMED'");
        hold();
        long[] before = groups.counts();
        List<Future<Integer>> clicks = List.of(click(tokens.get(anna)), click(tokens.get(anna)), click(tokens.get(bo)));
        await().atMost(Duration.ofSeconds(30)).until(() -> groups.waiting() == 3);

        release.countDown();

        for (Future<Integer> answer : clicks) {
            assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(200);
        }
        long[] since = since(before);
        assertThat(since[0] + since[2]).as("one group, committed or run again alone").isEqualTo(1);
        assertThat(count("select count(*) from subscription_confirmation_request where state = 'CONFIRMED'")
                - confirmedBefore).as("requests confirmed").isEqualTo(2);
        assertThat(count("select count(*) from dispatch_outbox where purpose = 'WELCOME'") - welcomesBefore)
                .as("welcome mails queued: one per person").isEqualTo(2);
    }

    private long[] since(long[] before) {
        long[] now = groups.counts();
        return new long[] {now[0] - before[0], now[1] - before[1], now[2] - before[2]};
    }

    private Future<Integer> click(String token) {
        return posts.submit(() -> anonymous.postRaw("/c/" + token, "application/x-www-form-urlencoded", new byte[0],
                Map.of("X-Forwarded-For", "198.51.100.7")).status());
    }

    /** The confirmation links in the development mailbox of these addresses, by address. */
    private Map<String, String> tokensOf(String... addresses) {
        JsonNode mailbox = anonymous.get("/dev/mailbox", Map.of("Accept", "application/json")).json();
        Map<String, String> tokens = new HashMap<>();
        for (JsonNode mail : mailbox) {
            String to = mail.get("to").toString().replaceAll("[\\[\\]\"]", "").toLowerCase();
            if (mail.get("subject").asText().startsWith("Please confirm") && List.of(addresses).contains(to)) {
                tokens.put(to, DevMailbox.confirmationPath(mail).substring("/c/".length()));
            }
        }
        return tokens;
    }

    private Future<Integer> post(String email) {
        return posts.submit(() -> anonymous.postRaw("/f/" + form, "application/json",
                ("{\"email\":\"" + email + "\",\"firstName\":\"Anna\",\"consent\":true}").getBytes(StandardCharsets.UTF_8),
                Map.of("X-Forwarded-For", "203.0.113.7", "User-Agent", "GroupCommitIT")).status());
    }

    /** A member that writes its whole signup (a form's), then fails: in the group and again alone. */
    private Future<Object> writingThenThrowing() {
        SignupForm signupForm = forms.find(form).orElseThrow();
        Signup refused = SignupValues.parse(signupForm, Map.of("email", "refused-" + UUID.randomUUID() + "@example.org",
                "consent", "true"), "203.0.113.9", "GroupCommitIT", Instant.now());
        return posts.submit(() -> groups.run(() -> {
            desk.signUp(signupForm.account(), refused, signupForm.list());
            throw new IllegalStateException("refused after writing");
        }));
    }

    private static void assertThrewItsOwn(Future<Object> failing) throws Exception {
        try {
            failing.get(60, TimeUnit.SECONDS);
            throw new AssertionError("the failing member was answered normally");
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(IllegalStateException.class).hasMessage("refused after writing");
        }
    }

    /** {@code POST /api/subscriptions} with the admin's key to the form's list, its 202 body. */
    private Future<JsonNode> apiSignup(String email) {
        Api admin = anonymous.as(Api.ADMIN_KEY);
        return posts.submit(() -> {
            Api.Answer answer = admin.post("/api/subscriptions", Map.of("email", email, "list", listOf(form),
                    "ip", "203.0.113.8"));
            assertThat(answer.status()).as(answer.body()).isEqualTo(202);
            return answer.json();
        });
    }

    private static String listOf(String form) {
        return form.substring(0, form.length() - "-signup".length());
    }

    private String integrationOf(String subscriberId) {
        return jdbc.sql("select integration from contacts_subscription where contact_id = :id")
                .param("id", UUID.fromString(subscriberId)).query(String.class).single();
    }

    /** Waiting requests, double opt-ins started, confirmation mails queued, subscriber cards. */
    record Counts(long requests, long instances, long confirmations, long cards) {

        Counts minus(Counts other) {
            return new Counts(requests - other.requests, instances - other.instances,
                    confirmations - other.confirmations, cards - other.cards);
        }
    }

    private Counts counts() {
        return new Counts(
                count("select count(*) from subscription_confirmation_request where state = 'WAITING'"),
                count("select count(*) from act_hi_procinst where proc_def_key_ = 'double-opt-in'"),
                count("select count(*) from dispatch_outbox where purpose = 'CONFIRMATION'"),
                count("select count(*) from contacts_contact"));
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    private double failedGroups() {
        return meters.get("consentflow.signup.groups.failed").functionCounter().count();
    }
}
