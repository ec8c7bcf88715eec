package dev.consentflow;

import static org.assertj.core.api.Assertions.assertThat;

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
        }
        return problems;
    }

    private static List<Path> models(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList();
        }
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
