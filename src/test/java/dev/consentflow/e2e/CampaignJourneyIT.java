package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.TestAccounts;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A marketer's campaign on the whole server: a template, a list with confirmed, unsubscribed and pending people,
 * the send, the ledger until SENT, and the real mails: one personalised mail per confirmed person, with the
 * one-click unsubscribe headers, a hostile name shown literally, nobody else mailed.
 */
@IntegrationTest
class CampaignJourneyIT {

    private static final String HOSTILE = "${7*7} {{7*7}} [[${T(java.lang.Runtime)}]] <b>Eve</b> & co";
    private static final Pattern UNSUBSCRIBE_HEADER = Pattern.compile("<(https?://[^>]+/u/[A-Za-z0-9_-]{43})>");
    private static final String OFFER = "https://shop.example/november?utm_source=newsletter";
    private static final Pattern OPEN_PIXEL = Pattern.compile("src=\"https?://[^\"]+(/t/o/[A-Za-z0-9_-]{22})\"");
    private static final Pattern CLICK = Pattern.compile("https?://[^\"\\s]+(/t/c/([A-Za-z0-9_-]{22})0)");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    Api anonymous;
    Api admin;
    String suffix;
    String list;

    @BeforeEach
    void aList() {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous.as(Api.ADMIN_KEY));
        suffix = UUID.randomUUID().toString().substring(0, 8);
        list = "news-" + suffix;
        // Tracking is off unless a list turns it on; this one does, "other" does not.
        Answer created = admin.post("/api/lists", Map.of("key", list, "name", "Acme News", "brand", "acme",
                "trackOpens", true, "trackClicks", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(admin.post("/api/lists", Map.of("key", "other-" + suffix, "name", "Other")).status())
                .isEqualTo(201);
    }

    @Test
    void aListWithoutTrackingSendsItsPlainLinksAndNoPixelWhileATrackedListDoesNot() {
        String untracked = "other-" + suffix;
        assertThat(admin.get("/api/lists").json().findValues("trackOpens").stream().map(JsonNode::asBoolean))
                .as("one list tracked, one not").containsExactlyInAnyOrder(true, false);
        String olga = address("olga");
        String ada = address("ada");
        confirmed(olga, untracked, "Olga");
        confirmed(ada, list, "Ada");
        template("plain-" + suffix);
        for (String target : List.of(untracked, list)) {
            Answer campaign = admin.post("/api/campaigns", Map.of("name", "Plain " + target, "list", target,
                    "template", "plain-" + suffix));
            assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
            String id = campaign.json().get("id").asText();
            assertThat(admin.post("/api/campaigns/" + id + "/send", Map.of()).status()).isEqualTo(202);
            await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> admin.get("/api/campaigns/" + id).json(), s -> "SENT".equals(s.get("status").asText()));
        }

        String plain = unfolded(onlyMail(olga).get("body").asText());
        assertThat(plain).contains("href=\"" + OFFER + "\"", "Twenty per cent off, for " + olga + ": " + OFFER)
                .doesNotContain("/t/o/", "/t/c/");
        assertThat(OPEN_PIXEL.matcher(plain).find()).isFalse();
        String tracked = unfolded(onlyMail(ada).get("body").asText());
        assertThat(OPEN_PIXEL.matcher(tracked).find()).as(tracked).isTrue();
        assertThat(CLICK.matcher(tracked).find()).as(tracked).isTrue();
        assertThat(tracked).doesNotContain("href=\"" + OFFER + "\"");
    }

