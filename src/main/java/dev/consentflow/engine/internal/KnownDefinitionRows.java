package dev.consentflow.engine.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.db.entitymanager.DbEntityManager;
import org.operaton.bpm.engine.impl.persistence.entity.JobDefinitionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.JobDefinitionManager;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionManager;
import org.springframework.stereotype.Component;

/**
 * Whenever a command needs an instance's definition (a correlation, a job, a timer's set-up), the engine's
 * deployment cache reads the definition's row first ({@code select * from ACT_RE_PROCDEF where ID_ = ?}) only to
 * copy its revision, suspension state and history time to live onto the definition it holds: once per confirmation
 * click (SignupConfirmCostBench). The row changes only with a change that {@link DefinitionChanges} hears of on
 * every node (a deployment, a deletion, a suspension, a new time to live: the trigger notifies when it commits). So
 * once a row has been read while this node listens, and no change has been heard of since the read began, the
 * definition the deployment cache holds is as the row is, and is taken as it is. Before the listener connects, after
 * its connection broke, after any change, or when the cache dropped the definition, the row is read as before.
 *
 * <p>The same for a job definition's row ({@code select * from ACT_RU_JOBDEF where ID_ = ?}), which the engine reads
 * for every job it makes (a signup's reminder timer: is the job's definition suspended?): its trigger notifies the
 * same channel ({@link DefinitionChanges#JOB_TRIGGER}), so the row as last read is taken while no change has been
 * heard of since that read began. A command gets a copy of its own, put into its entity cache as if it had read
 * the row: a command that changes the job definition (its priority) writes the copy as it would the row it read,
 * checked against the row's revision.
 */
@Component
class KnownDefinitionRows extends AbstractProcessEnginePlugin {

    /** The generation of {@link LatestDefinitions} each definition's row was last read in. */
    private final Map<String, Long> readIn = new ConcurrentHashMap<>();
    /** More job definitions than this (deleted deployments' among them) and all are read again as they are used. */
    static final int JOB_DEFINITIONS = 10_000;

    /** Each job definition's row as last read (never handed out: commands get copies), with its generation. */
    private final Map<String, JobDefinitionRow> jobDefinitions = new ConcurrentHashMap<>();
    private final LatestDefinitions latest;

    KnownDefinitionRows(DefinitionChanges changes) {
        this.latest = changes.latest();
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        EngineManagers.replace(configuration, ProcessDefinitionManager.class, Manager::new);
        EngineManagers.replace(configuration, JobDefinitionManager.class, JobDefinitions::new);
    }

    private record JobDefinitionRow(JobDefinitionEntity row, long generation) {
    }

    /** A copy of the job definition's row, as the job definition was read (as the engine's own select maps it). */
    private static JobDefinitionEntity copy(JobDefinitionEntity row) {
        JobDefinitionEntity copy = new JobDefinitionEntity();
        copy.setId(row.getId());
        copy.setRevision(row.getRevision());
        copy.setProcessDefinitionId(row.getProcessDefinitionId());
        copy.setProcessDefinitionKey(row.getProcessDefinitionKey());
        copy.setActivityId(row.getActivityId());
        copy.setJobType(row.getJobType());
        copy.setJobConfiguration(row.getJobConfiguration());
        copy.setSuspensionState(row.getSuspensionState());
        copy.setJobPriority(row.getOverridingJobPriority());
        copy.setTenantId(row.getTenantId());
        copy.setDeploymentId(row.getDeploymentId());
        return copy;
    }

    /** The job definition's row as last read, or null: read it; only while this node listens and nothing changed. */
    JobDefinitionEntity knownJobDefinition(String jobDefinitionId) {
        JobDefinitionRow known = jobDefinitions.get(jobDefinitionId);
        return known != null && latest.listening() && known.generation() == latest.generation() ? known.row() : null;
    }

    /** Whether the definition's row was read since the last change heard of, while this node listens. */
    boolean unchanged(String processDefinitionId) {
        Long generation = readIn.get(processDefinitionId);
        return generation != null && latest.listening() && generation == latest.generation();
    }

    /** A read of the row that began in this generation; a change heard of after it began voids it. */
    void read(String processDefinitionId, long generationBefore) {
        if (latest.listening()) {
            readIn.put(processDefinitionId, generationBefore);
        }
    }

    long generation() {
        return latest.generation();
    }

    /**
     * The engine's manager of job definitions, answering an unchanged job definition from the row as last read:
     * a copy, put into the command's entity cache, as the engine's own read would.
     */
    final class JobDefinitions extends JobDefinitionManager {

        @Override
        public JobDefinitionEntity findById(String jobDefinitionId) {
            if (jobDefinitionId == null) {
                return super.findById(null);
            }
            DbEntityManager entities = getDbEntityManager();
            JobDefinitionEntity ofCommand = entities.getCachedEntity(JobDefinitionEntity.class, jobDefinitionId);
            if (ofCommand != null) {
                return ofCommand;
            }
            JobDefinitionEntity known = knownJobDefinition(jobDefinitionId);
            if (known != null) {
                JobDefinitionEntity copy = copy(known);
                entities.getDbEntityCache().putPersistent(copy);
                return copy;
            }
            long generation = latest.generation();
            JobDefinitionEntity row = super.findById(jobDefinitionId);
            if (row != null && latest.listening()) {
                if (jobDefinitions.size() >= JOB_DEFINITIONS) {
                    jobDefinitions.clear();
                }
                jobDefinitions.put(jobDefinitionId, new JobDefinitionRow(copy(row), generation));
            }
            return row;
        }
    }

    /** The engine's manager of definitions, answering an unchanged definition from the deployment cache. */
    final class Manager extends ProcessDefinitionManager {

        @Override
        public ProcessDefinitionEntity getCachedResourceDefinitionEntity(String definitionId) {
            ProcessDefinitionEntity ofCommand = super.getCachedResourceDefinitionEntity(definitionId);
            if (ofCommand != null || definitionId == null
                    || !KnownDefinitionRows.this.unchanged(definitionId)) {
                return ofCommand;
            }
            return Context.getProcessEngineConfiguration().getDeploymentCache()
                    .findProcessDefinitionFromCache(definitionId);
        }

        @Override
        public ProcessDefinitionEntity findLatestDefinitionById(String id) {
            long generation = KnownDefinitionRows.this.generation();
            ProcessDefinitionEntity row = super.findLatestDefinitionById(id);
            if (row != null) {
                KnownDefinitionRows.this.read(id, generation);
            }
            return row;
        }
    }
}
