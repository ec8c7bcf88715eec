package dev.consentflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;

/** Lints every model in {@code processes/} against STYLE.md, so the rules hold without anyone remembering them. */
class ProcessModelTest {

    @Test
    void everyProcessFollowsTheModellingRules() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("processes"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance model = Bpmn.readModelFromFile(file.toFile());
                problems.addAll(ProcessModelRules.violations(file.getFileName().toString(), model));
            }
        }
        assertThat(problems).isEmpty();
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
