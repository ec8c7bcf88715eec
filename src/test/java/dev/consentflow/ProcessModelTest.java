package dev.consentflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.support.ExternalLinter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Lints every model in {@code processes/} and the marketers' examples in {@code processes/examples/} against
 * STYLE.md, so the rules hold without anyone remembering them.
 */
class ProcessModelTest {

    @Test
    void everyProcessFollowsTheModellingRules() throws IOException {
        assertThat(violations(Path.of("processes"))).isEmpty();
    }

    @Test
    void everyExampleAutomationFollowsTheModellingRules() throws IOException {
        assertThat(models(Path.of("processes/examples"))).isNotEmpty();
        assertThat(violations(Path.of("processes/examples"))).isEmpty();
    }

    /** The pattern of {@code operaton.bpm.deployment-resource-pattern} in application.yml. */
    @Test
    void examplesAreOnTheClasspathButNotAmongTheProcessesDeployedAtStartUp() throws IOException {
        var resolver = new PathMatchingResourcePatternResolver();
        List<String> deployed = Arrays.stream(resolver.getResources("classpath*:processes/*.bpmn"))
                .map(r -> r.getFilename()).toList();
        List<String> examples = Arrays.stream(resolver.getResources("classpath*:processes/examples/*.bpmn"))
                .map(r -> r.getFilename()).toList();

        assertThat(deployed).contains("double-opt-in.bpmn");
        assertThat(examples).contains("welcome-series.bpmn").doesNotContainAnyElementsOf(deployed);
    }

    private static List<String> violations(Path folder) throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : models(folder)) {
            BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
            problems.addAll(ProcessModelRules.violations(file.getFileName().toString(), model));
            problems.addAll(ProcessModelRules.namespaceViolations(file.getFileName().toString(), Files.readString(file)));
        }
        return problems;
    }

    private static List<Path> models(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
    }

    /** The linter a Modeler user runs, with the rules of {@code .bpmnlintrc}: not a warning. */
    @Test
    void bpmnlintFindsNothingInTheProcessesAndExamples() throws IOException {
        List<String> command = new ArrayList<>();
        for (Path model : Stream.concat(models(Path.of("processes")).stream(),
                models(Path.of("processes/examples")).stream()).toList()) {
            command.add(model.toString());
        }

        ExternalLinter.Run run = ExternalLinter.npx(ExternalLinter.BPMNLINT, command.toArray(String[]::new));

        assertThat(run.output()).as("bpmnlint output").doesNotContain("warning", "error");
        assertThat(run.exitCode()).as("bpmnlint exit code; output:%n%s", run.output()).isZero();
    }

    @Test
    void anOperatonNamespaceAndAnUndrawnElementAreReported() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("sample")
                .operatonHistoryTimeToLive(30)
                .startEvent("StartEvent_Received").name("Received")
                .endEvent("EndEvent_Done").name("Done")
                .done();
        model.getModelElementsByType(BpmnShape.class).stream()
                .filter(shape -> shape.getBpmnElement().getId().equals("EndEvent_Done"))
                .toList().forEach(shape -> shape.getParentElement().removeChildElement(shape));

        assertThat(ProcessModelRules.violations("sample.bpmn", model))
                .anyMatch(p -> p.contains("EndEvent_Done") && p.contains("not drawn"));
        assertThat(ProcessModelRules.namespaceViolations("sample.bpmn", Bpmn.convertToString(model)))
                .anyMatch(p -> p.contains("camunda:"));
    }

    @Test
    void generatedIdsAndUnnamedElementsAreReported() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("sample")
                .operatonHistoryTimeToLive(30)
                .startEvent("StartEvent_1")
                .serviceTask("Activity_0x1y2z3").operatonClass("dev.consentflow.Anything")
                .endEvent("EndEvent_Done").name("Done")
                .done();

        List<String> problems = ProcessModelRules.violations("sample.bpmn", model);

        assertThat(problems).anyMatch(p -> p.contains("StartEvent_1"))
                .anyMatch(p -> p.contains("Activity_0x1y2z3") && p.contains("human-named"))
                .anyMatch(p -> p.contains("Activity_0x1y2z3") && p.contains("delegateExpression"))
                .anyMatch(p -> p.contains("no documentation"));
    }

    @Test
    void aProcessNamedAfterAnotherFileIsReported() {
        BpmnModelInstance model = Bpmn.createExecutableProcess("other")
                .operatonHistoryTimeToLive(30)
                .startEvent("StartEvent_Received").name("Received")
                .endEvent("EndEvent_Done").name("Done")
                .done();

        assertThat(ProcessModelRules.violations("sample.bpmn", model))
                .anyMatch(p -> p.contains("is not the file name sample"));
    }
}
