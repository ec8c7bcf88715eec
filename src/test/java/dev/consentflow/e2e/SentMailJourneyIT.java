package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.DevMailbox;
import dev.consentflow.support.TestAccounts;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Issue 18 part 6: what was sent to a person (confirmation, welcome, campaign), really sent through the SMTP server,
 * is in their timeline and their export with the mailing, the time and the final state, never the body; it stays
 * when retention deletes the outbox rows, and goes with the person's erasure.
 */
@IntegrationTest
class SentMailJourneyIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void everyMailToAPersonIsInTheirTimelineAndExportWithItsMailingAndStateButNeverItsBodyUntilTheirErasure()
            throws Exception {
        Api anonymous = Api.at(port);
        Api admin = TestAccounts.newAccount(anonymous);
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String list = "news-" + suffix;
        assertThat(admin.post("/api/lists", Map.of("key", list, "name", "Acme News", "brand", "acme")).status())
                .isEqualTo(201);
        String email = "sent-" + suffix + "@example.dk";
        Answer signup = admin.post("/api/subscriptions", Map.of("email", email, "list", list, "ip", "203.0.113.7"));
        assertThat(signup.status()).as(signup.body()).isEqualTo(202);
        String id = signup.json().get("subscriberId").asText();
        DevMailbox mailbox = DevMailbox.of(anonymous);
        JsonNode confirmation = mailbox.awaitMail(email, "");
        assertThat(anonymous.postForm(DevMailbox.confirmationPath(confirmation), "").status()).isEqualTo(200);
        // The welcome goes out after the confirmation; the campaign is sent once it has, so the order is known.
        await().atMost(PATIENCE).until(() -> dispatchEntries(admin, id), e -> e.size() == 2);

        String body = "A secret offer " + suffix;
        assertThat(admin.post("/api/templates", Map.of("key", "winter-" + suffix, "subject", "Winter " + suffix,
                "html", "<p>" + body + "</p>", "text", body)).status()).isEqualTo(201);
        String campaign = admin.post("/api/campaigns", Map.of("name", "Winter sale " + suffix, "list", list,
                "template", "winter-" + suffix)).json().get("id").asText();
        assertThat(admin.post("/api/campaigns/" + campaign + "/send", Map.of()).status()).isEqualTo(202);
        await().atMost(PATIENCE).until(() -> mailbox.mails(email, "Winter " + suffix), m -> !m.isEmpty());

        List<JsonNode> sent = await().atMost(PATIENCE).until(() -> dispatchEntries(admin, id), e -> e.size() == 3);
        assertThat(sent).extracting(e -> e.get("action").asText()).containsOnly("SENT");
        assertThat(sent).extracting(e -> e.get("detail").get("purpose").asText())
                .containsExactly("CONFIRMATION", "WELCOME", "CAMPAIGN");
        assertThat(sent.get(2).get("detail").get("mailing").asText()).isEqualTo("Winter sale " + suffix);
        assertThat(sent.get(2).get("detail").get("campaign").asText()).isEqualTo(campaign);
        assertThat(sent).allSatisfy(e -> assertThat(e.get("detail").get("channel").asText()).isEqualTo("EMAIL"));
        assertThat(sent).allSatisfy(e -> assertThat(e.get("at").asText()).isNotBlank());

        // Retention deletes the outbox rows once the campaign's statistics are final: the history stays.
        assertThat(jdbc.sql("delete from dispatch_outbox where subscriber_id = :id").param("id", UUID.fromString(id))
                .update()).isEqualTo(3);
        assertThat(dispatchEntries(admin, id)).hasSize(3);

        Api.Download json = admin.download("/api/contacts/" + id + "/export?format=json");
        assertThat(json.status()).isEqualTo(200);
        JsonNode messages = json.json().get("messages");
        assertThat(messages).hasSize(3);
        assertThat(messages).extracting(m -> m.get("kind").asText())
                .containsExactly("CONFIRMATION", "WELCOME", "CAMPAIGN");
        assertThat(messages.get(2).get("mailing").asText()).isEqualTo("Winter sale " + suffix);
        assertThat(messages).allSatisfy(m -> assertThat(m.get("state").asText()).isEqualTo("SENT"));
        assertThat(json.text()).doesNotContain(body).doesNotContain("Winter " + suffix + "\"");

        Api.Download xlsx = admin.download("/api/contacts/" + id + "/export?format=xlsx");
        assertThat(xlsx.status()).isEqualTo(200);
        try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body()))) {
            Sheet sheet = workbook.getSheet("Messages");
            assertThat(sheet).isNotNull();
            assertThat(sheet.getLastRowNum()).isEqualTo(3);
            StringBuilder cells = new StringBuilder();
            for (Sheet any : workbook) {
                any.forEach(row -> row.forEach(cell -> cells.append(cell.toString()).append('|')));
            }
            assertThat(cells.toString()).contains("Winter sale " + suffix, "CAMPAIGN", "WELCOME", "CONFIRMATION")
                    .doesNotContain(body);
        }

        assertThat(admin.post("/api/contacts/" + id + "/erase", Map.of("reason", "Asked by mail")).status())
                .isEqualTo(202);
        await().atMost(PATIENCE).until(() -> admin.get("/api/contacts/" + id).json().get("permission").asText(),
                "DELETED"::equals);
        assertThat(dispatchEntries(admin, id)).isEmpty();
        assertThat(jdbc.sql("select count(*) from dispatch_delivery where subscriber_id = :id")
                .param("id", UUID.fromString(id)).query(Long.class).single()).isZero();
    }

    private static List<JsonNode> dispatchEntries(Api admin, String id) {
        return StreamSupport.stream(admin.get("/api/contacts/" + id + "/audit").json().spliterator(), false)
                .filter(e -> "dispatch".equals(e.get("source").asText())).toList();
    }
}
