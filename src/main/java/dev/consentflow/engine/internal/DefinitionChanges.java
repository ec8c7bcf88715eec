package dev.consentflow.engine.internal;

import dev.consentflow.engine.ChangeNotices;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import javax.sql.DataSource;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.TransactionState;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.persistence.deploy.Deployer;
import org.operaton.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Keeps {@link LatestDefinitions} true on every node. This node's deployments forget it at once, in the deploying
 * command and again after its commit, so the next start here takes the new version. Every node's changes to the
 * engine's definitions (a deployment, a deletion, a suspension, also another node's) reach every node through
 * PostgreSQL: the trigger {@value #TRIGGER} (made by {@link EngineIndexes}; {@value #JOB_TRIGGER} likewise for the
 * engine's job definitions) notifies the channel {@value #CHANNEL}
 * when the change commits, and one connection of each node listens there. Only while it listens, and only once the
 * trigger exists, does the cache answer; a broken connection turns it off until the listener is back.
 *
 * <p>The same connection hears the {@link ChangeNotices} of other tables (a brand's record, for the public pages):
 * a channel is listened to from the first time its generation is asked for, and only from then on is it heard.
 */
@Component
class DefinitionChanges extends AbstractProcessEnginePlugin implements SmartLifecycle, ChangeNotices {

    static final String CHANNEL = "consentflow_definitions";
    static final String TRIGGER = "consentflow_definitions_changed";
    /** The same notice for the engine's job definitions (their suspension, {@link KnownDefinitionRows}). */
    static final String JOB_TRIGGER = "consentflow_job_definitions_changed";
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RECONNECT = Duration.ofSeconds(5);
    private static final Logger log = LoggerFactory.getLogger(DefinitionChanges.class);

    private final LatestDefinitions latest = new LatestDefinitions();
    private final DataSource dataSource;
    /** The other tables' channels asked for, each with its generation and whether this node hears it now. */
    private final Map<String, Channel> channels = new ConcurrentHashMap<>();
    private volatile boolean newChannels;
    private volatile boolean running;
    private Thread listener;

    DefinitionChanges(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    LatestDefinitions latest() {
        return latest;
    }

    @Override
    public long generation(String channel) {
        Channel known = channels.get(channel);
        if (known == null) {
            known = channels.computeIfAbsent(channel, c -> new Channel());
            newChannels = true;
        }
        return known.heard ? known.generation.get() : -1;
    }

    @Override
    public void changed(String channel) {
        Channel known = channels.get(channel);
        if (known != null) {
            known.generation.incrementAndGet();
        }
    }

    /** A channel's generation moves on with every notice, and whenever it starts or stops being heard. */
    private static final class Channel {
        final AtomicLong generation = new AtomicLong();
        volatile boolean heard;

        void heard(boolean heard) {
            generation.incrementAndGet();
            this.heard = heard;
            generation.incrementAndGet();
        }
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> deployers = new ArrayList<>();
        if (configuration.getCustomPostDeployers() != null) {
            deployers.addAll(configuration.getCustomPostDeployers());
        }
        deployers.add(this::deployed);
        configuration.setCustomPostDeployers(deployers);
    }

    /** Also called when the deployment cache loads an older deployment again: only a new one changes anything. */
    private void deployed(DeploymentEntity deployment) {
        if (!deployment.isNew()) {
            return;
        }
        latest.forgetAll();
        var command = Context.getCommandContext();
        if (command != null) {
            command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED,
                    committed -> latest.forgetAll());
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        listener = new Thread(this::listen, "definition-changes");
        listener.setDaemon(true);
        listener.start();
    }

    @Override
    public synchronized void stop() {
        running = false;
        latest.listening(false);
        notHeard();
        if (listener != null) {
            listener.interrupt();
            listener = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("listen " + CHANNEL);
                    if (!triggerExists(statement)) {
                        statement.execute("unlisten *");
                        log.warn("No trigger {} or {} on the engine's definitions yet: every start looks its "
                                + "process up", TRIGGER, JOB_TRIGGER);
                        pause(RECONNECT);
                        continue;
                    }
                }
                PGConnection notices = connection.unwrap(PGConnection.class);
                latest.listening(true);
                while (running) {
                    listenToNewChannels(connection);
                    PGNotification[] arrived = notices.getNotifications((int) POLL.toMillis());
                    for (PGNotification notice : arrived == null ? new PGNotification[0] : arrived) {
                        Channel other = channels.get(notice.getName());
                        if (other != null) {
                            other.generation.incrementAndGet();
                        } else {
                            latest.forgetAll();
                        }
                    }
                }
                latest.listening(false);
                notHeard();
                try (Statement statement = connection.createStatement()) {
                    // The connection goes back to the pool: nothing may collect notices on it there.
                    statement.execute("unlisten *");
                }
            } catch (SQLException | RuntimeException e) {
                if (running) {
                    log.warn("Listening for changed process definitions failed; every start looks its process up "
                            + "until it listens again: {}", e.getMessage());
                }
            } finally {
                latest.listening(false);
                notHeard();
            }
            if (running) {
                pause(RECONNECT);
            }
        }
    }

    /** Listens to the channels asked for since the last look; each is heard from once its listen has run. */
    private void listenToNewChannels(Connection connection) throws SQLException {
        if (!newChannels) {
            return;
        }
        newChannels = false;
        try (Statement statement = connection.createStatement()) {
            for (var channel : channels.entrySet()) {
                if (!channel.getValue().heard) {
                    statement.execute("listen " + channel.getKey());
                    channel.getValue().heard(true);
                }
            }
        }
    }

    /** The connection is gone or about to be: no other channel is heard until the listener is back. */
    private void notHeard() {
        channels.values().forEach(channel -> {
            if (channel.heard) {
                channel.heard(false);
            }
        });
        newChannels = true;
    }

    /** Both triggers: what is cached of either kind of definition is only as true as the notices of both. */
    private static boolean triggerExists(Statement statement) throws SQLException {
        try (var rows = statement.executeQuery("select exists (select 1 from pg_trigger where tgname = '" + TRIGGER
                + "' and tgrelid = to_regclass('act_re_procdef')) and exists (select 1 from pg_trigger where tgname = '"
                + JOB_TRIGGER + "' and tgrelid = to_regclass('act_ru_jobdef'))")) {
            return rows.next() && rows.getBoolean(1);
        }
    }

    private static void pause(Duration duration) {
        LockSupport.parkNanos(duration.toNanos());
    }
}
