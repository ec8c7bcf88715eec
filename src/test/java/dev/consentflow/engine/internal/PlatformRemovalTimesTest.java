package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.engine.HistoryRetention;
import dev.consentflow.support.CountingDataSource;
import dev.consentflow.support.ProcessTestEngine;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.operaton.bpm.engine.HistoryService;
import org.operaton.bpm.engine.ProcessEngine;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.operaton.bpm.engine.history.HistoricActivityInstance;
import org.operaton.bpm.engine.impl.cfg.StandaloneProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.history.DefaultHistoryRemovalTimeProvider;
import org.operaton.bpm.engine.impl.util.ClockUtil;
import org.operaton.bpm.model.bpmn.Bpmn;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The platform processes' history carries its removal time from the moment each row is written, and an instance's
 * end updates nothing, unless it ran so long that the engine's update from its end is needed to keep the history
 * longer than any account may; an account's flow keeps the engine's strategy {@code end}. On an engine of its own
 * with the server's history plugin (the shared process test engine deploys the platform's models without it).
 */
class PlatformRemovalTimesTest {

    private static final String PLATFORM = "platform-wait";
    private static final String FLOW = "account-wait";
    private static final String TENANT = UUID.randomUUID().toString();

    private static ProcessEngine engine;
    private static HistoryService history;

    @BeforeAll
    static void engine() {
        engine = ProcessTestEngine.withPlugin("removal-time-tests", new PlatformHistory(), waiting(PLATFORM, 180),
                TENANT, waiting(FLOW, 30));
        history = engine.getHistoryService();
    }

    @AfterAll
    static void close() {
        engine.close();
    }

    @AfterEach
    void clock() {
        ClockUtil.reset();
    }

    @Test
    void aPlatformInstanceWritesItsRemovalTimeWithEachRowAndItsEndUpdatesNothing() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String instance = ranFor(PLATFORM, start, Duration.ofHours(2));

