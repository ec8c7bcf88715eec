package dev.consentflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.MessageEventDefinition;
import org.operaton.bpm.model.bpmn.instance.StartEvent;
import org.operaton.bpm.model.bpmn.instance.SubProcess;

/**
 * The Modeler element templates in {@code processes/element-templates/}: Camunda 7 (Operaton) templates, not
 * Zeebe ones, each with what the Modeler needs; and the sample automation in the test resources is what applying
 * the unsubscribe templates gives, so the pattern they describe is the one the engine test proves.
 */
class ElementTemplatesTest {

    private static final String C7_SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    private static final ObjectMapper json = new ObjectMapper();

    @Test
    void everyTemplateIsACamunda7TemplateWithAnIdANameAndBoundProperties() throws IOException {
        Set<String> ids = new HashSet<>();
        for (JsonNode template : templates()) {
            assertThat(template.path("$schema").asText()).as(template.toString()).isEqualTo(C7_SCHEMA);
            assertThat(template.path("name").asText()).startsWith("Consentflow: ");
            assertThat(ids.add(template.path("id").asText() + "@" + template.path("version").asInt())).isTrue();
            assertThat(template.path("appliesTo")).isNotEmpty();
            assertThat(template.path("appliesTo").get(0).asText()).startsWith("bpmn:");
            for (JsonNode property : template.path("properties")) {
                assertThat(property.path("binding").path("type").asText()).as(property.toString())
                        .isIn("property", "camunda:property", "camunda:inputParameter", "camunda:outputParameter",
                                "camunda:in", "camunda:out", "camunda:in:businessKey", "camunda:executionListener",
                                "camunda:field", "camunda:errorEventDefinition");
            }
        }
        assertThat(ids).isNotEmpty();
    }

    @Test
    void theSampleAutomationIsWhatTheUnsubscribeTemplatesMake() throws IOException {
        BpmnModelInstance sample = Bpmn.readModelFromStream(
                getClass().getResourceAsStream("/automation/sample-automation.bpmn"));
        SubProcess stop = sample.getModelElementsByType(SubProcess.class).iterator().next();
        StartEvent unsubscribed = stop.getChildElementsByType(StartEvent.class).iterator().next();
        JsonNode subProcessTemplate = template("dev.consentflow.StopWhenUnsubscribed");
        JsonNode startTemplate = template("dev.consentflow.UnsubscribedFromThisList");

        assertThat(stop.triggeredByEvent()).isTrue();
        assertThat(stop.getName()).isEqualTo(value(subProcessTemplate, "name"));
        assertThat(unsubscribed.getName()).isEqualTo(value(startTemplate, "name"));
        assertThat(unsubscribed.isInterrupting()).isTrue();
        assertThat(value(startTemplate, "isInterrupting")).isEqualTo("true");
        MessageEventDefinition message = (MessageEventDefinition) unsubscribed.getEventDefinitions().iterator().next();
        assertThat(message.getMessage().getName()).isEqualTo("subscription.unsubscribed");
        assertThat(startTemplate.path("description").asText()).contains("subscription.unsubscribed");
        assertThat(ProcessModelRules.violations("sample-automation.bpmn", sample)).isEmpty();
    }

    private static JsonNode template(String id) throws IOException {
        return templates().stream().filter(t -> id.equals(t.path("id").asText())).findFirst().orElseThrow();
    }

    private static String value(JsonNode template, String bindingName) {
        for (JsonNode property : template.path("properties")) {
            if (bindingName.equals(property.path("binding").path("name").asText())) {
                return property.path("value").asText();
            }
        }
        throw new AssertionError("no property bound to " + bindingName + " in " + template.path("id"));
    }

    private static List<JsonNode> templates() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("processes/element-templates"))) {
            List<Path> paths = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            List<JsonNode> all = new java.util.ArrayList<>();
            for (Path path : paths) {
                JsonNode node = json.readTree(path.toFile());
                if (node.isArray()) {
                    node.forEach(all::add);
                } else {
                    all.add(node);
                }
            }
            return all;
        }
    }
}