    @Test
    void eachConfirmedPersonGetsExactlyOnePersonalisedMailAndTheLedgerAddsUp() {
        String ada = address("ada");
        String eve = address("eve");
        String carl = address("carl");
        String bob = address("bob");
        String pending = address("pending");
        String elsewhere = address("elsewhere");
        String adaId = confirmed(ada, list, "Ada");
        confirmed(eve, list, HOSTILE);
        confirmed(carl, list, null);
        String bobId = confirmed(bob, list, "Bob");
        confirmed(elsewhere, "other-" + suffix, "Olga");
        Answer signup = admin.post("/api/subscriptions", Map.of("email", pending, "list", list, "ip", "203.0.113.9"));
        assertThat(signup.status()).as(signup.body()).isEqualTo(202);
        Answer unsubscribed = admin.post("/api/contacts/" + bobId + "/unsubscribe", Map.of("list", list));
        assertThat(unsubscribed.status()).as(unsubscribed.body()).isEqualTo(200);

        template("november-" + suffix);
        Answer campaign = admin.post("/api/campaigns", Map.of("name", "November", "list", list,
                "template", "november-" + suffix));
        assertThat(campaign.status()).as(campaign.body()).isEqualTo(201);
        String id = campaign.json().get("id").asText();
        JsonNode draft = admin.get("/api/campaigns/" + id).json();
        assertThat(draft.get("status").asText()).isEqualTo("DRAFT");

        Answer send = admin.post("/api/campaigns/" + id + "/send", Map.of());
        assertThat(send.status()).as(send.body()).isEqualTo(202);
        assertThat(admin.post("/api/campaigns/" + id + "/send", Map.of()).status()).as("sent once")
                .isEqualTo(409);

        JsonNode status = await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                .until(() -> admin.get("/api/campaigns/" + id).json(), s -> "SENT".equals(s.get("status").asText()));
        assertThat(status.get("audience").asLong()).isEqualTo(3);
        assertThat(status.get("sent").asLong()).isEqualTo(3);
        assertThat(status.get("audience").asLong()).as(status.toString()).isEqualTo(status.get("sent").asLong()
                + status.get("failed").asLong() + status.get("suppressed").asLong()
                + status.get("expired").asLong() + status.get("unknown").asLong());
        assertThat(status.get("queued").asLong()).isZero();
        for (String field : List.of("opened", "clicked", "unsubscribed")) {
            assertThat(status.has(field)).as(field).isTrue();
        }

        JsonNode adaMail = onlyMail(ada);
        assertThat(adaMail.get("subject").asText()).isEqualTo("Hi Ada, our November offer");
        assertThat(unfolded(adaMail.get("body").asText())).contains("Hello Ada,", "<h1>Hello Ada,</h1>");
        assertUnsubscribeHeaders(adaMail);

        JsonNode eveMail = onlyMail(eve);
        assertThat(eveMail.get("subject").asText()).isEqualTo("Hi " + HOSTILE + ", our November offer");
        String eveBody = unfolded(eveMail.get("body").asText());
        assertThat(eveBody).as("shown literally in the text part").contains("Hello " + HOSTILE + ",")
                .as("escaped in the HTML part")
                .contains("<h1>Hello ${7*7} {{7*7}} [[${T(java.lang.Runtime)}]] &lt;b&gt;Eve&lt;/b&gt; &amp; co,</h1>")
                .doesNotContain("Hello 49").doesNotContain("<b>Eve</b>,</h1>");
        assertUnsubscribeHeaders(eveMail);

        JsonNode carlMail = onlyMail(carl);
        assertThat(carlMail.get("subject").asText()).as("a field the person lacks renders empty")
                .isEqualTo("Hi , our November offer");
        assertThat(unfolded(carlMail.get("body").asText())).contains("for " + carl);

        assertThat(campaignMails(bob)).as("unsubscribed before the send").isEmpty();
        assertThat(campaignMails(pending)).as("never confirmed").isEmpty();
        assertThat(campaignMails(elsewhere)).as("on another list").isEmpty();

        // Ada opens (the pixel) and clicks; the counts and her card show it.
        String adaBody = unfolded(adaMail.get("body").asText());
        assertThat(adaBody).contains("href=\"javascript:alert(1)\"", "href=\"//evil.example/x\"")
                .doesNotContain(OFFER);
        Matcher pixel = OPEN_PIXEL.matcher(adaBody);
        assertThat(pixel.find()).as(adaBody).isTrue();
        Matcher click = CLICK.matcher(adaBody);
        assertThat(click.find()).as(adaBody).isTrue();
        String token = click.group(2);
        Answer opened = anonymous.get(pixel.group(1));
        assertThat(opened.status()).isEqualTo(200);
        assertThat(opened.contentType()).contains("image/gif");
        Answer clicked = anonymous.get(click.group(1));
        assertThat(clicked.status()).isEqualTo(302);
        assertThat(clicked.header("Location")).isEqualTo(OFFER);
        for (String hostile : List.of("/t/c/" + token + "1", "/t/c/" + token + "99", "/t/c/" + token,
                "/t/c/" + "A".repeat(22) + "0", "/t/c/javascript:alert(1)", "/t/c/%2F%2Fevil.example",
                "/t/c/" + token + "0%2F%2Fevil.example")) {
            Answer refused = anonymous.get(hostile);
            assertThat(refused.status()).as(hostile).isIn(400, 404);
            assertThat(refused.header("Location")).as(hostile).isNull();
        }
        assertThat(anonymous.get("/t/o/unknown").status()).as("the pixel answers anyway").isEqualTo(200);
        JsonNode engaged = admin.get("/api/campaigns/" + id).json();
        assertThat(engaged.get("opened").asLong()).isEqualTo(1);
        assertThat(engaged.get("clicked").asLong()).isEqualTo(1);
        assertThat(engaged.get("unsubscribed").asLong()).isZero();
        JsonNode card = admin.get("/api/contacts/" + adaId).json();
        assertThat(card.toString()).contains("\"OPEN\"", "\"CLICK\"", id);

        // Eve leaves through the campaign mail's one-click link: the campaign counts her.
        Matcher leave = UNSUBSCRIBE_HEADER.matcher(unfolded(eveMail.get("headers").get("List-Unsubscribe").asText()));
        assertThat(leave.matches()).isTrue();
        String url = leave.group(1);
        assertThat(anonymous.postForm(url.substring(url.indexOf("/u/")), "List-Unsubscribe=One-Click").status())
                .isEqualTo(200);
        assertThat(admin.get("/api/campaigns/" + id).json().get("unsubscribed").asLong()).isEqualTo(1);
    }