        Instant backstop = days(start, HistoryRetention.BACKSTOP_DAYS);
        assertThat(history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("StartEvent_Started").singleResult().getRemovalTime().toInstant())
                .as("written at the start, not updated at the end").isEqualTo(backstop);
        assertThat(removalTimes(instance)).allSatisfy(removal -> assertThat(removal)
                .isAfterOrEqualTo(backstop)
                .isAfter(start.plus(Duration.ofHours(2)).atZone(ZoneOffset.UTC)
                        .plusMonths(HistoryRetention.MAX_MONTHS).toInstant()));
    }

    @Test
    void aPlatformInstanceThatRanLongerThanTheBackstopsMarginGetsTheEnginesUpdateFromItsEnd() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String instance = ranFor(PLATFORM, start, Duration.ofDays(30));

        Instant fromEnd = days(start.plus(Duration.ofDays(30)), HistoryRetention.BACKSTOP_DAYS);
        assertThat(removalTimes(instance)).isNotEmpty().containsOnly(fromEnd);
    }

    /** Their start times read once per command ({@link PlatformScopeEnds}): the same as the engine's reads. */
    @Test
    void aPlatformInstanceAndItsStepThatEndInALaterCommandKeepTheirStartTimesAndDurations() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String instance = ranFor(PLATFORM, start, Duration.ofMinutes(90).plusMillis(7));

        HistoricActivityInstance waited = history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId("Task_Wait").singleResult();
        assertThat(waited.getStartTime().toInstant()).isEqualTo(start);
        assertThat(waited.getEndTime().toInstant()).isEqualTo(start.plus(Duration.ofMinutes(90).plusMillis(7)));
        assertThat(waited.getDurationInMillis()).isEqualTo(Duration.ofMinutes(90).plusMillis(7).toMillis());
        var process = history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult();
        assertThat(process.getStartTime().toInstant()).isEqualTo(start);
        assertThat(process.getDurationInMillis()).isEqualTo(Duration.ofMinutes(90).plusMillis(7).toMillis());
        assertThat(process.getEndActivityId()).isEqualTo("EndEvent_Done");
    }

    /**
     * A message to the instance by its id ({@link CorrelateToInstanceCmd}) reads those start times with the
     * instance's rows, in their round trip ({@link InstanceRows}): the ends read nothing more, and keep the start
     * times and durations the engine's reads gave.
     */
    @Test
    void aMessageToAPlatformInstanceTakesTheStartTimesOfWhatItEndsFromTheInstancesRows() {
        StandaloneProcessEngineConfiguration configuration = ProcessTestEngine.configuration("removal_time_tests",
                "scope-ends-tests");
        configuration.setDataSource(CountingDataSource.wrap(new PooledDataSource("org.postgresql.Driver",
                TestDatabases.jdbcUrl("removal_time_tests"), TestDatabases.username(), TestDatabases.password())));
        configuration.getProcessEnginePlugins().add(new PlatformHistory());
        configuration.getProcessEnginePlugins().add(new InstanceRows());
        ProcessEngine counted = configuration.buildProcessEngine();
        String deployment = counted.getRepositoryService().createDeployment()
                .addModelInstance("platform-message.bpmn", waiting("platform-message", 180)).deploy().getId();
        try {
            Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Duration ran = Duration.ofMinutes(90).plusMillis(7);
            ClockUtil.setCurrentTime(Date.from(start));
            String instance = counted.getRuntimeService().createProcessInstanceByKey("platform-message")
                    .setVariable("subscriberId", UUID.randomUUID().toString()).execute().getId();
            ClockUtil.setCurrentTime(Date.from(start.plus(ran)));

            String thread = CountingDataSource.group(Thread.currentThread().getName());
            Map<CountingDataSource.Key, Long> before = CountingDataSource.snapshot();
            configuration.getCommandExecutorTxRequired()
                    .execute(new CorrelateToInstanceCmd("removal.go", instance, Map.of()));
            Map<String, Long> statements = new HashMap<>();
            CountingDataSource.since(before, CountingDataSource.snapshot()).forEach((key, count) -> {
                if (key.group().equals(thread) && key.kind().equals(CountingDataSource.KIND_EXECUTE)) {
                    statements.merge(key.sql(), count, Long::sum);
                }
            });

            assertThat(statements.keySet()).as("no start time read of its own")
                    .noneMatch(sql -> sql.contains("START_TIME_ from ACT_HI_ACTINST where ID_"));
            assertThat(statements.entrySet()).as("read with the instance's rows")
                    .filteredOn(e -> e.getKey().contains("ACT_RU_EXECUTION where PROC_INST_ID_")
                            && e.getKey().contains("END_TIME_ is null"))
                    .singleElement().satisfies(e -> assertThat(e.getValue()).isEqualTo(1));
            HistoryService counts = counted.getHistoryService();
            HistoricActivityInstance waited = counts.createHistoricActivityInstanceQuery().processInstanceId(instance)
                    .activityId("Task_Wait").singleResult();
            assertThat(waited.getStartTime().toInstant()).isEqualTo(start);
            assertThat(waited.getDurationInMillis()).isEqualTo(ran.toMillis());
            var process = counts.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult();
            assertThat(process.getStartTime().toInstant()).isEqualTo(start);
            assertThat(process.getDurationInMillis()).isEqualTo(ran.toMillis());
            assertThat(process.getEndActivityId()).isEqualTo("EndEvent_Done");
        } finally {
            counted.getRepositoryService().deleteDeployment(deployment, true);
            counted.close();
        }
    }

    @Test
    void anAccountsFlowGetsItsRemovalTimeFromItsEndAsTheEngineDoes() {
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String instance = ranFor(FLOW, start, Duration.ofHours(2));

        assertThat(removalTimes(instance)).isNotEmpty()
                .containsOnly(days(start.plus(Duration.ofHours(2)), 30));
    }

    private static String ranFor(String process, Instant start, Duration duration) {
        ClockUtil.setCurrentTime(Date.from(start));
        var started = process.equals(FLOW)
                ? engine.getRuntimeService().createProcessInstanceByKey(process).processDefinitionTenantId(TENANT)
                        .setVariable("subscriberId", UUID.randomUUID().toString()).execute()
                : engine.getRuntimeService().createProcessInstanceByKey(process)
                        .setVariable("subscriberId", UUID.randomUUID().toString()).execute();
        ClockUtil.setCurrentTime(Date.from(start.plus(duration)));
        engine.getRuntimeService().createMessageCorrelation("removal.go").processInstanceId(started.getId())
                .correlateWithResult();
        assertThat(history.createHistoricProcessInstanceQuery().processInstanceId(started.getId()).finished().count())
                .isEqualTo(1);
        return started.getId();
    }

    /** The removal times of the instance's process, activity and variable rows. */
    private static List<Instant> removalTimes(String instance) {
        List<Instant> times = new ArrayList<>();
        times.add(instant(history.createHistoricProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getRemovalTime()));
        for (HistoricActivityInstance activity : history.createHistoricActivityInstanceQuery()
                .processInstanceId(instance).list()) {
            times.add(instant(activity.getRemovalTime()));
        }
        history.createHistoricVariableInstanceQuery().processInstanceId(instance).list()
                .forEach(variable -> times.add(instant(variable.getRemovalTime())));
        return times;
    }

    /** As the engine counts days from a time. */
    private static Instant days(Instant from, int days) {
        return DefaultHistoryRemovalTimeProvider.determineRemovalTime(Date.from(from), days).toInstant();
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    private static BpmnModelInstance waiting(String process, int days) {
        return Bpmn.createExecutableProcess(process).operatonHistoryTimeToLive(days)
                .startEvent("StartEvent_Started")
                .receiveTask("Task_Wait").message("removal.go")
                .endEvent("EndEvent_Done")
                .done();
    }
}
