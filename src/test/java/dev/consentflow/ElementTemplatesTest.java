package dev.consentflow;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.BaseElement;
import org.operaton.bpm.model.bpmn.instance.IntermediateCatchEvent;
import org.operaton.bpm.model.bpmn.instance.MessageEventDefinition;
import org.operaton.bpm.model.bpmn.instance.ServiceTask;
import org.operaton.bpm.model.bpmn.instance.StartEvent;
import org.operaton.bpm.model.bpmn.instance.SubProcess;
import org.operaton.bpm.model.bpmn.instance.TimerEventDefinition;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonInputOutput;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonInputParameter;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.SimpleBeanDefinitionRegistry;
import org.springframework.context.annotation.AnnotationBeanNameGenerator;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * The Modeler element templates in {@code processes/element-templates/}: Camunda 7 (Operaton) templates, not
 * Zeebe ones, each with what the Modeler needs; their delegates are beans of the server; and the sample automation
 * in the test resources and the example in {@code processes/examples/} are what applying the templates gives, so
 * the pattern they describe is the one the engine tests prove.
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
    void theMarketersTasksEachHaveTheirTemplate() {
        for (String file : List.of("consentflow-send-template.json", "consentflow-wait.json",
                "consentflow-branch-on-engagement.json", "consentflow-add-to-list.json",
                "consentflow-update-field.json", "consentflow-stop-when-unsubscribed.json")) {
            assertThat(Path.of("processes/element-templates", file)).as(file).exists();
        }
    }

    @Test
    void everyTemplateIdIsNamespacedAndEveryConstraintPatternIsARegularExpression() throws IOException {
        for (JsonNode template : templates()) {
            assertThat(template.path("id").asText()).matches("dev\\.consentflow\\.[A-Z][A-Za-z]+");
            assertThat(template.path("version").asInt()).isPositive();
            assertThat(template.path("description").asText()).isNotBlank();
            for (JsonNode property : template.path("properties")) {
                JsonNode pattern = property.path("constraints").path("pattern");
                if (!pattern.isMissingNode()) {
                    Pattern regex = Pattern.compile(pattern.path("value").asText());
                    assertThat(pattern.path("message").asText()).isNotBlank();
                    if (property.has("value")) {
                        assertThat(regex.matcher(property.path("value").asText()).matches())
                                .as("the default of " + property.path("label")).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void everyDelegateATemplateNamesIsADelegateBeanOfTheServer() throws IOException {
        Set<String> beans = delegateBeans();
        List<String> named = new java.util.ArrayList<>();
        for (JsonNode template : templates()) {
            String expression = delegateExpression(template);
            if (expression != null) {
                assertThat(expression).matches("\\$\\{[a-z][A-Za-z0-9]*Delegate}");
                named.add(expression.substring(2, expression.length() - 1));
            }
        }
        assertThat(named).containsExactlyInAnyOrder("sendTemplateDelegate", "checkEngagementDelegate",
                "addToListDelegate", "updateFieldDelegate");
        assertThat(beans).containsAll(named);
    }

    @Test
    void theExampleAutomationIsMadeOfTheTemplatesWithValuesTheyAccept() throws IOException {
        BpmnModelInstance example = Bpmn.readModelFromFile(
                Path.of("processes/examples/welcome-series.bpmn").toFile());
        Set<String> used = new HashSet<>();
        for (ServiceTask task : example.getModelElementsByType(ServiceTask.class)) {
            JsonNode template = templates().stream()
                    .filter(t -> task.getOperatonDelegateExpression().equals(delegateExpression(t)))
                    .findFirst().orElseThrow(() -> new AssertionError(task.getId() + " is made by no template"));
            used.add(template.path("id").asText());
            assertThat(inputs(task)).as(task.getId()).containsOnlyKeys(inputNames(template));
            assertAccepted(template, inputs(task));
        }
        JsonNode wait = template("dev.consentflow.Wait");
        for (IntermediateCatchEvent event : example.getModelElementsByType(IntermediateCatchEvent.class)) {
            TimerEventDefinition timer = (TimerEventDefinition) event.getEventDefinitions().iterator().next();
            assertThat(timer.getTimeDuration().getTextContent()).isEqualTo("${waitFor}");
            assertThat(wait.path("description").asText()).contains("${waitFor}");
            assertThat(inputs(event)).containsOnlyKeys(inputNames(wait));
            assertAccepted(wait, inputs(event));
            used.add(wait.path("id").asText());
        }
        assertThat(used).contains("dev.consentflow.SendTemplate", "dev.consentflow.Wait",
                "dev.consentflow.BranchOnEngagement", "dev.consentflow.AddToList", "dev.consentflow.UpdateField");
        SubProcess stop = example.getModelElementsByType(SubProcess.class).iterator().next();
        assertThat(stop.getName()).isEqualTo(value(template("dev.consentflow.StopWhenUnsubscribed"), "name"));
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

    private static String delegateExpression(JsonNode template) {
        for (JsonNode property : template.path("properties")) {
            if ("camunda:delegateExpression".equals(property.path("binding").path("name").asText())) {
                return property.path("value").asText();
            }
        }
        return null;
    }

    private static Set<String> inputNames(JsonNode template) {
        Set<String> names = new HashSet<>();
        for (JsonNode property : template.path("properties")) {
            if ("camunda:inputParameter".equals(property.path("binding").path("type").asText())) {
                names.add(property.path("binding").path("name").asText());
            }
        }
        return names;
    }

    private static void assertAccepted(JsonNode template, Map<String, String> inputs) {
        for (JsonNode property : template.path("properties")) {
            String name = property.path("binding").path("name").asText();
            JsonNode pattern = property.path("constraints").path("pattern");
            if (inputs.containsKey(name) && !pattern.isMissingNode()) {
                assertThat(inputs.get(name)).as(name).matches(pattern.path("value").asText());
            }
        }
    }

    private static Map<String, String> inputs(BaseElement element) {
        Map<String, String> inputs = new HashMap<>();
        OperatonInputOutput io = element.getExtensionElements() == null ? null
                : element.getExtensionElements().getElementsQuery().filterByType(OperatonInputOutput.class)
                .list().stream().findFirst().orElse(null);
        if (io != null) {
            for (OperatonInputParameter input : io.getOperatonInputParameters()) {
                inputs.put(input.getOperatonName(), input.getTextContent());
            }
        }
        return inputs;
    }

    /** The bean names of the server's delegates, as Spring names its components. */
    private static Set<String> delegateBeans() {
        var scanner = new ClassPathScanningCandidateComponentProvider(true);
        scanner.addIncludeFilter(new AssignableTypeFilter(JavaDelegate.class));
        var names = new AnnotationBeanNameGenerator();
        var registry = new SimpleBeanDefinitionRegistry();
        Set<String> beans = new HashSet<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("dev.consentflow")) {
            if (JavaDelegateCheck.isDelegate(candidate.getBeanClassName())) {
                beans.add(names.generateBeanName(candidate, registry));
            }
        }
        return beans;
    }

    private static final class JavaDelegateCheck {
        static boolean isDelegate(String className) {
            try {
                return JavaDelegate.class.isAssignableFrom(Class.forName(className));
            } catch (ClassNotFoundException e) {
                return false;
            }
        }
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
