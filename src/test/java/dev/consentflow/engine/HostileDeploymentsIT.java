package dev.consentflow.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.IntegrationTest;
import dev.consentflow.engine.internal.HostileVector;
import dev.consentflow.support.Api;
import dev.consentflow.support.Api.Answer;
import dev.consentflow.support.Deployments;
import dev.consentflow.support.TestAccounts;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.operaton.bpm.engine.IdentityService;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.RepositoryService;
import org.operaton.bpm.engine.RuntimeService;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * An account's deployment is a flow, never code (API.md section 9): every file of the hostile corpus, deployed
 * as the Modeler deploys (multipart, a MARKETER key) through every spelling of the path, answers {@code 400}
 * naming its element and rule, and leaves nothing deployed; the engine refuses the same files deployed through
 * its Java API with the account's tenant. The allowed variants deploy, and run without running any code.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostileDeploymentsIT {

    /** Every spelling of the deployment path a key may try; more are added as the REST API's rules grow. */
    static final List<String> SPELLINGS = List.of("/engine-rest/deployment/create", "/engine-rest/deployment/create/",
            "/engine-rest/engine/default/deployment/create", "/engine-rest/engine/default/deployment/create/");

    private static final Path PROBE = Path.of("/tmp/consentflow-hostile");

    @LocalServerPort
    int port;
    @Autowired
    RepositoryService repository;
    @Autowired
    RuntimeService runtime;
    @Autowired
    IdentityService identity;

    Api admin;
    Api marketer;
    String account;

    @BeforeAll
    void anAccountWithAMarketerKeyATemplateAndAList() {
        admin = TestAccounts.newAccount(Api.at(port));
        marketer = TestAccounts.newKey(admin, "MARKETER");
        account = TestAccounts.accountId(admin);
        assertThat(marketer.post("/api/lists", Map.of("key", "offers", "name", "Offers", "brand", "acme")).status())
                .isEqualTo(201);
        assertThat(marketer.post("/api/templates", Map.of("key", "welcome-series", "subject", "Hello",
                "html", "<p>Hello</p>", "text", "Hello")).status()).isEqualTo(201);
    }

    @AfterAll
    void undeploy() {
        repository.createDeploymentQuery().tenantIdIn(account).list()
                .forEach(deployment -> repository.deleteDeployment(deployment.getId(), true));
    }

    Stream<Arguments> vectorsThroughEverySpelling() {
        return HostileVector.all().stream().flatMap(vector -> SPELLINGS.stream().map(path -> Arguments.of(vector, path)));
    }

    @ParameterizedTest(name = "{0} through {1}")
    @MethodSource("vectorsThroughEverySpelling")
    void aHostileFileIsRefusedWith400NamingItsElementAndRuleAndNothingIsDeployed(HostileVector vector, String path) {
        Answer refused = Deployments.deploy(marketer, vector.file(), Map.of(vector.file(), vector.bytes()), Map.of(),
                path);

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(StreamSupport.stream(refused.json().get("errors").spliterator(), false)).as(refused.body())
                .anySatisfy(error -> {
                    assertThat(error.get("field").asText()).isEqualTo(vector.element());
                    assertThat(error.get("message").asText()).contains(vector.rule());
                });
        assertThat(repository.createDeploymentQuery().deploymentName(vector.file()).count()).isZero();
        assertThat(repository.createProcessDefinitionQuery().processDefinitionKeyLike("hostile-%").count()).isZero();
        assertThat(PROBE).doesNotExist();
    }

    Stream<HostileVector> vectors() {
        return HostileVector.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void theEngineRefusesTheSameFileDeployedThroughItsJavaApiForTheAccount(HostileVector vector) {
        assertThatThrownBy(() -> repository.createDeployment().tenantId(account).name(vector.file())
                .addString(vector.file(), new String(vector.bytes(), StandardCharsets.UTF_8)).deploy())
                .isInstanceOf(ProcessEngineException.class)
                .hasMessageContaining(vector.element()).hasMessageContaining(vector.rule());
        assertThat(repository.createDeploymentQuery().deploymentName(vector.file()).count()).isZero();
    }

    @Test
    void theExampleWelcomeSeriesDeploys() throws IOException {
        String example = Files.readString(Path.of("processes/examples/welcome-series.bpmn"));
        assertThat(marketer.post("/api/templates", Map.of("key", "welcome-reminder", "subject", "Still there?",
                "html", "<p>Still there?</p>", "text", "Still there?")).status()).isIn(201, 409);
        for (String path : SPELLINGS) {
            Answer deployed = Deployments.deploy(marketer, "welcome-series.bpmn",
                    Map.of("welcome-series.bpmn", example.getBytes(StandardCharsets.UTF_8)), Map.of(), path);
            assertThat(deployed.status()).as(path + ": " + deployed.body()).isEqualTo(200);
        }
    }

    @Test
    void aFlowMadeOfEveryElementTemplateDeploys() {
        String flow = EveryTemplateFlow.of(Map.of("templateKey", "welcome-series", "targetListKey", "offers",
                "fieldName", "segment", "fieldValue", "engaged"));
        Answer deployed = Deployments.deploy(marketer, "every-template.bpmn", flow);
        assertThat(deployed.status()).as(deployed.body()).isEqualTo(200);
    }

    @Test
    void theAllowedVariantsDeployAndAValueThatLooksLikeCodeIsOnlyAValue() throws IOException {
        for (String file : List.of("condition-over-variables.bpmn", "timer-cycle-hourly.bpmn", "loop-with-timer.bpmn",
                "call-within-deployment.bpmn")) {
            Answer deployed = Deployments.deploy(marketer, file, Map.of(file, allowed(file)), Map.of(), SPELLINGS.get(0));
            assertThat(deployed.status()).as(file + ": " + deployed.body()).isEqualTo(200);
        }
        Map<String, byte[]> withFormAndDecision = new LinkedHashMap<>();
        for (String file : List.of("review-with-form.bpmn", "review.form", "segment.dmn")) {
            withFormAndDecision.put(file, allowed(file));
        }
        Answer review = Deployments.deploy(marketer, "review-with-form", withFormAndDecision, Map.of(), SPELLINGS.get(0));
        assertThat(review.status()).as(review.body()).isEqualTo(200);

        String code = "${''.getClass().forName('java.lang.Runtime').getMethod('getRuntime').invoke(null)"
                + ".exec('touch " + PROBE + "')}";
        Answer started = marketer.post("/engine-rest/process-definition/key/allowed-condition-over-variables/tenant-id/" + account + "/start",
                Map.of("variables", Map.of("segment", Map.of("value", code, "type", "String"),
                        "engaged", Map.of("value", false, "type", "Boolean"),
                        "mailRating", Map.of("value", 1, "type", "Integer"),
                        "optedOut", Map.of("value", false, "type", "Boolean"))));
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        String instance = started.json().get("id").asText();
        assertThat(runtime.getActiveActivityIds(instance)).containsExactly("Task_FollowUpNeither");
        assertThat(runtime.getVariables(instance)).containsOnlyKeys("segment", "engaged", "mailRating", "optedOut")
                .containsEntry("segment", code);
        assertThat(PROBE).as("the value was never evaluated").doesNotExist();

        Answer parent = marketer.post("/engine-rest/process-definition/key/allowed-call-parent/tenant-id/" + account + "/start",
                Map.of("variables", Map.of()));
        assertThat(parent.status()).as(parent.body()).isEqualTo(200);
        JsonNode child = marketer.get("/engine-rest/process-instance?superProcessInstance="
                + parent.json().get("id").asText()).json().get(0);
        assertThat(child.get("tenantId").asText()).isEqualTo(account);
    }

    @Test
    void theEngineRefusesAnAccountsDeploymentWithoutItsTenantOrIntoAnothers() {
        String flow = new String(allowed("timer-cycle-hourly.bpmn"), StandardCharsets.UTF_8);
        identity.setAuthentication(null, List.of(EngineGroups.marketers(java.util.UUID.fromString(account))),
                List.of(account));
        try {
            assertThatThrownBy(() -> repository.createDeployment().name("tenantless").addString("t.bpmn", flow).deploy())
                    .hasMessageContaining("tenant-id");
            assertThatThrownBy(() -> repository.createDeployment().name("foreign").tenantId(java.util.UUID.randomUUID()
                    .toString()).addString("t.bpmn", flow).deploy()).isInstanceOf(ProcessEngineException.class);
        } finally {
            identity.clearAuthentication();
        }
        assertThat(repository.createDeploymentQuery().deploymentName("tenantless").count()).isZero();
        assertThat(repository.createDeploymentQuery().deploymentName("foreign").count()).isZero();
    }

    private static byte[] allowed(String file) {
        try (InputStream in = HostileDeploymentsIT.class.getResourceAsStream("/hostile/allowed/" + file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A flow with one element per element template, each set to a value the account has. */
    static final class EveryTemplateFlow {
        static String of(Map<String, String> values) {
            List<String> steps = new ArrayList<>();
            StringBuilder body = new StringBuilder();
            int i = 0;
            for (JsonNode template : ElementTemplateFiles.all()) {
                String delegate = null;
                StringBuilder inputs = new StringBuilder();
                for (JsonNode property : template.path("properties")) {
                    JsonNode binding = property.path("binding");
                    if (binding.path("name").asText().endsWith("delegateExpression")) {
                        delegate = property.path("value").asText();
                    } else if ("camunda:inputParameter".equals(binding.path("type").asText())) {
                        String name = binding.path("name").asText();
                        String value = values.getOrDefault(name, property.path("value").asText(null));
                        assertThat(value).as("a sample value for " + name).isNotNull();
                        inputs.append("<camunda:inputParameter name=\"").append(name).append("\">").append(value)
                                .append("</camunda:inputParameter>");
                    }
                }
                String applies = template.path("appliesTo").get(0).asText();
                String id = "Step_" + (i++);
                if (delegate != null) {
                    body.append("<bpmn:serviceTask id=\"").append(id).append("\" camunda:delegateExpression=\"")
                            .append(delegate).append("\"><bpmn:extensionElements><camunda:inputOutput>").append(inputs)
                            .append("</camunda:inputOutput></bpmn:extensionElements></bpmn:serviceTask>");
                    steps.add(id);
                } else if (applies.equals("bpmn:IntermediateCatchEvent")) {
                    body.append("<bpmn:intermediateCatchEvent id=\"").append(id).append("\"><bpmn:extensionElements>"
                            + "<camunda:inputOutput>").append(inputs).append("</camunda:inputOutput>"
                            + "</bpmn:extensionElements><bpmn:timerEventDefinition><bpmn:timeDuration>${waitFor}"
                            + "</bpmn:timeDuration></bpmn:timerEventDefinition></bpmn:intermediateCatchEvent>");
                    steps.add(id);
                }
            }
            StringBuilder flows = new StringBuilder();
            String previous = "StartEvent_Started";
            for (String step : steps) {
                flows.append("<bpmn:sequenceFlow id=\"Flow_To").append(step).append("\" sourceRef=\"").append(previous)
                        .append("\" targetRef=\"").append(step).append("\"/>");
                previous = step;
            }
            flows.append("<bpmn:sequenceFlow id=\"Flow_ToDone\" sourceRef=\"").append(previous)
                    .append("\" targetRef=\"EndEvent_Done\"/>");
            return """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_Every" targetNamespace="x">
                      <bpmn:message id="Message_Unsubscribed" name="subscription.unsubscribed"/>
                      <bpmn:process id="every-template" isExecutable="true" camunda:historyTimeToLive="P1D">
                        <bpmn:startEvent id="StartEvent_Started"/>
                        %s%s
                        <bpmn:endEvent id="EndEvent_Done"/>
                        <bpmn:subProcess id="SubProcess_StopWhenUnsubscribed" name="Stop when unsubscribed" triggeredByEvent="true">
                          <bpmn:startEvent id="StartEvent_Unsubscribed" isInterrupting="true">
                            <bpmn:messageEventDefinition messageRef="Message_Unsubscribed"/>
                          </bpmn:startEvent>
                          <bpmn:sequenceFlow id="Flow_ToStopped" sourceRef="StartEvent_Unsubscribed" targetRef="EndEvent_Stopped"/>
                          <bpmn:endEvent id="EndEvent_Stopped"/>
                        </bpmn:subProcess>
                      </bpmn:process>
                    </bpmn:definitions>
                    """.formatted(body, flows);
        }
    }
}
