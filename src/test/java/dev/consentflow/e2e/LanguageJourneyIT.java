package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.DevMailbox.Parts;
import dev.consentflow.support.TestAccounts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

/**
 * A Danish list, as a Danish person meets it through HTTP and their mailbox: the form, the thank-you page, the
 * confirmation mail at the development SMTP server, the confirm page, the welcome mail and the unsubscribe page,
 * all in Danish; and an account's own wording of a list's mail, refused without its link and used once accepted.
 */
@IntegrationTest
@TestPropertySource(properties = {"consentflow.web.trusted-proxies=127.0.0.1", "consentflow.signup.rate-per-address=50"})
class LanguageJourneyIT {

    private static final Pattern UNSUBSCRIBE = Pattern.compile("https?://[^\\s\"<>]+(/u/[A-Za-z0-9_-]{43})");

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    Api anonymous;
    Api admin;
    DevMailbox mailbox;
    String suffix;

    @BeforeEach
    void anAccount() {
        anonymous = Api.at(port);
        admin = TestAccounts.newAccount(anonymous.as(Api.ADMIN_KEY));
        mailbox = DevMailbox.of(anonymous);
        suffix = UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void aDanishListSpeaksDanishFromTheFormToTheUnsubscribePage() {
        String list = "nyt-" + suffix;
        Answer created = admin.post("/api/lists", Map.of("key", list, "name", "Acmes nyhedsbrev", "brand", "acme",
                "language", "da", "trackOpens", true));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("language").asText()).isEqualTo("da");
        assertThat(created.json().get("trackClicks").asBoolean()).as("off unless turned on").isFalse();
        String form = list + "-tilmelding";
        assertThat(admin.post("/api/forms", Map.of("key", form, "lists", List.of(list), "channel", "EMAIL",
                "fields", List.of("firstName"))).status()).isEqualTo(201);

        Answer page = anonymous.get("/f/" + form);
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<html lang=\"da\">", "<h1>Nyhedsbrev</h1>", "E-mailadresse",
                "Fornavn (valgfrit)", "Ja tak, send mig Nyhedsbrev på e-mail.",
                "For at gøre vores e-mails bedre registrerer vi, om de bliver åbnet.", ">Tilmeld</button>")
                .doesNotContain("Subscribe", "Email address");

        String email = "anna-" + suffix + "@example.dk";
        Answer refused = anonymous.postRaw("/f/" + form, "application/x-www-form-urlencoded",
                ("email=anna%40&firstName=%C3%86sa").getBytes(StandardCharsets.UTF_8),
                Map.of("X-Forwarded-For", "203.0.113.60"));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("<html lang=\"da\">", "Ret venligst følgende:",
                "Skriv en gyldig e-mailadresse.", "Sæt kryds i feltet for at give dit samtykke.", "value=\"Æsa\"");
        Answer posted = anonymous.postRaw("/f/" + form, "application/x-www-form-urlencoded",
                ("email=" + email.replace("@", "%40") + "&firstName=%C3%86sa&consent=true")
                        .getBytes(StandardCharsets.UTF_8), Map.of("X-Forwarded-For", "203.0.113.61"));
        assertThat(posted.status()).isEqualTo(303);
        Answer thanks = anonymous.get(posted.header("Location"));
        assertThat(thanks.body()).contains("<html lang=\"da\">", "Næsten færdig", "Tjek din indbakke");
        assertThat(jdbc.sql("select s.consent_text from contacts_subscription s join contacts_list l on l.id = s.list_id "
                + "where l.key = :list").param("list", list).query(String.class).single())
                .as("the evidence is what the form said")
                .isEqualTo("Ja tak, send mig Nyhedsbrev på e-mail. Jeg kan til enhver tid trække mit samtykke "
                        + "tilbage via linket i alle beskeder. For at gøre vores e-mails bedre registrerer vi, om de "
                        + "bliver åbnet.");

