package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.consentflow.IntegrationTest;
import dev.consentflow.engine.HistoryRetention;
import dev.consentflow.engine.ProcessRuntime;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.SuspendedEntityInteractionException;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.interceptor.Command;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A start of a platform process takes its latest definition by id from what this node knows, and a new version
 * is started by the next start: deployed here, at once; a definition changed by anybody else (another node) in
 * the database, as soon as PostgreSQL's notice arrives. An instance's definition likewise: taken as the deployment
 * cache holds it while nothing changed, read again after a change. Whether anybody listens to a message likewise:
 * answered without the database while no definition of the account or the platform catches it, asked again as
 * soon as one might ({@link MessageCatchers}).
 */
@IntegrationTest
class LatestDefinitionsIT {

    @Autowired
    ProcessEngine engine;

    @Autowired
    ProcessRuntime runtime;

    @Autowired
    DefinitionChanges changes;

    @Autowired
    KnownDefinitionRows rows;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    final String key = "latest-probe-" + UUID.randomUUID().toString().substring(0, 8);
    final List<String> deployments = new ArrayList<>();

    @BeforeEach
    void listening() {
        await().atMost(Duration.ofSeconds(30)).until(() -> changes.latest().listening());
    }

    @AfterEach
    void removeTheDeployments() {
        deployments.forEach(id -> engine.getRepositoryService().deleteDeployment(id, true, true, true));
    }

    @Test
    void theNextStartTakesTheVersionDeployedOnThisNodeJustBefore() {
        String first = deploy();
        assertThat(definitionOf(start())).isEqualTo(first);
        startsFromWhatThisNodeKnows(first);

        String second = deploy();

        assertThat(second).isNotEqualTo(first);
        assertThat(definitionOf(start())).isEqualTo(second);
        startsFromWhatThisNodeKnows(second);
    }

