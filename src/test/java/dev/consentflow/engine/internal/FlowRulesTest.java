package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.engine.FlowReference;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The rules of an account's deployment, without an engine: every file of the hostile corpus
 * ({@code src/test/resources/hostile/}) is refused naming its element and rule, and the flows a marketer makes
 * (the example, the sample automation, the allowed variants of the hostile ideas) pass.
 */
class FlowRulesTest {

    static final UUID ACCOUNT = UUID.randomUUID();
    static final Set<String> BEANS = Set.of("jdbcTemplate", "cardErasure", "listAudiences", "sendTemplateDelegate",
            "checkEngagementDelegate", "addToListDelegate", "updateFieldDelegate", "sendConfirmationDelegate");

    private final FlowRules rules = new FlowRules(ElementTemplates.load(), BEANS::contains, () -> List.of(
            reference("templateKey", "template", Set.of("welcome-series", "welcome-reminder")),
            reference("targetListKey", "list", Set.of("offers"))));

    static Stream<HostileVector> hostileVectors() {
        return HostileVector.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileVectors")
    void everyHostileFileIsRefusedNamingItsElementAndRule(HostileVector vector) {
        List<FlowViolation> violations = rules.check(ACCOUNT.toString(),
                Map.of(vector.file(), vector.bytes()));
        assertThat(violations).as(violations.toString())
                .anySatisfy(v -> {
                    assertThat(v.field()).isEqualTo(vector.element());
                    assertThat(v.message()).contains(vector.rule());
                });
    }

    @Test
    void theExampleAndTheSampleAutomationAreFlows() throws IOException {
        assertThat(rules.check(ACCOUNT.toString(), Map.of("welcome-series.bpmn",
                Files.readAllBytes(Path.of("processes/examples/welcome-series.bpmn"))))).isEmpty();
        assertThat(rules.check(ACCOUNT.toString(), Map.of("sample-automation.bpmn",
                resource("/automation/sample-automation.bpmn")))).isEmpty();
    }

    @Test
    void theAllowedVariantsOfTheHostileIdeasAreFlows() {
        for (String file : List.of("condition-over-variables.bpmn", "timer-cycle-hourly.bpmn", "loop-with-timer.bpmn",
                "call-within-deployment.bpmn")) {
            assertThat(rules.check(ACCOUNT.toString(), Map.of(file, resource("/hostile/allowed/" + file))))
                    .as(file).isEmpty();
        }
        Map<String, byte[]> withFormAndDecision = new LinkedHashMap<>();
        withFormAndDecision.put("review-with-form.bpmn", resource("/hostile/allowed/review-with-form.bpmn"));
        withFormAndDecision.put("review.form", resource("/hostile/allowed/review.form"));
        withFormAndDecision.put("segment.dmn", resource("/hostile/allowed/segment.dmn"));
        assertThat(rules.check(ACCOUNT.toString(), withFormAndDecision)).isEmpty();
    }

    @Test
    void aUserTaskFormAndARuleTaskDecisionMustBeDeployedWithTheFlow() {
        List<FlowViolation> alone = rules.check(ACCOUNT.toString(), Map.of("review-with-form.bpmn",
                resource("/hostile/allowed/review-with-form.bpmn")));
        assertThat(alone).extracting(FlowViolation::field).containsExactlyInAnyOrder("Task_Review",
                "Task_DecideSegment");
    }

    @Test
    void everyViolationOfADeploymentIsAnsweredNotOnlyTheFirst() {
        Map<String, byte[]> deployment = new LinkedHashMap<>();
        deployment.put("a.js", "alert(1)".getBytes());
        deployment.put("camunda-class.camunda.bpmn", resource("/hostile/camunda-class.camunda.bpmn"));
        deployment.put("multi-instance-5000.operaton.bpmn", resource("/hostile/multi-instance-5000.operaton.bpmn"));
        assertThat(rules.check(ACCOUNT.toString(), deployment)).extracting(FlowViolation::field)
                .contains("a.js", "Task_Hostile", "Task_Review");
    }

    @Test
    void aModelDeclaringADoctypeIsRefusedBeforeItIsRead() {
        String doctype = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\">&e;</bpmn:definitions>";
        assertThat(rules.check(ACCOUNT.toString(), Map.of("x.bpmn", doctype.getBytes())))
                .extracting(FlowViolation::message).singleElement().asString().contains("DOCTYPE");
    }

    static byte[] resource(String path) {
        try (InputStream in = FlowRulesTest.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + path);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static FlowReference reference(String parameter, String noun, Set<String> keys) {
        return new FlowReference() {
            @Override
            public String inputParameter() {
                return parameter;
            }

            @Override
            public String noun() {
                return noun;
            }

            @Override
            public boolean exists(UUID account, String key) {
                return account.equals(ACCOUNT) && keys.contains(key);
            }
        };
    }
}
