package dev.consentflow.engine.internal;

import java.util.Map;
import java.util.Set;

/**
 * The words a flow may use: the BPMN elements, plain attributes and engine extension attributes (in both the
 * {@code camunda:} and {@code operaton:} namespaces) of the allow-list, and the rule each well-known refusal
 * names. Whatever is not listed here is refused.
 */
final class BpmnVocabulary {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final Set<String> EXTENSIONS = Set.of("http://operaton.org/schema/1.0/bpmn",
            "http://camunda.org/schema/1.0/bpmn");
    static final Set<String> DIAGRAM = Set.of("http://www.omg.org/spec/BPMN/20100524/DI",
            "http://www.omg.org/spec/DD/20100524/DC", "http://www.omg.org/spec/DD/20100524/DI");
    static final String XSI = "http://www.w3.org/2001/XMLSchema-instance";

    static final Set<String> ELEMENTS = Set.of("definitions", "process", "collaboration", "participant",
            "messageFlow", "laneSet", "lane", "childLaneSet", "flowNodeRef", "documentation", "extensionElements",
            "textAnnotation", "text", "association", "group", "category", "categoryValue",
            "startEvent", "endEvent", "intermediateCatchEvent", "intermediateThrowEvent", "boundaryEvent",
            "messageEventDefinition", "timerEventDefinition", "errorEventDefinition", "terminateEventDefinition",
            "timeDuration", "timeDate", "timeCycle",
            "exclusiveGateway", "parallelGateway", "inclusiveGateway", "eventBasedGateway",
            "task", "userTask", "serviceTask", "manualTask", "receiveTask", "businessRuleTask", "subProcess",
            "callActivity", "sequenceFlow", "conditionExpression", "incoming", "outgoing",
            "multiInstanceLoopCharacteristics", "loopCardinality", "completionCondition", "message", "error");

    /** Elements whose bodies the engine never evaluates. */
    static final Set<String> PROSE = Set.of("documentation", "textAnnotation", "text");

    static final Map<String, String> REFUSED = Map.ofEntries(
            Map.entry("scriptTask", "script tasks are not allowed: a task is one of the element templates"),
            Map.entry("sendTask", "send tasks run code: use the element template 'Send a template'"),
            Map.entry("signalEventDefinition", "signal events are not allowed (they reach beyond the flow)"),
            Map.entry("escalationEventDefinition", "escalation events are not allowed"),
            Map.entry("conditionalEventDefinition", "conditional events are not allowed"),
            Map.entry("linkEventDefinition", "link events are not allowed"),
            Map.entry("compensateEventDefinition", "compensation is not allowed"),
            Map.entry("cancelEventDefinition", "transactions and cancel events are not allowed"),
            Map.entry("transaction", "transactions and cancel events are not allowed"),
            Map.entry("complexGateway", "complex gateways are not allowed"),
            Map.entry("standardLoopCharacteristics", "loops are not allowed: use a multi-instance with a "
                    + "literal cardinality"),
            Map.entry("script", "scripts are not allowed"));

    static final Set<String> PLAIN_ATTRIBUTES = Set.of("id", "name", "sourceRef", "targetRef", "default",
            "attachedToRef", "cancelActivity", "isInterrupting", "triggeredByEvent", "messageRef", "errorRef",
            "errorCode", "isExecutable", "isClosed", "processType", "processRef", "gatewayDirection",
            "eventGatewayType", "instantiate", "parallelMultiple", "isSequential", "targetNamespace", "exporter",
            "exporterVersion", "calledElement", "textFormat", "associationDirection", "categoryValueRef", "value",
            "isImmediate", "completionQuantity", "startQuantity", "isForCompensation", "schemaLocation");

    /** Extension attributes every flow node may carry: transaction boundaries and the Modeler's template marks. */
    static final Set<String> COMMON_EXTENSIONS = Set.of("asyncBefore", "asyncAfter", "exclusive", "modelerTemplate",
            "modelerTemplateVersion", "modelerTemplateIcon");

    static final Map<String, Set<String>> EXTENSION_ATTRIBUTES = Map.of(
            "process", Set.of("historyTimeToLive", "versionTag", "isStartableInTasklist"),
            "serviceTask", Set.of("delegateExpression"),
            "userTask", Set.of("formRef", "formRefBinding", "assignee", "candidateUsers", "candidateGroups",
                    "dueDate", "followUpDate", "priority"),
            "callActivity", Set.of("calledElementBinding"),
            "businessRuleTask", Set.of("decisionRef", "decisionRefBinding", "resultVariable", "mapDecisionResult"),
            "errorEventDefinition", Set.of("errorCodeVariable", "errorMessageVariable"),
            "error", Set.of("errorMessage"),
            "startEvent", Set.of("initiator"));

    static final Map<String, String> REFUSED_ATTRIBUTES = Map.ofEntries(
            Map.entry("class", "camunda:class is not allowed: a task is one of the element templates"),
            Map.entry("expression", "camunda:expression is not allowed: a task is one of the element templates"),
            Map.entry("delegateExpression", "a delegate expression belongs on a service task made by an element "
                    + "template only"),
            Map.entry("resource", "external resources (camunda:resource) are not allowed"),
            Map.entry("formKey", "only a Camunda Form (formRef) deployed with the flow is allowed, never an "
                    + "embedded or external form"),
            Map.entry("formHandlerClass", "form handlers are code and not allowed"),
            Map.entry("collection", "multi-instance collections are not allowed: use a literal cardinality"),
            Map.entry("type", "external tasks and connectors are not allowed"),
            Map.entry("resultVariable", "camunda:resultVariable is not allowed here"),
            Map.entry("jobPriority", "job priorities are not allowed"),
            Map.entry("taskPriority", "task priorities are not allowed"));

    static final Map<String, String> REFUSED_EXTENSIONS = Map.ofEntries(
            Map.entry("executionListener", "execution listeners are not allowed"),
            Map.entry("taskListener", "task listeners are not allowed"),
            Map.entry("connector", "connectors are not allowed"),
            Map.entry("script", "scripts are not allowed"),
            Map.entry("outputParameter", "output parameters are not allowed"),
            Map.entry("field", "delegate fields are not allowed"),
            Map.entry("formData", "only a Camunda Form (formRef) deployed with the flow is allowed"),
            Map.entry("formProperty", "only a Camunda Form (formRef) deployed with the flow is allowed"),
            Map.entry("list", "input parameters are literal text"),
            Map.entry("map", "input parameters are literal text"),
            Map.entry("failedJobRetryTimeCycle", "retry cycles are not allowed"));

    private BpmnVocabulary() {
    }
}