        JsonNode confirmation = mailbox.awaitMail(email, "Bekræft din tilmelding til Acmes nyhedsbrev");
        Parts mail = DevMailbox.parts(confirmation);
        assertThat(mail.text()).startsWith("Hej\n").contains("Vi har fået en tilmelding til Acmes nyhedsbrev med "
                + "denne e-mailadresse. Hvis det var dig,", "Bliver tilmeldingen ikke bekræftet, sender vi ikke mere")
                .doesNotContain("forhåbentlig");
        assertThat(mail.html()).contains("<html lang=\"da\">", "Bekræft min tilmelding</a>");
        String confirm = DevMailbox.confirmationPath(confirmation);
        Answer look = anonymous.get(confirm);
        assertThat(look.body()).contains("<html lang=\"da\">", "<h1>Bekræft din tilmelding</h1>",
                "Ja, bekræft min tilmelding");
        Answer confirmed = anonymous.postRaw(confirm, "application/x-www-form-urlencoded", "");
        assertThat(confirmed.status()).isEqualTo(200);
        assertThat(confirmed.body()).contains("<html lang=\"da\">", "Tilmeldingen er bekræftet",
                "Tak! Din tilmelding er bekræftet.");

        Parts welcome = DevMailbox.parts(mailbox.awaitMail(email, "Velkommen til Acmes nyhedsbrev"));
        assertThat(welcome.text()).contains("Velkommen!", "Din tilmelding til Acmes nyhedsbrev er bekræftet.",
                "Afmeld: ");
        assertThat(welcome.html()).contains(">Afmeld</a>");
        Matcher unsubscribe = UNSUBSCRIBE.matcher(welcome.text());
        assertThat(unsubscribe.find()).as(welcome.text()).isTrue();
        Answer choice = anonymous.get(unsubscribe.group(1));
        assertThat(choice.body()).contains("<html lang=\"da\">", "<h1>Afmeld</h1>",
                "Vil du ikke længere modtage <strong>Acmes nyhedsbrev</strong>?", "Afmeld Acmes nyhedsbrev",
                "Når du afmelder dig, bliver dine oplysninger ikke slettet.");
        Answer done = anonymous.postRaw(unsubscribe.group(1), "application/x-www-form-urlencoded", "scope=LIST");
        assertThat(done.body()).contains("<h1>Du er afmeldt</h1>", "Du får ikke flere mails fra");

