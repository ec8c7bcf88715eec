package dev.consentflow.engine.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.operaton.bpm.engine.ProcessEngineException;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.history.event.HistoricActivityInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoricScopeInstanceEvent;
import org.operaton.bpm.engine.impl.history.event.HistoryEvent;
import org.operaton.bpm.engine.impl.history.event.HistoryEventTypes;
import org.operaton.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.interceptor.CommandContextListener;

/**
 * The engine's database handler of history events, except where a platform instance's activity, or the instance
 * itself, ends in a later command than the one that wrote its row: the engine read the row's start time for each
 * ({@code select HAI.START_TIME_ from ACT_HI_ACTINST ...}, then {@code select HPI.START_TIME_, HPI.REMOVAL_TIME_ from
 * ACT_HI_PROCINST ...}), two round trips of every confirmation click (SignupConfirmCostBench). Here the first such end
 * in a command reads its own start time and its instance's in one statement, and the instance's end takes its start
 * from there. A message to an instance ({@link CorrelateToInstanceCmd}) reads those start times with the instance's rows,
 * in their round trip ({@link InstanceRows}), and an end of them in that command reads nothing. The same start times,
 * durations and rows as the engine's; accounts' flows, and every other event, go the engine's way.
 */
final class PlatformScopeEnds extends DbHistoryEventHandler {

    private static final String READ = "select 'A', START_TIME_ from %1$sACT_HI_ACTINST where ID_ = ?"
            + " union all select 'P', START_TIME_ from %1$sACT_HI_PROCINST where ID_ = ?";

    /** The start times known in the command running on this thread (one command at a time per thread). */
    private static final ThreadLocal<Known> KNOWN = new ThreadLocal<>();

    private final PlatformDefinitions platform;

    PlatformScopeEnds(PlatformDefinitions platform) {
        this.platform = platform;
    }

    @Override
    protected void insertOrUpdate(HistoryEvent event) {
        if (event instanceof HistoricScopeInstanceEvent scope && isEnd(event) && event.getId() != null
                && platform.contains(event.getProcessDefinitionId())
                && getDbEntityManager().getCachedEntity(event.getClass(), event.getId()) == null) {
            Date start = startOf(event);
            if (start != null) {
                scope.setStartTime(start);
                getDbEntityManager().merge(event);
                return;
            }
        }
        super.insertOrUpdate(event);
    }

    private static boolean isEnd(HistoryEvent event) {
        return event instanceof HistoricActivityInstanceEventEntity
                ? event.isEventOfType(HistoryEventTypes.ACTIVITY_INSTANCE_END)
                : event instanceof HistoricProcessInstanceEventEntity
                        && event.isEventOfType(HistoryEventTypes.PROCESS_INSTANCE_END);
    }

    /**
     * A start time of a history row that has not ended, read with an instance's rows ({@link InstanceRows}): kind
     * {@code A} an activity instance's, {@code P} the process instance's.
     */
    record Start(String kind, String id, Date start) {
    }

    /**
     * Keeps, for the rest of the command, the start times of one instance's rows read in it: an end of one of them
     * takes its start from here instead of reading it.
     */
    static void read(CommandContext command, String processInstanceId, List<Start> starts) {
        Known kept = known(command);
        for (Start start : starts) {
            if ("P".equals(start.kind())) {
                kept.instanceStarts.put(processInstanceId, start.start());
            } else {
                kept.activityStarts.put(start.id(), start.start());
            }
        }
    }

    private static Known known(CommandContext command) {
        Known kept = KNOWN.get();
        if (kept == null || kept.command != command) {
            kept = new Known(command);
            KNOWN.set(kept);
            command.registerCommandContextListener(kept);
        }
        return kept;
    }

    /** The row's start time; null when there is no row (then the engine's way decides). */
    private Date startOf(HistoryEvent event) {
        CommandContext command = Context.getCommandContext();
        Known kept = known(command);
        boolean instance = event instanceof HistoricProcessInstanceEventEntity;
        String processInstanceId = instance ? event.getId() : event.getProcessInstanceId();
        if (instance && kept.instanceStarts.containsKey(processInstanceId)) {
            return kept.instanceStarts.get(processInstanceId);
        }
        if (!instance && kept.activityStarts.containsKey(event.getId())) {
            return kept.activityStarts.get(event.getId());
        }
        Date activityStart = null;
        String prefix = Context.getProcessEngineConfiguration().getDatabaseTablePrefix();
        Connection connection = command.getDbSqlSession().getSqlSession().getConnection();
        try (PreparedStatement read = connection.prepareStatement(READ.formatted(prefix == null ? "" : prefix))) {
            read.setString(1, instance ? null : event.getId());
            read.setString(2, processInstanceId);
            try (ResultSet rows = read.executeQuery()) {
                while (rows.next()) {
                    Timestamp start = rows.getTimestamp(2);
                    Date time = start == null ? null : new Date(start.getTime());
                    if ("P".equals(rows.getString(1))) {
                        kept.instanceStarts.put(processInstanceId, time);
                    } else {
                        activityStart = time;
                    }
                }
            }
        } catch (SQLException e) {
            throw new ProcessEngineException("could not read the start times of " + event.getId(), e);
        }
        return instance ? kept.instanceStarts.get(processInstanceId) : activityStart;
    }

    /** The instances' and activities' start times read in one command, forgotten when it closes. */
    private static final class Known implements CommandContextListener {

        final CommandContext command;
        final Map<String, Date> instanceStarts = new HashMap<>();
        final Map<String, Date> activityStarts = new HashMap<>();

        Known(CommandContext command) {
            this.command = command;
        }

        @Override
        public void onCommandContextClose(CommandContext commandContext) {
            forget();
        }

        @Override
        public void onCommandFailed(CommandContext commandContext, Throwable t) {
            forget();
        }

        private void forget() {
            if (KNOWN.get() == this) {
                KNOWN.remove();
            }
        }
    }
}