    @Test
    void templatesAreKeptPerAccountWithUniqueKeysAndCampaignsNeedAKnownListAndTemplate() {
        template("welcome-" + suffix);
        Answer again = admin.post("/api/templates", Map.of("key", "welcome-" + suffix, "subject", "S",
                "html", "<p>x</p>", "text", "x"));
        assertThat(again.status()).isEqualTo(409);
        Answer badKey = admin.post("/api/templates", Map.of("key", "Not A Key", "subject", "S", "html", "<p>x</p>",
                "text", "x"));
        assertThat(badKey.status()).isEqualTo(400);
        JsonNode all = admin.get("/api/templates").json();
        assertThat(StreamSupport.stream(all.spliterator(), false).map(t -> t.get("key").asText()))
                .containsExactly("welcome-" + suffix);
        Api otherAccount = TestAccounts.newAccount(anonymous.as(Api.ADMIN_KEY));
        assertThat(otherAccount.get("/api/templates").json()).isEmpty();

        assertThat(admin.post("/api/campaigns", Map.of("name", "N", "list", "nope-" + suffix,
                "template", "welcome-" + suffix)).status()).isEqualTo(400);
        assertThat(admin.post("/api/campaigns", Map.of("name", "N", "list", list, "template", "nope")).status())
                .isEqualTo(400);
        String id = admin.post("/api/campaigns", Map.of("name", "N", "list", list, "template", "welcome-" + suffix))
                .json().get("id").asText();
        assertThat(otherAccount.get("/api/campaigns/" + id).status()).as("another account's campaign")
                .isEqualTo(404);
        assertThat(otherAccount.post("/api/campaigns/" + id + "/send", Map.of()).status()).isEqualTo(404);
        assertThat(anonymous.get("/api/campaigns/" + id).status()).isEqualTo(401);
    }

