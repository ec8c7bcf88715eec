package dev.consentflow.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Deployments;
import dev.consentflow.support.RawHttp;
import dev.consentflow.support.TestAccounts;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.util.unit.DataSize;

/**
 * Every rule of {@code /engine-rest} holds whatever the path's spelling: trailing slashes, the named engine's
 * prefix, doubled, encoded and dotted slashes, path parameters, case. A key never makes a tenant-less deployment or
 * one in another account, never redeploys or deletes the platform's, never reaches the engine's identity or batches,
 * and every refusal is a {@code 4xx} problem JSON.
 */
@IntegrationTest
class EngineRestFirewallIT {

    private static final List<String> SPELLINGS = List.of(
            "/engine-rest/%s", "/engine-rest/%s/", "/engine-rest/engine/default/%s", "/engine-rest/engine/default/%s/",
            "//engine-rest/%s", "/engine-rest//%s", "/engine-rest/%s;x=1", "/engine-rest;x=1/%s",
            "/engine-rest/%s?x=1", "/engine-rest/./%s", "/engine-rest/x/../%s", "/engine-rest/%%2e/%s",
            "/engine-rest/%s%%2F", "/engine-rest\\%s", "/engine-rest/%s%%00", "/ENGINE-REST/%s", "/engine-rest/%s\t");

    @LocalServerPort
    int port;

    @Value("${consentflow.engine.max-deployment-bytes:50MB}")
    DataSize maxDeployment;

    Api marketerA;
    String accountA;
    Api adminB;
    String accountB;
    RawHttp raw;

    @BeforeEach
    void twoAccounts() {
        Api anonymous = Api.at(port);
        Api adminA = TestAccounts.newAccount(anonymous);
        marketerA = TestAccounts.newKey(adminA, "MARKETER");
        accountA = TestAccounts.accountId(adminA);
        adminB = TestAccounts.newAccount(anonymous);
        accountB = TestAccounts.accountId(adminB);
        raw = new RawHttp(port);
    }

