package dev.consentflow.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.ibatis.builder.xml.XMLMapperBuilder;
import org.apache.ibatis.session.Configuration;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.db.DbEntity;
import org.operaton.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.EventSubscriptionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.JobEntity;
import org.operaton.bpm.engine.impl.persistence.entity.JobManager;
import org.operaton.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.operaton.bpm.engine.impl.util.ReflectUtil;
import org.springframework.stereotype.Component;

/**
 * A process instance's executions, event subscriptions, variables and jobs read in one round trip: four selects
 * sent together ({@code engine/instance-rows.xml}, added to the engine's mappings), each row mapped by the engine's
 * own result map and taken into the command as the engine takes a row it reads (its entity cache, {@code postLoad});
 * a row the command holds already stays the one it holds. A confirmation click read them in four round trips (the
 * executions and subscriptions by {@link CorrelateToInstanceCmd}, then the engine the instance's variables and the
 * waiting execution's jobs, whose timer it deletes). Where {@link PlatformScopeEnds} writes the history, the start
 * times of the instance's open history rows come along in the same round trip, for the ends of this command.
 *
 * <p>The engine asks for an execution's jobs ({@code select * from ACT_RU_JOB where EXECUTION_ID_ = ?}) when it
 * first needs them; this plugin's job manager answers that question, for an execution of an instance read here in
 * the same command, with the jobs read here (the same rows the question would find: nothing is flushed in between,
 * and a job made in the command is added by the engine after the answer, as after its own question).
 */
@Component
class InstanceRows extends AbstractProcessEnginePlugin {

    static final String STATEMENT = InstanceRows.class.getName() + ".selectInstanceRows";
    /** The same, with the start times of the instance's open history rows, for {@link PlatformScopeEnds}. */
    static final String STATEMENT_AND_STARTS = InstanceRows.class.getName() + ".selectInstanceRowsAndStarts";
    private static final String MAPPING = "engine/instance-rows.xml";

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        addMapping(configuration);
        EngineManagers.replace(configuration, JobManager.class, Jobs::new);
    }

    /** Adds the statement to the engine's MyBatis mappings, once (an engine sharing another's mappings finds it). */
    static void addMapping(ProcessEngineConfigurationImpl configuration) {
        Configuration mybatis = configuration.getSqlSessionFactory().getConfiguration();
        synchronized (mybatis) {
            if (mybatis.hasStatement(STATEMENT, false)) {
                return;
            }
            try (InputStream in = ReflectUtil.getResourceAsStream(MAPPING)) {
                new XMLMapperBuilder(in, mybatis, MAPPING, mybatis.getSqlFragments()).parse();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The rows of one instance, as the command now holds them. */
    record Rows(List<ExecutionEntity> executions, List<EventSubscriptionEntity> subscriptions,
                List<VariableInstanceEntity> variables, List<JobEntity> jobs) {
    }

    /**
     * Reads the instance's rows into the command, or answers null when this engine has not the statement or its job
     * manager is not this plugin's (then the caller reads as the engine does).
     */
    static Rows read(CommandContext commandContext, String processInstanceId) {
        if (!(commandContext.getJobManager() instanceof Jobs jobs) || !commandContext.getProcessEngineConfiguration()
                .getSqlSessionFactory().getConfiguration().hasStatement(STATEMENT, false)) {
            return null;
        }
        boolean starts = readsStarts(commandContext.getProcessEngineConfiguration());
        List<?> sets = commandContext.getDbSqlSession().getSqlSession()
                .selectList(starts ? STATEMENT_AND_STARTS : STATEMENT, processInstanceId);
        DbEntityManager entities = commandContext.getDbEntityManager();
        Rows rows = new Rows(taken(entities, sets.get(0), ExecutionEntity.class),
                taken(entities, sets.get(1), EventSubscriptionEntity.class),
                taken(entities, sets.get(2), VariableInstanceEntity.class),
                taken(entities, sets.get(3), JobEntity.class));
        jobs.read(rows);
        if (starts) {
            PlatformScopeEnds.read(commandContext, processInstanceId, ((List<?>) sets.get(4)).stream()
                    .map(PlatformScopeEnds.Start.class::cast).toList());
        }
        return rows;
    }

    /**
     * Whether the instance's open history rows are read along: only where {@link PlatformScopeEnds} writes the
     * history, which would otherwise read the start times of the rows the message ends.
     */
    private static boolean readsStarts(ProcessEngineConfigurationImpl configuration) {
        return configuration.isDbHistoryUsed() && configuration.getCustomHistoryEventHandlers() != null
                && configuration.getCustomHistoryEventHandlers().stream()
                        .anyMatch(PlatformScopeEnds.class::isInstance);
    }

    /** Each row as the engine takes a row it loaded: into the cache unless held already, then the one held. */
    private static <T extends DbEntity> List<T> taken(DbEntityManager entities, Object set, Class<T> type) {
        List<T> taken = new ArrayList<>();
        for (Object row : (List<?>) set) {
            DbEntity entity = (DbEntity) row;
            entities.onEntityLoaded(entity);
            DbEntity held = entities.getCachedEntity(entity.getClass(), entity.getId());
            taken.add(type.cast(held != null ? held : entity));
        }
        return taken;
    }

    /** The engine's job manager of one command, answering the jobs of an execution read by {@link #read}. */
    static final class Jobs extends JobManager {

        private final Map<String, List<JobEntity>> byExecution = new HashMap<>();

        void read(Rows rows) {
            rows.executions().forEach(execution -> byExecution.putIfAbsent(execution.getId(), new ArrayList<>()));
            rows.jobs().stream().filter(job -> byExecution.containsKey(job.getExecutionId()))
                    .forEach(job -> byExecution.get(job.getExecutionId()).add(job));
        }

        @Override
        public List<JobEntity> findJobsByExecutionId(String executionId) {
            List<JobEntity> read = byExecution.remove(executionId);
            return read != null ? read : super.findJobsByExecutionId(executionId);
        }
    }
}