        Answer gone = anonymous.get("/u/" + "A".repeat(43), Map.of("Accept-Language", "da-DK,da;q=0.9,en;q=0.5"));
        assertThat(gone.status()).isEqualTo(410);
        assertThat(gone.body()).contains("<html lang=\"da\">", "Linket virker ikke");
        assertThat(anonymous.get("/c/" + "A".repeat(43)).body()).as("no list, no Accept-Language: English")
                .contains("<html lang=\"en\">", "Link not valid");
    }

    @Test
    void anOverrideWithoutItsLinkIsRefusedAndAnAcceptedOneIsTheNextConfirmation() {
        String list = "news-" + suffix;
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Acme <News>")).status()).isEqualTo(201);
        String path = "/api/lists/" + list + "/messages/confirmation";
        JsonNode builtIn = admin.get(path).json();
        assertThat(builtIn.get("builtIn").asBoolean()).isTrue();
        assertThat(builtIn.get("language").asText()).isEqualTo("en");
        assertThat(builtIn.get("subject").asText()).isEqualTo("Please confirm your subscription to {{listName}}");
        assertThat(builtIn.get("required").asText()).isEqualTo("confirmUrl");

        Answer noLink = admin.put(path, Map.of("subject", "Hello from {{listName}}",
                "html", "<p>Welcome to {{listName}}</p>", "text", "Welcome to {{listName}}"));
        assertThat(noLink.status()).isEqualTo(400);
        assertThat(noLink.header("Content-Type")).startsWith("application/problem+json");
        assertThat(noLink.body()).contains("{{confirmUrl}}", "\"html\"", "\"text\"");
        Answer unknown = admin.put(path, Map.of("subject", "Hi {{firstName}}",
                "html", "<a href=\"{{confirmUrl}}\">Yes</a>", "text", "Yes: {{confirmUrl}} {{coupon}}"));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.body()).contains("{{firstName}}", "{{coupon}}");
        assertThat(admin.get(path).json().get("builtIn").asBoolean()).as("nothing stored").isTrue();
        assertThat(admin.put("/api/lists/" + list + "/messages/farewell", Map.of()).status()).isEqualTo(404);

        Map<String, String> own = Map.of("subject", "One click to {{listName}}",
                "html", "<p>Almost there: <a href=\"{{confirmUrl}}\">join {{listName}}</a></p>",
                "text", "Almost there: {{confirmUrl}}");
        Answer accepted = admin.put(path, own);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        assertThat(admin.get(path).json().get("builtIn").asBoolean()).isFalse();
        JsonNode preview = admin.post(path + "/preview", Map.of()).json();
        assertThat(preview.get("subject").asText()).isEqualTo("One click to Acme <News>");
        assertThat(preview.get("html").asText()).contains("join Acme &lt;News&gt;</a>").contains("/c/");

        String email = "ben-" + suffix + "@example.com";
        Answer signup = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "ip", "203.0.113.62"));
        assertThat(signup.status()).as(signup.body()).isEqualTo(202);
        JsonNode mail = mailbox.awaitMail(email, "One click to Acme <News>");
        Parts parts = DevMailbox.parts(mail);
        assertThat(parts.text()).startsWith("Almost there: http").contains(DevMailbox.confirmationPath(mail));
        assertThat(parts.html()).contains("join Acme &lt;News&gt;</a>");

        assertThat(admin.delete(path).status()).isEqualTo(204);
        assertThat(admin.get(path).json().get("builtIn").asBoolean()).isTrue();
        // Renaming a list (PUT, API.md section 10) keeps its language; tracking turns the pixel and links on together.
        assertThat(admin.patch("/api/lists/" + list, Map.of("language", "sv")).status()).isEqualTo(200);
        Answer renamed = admin.put("/api/lists/" + list, Map.of("name", "Renamed", "tracking", true));
        assertThat(renamed.status()).as(renamed.body()).isEqualTo(200);
        assertThat(renamed.json().get("name").asText()).isEqualTo("Renamed");
        assertThat(renamed.json().get("language").asText()).isEqualTo("sv");
        assertThat(renamed.json().get("trackOpens").asBoolean()).isTrue();
        assertThat(renamed.json().get("trackClicks").asBoolean()).isTrue();
        Answer badLanguage = admin.patch("/api/lists/" + list, Map.of("language", "xx"));
        assertThat(badLanguage.status()).isEqualTo(400);
        assertThat(badLanguage.body()).contains("language");
        assertThat(admin.patch("/api/lists/" + list, Map.of("language", "de")).json().get("language").asText())
                .isEqualTo("de");
        assertThat(admin.get(path).json().get("subject").asText())
                .isEqualTo("Bitte bestätigen Sie Ihre Anmeldung zu {{listName}}");
    }

    @Test
    void aListsOwnWelcomeIsTheWelcomeOfTheNextConfirmationClick() {
        String list = "hello-" + suffix;
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Acme Hello")).status()).isEqualTo(201);
        String path = "/api/lists/" + list + "/messages/welcome";
        Answer accepted = admin.put(path, Map.of("subject", "You are in: {{listName}}",
                "html", "<p>Glad you came. <a href=\"{{unsubscribeUrl}}\">Leave {{listName}}</a></p>",
                "text", "Glad you came. Leave: {{unsubscribeUrl}}"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        String email = "cleo-" + suffix + "@example.com";
        Answer signup = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "ip", "203.0.113.63"));
        assertThat(signup.status()).as(signup.body()).isEqualTo(202);
        String link = DevMailbox.confirmationPath(mailbox.awaitMail(email, "Please confirm"));
        assertThat(anonymous.postRaw(link, "application/x-www-form-urlencoded", new byte[0], Map.of()).status())
                .isEqualTo(200);

        JsonNode welcome = mailbox.awaitMail(email, "You are in: Acme Hello");
        Parts parts = DevMailbox.parts(welcome);
        Matcher unsubscribe = UNSUBSCRIBE.matcher(parts.text());
        assertThat(parts.text()).startsWith("Glad you came. Leave: http");
        assertThat(unsubscribe.find()).as(parts.text()).isTrue();
        assertThat(parts.html()).contains("Leave Acme Hello</a>", unsubscribe.group(1));
    }
}
