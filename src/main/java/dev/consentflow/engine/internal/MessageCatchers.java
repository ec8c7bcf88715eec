package dev.consentflow.engine.internal;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.operaton.bpm.engine.impl.bpmn.parser.EventSubscriptionDeclaration;
import org.operaton.bpm.engine.impl.context.Context;
import org.operaton.bpm.engine.impl.event.EventType;
import org.operaton.bpm.engine.impl.interceptor.CommandContext;
import org.operaton.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.operaton.bpm.engine.impl.pvm.process.ActivityImpl;
import org.operaton.bpm.engine.impl.pvm.process.ScopeImpl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The names of the messages the deployed process definitions of an account, and the platform's (no tenant), can
 * wait for at all: a message start event, an intermediate or boundary catch event, a receive task, an event
 * subprocess's message start. A message subscription (of a latest version's start event, or of a waiting
 * instance) exists only for a message one of them names, so a name none names has no subscription, and
 * {@link OperatonProcessRuntime#anyListens} answers "nobody" without asking the database (a confirmation click
 * asked every time; most accounts deploy no flow on it). A name a definition names, or a name given by an
 * expression anywhere, is asked as before.
 *
 * <p>An account's names are read once per change heard of, as {@link LatestDefinitions} keeps the latest versions:
 * the definitions' ids from the database (old versions too, which may still have waiting instances), each
 * definition as the deployment cache holds it. Any node's deployment, deletion or change of a definition moves
 * the generation (this node's at once and again at its commit; another node's when PostgreSQL's notice arrives),
 * and while this node does not listen nothing is known. Only inside an engine command (the click's own), whose
 * deployment cache the definitions come from; elsewhere the database is asked.
 */
final class MessageCatchers {

    /** A message name given by an expression: any name may be waited for. */
    private static final String ANY = "\u0000any";
    /** More accounts or definitions than this, and all are read again as they are asked for. */
    static final int LIMIT = 10_000;
    private static final Logger log = LoggerFactory.getLogger(MessageCatchers.class);

    private final LatestDefinitions latest;
    private final JdbcClient jdbc;
    /** A definition's message names; a definition never changes what it catches. */
    private final Map<String, Set<String>> byDefinition = new ConcurrentHashMap<>();
    private final Map<String, Known> byAccount = new ConcurrentHashMap<>();

    private record Known(long generation, Set<String> names) {
    }

    MessageCatchers(LatestDefinitions latest, JdbcClient jdbc) {
        this.latest = latest;
        this.jdbc = jdbc;
    }

    /** True only when no definition of the account or the platform can wait for the message (false: ask). */
    boolean noneCatches(String messageName, String account) {
        Set<String> names = namesOf(account);
        return names != null && !names.contains(ANY) && !names.contains(messageName);
    }

    private Set<String> namesOf(String account) {
        if (!latest.listening()) {
            return null;
        }
        long generation = latest.generation();
        Known known = byAccount.get(account);
        if (known != null && known.generation() == generation) {
            return known.names();
        }
        CommandContext command = Context.getCommandContext();
        if (command == null) {
            return null;
        }
        Set<String> names;
        try {
            names = read(command, account);
        } catch (RuntimeException e) {
            // A definition deleted meanwhile (its notice is on its way) or one the cache could not load: the
            // database is asked, and the question is never the caller's failure.
            log.debug("The message names of account {} could not be read: {}", account, e.getMessage());
            return null;
        }
        if (byAccount.size() >= LIMIT) {
            byAccount.clear();
        }
        byAccount.put(account, new Known(generation, names));
        return latest.listening() && latest.generation() == generation ? names : null;
    }

    private Set<String> read(CommandContext command, String account) {
        List<String> ids = jdbc.sql(EngineSql.FIND_ACCOUNT_DEFINITIONS).param("account", account)
                .query(String.class).list();
        Set<String> names = new HashSet<>();
        var cache = command.getProcessEngineConfiguration().getDeploymentCache();
        for (String id : ids) {
            Set<String> caught = byDefinition.get(id);
            if (caught == null) {
                caught = caughtBy(cache.findDeployedProcessDefinitionById(id));
                if (byDefinition.size() >= LIMIT) {
                    byDefinition.clear();
                }
                byDefinition.put(id, caught);
            }
            names.addAll(caught);
        }
        return Set.copyOf(names);
    }

    /** The message names the definition's scopes declare subscriptions for. */
    static Set<String> caughtBy(ProcessDefinitionEntity definition) {
        Set<String> names = new HashSet<>();
        collect(definition, names);
        return Set.copyOf(names);
    }

    private static void collect(ScopeImpl scope, Set<String> names) {
        for (EventSubscriptionDeclaration declaration
                : EventSubscriptionDeclaration.getDeclarationsForScope(scope).values()) {
            if (EventType.MESSAGE.name().equals(declaration.getEventType())) {
                names.add(declaration.hasEventName() && declaration.isEventNameLiteralText()
                        ? declaration.getUnresolvedEventName() : ANY);
            }
        }
        for (ActivityImpl activity : scope.getActivities()) {
            collect(activity, names);
        }
    }
}
