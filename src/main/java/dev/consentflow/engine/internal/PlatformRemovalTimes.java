package dev.consentflow.engine.internal;

import dev.consentflow.engine.HistoryRetention;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.history.DefaultHistoryRemovalTimeProvider;
import org.operaton.bpm.engine.impl.history.event.HistoricProcessInstanceEventEntity;
import org.operaton.bpm.engine.impl.history.event.HistoryEvent;
import org.operaton.bpm.engine.impl.history.event.HistoryEventTypes;
import org.operaton.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.operaton.bpm.engine.impl.history.producer.CacheAwareHistoryEventProducer;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.util.ClockUtil;

/**
 * The removal time of the platform processes' history, written with each row instead of afterwards. With the
 * engine's removal-time strategy {@code end}, the end of every instance issued one UPDATE per history table (14-15
 * statements, SignupConfirmCostBench) to set the removal time on every row the instance had written. For the
 * platform's processes (deployed without a tenant) each row gets it when written instead: the time then plus the
 * definition's time to live, never less than {@link HistoryRetention#BACKSTOP_DAYS}. At the end of a platform
 * instance nothing is updated when the earliest of those times (the instance's start plus that time to live) still
 * lies after the end plus {@link HistoryRetention#MAX_MONTHS}, the longest any account keeps the history; an
 * instance that ran longer than that gap gets the engine's update, computed from its end. So the engine's cleanup
 * never takes a platform instance's history before any account's period has passed, and the accounts' retention
 * job ({@link HistoryRetention}) still removes it when the account's period has. Accounts' own flows, and any other
 * strategy than {@code end}, keep the engine's behaviour.
 */
final class PlatformRemovalTimes {

    private PlatformRemovalTimes() {
    }

    private static boolean strategyEnd() {
        var configuration = Context.getProcessEngineConfiguration();
        return configuration != null && ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_END
                .equals(configuration.getHistoryRemovalTimeStrategy());
    }

    private static final long DAY = 24L * 60 * 60 * 1000;

    /**
     * What {@link DefaultHistoryRemovalTimeProvider#determineRemovalTime} answers (the time in the default zone, the
     * days added to its date, the same time of day; across a change of the zone's offset, as {@code Calendar.add}
     * moves it), computed from the zone's offsets instead of a {@code Calendar} built for every history row: that
     * build (the default locale's calendar, its fields computed three times) was 1-1.5 % of a signup's and of a
     * confirmation's request thread in a JFR profile of SignupConfirmCostBench. {@code PlatformRemovalTimeTest}
     * holds it to the engine's answer around every offset change of every zone.
     */
    static Date after(Date time, int days) {
        TimeZone zone = TimeZone.getDefault();
        long start = time.getTime();
        int offset = zone.getOffset(start);
        long removal = start + days * DAY;
        int shift = offset - zone.getOffset(removal);
        if (shift != 0) {
            long shifted = removal + shift;
            long date = Math.floorDiv(start + offset, DAY) + days;
            if (Math.floorDiv(shifted + zone.getOffset(shifted), DAY) == date) {
                removal = shifted;
            }
        }
        return new Date(removal);
    }

    /**
     * The engine's producer, without the removal time update at a platform instance's end, and without reading a
     * definition the deployment cache holds.
     */
    static final class Producer extends CacheAwareHistoryEventProducer {

        private final PlatformDefinitions platform;

        Producer(PlatformDefinitions platform) {
            this.platform = platform;
        }

        /**
         * The definition whose id, key, version and name a history row names, from the deployment cache when it
         * holds it: those never change for an id, and the engine's producer read the definition's row from the
         * database for the first such row of every command ({@code select * from ACT_RE_PROCDEF where ID_ = ?},
         * once per erasure and per signup). Not cached: read as the engine reads it.
         */
        @Override
        protected ProcessDefinitionEntity getProcessDefinitionEntity(String processDefinitionId) {
            var configuration = Context.getProcessEngineConfiguration();
            ProcessDefinitionEntity cached = configuration == null || processDefinitionId == null ? null
                    : configuration.getDeploymentCache().findProcessDefinitionFromCache(processDefinitionId);
            return cached != null ? cached : super.getProcessDefinitionEntity(processDefinitionId);
        }

        /** With the strategy {@code end}, asked only at the end of a root instance, to update its rows. */
        @Override
        protected Date calculateRemovalTime(HistoryEvent historyEvent) {
            if (isHistoryRemovalTimeStrategyEnd() && platform.contains(historyEvent.getProcessDefinitionId())) {
                return null;
            }
            return super.calculateRemovalTime(historyEvent);
        }
    }

    /** Before the database handler: each new or changed row of a platform instance gets its removal time. */
    static final class AtWrite implements HistoryEventHandler {

        private final PlatformDefinitions platform;

        AtWrite(PlatformDefinitions platform) {
            this.platform = platform;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (event.getRemovalTime() != null || event.getRootProcessInstanceId() == null || !strategyEnd()) {
                return;
            }
            Integer days = platform.timeToLiveDays(event.getProcessDefinitionId());
            if (days != null) {
                event.setRemovalTime(after(ClockUtil.getCurrentTime(), days));
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }

    /**
     * After the database handler (which has read the instance's start time by then): the engine's update of every
     * row, computed from the end, for a platform instance that ran so long that its rows' removal times could come
     * before an account's longest period has passed.
     */
    static final class AtEnd implements HistoryEventHandler {

        private final PlatformDefinitions platform;

        AtEnd(PlatformDefinitions platform) {
            this.platform = platform;
        }

        @Override
        public void handleEvent(HistoryEvent event) {
            if (!(event instanceof HistoricProcessInstanceEventEntity instance)
                    || !HistoryEventTypes.PROCESS_INSTANCE_END.getEventName().equals(event.getEventType())
                    || !instance.getId().equals(instance.getRootProcessInstanceId()) || !strategyEnd()) {
                return;
            }
            Integer days = platform.timeToLiveDays(instance.getProcessDefinitionId());
            Date end = instance.getEndTime();
            if (days == null || end == null) {
                return;
            }
            Date kept = instance.getStartTime() == null ? null : after(instance.getStartTime(), days);
            Date due = Date.from(end.toInstant().atZone(ZoneOffset.UTC).plusMonths(HistoryRetention.MAX_MONTHS)
                    .toInstant());
            if (kept == null || kept.before(due)) {
                Context.getCommandContext().getHistoricProcessInstanceManager()
                        .addRemovalTimeToProcessInstancesByRootProcessInstanceId(instance.getId(), after(end, days));
            }
        }

        @Override
        public void handleEvents(List<HistoryEvent> events) {
            events.forEach(this::handleEvent);
        }
    }
}
