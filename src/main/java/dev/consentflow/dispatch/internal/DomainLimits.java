package dev.consentflow.dispatch.internal;

import dev.consentflow.NamedSql;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The per domain group limits of {@link DomainLimitSettings}, held in PostgreSQL so that all nodes share them: a
 * send takes one of its group's slots (concurrency) and its group's next start (rate) before it begins, and gives
 * the slot back when it is done. A group a provider told to slow down is backed off for a while; its messages go
 * back to the queue and every other group keeps sending. Whether a group is backed off is read from the database
 * at most about once a second per node, so unlimited groups cost no statement per message.
 */
class DomainLimits {

    private static final Logger log = LoggerFactory.getLogger(DomainLimits.class);
    private static final long STATE_TTL_NANOS = Duration.ofSeconds(1).toNanos();
    /** A group with every slot taken: look again after this long. */
    static final Duration BUSY = Duration.ofMillis(300);
    /** Domains kept with their group at most (then forgotten all at once): settings do not change at run time. */
    private static final int DOMAINS_KEPT = 10_000;

    private final JdbcClient jdbc;
    private final DomainLimitSettings settings;
    private final Map<String, Backoff> backoffs = new ConcurrentHashMap<>();
    private final Map<String, String> groupByDomain = new ConcurrentHashMap<>();

    /** Whether a send may go now: {@code deferFor} null (holding {@code slot}, 0 for none), or how long to wait. */
    record Ticket(String group, int slot, Duration deferFor) {
        boolean deferred() {
            return deferFor != null;
        }
    }

    private record Backoff(long readAtNanos, long untilNanos) {
    }

    DomainLimits(JdbcClient jdbc, DomainLimitSettings settings) {
        this.jdbc = jdbc;
        this.settings = settings;
        settings.groups().forEach((name, group) -> {
            jdbc.sql(Sql.SYNC_GROUP).param("group", name).update();
            jdbc.sql(Sql.SYNC_SLOTS).param("group", name).param("concurrency", group.concurrency()).update();
        });
    }

    String groupOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at < 0) {
            return settings.groupOf(address);
        }
        // The group depends on the domain alone; a campaign's addresses share few domains.
        String domain = address.substring(at + 1);
        String group = groupByDomain.get(domain);
        if (group == null) {
            group = settings.groupOf(address);
            if (groupByDomain.size() >= DOMAINS_KEPT) {
                groupByDomain.clear();
            }
            groupByDomain.put(domain, group);
        }
        return group;
    }

    /** Waits (up to {@code max-wait}) for the group's next start, or answers how long the message must wait. */
    Ticket admit(String group, String node, Duration sendBudget) {
        Duration backedOff = backedOff(group);
        if (backedOff != null) {
            return new Ticket(group, 0, backedOff);
        }
        DomainLimitSettings.Group limits = settings.groups().get(group);
        if (limits == null || !limits.limited()) {
            return new Ticket(group, 0, null);
        }
        int slot = 0;
        if (limits.concurrency() > 0) {
            Optional<Integer> taken = jdbc.sql(Sql.TAKE_SLOT).param("group", group).param("node", node)
                    .param("holdSeconds", seconds(sendBudget.plus(settings.maxWait()))).query(Integer.class).optional();
            if (taken.isEmpty()) {
                return new Ticket(group, 0, BUSY);
            }
            slot = taken.get();
        }
        if (limits.ratePerSecond() > 0) {
            Optional<Double> wait = jdbc.sql(Sql.TAKE_START).param("group", group)
                    .param("intervalSeconds", 1.0 / limits.ratePerSecond())
                    .param("maxWaitSeconds", seconds(settings.maxWait())).query(Double.class).optional();
            if (wait.isEmpty()) {
                release(new Ticket(group, slot, null), node);
                return new Ticket(group, 0, nextStart(group));
            }
            park(wait.get());
        }
        return new Ticket(group, slot, null);
    }

    void release(Ticket ticket, String node) {
        if (ticket.slot() > 0) {
            jdbc.sql(Sql.RELEASE_SLOT).param("group", ticket.group()).param("slot", ticket.slot()).param("node", node)
                    .update();
        }
    }

    /** A server of the group said "slow down": the whole group waits, on every node. */
    void backOff(String group) {
        if (settings.backoff().isZero()) {
            return;
        }
        jdbc.sql(Sql.BACK_OFF).param("group", group).param("backoffSeconds", seconds(settings.backoff())).update();
        backoffs.remove(group);
        log.warn("Domain group {} asked us to slow down: no mail to it for {}", group, settings.backoff());
    }

    private Duration backedOff(String group) {
        long now = System.nanoTime();
        Backoff known = backoffs.get(group);
        if (known == null || now - known.readAtNanos() > STATE_TTL_NANOS) {
            double seconds = state(group, "backoff_seconds");
            known = new Backoff(now, seconds > 0 ? now + (long) (seconds * 1e9) : now);
            backoffs.put(group, known);
        }
        long left = known.untilNanos() - now;
        return left > 0 ? Duration.ofNanos(left) : null;
    }

    private Duration nextStart(String group) {
        double seconds = state(group, "next_start_seconds");
        return seconds > 0 ? Duration.ofMillis((long) (seconds * 1000)) : BUSY;
    }

    private double state(String group, String column) {
        return jdbc.sql(Sql.GROUP_STATE).param("group", group).query((rs, n) -> rs.getDouble(column)).optional()
                .orElse(0.0);
    }

    private static void park(double seconds) {
        long wait = (long) (seconds * 1e9);
        while (wait > 0) {
            long before = System.nanoTime();
            LockSupport.parkNanos(wait);
            wait -= System.nanoTime() - before;
        }
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    private static final class Sql {
        static final String SYNC_GROUP = NamedSql.read("dispatch", "sync-domain-group");
        static final String SYNC_SLOTS = NamedSql.read("dispatch", "sync-domain-slots");
        static final String TAKE_SLOT = NamedSql.read("dispatch", "take-domain-slot");
        static final String RELEASE_SLOT = NamedSql.read("dispatch", "release-domain-slot");
        static final String TAKE_START = NamedSql.read("dispatch", "take-domain-start");
        static final String GROUP_STATE = NamedSql.read("dispatch", "domain-group-state");
        static final String BACK_OFF = NamedSql.read("dispatch", "back-off-domain-group");
    }
}