    @Test
    void theCampaignListIsTheAccountsOwnNewestFirstInPages() {
        template("welcome-" + suffix);
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            made.add(admin.post("/api/campaigns", Map.of("name", "Campaign " + i, "list", list,
                    "template", "welcome-" + suffix)).json().get("id").asText());
        }
        JsonNode first = admin.get("/api/campaigns?limit=2").json();
        assertThat(StreamSupport.stream(first.spliterator(), false).map(c -> c.get("id").asText()))
                .containsExactly(made.get(2), made.get(1));
        assertThat(first.get(0).get("status").asText()).isEqualTo("DRAFT");
        assertThat(first.get(0).get("list").asText()).isEqualTo(list);
        JsonNode next = admin.get("/api/campaigns?limit=2&before=" + made.get(1)).json();
        assertThat(StreamSupport.stream(next.spliterator(), false).map(c -> c.get("id").asText()))
                .containsExactly(made.get(0));
        assertThat(admin.get("/api/campaigns").json()).hasSize(3);

        Api otherAccount = TestAccounts.newAccount(anonymous.as(Api.ADMIN_KEY));
        assertThat(otherAccount.get("/api/campaigns").json()).isEmpty();
        assertThat(otherAccount.get("/api/campaigns?before=" + made.get(1)).status())
                .as("another account's campaign is no cursor").isEqualTo(400);
        assertThat(admin.get("/api/campaigns?limit=0").status()).isEqualTo(400);
        assertThat(admin.get("/api/campaigns?limit=501").status()).isEqualTo(400);
        assertThat(admin.get("/api/campaigns?before=not-an-id").status()).isEqualTo(400);
        assertThat(anonymous.get("/api/campaigns").status()).isEqualTo(401);
    }

    private void template(String key) {
        Answer created = admin.post("/api/templates", Map.of("key", key,
                "subject", "Hi {{firstName}}, our November offer",
                "html", "<!doctype html><html><body><h1>Hello {{firstName}},</h1><p>Twenty per cent off, for {{email}}.</p>"
                        + "<p><a href=\"" + OFFER + "\">Shop</a> <a href=\"javascript:alert(1)\">J</a>"
                        + " <a href=\"//evil.example/x\">E</a></p></body></html>",
                "text", "Hello {{firstName}},\nTwenty per cent off, for {{email}}: " + OFFER + "\n"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }

    private String confirmed(String email, String listKey, String firstName) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("email", email, "list", listKey, "confirmed", true,
                "ip", "203.0.113.60", "at", Instant.now().minusSeconds(60).toString()));
        if (firstName != null) {
            body.put("fields", Map.of("firstName", firstName));
        }
        Answer subscribed = admin.post("/api/subscriptions", body);
        assertThat(subscribed.status()).as(subscribed.body()).isEqualTo(201);
        return subscribed.json().get("subscriberId").asText();
    }

    private void assertUnsubscribeHeaders(JsonNode mail) {
        Matcher header = UNSUBSCRIBE_HEADER.matcher(unfolded(mail.get("headers").get("List-Unsubscribe").asText()));
        assertThat(header.matches()).as(mail.get("headers").toString()).isTrue();
        assertThat(mail.get("headers").get("List-Unsubscribe-Post").asText()).isEqualTo("List-Unsubscribe=One-Click");
        assertThat(mail.get("headers").get("List-Id").asText()).contains(list);
        assertThat(unfolded(mail.get("body").asText())).contains(header.group(1));
    }

    private JsonNode onlyMail(String email) {
        List<JsonNode> mails = campaignMails(email);
        assertThat(mails).as("exactly one campaign mail to " + email).hasSize(1);
        return mails.get(0);
    }

    private List<JsonNode> campaignMails(String email) {
        JsonNode mailbox = anonymous.get("/dev/mailbox", Map.of("Accept", "application/json")).json();
        return StreamSupport.stream(mailbox.spliterator(), false)
                .filter(m -> m.get("to").toString().toLowerCase().contains(email.toLowerCase()))
                .filter(m -> m.get("subject").asText().startsWith("Hi "))
                .toList();
    }

    /** Header folding and quoted-printable soft line breaks undone. */
    private static String unfolded(String text) {
        return text.replace("=\r\n", "").replace("=\n", "").replace("=3D", "=").replaceAll("\r?\n[ \t]*", "").strip();
    }

    private static String address(String who) {
        return who + "-" + UUID.randomUUID() + "@example.dk";
    }
}