    @Test
    void aDefinitionChangedInTheDatabaseByAnotherNodeReachesThisNodesStarts() {
        String first = deploy();
        startsFromWhatThisNodeKnows(first);

        // Another node suspends the definition: nothing of this node's engine takes part, only the database.
        jdbc.sql("update act_re_procdef set suspension_state_ = 2, rev_ = rev_ + 1 where id_ = :id")
                .param("id", first).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> changes.latest().cached(key) == null);
        assertThatThrownBy(this::start).isInstanceOf(SuspendedEntityInteractionException.class);
    }

    @Test
    void aHistoryTimeToLiveChangedInTheDatabaseByAnotherNodeReachesThisNodesRemovalTimes() {
        String first = deploy();
        startsFromWhatThisNodeKnows(first);
        // Known from a start after the deployment's own notice.
        await().atMost(Duration.ofSeconds(10)).until(() -> start() != null
                && changes.latest().cachedTimeToLive(first) != null);
        assertThat(changes.latest().cachedTimeToLive(first)).as("P1D, raised to the backstop")
                .isEqualTo(HistoryRetention.BACKSTOP_DAYS);
        int longer = HistoryRetention.BACKSTOP_DAYS + 400;

        // Another node changes the time to live: only the database takes part.
        jdbc.sql("update act_re_procdef set history_ttl_ = :days, rev_ = rev_ + 1 where id_ = :id")
                .param("days", longer).param("id", first).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> changes.latest().cachedTimeToLive(first) == null);
        Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String instance = start();
        Instant removal = engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(instance)
                .singleResult().getRemovalTime().toInstant();
        assertThat(removal).isAfterOrEqualTo(before.plus(Duration.ofDays(longer)).minus(Duration.ofDays(1)));
        assertThat(changes.latest().cachedTimeToLive(first)).isEqualTo(longer);
    }

    @Test
    void anInstancesDefinitionChangedInTheDatabaseByAnotherNodeIsReadAgainByTheNextCommand() {
        String id = deploy();
        // The deployment's own notice may arrive after the first read: the read after it is kept.
        await().atMost(Duration.ofSeconds(10)).until(() -> definition(id) != null && rows.unchanged(id));
        assertThat(definition(id).getHistoryTimeToLive()).isEqualTo(1);
        assertThat(definition(id).isSuspended()).isFalse();

        // Another node suspends it and changes its time to live: only the database takes part.
        jdbc.sql("update act_re_procdef set suspension_state_ = 2, history_ttl_ = 40, rev_ = rev_ + 1 where id_ = :id")
                .param("id", id).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> !rows.unchanged(id));
        ProcessDefinitionEntity changed = definition(id);
        assertThat(changed.isSuspended()).isTrue();
        assertThat(changed.getHistoryTimeToLive()).isEqualTo(40);
        assertThat(rows.unchanged(id)).as("read again, and known again").isTrue();
    }

    /**
     * The definition as a command finds an instance's (a correlation's, a job's): by id, through the deployment
     * cache, which reads its row unless {@link KnownDefinitionRows} knows it unchanged.
     */
    private ProcessDefinitionEntity definition(String id) {
        return ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration()).getCommandExecutorTxRequired()
                .execute(command -> command.getProcessEngineConfiguration().getDeploymentCache()
                        .findDeployedProcessDefinitionById(id));
    }

    @Test
    void aStartFromWhatThisNodeKnowsDoesNotReadTheDefinitionsRowForATimer() {
        // The same process but for the kind of the event on its task: a timer (a job, whose retry set-up looks the
        // definition up by id) or a message (an event subscription, nothing looked up).
        String withMessage = key + "-message";
        String timerDefinition = deploy(key, TIMER);
        String messageDefinition = deploy(withMessage, MESSAGE);
        knowsEverything(key, timerDefinition);
        knowsEverything(withMessage, messageDefinition);

        Counted timer = countedStart(key);
        Counted message = countedStart(withMessage);

        assertThat(timer.scans()).as("scans of ACT_RE_PROCDEF (its foreign keys' checks included) by a start with a "
                + "timer, as by one with a message").isEqualTo(message.scans());
        var timers = engine.getManagementService().createJobQuery().processInstanceId(timer.instance()).timers().list();
        assertThat(timers).hasSize(1);
        assertThat(timers.get(0).getRetries()).isEqualTo(((ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration()).getDefaultNumberOfRetries());
        assertThat(jdbc.sql("select rev_ from act_re_procdef where id_ = :id").param("id", timerDefinition)
                .query(Integer.class).single()).as("the definition's row is not written").isEqualTo(1);
    }

    @Test
    void aTimersJobDefinitionKnownUnchangedIsNotReadAgain() {
        String jobDefinition = knownTimerJobDefinition();

        Counted timer = countedStart(key, "act_ru_jobdef");

        assertThat(timer.scans()).as("scans of ACT_RU_JOBDEF by a start with a timer whose job definition is known")
                .isZero();
        var timers = engine.getManagementService().createJobQuery().processInstanceId(timer.instance()).timers().list();
        assertThat(timers).hasSize(1);
        assertThat(timers.get(0).getJobDefinitionId()).isEqualTo(jobDefinition);
        assertThat(timers.get(0).isSuspended()).isFalse();
        assertThat(timers.get(0).getProcessDefinitionKey()).isEqualTo(key);
        assertThat(jdbc.sql("select rev_ from act_ru_jobdef where id_ = :id").param("id", jobDefinition)
                .query(Integer.class).single()).as("the job definition's row is not written").isEqualTo(1);
    }

    @Test
    void aJobDefinitionSuspendedInTheDatabaseByAnotherNodeIsSeenByTheNextCommand() {
        String jobDefinition = knownTimerJobDefinition();

        // Another node suspends the timer's job definition: nothing of this node's engine takes part.
        jdbc.sql("update act_ru_jobdef set suspension_state_ = 2, rev_ = rev_ + 1 where id_ = :id")
                .param("id", jobDefinition).update();

        await().atMost(Duration.ofSeconds(10)).until(() -> rows.knownJobDefinition(jobDefinition) == null);
        String instance = start();
        var timers = engine.getManagementService().createJobQuery().processInstanceId(instance).timers().list();
        assertThat(timers).hasSize(1);
        assertThat(timers.get(0).isSuspended()).as("made suspended, as its job definition now is").isTrue();
        assertThat(rows.knownJobDefinition(jobDefinition)).as("read again, and known again").isNotNull()
                .satisfies(row -> assertThat(row.isSuspended()).isTrue());
    }

    /** Deploys a process with a timer and starts it until this node knows the timer's job definition, its id. */
    private String knownTimerJobDefinition() {
        String definition = deploy(key, TIMER);
        knowsEverything(key, definition);
        String jobDefinition = engine.getManagementService().createJobDefinitionQuery()
                .processDefinitionId(definition).singleResult().getId();
        await().atMost(Duration.ofSeconds(10)).until(() -> start() != null
                && rows.knownJobDefinition(jobDefinition) != null);
        return jobDefinition;
    }

    private record Counted(String instance, long scans) {
    }

    /**
     * A start in a transaction (the engine joins it) and the backend's scans of ACT_RE_PROCDEF and its indexes in
     * it: those not reported yet, before and after the start (a backend reports them only between transactions).
     */
    private Counted countedStart(String processKey) {
        return countedStart(processKey, "act_re_procdef");
    }

    /** As above, counting the scans of the given table and its indexes. */
    private Counted countedStart(String processKey, String table) {
        return new TransactionTemplate(transactions).execute(status -> {
            long before = scans(table);
            String instance = start(processKey);
            return new Counted(instance, scans(table) - before);
        });
    }

    // ---- whether anybody listens to a message (MessageCatchers) ----

    final String account = UUID.randomUUID().toString();
    final String message = "catchers-probe-" + UUID.randomUUID().toString().substring(0, 8);

    @Test
    void aMessageNoDefinitionCatchesIsAnsweredWithoutTheDatabaseOnceKnown() {
        knownUncaught();
        assertThat(ask()).isEqualTo(new Answer(false, 0));
    }

    @Test
    void aFlowCatchingTheMessageDeployedOnThisNodeIsAskedForByTheNextQuestion() {
        knownUncaught();

        deployModel(startedBy(message));

        assertThat(ask().listens()).as("its start event, deployed a moment ago").isTrue();
    }

    @Test
    void anInstanceWaitingForTheMessageIsStillAskedFor() {
        String waiting = "catchers-" + UUID.randomUUID().toString().substring(0, 8);
        deployModel(Bpmn.createExecutableProcess(waiting).operatonHistoryTimeToLive(1)
                .startEvent("StartEvent_Started")
                .intermediateCatchEvent("Event_Heard").message(message)
                .endEvent("EndEvent_Done").done());
        Answer before = ask();
        assertThat(before.listens()).as("a definition catches it, no instance waits").isFalse();
        assertThat(before.scans()).as("asked").isPositive();

        runtime.start(waiting, UUID.randomUUID().toString(), Map.of(ProcessRuntime.ACCOUNT_VARIABLE, account));

        assertThat(ask().listens()).as("an instance waits").isTrue();
    }

    @Test
    void aDefinitionCatchingTheMessageThatAnotherNodeChangesIsAskedForWhenItsNoticeArrives() {
        String definition = deployModel(startedBy(message));
        // Another account's, as far as the database says.
        tenant(definition, UUID.randomUUID().toString());
        knownUncaught();

        // Another node makes it the platform's: nothing of this node's engine takes part, only the database.
        tenant(definition, null);

        await().atMost(Duration.ofSeconds(10)).until(() -> ask().listens());
    }

    @Test
    void aDeletedFlowIsNoLongerAskedFor() {
        deployModel(startedBy(message));
        assertThat(ask().listens()).isTrue();

        engine.getRepositoryService().deleteDeployment(deployments.remove(deployments.size() - 1), true, true, true);

        knownUncaught();
    }

    private record Answer(boolean listens, long scans) {
    }

    /** As a confirmation click's delegate asks: inside an engine command, with the subscriptions' scans it made. */
    private Answer ask() {
        var commands = ((ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration())
                .getCommandExecutorTxRequired();
        return new TransactionTemplate(transactions).execute(status -> {
            long before = scans("act_ru_event_subscr");
            Command<Boolean> question = commandContext -> runtime.anyListens(message, account);
            boolean listens = commands.execute(question);
            return new Answer(listens, scans("act_ru_event_subscr") - before);
        });
    }

    /** Until the answer is "nobody" without a look at the subscriptions (a deployment's notice may come late). */
    private void knownUncaught() {
        await().atMost(Duration.ofSeconds(10)).until(() -> ask().equals(new Answer(false, 0)));
    }

    private void tenant(String definition, String tenant) {
        jdbc.sql("update act_re_procdef set tenant_id_ = :tenant, rev_ = rev_ + 1 where id_ = :id")
                .param("tenant", tenant).param("id", definition).update();
        jdbc.sql("update act_ru_event_subscr set tenant_id_ = :tenant where configuration_ = :id")
                .param("tenant", tenant).param("id", definition).update();
    }

    private static BpmnModelInstance startedBy(String message) {
        return Bpmn.createExecutableProcess("catchers-" + UUID.randomUUID().toString().substring(0, 8))
                .operatonHistoryTimeToLive(1).startEvent("StartEvent_Heard").message(message)
                .endEvent("EndEvent_Done").done();
    }

    private String deployModel(BpmnModelInstance process) {
        String processKey = process.getModelElementsByType(org.operaton.bpm.model.bpmn.instance.Process.class)
                .iterator().next().getId();
        return EngineProbes.deploy(engine, deployments, processKey, Bpmn.convertToString(process));
    }

    private long scans(String table) {
        return EngineProbes.scansInThisTransaction(jdbc, table);
    }

    /** Starts until this node knows the definition's id and its history's time to live. */
    private void knowsEverything(String processKey, String definitionId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> definitionOf(start(processKey)).equals(definitionId)
                && definitionId.equals(changes.latest().cached(processKey))
                && changes.latest().cachedTimeToLive(definitionId) != null);
    }

    /** The deployment's own notice may arrive after a start: the start after it keeps the id. */
    private void startsFromWhatThisNodeKnows(String definitionId) {
        await().atMost(Duration.ofSeconds(10)).until(() -> definitionOf(start()).equals(definitionId)
                && definitionId.equals(changes.latest().cached(key)));
    }

    private String start() {
        return start(key);
    }

    private String start(String processKey) {
        return runtime.start(processKey, UUID.randomUUID().toString(),
                Map.of(ProcessRuntime.ACCOUNT_VARIABLE, UUID.randomUUID().toString()));
    }

    private String definitionOf(String instanceId) {
        return engine.getRuntimeService().createProcessInstanceQuery().processInstanceId(instanceId).singleResult()
                .getProcessDefinitionId();
    }

    private static final String TIMER = """
                <bpmn:boundaryEvent id="Event_Late" attachedToRef="Task_Wait" cancelActivity="false">
                  <bpmn:timerEventDefinition><bpmn:timeDuration>PT1H</bpmn:timeDuration></bpmn:timerEventDefinition>
                </bpmn:boundaryEvent>
            """;
    private static final String MESSAGE = """
                <bpmn:boundaryEvent id="Event_Late" attachedToRef="Task_Wait" cancelActivity="false">
                  <bpmn:messageEventDefinition messageRef="Message_Poke"/>
                </bpmn:boundaryEvent>
            """;

    private String deploy() {
        return deploy(key, "");
    }

    /**
     * A platform process (no tenant) that waits in a user task, with the given boundary event on it; answers the
     * new version's definition id.
     */
    private String deploy(String processKey, String boundary) {
        String bpmn = """
                <?xml version="1.0" encoding="UTF-8"?>
                <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                    xmlns:operaton="http://operaton.org/schema/1.0/bpmn" id="Definitions_Probe" targetNamespace="x">
                  <bpmn:message id="Message_Poke" name="latest-probe-poke"/>
                  <bpmn:process id="%s" isExecutable="true" operaton:historyTimeToLive="P1D">
                    <bpmn:documentation>%s</bpmn:documentation>
                    <bpmn:startEvent id="StartEvent_Started"/>
                    <bpmn:sequenceFlow id="Flow_ToWait" sourceRef="StartEvent_Started" targetRef="Task_Wait"/>
                    <bpmn:userTask id="Task_Wait"/>
                %s  </bpmn:process>
                </bpmn:definitions>
                """.formatted(processKey, UUID.randomUUID(), boundary);
        return EngineProbes.deploy(engine, deployments, processKey, bpmn);
    }
}