    @Test
    void everySpellingOfDeploymentCreateDeploysIntoTheKeysAccountOrIsRefused() {
        String processId = "firewall-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> spellings = spellings("deployment/create", "deployment%2Fcreate", "Deployment/create",
                "%64eployment/create");
        for (String path : spellings) {
            Answer own = deploy(path, flow(processId), Map.of());
            assertThat(own.status()).as(path + ": " + own).isIn(200, 400, 404);
            if (own.status() == 200) {
                assertThat(own.json().get("tenantId").asText()).as(path).isEqualTo(accountA);
            } else {
                assertProblem(path, own);
            }
            Answer foreign = deploy(path, flow(processId), Map.of("tenant-id", accountB));
            assertThat(foreign.status()).as(path + ": " + foreign).isIn(400, 403, 404);
            assertProblem(path, foreign);
            Answer oversized = deploy(path, padded(flow(processId), maxDeployment.toBytes()), Map.of());
            assertThat(oversized.status()).as(path + ": " + oversized).isIn(400, 404, 413);
            assertProblem(path, oversized);
            report(path, own, foreign, oversized);
        }
        assertThat(definitions(marketerA, processId)).as("no tenant-less definition, none in another account")
                .allMatch(definition -> accountA.equals(definition.get("tenantId").asText()));
        assertThat(definitions(adminB, processId)).isEmpty();
    }

    @Test
    void aDoctypeIsRefusedInEveryEncodingAndOtherEncodingsAtAll() {
        String processId = "firewall-xml-" + UUID.randomUUID().toString().substring(0, 8);
        String doctype = flow(processId).replace("<bpmn:definitions",
                "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n<bpmn:definitions");
        for (String encoding : List.of("UTF-8", "UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32LE", "x-UTF-32BE-BOM")) {
            Charset charset = Charset.forName(encoding);
            String declared = doctype.replace("encoding=\"UTF-8\"", "encoding=\"" + charset.name() + "\"");
            for (String path : List.of("/engine-rest/deployment/create", "/engine-rest/engine/default/deployment/create/")) {
                Answer refused = deploy(path, declared.getBytes(charset), Map.of());
                assertThat(refused.status()).as(encoding + " " + path + ": " + refused).isEqualTo(400);
                assertProblem(path, refused);
                report(encoding + " DOCTYPE " + path, refused);
            }
        }
        String ebcdic = flow(processId).replace("encoding=\"UTF-8\"", "encoding=\"IBM037\"");
        Answer refused = deploy("/engine-rest/deployment/create", ebcdic.getBytes(Charset.forName("IBM037")), Map.of());
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        report("IBM037 (EBCDIC) BPMN", refused);
        assertThat(definitions(marketerA, processId)).isEmpty();
    }

    @Test
    void aKeyNeverRedeploysNorDeletesThePlatformsDeployments() {
        JsonNode platform = marketerA.get("/engine-rest/process-definition/key/double-opt-in").json();
        String deployment = platform.get("deploymentId").asText();
        int versions = platformVersions();
        for (String path : spellings("deployment/" + deployment + "/redeploy")) {
            Answer redeploy = raw.send("POST", path, marketerA.key(), "application/json", "{}".getBytes());
            assertThat(redeploy.status()).as(path + ": " + redeploy).isBetween(400, 404);
            assertProblem(path, redeploy);
            report(path, redeploy);
        }
        for (String path : spellings("deployment/" + deployment)) {
            Answer delete = raw.send("DELETE", path.replace("?x=1", "?cascade=true"), marketerA.key(), null, null);
            assertThat(delete.status()).as(path + ": " + delete).isBetween(400, 405);
            assertProblem(path, delete);
            report("DELETE " + path, delete);
        }
        assertThat(platformVersions()).as("no new platform version").isEqualTo(versions);
        assertThat(marketerA.get("/engine-rest/deployment/" + deployment).status()).isEqualTo(200);
    }

    @Test
    void aKeyDeletesItsOwnDeploymentWithItsInstances() {
        String processId = "firewall-own-" + UUID.randomUUID().toString().substring(0, 8);
        Answer deployed = Deployments.deploy(marketerA, processId + ".bpmn", flow(processId));
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
        String deployment = deployed.json().get("id").asText();
        String definition = definitions(marketerA, processId).get(0).get("id").asText();
        Answer started = marketerA.post("/engine-rest/process-definition/" + definition + "/start", Map.of());
        assertThat(started.status()).as(started.body()).isEqualTo(200);

        assertThat(adminB.delete("/engine-rest/deployment/" + deployment + "?cascade=true").status()).isEqualTo(404);
        Answer withInstances = marketerA.delete("/engine-rest/deployment/" + deployment);
        assertThat(withInstances.status()).as("running instances need cascade: " + withInstances).isEqualTo(409);
        assertProblem("without cascade", withInstances);
        Answer deleted = marketerA.delete("/engine-rest/deployment/" + deployment + "/?cascade=true");
        assertThat(deleted.status()).as(deleted.body()).isEqualTo(204);
        assertThat(marketerA.get("/engine-rest/deployment/" + deployment).status()).isEqualTo(404);
        assertThat(definitions(marketerA, processId)).isEmpty();
        report("DELETE own deployment with a running instance, then with cascade", withInstances, deleted);
    }

    @Test
    void theEnginesIdentityBatchesAndOtherPlatformResourcesAreRefusedInEverySpelling() {
        Map<String, String> writes = Map.of(
                "user/create", "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"s3cret-s3cret\"}}",
                "group/create", "{\"id\":\"mallory\"}",
                "tenant/create", "{\"id\":\"mallory\"}",
                "authorization/create", "{\"type\":1,\"resourceType\":0,\"resourceId\":\"*\",\"permissions\":[\"ALL\"]}",
                "identity/verify", "{\"username\":\"admin\",\"password\":\"x\"}",
                "process-instance/delete", "{\"processInstanceIds\":[],\"deleteReason\":\"mallory\"}",
                "signal", "{\"name\":\"x\"}",
                "process-instance/job-retries", "{\"retries\":1}",
                "history/cleanup", "{}");
        writes.forEach((resource, body) -> {
            for (String path : spellings(resource)) {
                Answer refused = raw.send("POST", path, marketerA.key(), "application/json",
                        body.getBytes(StandardCharsets.UTF_8));
                assertThat(refused.status()).as(path + ": " + refused).isBetween(400, 404);
                assertProblem(path, refused);
                report("POST " + path, refused);
            }
        });
        for (String resource : List.of("user", "group", "tenant", "authorization", "batch", "telemetry/configuration",
                "schema/log", "metrics", "filter", "external-task", "deployment/registered", "history/cleanup/configuration")) {
            Answer refused = marketerA.get("/engine-rest/" + resource);
            assertThat(refused.status()).as(resource + ": " + refused).isEqualTo(403);
            assertProblem(resource, refused);
            assertThat(refused.json().get("detail").asText()).contains("GET /" + resource);
            report("GET /engine-rest/" + resource, refused);
        }
        Answer members = raw.send("PUT", "/engine-rest/engine/default/group/operaton-admin/members/mallory/",
                marketerA.key(), "application/json", "{}".getBytes());
        assertThat(members.status()).isEqualTo(403);
    }

    @Test
    void aComplianceKeyOnlyReadsInEverySpelling() {
        Api compliance = TestAccounts.newKey(adminB, "COMPLIANCE");
        assertThat(compliance.get("/engine-rest/process-definition").status()).isEqualTo(200);
        for (String path : spellings("message")) {
            Answer refused = raw.send("POST", path, compliance.key(), "application/json",
                    "{\"messageName\":\"x\"}".getBytes());
            assertThat(refused.status()).as(path + ": " + refused).isBetween(400, 404);
            assertProblem(path, refused);
            report("COMPLIANCE POST " + path, refused);
        }
    }

    @Test
    void badBodiesAreBadRequestsNotServerErrors() {
        Answer json = marketerA.postRaw("/engine-rest/message", "application/json", "{\"messageName\": ");
        Answer wrongJson = marketerA.postRaw("/engine-rest/message", "application/json", "{\"messageName\": [1]}");
        Answer multipart = marketerA.postRaw("/engine-rest/deployment/create",
                "multipart/form-data; boundary=XyZ", "--XyZ\r\nContent-Disposition: form-data; name=\"data\"\r\n\r\n<x");
        Answer noMultipart = marketerA.postRaw("/engine-rest/deployment/create", "application/json", "{}");
        Answer notXml = deploy("/engine-rest/deployment/create", "<bpmn:definitions".getBytes(), Map.of());
        Answer notBpmn = deploy("/engine-rest/deployment/create", "<a><b></a>".getBytes(), Map.of());
        Answer otherXml = deploy("/engine-rest/deployment/create", "<a/>".getBytes(), Map.of());
        Answer unknownType = marketerA.postRaw("/engine-rest/message", "text/csv", "a,b");
        List<Answer> answers = List.of(json, wrongJson, multipart, noMultipart, notXml, notBpmn, otherXml, unknownType);
        report("bad bodies", answers.toArray(Answer[]::new));
        for (Answer answer : answers) {
            assertThat(answer.status()).as(answer.toString()).isBetween(400, 415);
        }
        for (Answer answer : List.of(json, wrongJson, multipart, noMultipart, notXml, notBpmn, unknownType)) {
            assertProblem("bad body", answer);
        }
    }

    private List<String> spellings(String resource, String... more) {
        List<String> paths = new ArrayList<>();
        SPELLINGS.forEach(spelling -> paths.add(spelling.formatted(resource)));
        for (String other : more) {
            paths.add("/engine-rest/" + other);
        }
        return paths;
    }

    private Answer deploy(String path, String bpmn, Map<String, String> fields) {
        return deploy(path, bpmn.getBytes(StandardCharsets.UTF_8), fields);
    }

    private Answer deploy(String path, byte[] bpmn, Map<String, String> fields) {
        Deployments.Multipart multipart = Deployments.multipart("firewall.bpmn", bpmn, fields);
        return raw.send("POST", path, marketerA.key(), multipart.contentType(), multipart.body());
    }

    private int platformVersions() {
        return marketerA.get("/engine-rest/process-definition/count?key=double-opt-in&withoutTenantId=true").json()
                .get("count").asInt();
    }

    private static void assertProblem(String what, Answer answer) {
        assertThat(answer.contentType()).as(what + ": " + answer).startsWith("application/problem+json");
        assertThat(answer.json().get("status").asInt()).as(what).isEqualTo(answer.status());
    }

    private static void report(String what, Answer... answers) {
        StringBuilder line = new StringBuilder("FIREWALL ").append(what);
        for (Answer answer : answers) {
            String body = answer.body().replaceAll("\\s+", " ");
            String shown = body.contains("\"detail\"") ? body.substring(body.indexOf("\"detail\""))
                    : body.contains("\"tenantId\"") ? body.substring(body.indexOf("\"tenantId\""))
                    : body;
            line.append(" | ").append(answer.status()).append(' ').append(shown, 0, Math.min(140, shown.length()));
        }
        System.out.println(line);
    }

    private static List<JsonNode> definitions(Api api, String key) {
        Answer answer = api.get("/engine-rest/process-definition?key=" + key);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        return StreamSupport.stream(answer.json().spliterator(), false).toList();
    }

    private static String padded(String bpmn, long size) {
        return bpmn.replace("<bpmn:process", "<!--" + "x".repeat((int) size) + "-->\n<bpmn:process");
    }

    private static String flow(String processId) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Flow" targetNamespace="x">
                  <bpmn:process id="%s" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Started"/>
                    <bpmn:sequenceFlow id="Flow_ToWait" sourceRef="StartEvent_Started" targetRef="Task_Wait"/>
                    <bpmn:userTask id="Task_Wait"/>
                    <bpmn:sequenceFlow id="Flow_ToDone" sourceRef="Task_Wait" targetRef="EndEvent_Done"/>
                    <bpmn:endEvent id="EndEvent_Done"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(processId);
    }
}
