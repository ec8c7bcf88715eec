package dev.consentflow.bench;

import com.zaxxer.hikari.HikariDataSource;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.operaton.bpm.engine.ActivityTypes;
import org.operaton.bpm.engine.ProcessEngine;
import org.operaton.bpm.engine.ProcessEngineConfiguration;
import org.operaton.bpm.engine.RuntimeService;
import org.operaton.bpm.engine.delegate.DelegateExecution;
import org.operaton.bpm.engine.delegate.ExecutionListener;
import org.operaton.bpm.engine.delegate.JavaDelegate;
import org.operaton.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.operaton.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProvider;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderCaseInstanceContext;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderHistoricDecisionInstanceContext;
import org.operaton.bpm.engine.impl.cfg.multitenancy.TenantIdProviderProcessInstanceContext;
import org.operaton.bpm.engine.impl.history.AbstractHistoryLevel;
import org.operaton.bpm.engine.impl.history.HistoryLevel;
import org.operaton.bpm.engine.impl.history.event.HistoryEventType;
import org.operaton.bpm.engine.impl.history.event.HistoryEventTypes;
import org.operaton.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.operaton.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.operaton.bpm.engine.impl.pvm.PvmScope;
import org.operaton.bpm.engine.runtime.ProcessInstance;
import org.operaton.bpm.engine.variable.Variables;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * The product's own {@code processes/double-opt-in.bpmn} on the bare engine: the second, fairer ceiling of the
 * signup and confirm scenarios, the engine's share of what a signup and a click must do (its steps, their
 * variables, two executions, the reminder's timer and the click's subscription) instead of a one-task process.
 * The model is read from the repository, never copied; every delegate expression it names resolves to a bean
 * that does no work of ours. Two of them answer what the gateways after them read, as the server's steps answer
 * on the main path: registering a new address ({@code SignupRegistrar.Registered#variables}: the outcome, transient,
 * and the subscriber's and subscription's ids) and confirming it ({@code ClickHandOver#confirm}: confirmed now).
 * So a start runs register, "new request", send confirmation, and waits for the click or the reminder; a click
 * runs confirm, welcome, the hand-over message's throw, end. An instance starts as {@code SignupDesk} starts it: a
 * request id as business key, the account, list and channel as text, the reminder's delay transient, the expiry
 * as a date, the account as its tenant; the click is correlated by process instance id without variables, as
 * {@code ConfirmationClicks} does.
 *
 * <p>It runs on an engine of its own on the bare engine's database, configured as the first ({@link RawEngine})
 * and, as the server treats its own processes, with the history the server writes for them: {@code full} without
 * variable details, without the history of variables other than {@code subscriberId}, without the job log's
 * created, done and deleted entries and without the activity rows of exclusive gateways (the server's
 * {@code PlatformHistoryLevel}), and with every history row's removal time written with it instead of updated
 * when the instance ends (the removal-time strategy {@code start}; the server's {@code PlatformRemovalTimes}). A
 * ceiling writing more history than the server does would flatter the ratio. No job executor: the only jobs are
 * reminder timers, due in days.
 */
final class RawDoubleOptIn implements AutoCloseable {

    static final String PROCESS = "double-opt-in";
    static final Path MODEL = Path.of("processes", "double-opt-in.bpmn");
    /** The click's message. */
    static final String CLICK = "subscription.confirmationReceived";
    static final String REGISTER_SIGNUP = "registerSignupDelegate";
    static final String CONFIRM_SUBSCRIPTION = "confirmSubscriptionDelegate";
    /** The one variable whose history the server keeps for its own processes. */
    static final String SUBSCRIBER = "subscriberId";

    private static final Pattern BEAN = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");

    final ProcessEngine engine;
    final RuntimeService runtime;
    private final HikariDataSource dataSource;
    private final EngineSettings settings;
    private final String definitionId;
    private final int delegates;
    private final String account = UUID.randomUUID().toString();

    private RawDoubleOptIn(ProcessEngine engine, HikariDataSource dataSource, EngineSettings settings,
                           String definitionId, int delegates) {
        this.engine = engine;
        this.runtime = engine.getRuntimeService();
        this.dataSource = dataSource;
        this.settings = settings;
        this.definitionId = definitionId;
        this.delegates = delegates;
    }

    /** Reads the model from the repository, starts its engine, deploys it. */
    static RawDoubleOptIn start(Database.Target target, Config config, EngineSettings settings) throws Exception {
        long start = System.nanoTime();
        String xml = Files.readString(config.repo().resolve(MODEL));
        Set<String> names = delegateNames(xml);
        for (String needed : List.of(REGISTER_SIGNUP, CONFIRM_SUBSCRIPTION)) {
            if (!names.contains(needed)) {
                throw new IllegalStateException(MODEL + " names no ${" + needed + "} any more (it names " + names
                        + "): the bench's no-op steps must answer what its gateways read");
            }
        }
        HikariDataSource dataSource = RawEngine.pool(target, config, settings, "raw-process");
        try {
            var cfg = RawEngine.configuration("bench-raw-process", dataSource, target, settings);
            cfg.setJobExecutorActivate(false);
            cfg.setBeans(beans(names));
            cfg.setTenantIdProvider(new AccountTenant());
            cfg.setHistoryRemovalTimeStrategy(ProcessEngineConfiguration.HISTORY_REMOVAL_TIME_STRATEGY_START);
            cfg.getProcessEnginePlugins().add(new AbstractProcessEnginePlugin() {
                @Override
                public void postInit(ProcessEngineConfigurationImpl configuration) {
                    if (configuration.getHistoryLevel().getId() == HistoryLevel.HISTORY_LEVEL_FULL.getId()) {
                        configuration.setHistoryLevel(new ServersHistory());
                    }
                }
            });
            ProcessEngine engine = cfg.buildProcessEngine();
            String definitionId = engine.getRepositoryService().createDeployment().name("bench-double-opt-in")
                    .addString(MODEL.getFileName().toString(), xml)
                    .deployWithResult().getDeployedProcessDefinitions().stream()
                    .filter(d -> PROCESS.equals(d.getKey())).findFirst()
                    .orElseThrow(() -> new IllegalStateException(MODEL + " deployed no process " + PROCESS))
                    .getId();
            Log.info("raw double-opt-in engine up in " + (System.nanoTime() - start) / 1_000_000 + " ms, "
                    + names.size() + " no-op delegates");
            return new RawDoubleOptIn(engine, dataSource, settings, definitionId, names.size());
        } catch (Exception | Error e) {
            dataSource.close();
            throw e;
        }
    }

    /**
     * The bean names of every delegate expression in a BPMN model (service tasks, message events, execution and
     * task listeners, in any extension namespace), sorted. An expression that is not a bare bean name is refused:
     * a no-op bean could not stand in for it.
     */
    static Set<String> delegateNames(String bpmnXml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList elements = factory.newDocumentBuilder().parse(new InputSource(new StringReader(bpmnXml)))
                .getElementsByTagNameNS("*", "*");
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < elements.getLength(); i++) {
            NamedNodeMap attributes = ((Element) elements.item(i)).getAttributes();
            for (int a = 0; a < attributes.getLength(); a++) {
                Attr attribute = (Attr) attributes.item(a);
                if (!"delegateExpression".equals(attribute.getLocalName())) {
                    continue;
                }
                Matcher bean = BEAN.matcher(attribute.getValue().trim());
                if (!bean.matches()) {
                    throw new IllegalArgumentException("delegateExpression " + attribute.getValue()
                            + " is not a bean name");
                }
                names.add(bean.group(1));
            }
        }
        return names;
    }

    /** The beans for the engine's expressions: a no-op step per delegate name, two answering their gateways. */
    private static Map<Object, Object> beans(Set<String> names) {
        Map<Object, Object> beans = new HashMap<>();
        for (String name : names) {
            beans.put(name, new Step(Map::of));
        }
        beans.put(REGISTER_SIGNUP, new Step(() -> {
            Map<String, Object> v = new HashMap<>();
            v.put("signupOutcome", Variables.stringValue("NEW_REQUEST", true));
            v.put(SUBSCRIBER, UUID.randomUUID().toString());
            v.put("subscriptionId", UUID.randomUUID().toString());
            return v;
        }));
        beans.put(CONFIRM_SUBSCRIPTION, new Step(() -> Map.of("subscriptionConfirmed", Boolean.TRUE)));
        return beans;
    }

    /**
     * Starts an instance as the server starts one, by the definition's id as the server's start does (it keeps the
     * latest definition instead of looking it up per start).
     */
    ProcessInstance signUp() {
        Map<String, Object> variables = new LinkedHashMap<>();
        variables.put("accountId", account);
        variables.put("listKey", "bench-raw");
        variables.put("channel", "EMAIL");
        variables.put("reminderAfter", Variables.stringValue(settings.reminderAfter().toString(), true));
        variables.put("expiresAt", Date.from(Instant.now().plus(settings.expireAfter())));
        return runtime.startProcessInstanceById(definitionId, UUID.randomUUID().toString(), variables);
    }

    /** The click: the message to the waiting instance, by its id. */
    void click(String processInstanceId) {
        runtime.createMessageCorrelation(CLICK).processInstanceId(processInstanceId).correlate();
    }

    /** Instances of the model not ended yet. */
    long waiting() {
        return runtime.createProcessInstanceQuery().processDefinitionKey(PROCESS).count();
    }

    Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", MODEL.toString());
        m.put("no_op_delegates", delegates);
        m.put("history", "server's for its own processes");
        m.put("reminder_after", settings.reminderAfter().toString());
        return m;
    }

    @Override
    public void close() {
        engine.close();
        dataSource.close();
    }

    /** A step that does no work of ours: sets the variables it is given (none for most), and nothing else. */
    static final class Step implements JavaDelegate, ExecutionListener {

        private final Supplier<Map<String, Object>> variables;

        Step(Supplier<Map<String, Object>> variables) {
            this.variables = variables;
        }

        @Override
        public void execute(DelegateExecution execution) {
            Map<String, Object> v = variables.get();
            if (!v.isEmpty()) {
                execution.setVariables(v);
            }
        }

        @Override
        public void notify(DelegateExecution execution) {
            // a listener's no-op
        }
    }

    /** The account variable names the instance's tenant, as the server's provider does for its own processes. */
    private static final class AccountTenant implements TenantIdProvider {

        @Override
        public String provideTenantIdForProcessInstance(TenantIdProviderProcessInstanceContext context) {
            Object account = context.getVariables() == null ? null : context.getVariables().get("accountId");
            return account == null ? null : account.toString();
        }

        @Override
        public String provideTenantIdForCaseInstance(TenantIdProviderCaseInstanceContext context) {
            return null;
        }

        @Override
        public String provideTenantIdForHistoricDecisionInstance(
                TenantIdProviderHistoricDecisionInstanceContext context) {
            return null;
        }
    }

    /**
     * {@code full} (id 3, as the database has it) less what the server does not write for its own processes; this
     * engine runs nothing else.
     */
    static final class ServersHistory extends AbstractHistoryLevel {

        private static final Set<HistoryEventType> NOT_WRITTEN = Set.of(
                HistoryEventTypes.VARIABLE_INSTANCE_UPDATE_DETAIL,
                HistoryEventTypes.JOB_CREATE, HistoryEventTypes.JOB_SUCCESS, HistoryEventTypes.JOB_DELETE);
        private static final Set<HistoryEventType> VARIABLE = Set.of(HistoryEventTypes.VARIABLE_INSTANCE_CREATE,
                HistoryEventTypes.VARIABLE_INSTANCE_UPDATE, HistoryEventTypes.VARIABLE_INSTANCE_DELETE);
        private static final Set<HistoryEventType> ACTIVITY = Set.of(HistoryEventTypes.ACTIVITY_INSTANCE_START,
                HistoryEventTypes.ACTIVITY_INSTANCE_UPDATE, HistoryEventTypes.ACTIVITY_INSTANCE_END);
        private static final Set<Object> PASSING = Set.of(ActivityTypes.GATEWAY_EXCLUSIVE,
                ActivityTypes.GATEWAY_INCLUSIVE);

        @Override
        public int getId() {
            return HistoryLevel.HISTORY_LEVEL_FULL.getId();
        }

        @Override
        public String getName() {
            return ProcessEngineConfiguration.HISTORY_FULL;
        }

        @Override
        public boolean isHistoryEventProduced(HistoryEventType type, Object entity) {
            if (entity == null) {
                return true;
            }
            if (NOT_WRITTEN.contains(type)) {
                return false;
            }
            if (VARIABLE.contains(type) && entity instanceof VariableInstanceEntity variable) {
                return SUBSCRIBER.equals(variable.getName());
            }
            if (ACTIVITY.contains(type) && entity instanceof ExecutionEntity execution) {
                PvmScope at = execution.getActivity() != null ? execution.getActivity()
                        : execution.getEventSource() instanceof PvmScope source ? source : null;
                return at == null || !PASSING.contains(at.getProperty("type"));
            }
            return true;
        }
    }
}
