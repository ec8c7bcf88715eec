package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Where {@link MessageSubscriptionEnds}' premise holds: in Operaton 1.0.3 a job that delivers an event to a
 * subscription ({@code HANDLER_TYPE_ = 'event'}) is made only for a signal caught after an asynchronous throw (an
 * asynchronous compensation finds no such job declaration and runs at once). Neither the platform's processes nor an
 * account's flows can throw either, so such jobs come only from a deployment made past both (which
 * {@code MessageSubscriptionEndsIT} makes, to show that its signal subscriptions keep the engine's handling).
 */
class MessageSubscriptionEndsTest {

    private final FlowRules rules = new FlowRules(ElementTemplates.load(), bean -> false, List::of);

    @Test
    void noPlatformProcessThrowsASignalOrACompensation() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("processes"))) {
            List<Path> processes = files.filter(file -> file.toString().endsWith(".bpmn")).toList();
            assertThat(processes).hasSizeGreaterThan(5);
            for (Path process : processes) {
                assertThat(Files.readString(process)).as(process.toString())
                        .doesNotContain("signalEventDefinition", "compensateEventDefinition");
            }
        }
    }

    @Test
    void anAccountsFlowWithAnAsynchronousSignalOrACompensationIsRefused() {
        for (String definition : List.of("<bpmn:signalEventDefinition signalRef=\"Signal_Ping\" operaton:async=\"true\"/>",
                "<bpmn:compensateEventDefinition/>")) {
            List<FlowViolation> violations = rules.check(UUID.randomUUID().toString(),
                    Map.of("flow.bpmn", flowThrowing(definition)));
            assertThat(violations).as(definition).anySatisfy(violation -> assertThat(violation.message())
                    .containsAnyOf("signal events are not allowed", "compensation is not allowed"));
        }
    }

    private static byte[] flowThrowing(String definition) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Flow" targetNamespace="x">
                  <bpmn:signal id="Signal_Ping" name="ping"/>
                  <bpmn:process id="flow-throwing" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <bpmn:startEvent id="StartEvent_Started"/>
                    <bpmn:sequenceFlow id="Flow_ToThrow" sourceRef="StartEvent_Started" targetRef="Event_Throw"/>
                    <bpmn:intermediateThrowEvent id="Event_Throw">
                      %s
                    </bpmn:intermediateThrowEvent>
                    <bpmn:sequenceFlow id="Flow_ToDone" sourceRef="Event_Throw" targetRef="EndEvent_Done"/>
                    <bpmn:endEvent id="EndEvent_Done"/>
                  </bpmn:process>
                </bpmn:definitions>
                """.formatted(definition).getBytes(StandardCharsets.UTF_8);
    }
}
