package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.consentflow.IntegrationTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.impl.jobexecutor.ProcessEventJobHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@link MessageSubscriptionEnds}: a message subscription that ends is deleted without the engine's question for
 * jobs delivering an event to it ({@code ACT_RU_JOB where HANDLER_TYPE_ = 'event'}); a signal's subscription (the
 * only kind such jobs are made for) still takes its pending asynchronous delivery with it, and such a delivery
 * still arrives.
 */
@IntegrationTest
class MessageSubscriptionEndsIT {

    @Autowired
    ProcessEngine engine;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    final String key = "ends-probe-" + UUID.randomUUID().toString().substring(0, 8);
    final String message = key + "-poke";
    final String signal = key + "-ping";
    final List<String> deployments = new ArrayList<>();

    @AfterEach
    void removeTheDeployments() {
        deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true, true, true));
    }

    @Test
    void aCorrelationThatEndsAMessageSubscriptionDoesNotAskForItsJobs() {
        deploy(key + "-message", """
                    <bpmn:startEvent id="Start"/>
                    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait"/>
                    <bpmn:intermediateCatchEvent id="Wait">
                      <bpmn:messageEventDefinition messageRef="Message_Poke"/>
                    </bpmn:intermediateCatchEvent>
                    <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="Task_After"/>
                    <bpmn:userTask id="Task_After"/>
                """);
        deploy(key + "-task", """
                    <bpmn:startEvent id="Start"/>
                    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Wait"/>
                    <bpmn:userTask id="Wait"/>
                    <bpmn:sequenceFlow id="F2" sourceRef="Wait" targetRef="Task_After"/>
                    <bpmn:userTask id="Task_After"/>
                """);
        RuntimeService runtime = engine.getRuntimeService();
        String byMessage = runtime.startProcessInstanceByKey(key + "-message").getId();
        String byTask = runtime.startProcessInstanceByKey(key + "-task").getId();

        long correlation = jobScans(() -> runtime.createMessageCorrelation(message).processInstanceId(byMessage)
                .correlateWithResult());
        long completion = jobScans(() -> {
            engine.getTaskService().complete(engine.getTaskService().createTaskQuery().processInstanceId(byTask)
                    .taskDefinitionKey("Wait").singleResult().getId());
            return null;
        });

        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(byMessage).count())
                .as("the message's subscription ended").isZero();
        assertThat(activeActivities(byMessage)).containsExactly("Task_After");
        assertThat(correlation).as("scans of ACT_RU_JOB by a correlation that ends a message subscription, as by "
                + "completing a task in its place (%s)", completion).isEqualTo(completion);
    }

    @Test
    void aSignalsPendingAsynchronousDeliveryEndsWithItsSubscriptionAndOtherwiseArrives() {
        // A signal start event: its subscription has no execution, so only the subscription's end can take a job
        // that is on its way to it (an execution's end takes its own jobs anyway).
        String started = key + "-started";
        String first = deploy(started, SIGNAL_STARTED);
        deploy(key + "-thrower", """
                    <bpmn:startEvent id="Start"/>
                    <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Throw"/>
                    <bpmn:intermediateThrowEvent id="Throw">
                      <bpmn:signalEventDefinition signalRef="Signal_Ping" operaton:async="true"/>
                    </bpmn:intermediateThrowEvent>
                    <bpmn:sequenceFlow id="F2" sourceRef="Throw" targetRef="End"/>
                    <bpmn:endEvent id="End"/>
                """);
        RuntimeService runtime = engine.getRuntimeService();

        // A new version comes before the job has run: the first version's subscription ends, and the job with it.
        new TransactionTemplate(transactions).executeWithoutResult(status -> {
            runtime.startProcessInstanceByKey(key + "-thrower");
            assertThat(eventJobs(first)).as("the signal's delivery to the first version, a job").isEqualTo(1);
            deploy(started, SIGNAL_STARTED);
            assertThat(eventJobs(first)).as("ended with the first version's subscription").isZero();
        });
        assertThat(eventJobs(first)).isZero();
        assertThat(runtime.createProcessInstanceQuery().processDefinitionId(first).count()).isZero();

        // Nothing comes first: the job delivers the signal, and the latest version starts.
        runtime.startProcessInstanceByKey(key + "-thrower");
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processDefinitionKey(started).count() == 1);
        assertThat(runtime.createProcessInstanceQuery().processDefinitionKey(started).singleResult()
                .getProcessDefinitionId()).isNotEqualTo(first);
        assertThat(engine.getManagementService().createJobQuery().processDefinitionKey(started).count()).isZero();
    }

    private static final String SIGNAL_STARTED = """
                <bpmn:startEvent id="Start">
                  <bpmn:signalEventDefinition signalRef="Signal_Ping"/>
                </bpmn:startEvent>
                <bpmn:sequenceFlow id="F1" sourceRef="Start" targetRef="Task_Signalled"/>
                <bpmn:userTask id="Task_Signalled"/>
            """;

    private List<String> activeActivities(String instance) {
        return engine.getRuntimeService().getActiveActivityIds(instance);
    }

    /** Jobs that deliver an event to a subscription of the definition. */
    private long eventJobs(String definition) {
        return jdbc.sql("select count(*) from act_ru_job where handler_type_ = :type and process_def_id_ = :id")
                .param("type", ProcessEventJobHandler.TYPE).param("id", definition).query(Long.class).single();
    }

    /** The scans of ACT_RU_JOB and its indexes by what runs in one transaction (the engine joins it). */
    private long jobScans(Supplier<?> work) {
        return new TransactionTemplate(transactions).execute(status -> {
            long before = jobScans();
            work.get();
            return jobScans() - before;
        });
    }

    private long jobScans() {
        return EngineProbes.scansInThisTransaction(jdbc, "act_ru_job");
    }

    /** A platform process (no tenant) of the given elements; answers its definition's id. */
    private String deploy(String processKey, String elements) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Probe" targetNamespace="x">
                  <bpmn:message id="Message_Poke" name="%s"/>
                  <bpmn:signal id="Signal_Ping" name="%s"/>
                  <bpmn:process id="%s" isExecutable="true" operaton:historyTimeToLive="P1D">
                %s  </bpmn:process>
                </bpmn:definitions>
                """.formatted(message, signal, processKey, elements);
        return EngineProbes.deploy(engine, deployments, processKey, bpmn);
    }
}
