package dev.consentflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Deployments;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;

/** The server as a newcomer, an integration and the Modeler meet it: keys, roles, errors, deployments, mail. */
@IntegrationTest
class FoundationJourneyIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    JavaMailSender mailSender;

    Api anonymous;
    Api admin;
    Api operator;

    @BeforeEach
    void clients() {
        anonymous = Api.at(port);
        admin = anonymous.as(Api.ADMIN_KEY);
        operator = anonymous.as(Api.OPERATOR_KEY);
    }

    @Test
    void healthIsOpenAndTheDatabaseAndEngineAreUp() {
        Answer health = anonymous.get("/actuator/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");

        assertThat(jdbc.sql("select count(*) from flyway_schema_history where success").query(Long.class).single())
                .isPositive();
        assertThat(admin.get("/engine-rest/engine").json().get(0).get("name").asText()).isEqualTo("default");
        assertThat(jdbc.sql("select count(*) from act_ge_property where name_ = 'historyLevel' and value_ = '3'")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void bootstrapKeysOpenTheDefaultAccountAndThePlatform() {
        Answer current = admin.get("/api/accounts/current");
        assertThat(current.status()).isEqualTo(200);
        assertThat(current.json().get("name").asText()).isEqualTo("default");

        Answer created = operator.post("/api/accounts", Map.of("name", "acme-" + UUID.randomUUID()));
        assertThat(created.status()).isEqualTo(201);
        String acmeAdmin = created.json().get("adminKey").asText();
        Answer acme = anonymous.as(acmeAdmin).get("/api/accounts/current");
        assertThat(acme.json().get("id").asText()).isEqualTo(created.json().get("id").asText());

        assertThat(jdbc.sql("select count(*) from accounts_api_key where key_hash = sha256(convert_to(:k, 'UTF8'))")
                .param("k", Api.ADMIN_KEY).query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("select count(*) from accounts_api_key where encode(key_hash, 'escape') like '%cf_test%'")
                .query(Long.class).single()).isZero();
    }

    @Test
    void anAdminCreatesKeysThatWorkOnceShownAndCarryTheirRole() {
        Answer key = admin.post("/api/keys", Map.of("name", "newsletter team", "role", "MARKETER"));
        assertThat(key.status()).isEqualTo(201);
        assertThat(key.json().get("role").asText()).isEqualTo("MARKETER");
        Api marketer = anonymous.as(key.json().get("key").asText());

        assertThat(marketer.get("/api/accounts/current").status()).isEqualTo(200);
        Answer forbidden = marketer.post("/api/keys", Map.of("name", "x", "role", "ADMIN"));
        assertProblem(forbidden, 403);
        assertProblem(admin.post("/api/keys", Map.of("name", "x", "role", "OPERATOR")), 400);
        assertProblem(marketer.post("/api/accounts", Map.of("name", "other")), 403);
    }

    @Test
    void everyErrorIsProblemJson() {
        assertProblem(anonymous.get("/api/accounts/current"), 401);
        assertProblem(anonymous.as("cf_unknown").get("/api/accounts/current"), 401);
        assertProblem(anonymous.get("/engine-rest/engine"), 401);
        assertProblem(admin.get("/api/no-such-thing"), 404);
        assertProblem(anonymous.get("/no-such-page"), 404);
        assertProblem(admin.delete("/api/keys"), 405);
        assertProblem(admin.postRaw("/api/keys", "text/plain", "name=x"), 415);
        assertProblem(admin.postRaw("/api/keys", "application/json", "{\"name\":"), 400);

        Answer invalid = admin.post("/api/keys", Map.of("name", "x", "role", "KING"));
        assertProblem(invalid, 400);
        assertThat(invalid.json().get("errors").get(0).get("field").asText()).isEqualTo("role");

        Answer blank = admin.post("/api/keys", Map.of("name", "", "role", "ADMIN"));
        assertProblem(blank, 400);
        assertThat(blank.json().get("errors").get(0).get("field").asText()).isEqualTo("name");

        byte[] huge = ("{\"name\":\"" + "a".repeat(70_000) + "\",\"role\":\"ADMIN\"}").getBytes(StandardCharsets.UTF_8);
        assertProblem(admin.postRaw("/api/keys", "application/json", huge, Map.of()), 413);
        assertThat(jdbc.sql("select count(*) from accounts_api_key where name = 'x' or name = ''")
                .query(Long.class).single()).isZero();
    }

    @Test
    void theModelerDeploysWithABearerKeyAndOnlyRolesThatMayDeployCan() {
        String marketerKey = admin.post("/api/keys", Map.of("name", "modeler", "role", "MARKETER"))
                .json().get("key").asText();
        String complianceKey = admin.post("/api/keys", Map.of("name", "dpo", "role", "COMPLIANCE"))
                .json().get("key").asText();
        String processId = "modeler-check-" + UUID.randomUUID().toString().substring(0, 8);
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Check" targetNamespace="x">
                  <bpmn:process id="%s" isExecutable="true" operaton:historyTimeToLive="P30D">
                    <bpmn:startEvent id="StartEvent_Started"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(processId);

        Answer deployed = Deployments.deploy(anonymous.as(marketerKey), processId + ".bpmn", bpmn);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        Answer definitions = admin.get("/engine-rest/process-definition?key=" + processId);
        assertThat(definitions.json()).hasSize(1);

        assertThat(Deployments.deploy(anonymous.as(complianceKey), processId + ".bpmn", bpmn).status()).isEqualTo(403);
        assertThat(Deployments.deploy(anonymous, processId + ".bpmn", bpmn).status()).isEqualTo(401);
    }

    @Test
    void aDeploymentWithADoctypeIsRefused() {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE definitions [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Evil" targetNamespace="x">
                  <bpmn:process id="evil" isExecutable="true" operaton:historyTimeToLive="P30D">
                    <bpmn:documentation>&xxe;</bpmn:documentation>
                    <bpmn:startEvent id="StartEvent_Started"/>
                  </bpmn:process>
                </bpmn:definitions>
                """;
        Answer refused = Deployments.deploy(admin, "evil.bpmn", bpmn);

        assertThat(refused.status()).isBetween(400, 499);
        assertThat(refused.body()).doesNotContain("root:");
        assertThat(admin.get("/engine-rest/process-definition?key=evil").json()).isEmpty();
    }

    @Test
    void theDevelopmentMailboxShowsWhatWasSent() throws Exception {
        String subject = "Hello " + UUID.randomUUID();
        MimeMessage message = mailSender.createMimeMessage();
        MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
        helper.setFrom("noreply@localhost");
        helper.setTo("reader@example.org");
        helper.setSubject(subject);
        helper.setText("Mail body");
        mailSender.send(message);

        Answer mailbox = anonymous.get("/dev/mailbox", Map.of("Accept", "application/json"));
        assertThat(mailbox.status()).isEqualTo(200);
        assertThat(mailbox.json().findValuesAsText("subject")).contains(subject);
        Answer page = anonymous.get("/dev/mailbox", Map.of("Accept", "text/html"));
        assertThat(page.body()).contains(subject);
    }

    @Test
    void apiDocumentationAndWebAppsAreServed() {
        assertThat(anonymous.get("/v3/api-docs").status()).isEqualTo(200);
        assertThat(anonymous.get("/swagger-ui/index.html").status()).isEqualTo(200);
        assertThat(anonymous.get("/operaton/app/cockpit/").status()).isIn(200, 302);
    }

    private static void assertProblem(Answer answer, int status) {
        assertThat(answer.status()).as(answer.body()).isEqualTo(status);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).isEqualTo(status);
        assertThat(answer.json().has("title")).isTrue();
        assertThat(answer.json().has("type")).isTrue();
        assertThat(answer.json().has("detail")).isTrue();
        assertThat(answer.body()).doesNotContain("Exception", "at dev.", "at org.");
    }
}
