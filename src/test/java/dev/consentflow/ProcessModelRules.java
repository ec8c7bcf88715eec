package dev.consentflow;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.operaton.bpm.model.bpmn.BpmnModelInstance;
import org.operaton.bpm.model.bpmn.instance.BaseElement;
import org.operaton.bpm.model.bpmn.instance.BusinessRuleTask;
import org.operaton.bpm.model.bpmn.instance.ConditionExpression;
import org.operaton.bpm.model.bpmn.instance.Documentation;
import org.operaton.bpm.model.bpmn.instance.Event;
import org.operaton.bpm.model.bpmn.instance.ExclusiveGateway;
import org.operaton.bpm.model.bpmn.instance.FlowElement;
import org.operaton.bpm.model.bpmn.instance.FlowNode;
import org.operaton.bpm.model.bpmn.instance.Gateway;
import org.operaton.bpm.model.bpmn.instance.InclusiveGateway;
import org.operaton.bpm.model.bpmn.instance.Message;
import org.operaton.bpm.model.bpmn.instance.Process;
import org.operaton.bpm.model.bpmn.instance.ScriptTask;
import org.operaton.bpm.model.bpmn.instance.SendTask;
import org.operaton.bpm.model.bpmn.instance.SequenceFlow;
import org.operaton.bpm.model.bpmn.instance.ServiceTask;
import org.operaton.bpm.model.bpmn.instance.Task;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.operaton.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonExecutionListener;
import org.operaton.bpm.model.bpmn.instance.operaton.OperatonTaskListener;

/** The BPMN rules of STYLE.md, as a list of violations in words. */
final class ProcessModelRules {

    private static final Pattern ELEMENT_ID = Pattern.compile(
            "(StartEvent|EndEvent|Event|BoundaryEvent|Task|SubProcess|CallActivity|Gateway|Flow|Message|Error"
                    + "|Signal|Escalation|Timer|Lane|LaneSet|Participant|Collaboration|Definitions|DataObject"
                    + "|TextAnnotation|Association|Group|Category)_[A-Z][A-Za-z0-9]*");
    private static final Pattern GENERATED = Pattern.compile(".*_([0-9a-z]{7}|[0-9]+|[0-9a-f]{8,})");
    private static final Pattern DELEGATE_EXPRESSION = Pattern.compile("\\$\\{[a-z][A-Za-z0-9]*Delegate}");
    static final String OPERATON_NS = "http://operaton.org/schema/1.0/bpmn";
    static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern MESSAGE_NAME = Pattern.compile("[a-z][a-zA-Z]*\\.[a-z][a-zA-Z]*");

    private ProcessModelRules() {
    }

    static List<String> violations(String fileName, BpmnModelInstance model) {
        List<String> problems = new ArrayList<>();
        String expectedId = fileName.replaceFirst("\\.bpmn$", "");
        var processes = model.getModelElementsByType(Process.class);
        if (processes.size() != 1) {
            problems.add(fileName + ": holds " + processes.size() + " processes, expected exactly one");
        }
        for (Process process : processes) {
            if (!process.getId().equals(expectedId)) {
                problems.add(fileName + ": process id " + process.getId() + " is not the file name " + expectedId);
            }
            if (!process.isExecutable()) {
                problems.add(expectedId + ": is not executable");
            }
            if (process.getOperatonHistoryTimeToLiveString() == null) {
                problems.add(expectedId + ": has no historyTimeToLive");
            }
            var docs = process.getChildElementsByType(Documentation.class);
            if (docs.isEmpty() || docs.iterator().next().getTextContent().isBlank()) {
                problems.add(expectedId + ": has no documentation line");
            }
        }
        for (BaseElement element : model.getModelElementsByType(BaseElement.class)) {
            checkId(expectedId, element, problems);
        }
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            checkName(expectedId, element, problems);
        }
        for (ServiceTask task : model.getModelElementsByType(ServiceTask.class)) {
            checkDelegate(expectedId, task.getId(), task.getOperatonDelegateExpression(), task.getOperatonClass(),
                    task.getOperatonExpression(), task.getOperatonType(), problems);
        }
        for (SendTask task : model.getModelElementsByType(SendTask.class)) {
            checkDelegate(expectedId, task.getId(), task.getOperatonDelegateExpression(), task.getOperatonClass(),
                    task.getOperatonExpression(), task.getOperatonType(), problems);
        }
        for (BusinessRuleTask task : model.getModelElementsByType(BusinessRuleTask.class)) {
            if (task.getOperatonDecisionRef() == null) {
                checkDelegate(expectedId, task.getId(), task.getOperatonDelegateExpression(),
                        task.getOperatonClass(), task.getOperatonExpression(), task.getOperatonType(), problems);
            }
        }
        for (ScriptTask task : model.getModelElementsByType(ScriptTask.class)) {
            problems.add(expectedId + ": " + task.getId() + " is a script task (use a delegate)");
        }
        for (OperatonExecutionListener listener : model.getModelElementsByType(OperatonExecutionListener.class)) {
            if (listener.getOperatonScript() != null || listener.getOperatonClass() != null
                    || listener.getOperatonExpression() != null) {
                problems.add(expectedId + ": an execution listener uses a script, class or expression");
            }
        }
        for (OperatonTaskListener listener : model.getModelElementsByType(OperatonTaskListener.class)) {
            if (listener.getOperatonScript() != null || listener.getOperatonClass() != null
                    || listener.getOperatonExpression() != null) {
                problems.add(expectedId + ": a task listener uses a script, class or expression");
            }
        }
        checkDiagram(expectedId, model, problems);
        for (Message message : model.getModelElementsByType(Message.class)) {
            if (message.getName() == null || !MESSAGE_NAME.matcher(message.getName()).matches()) {
                problems.add(expectedId + ": message " + message.getId() + " is not named like module.pastTense: "
                        + message.getName());
            }
        }
        return problems;
    }

    /** What has no shape or edge is invisible in the Modeler, though the engine runs it. */
    private static void checkDiagram(String process, BpmnModelInstance model, List<String> problems) {
        Set<String> drawn = new HashSet<>();
        model.getModelElementsByType(BpmnShape.class).forEach(s -> drawn.add(s.getBpmnElement().getId()));
        model.getModelElementsByType(BpmnEdge.class).forEach(e -> drawn.add(e.getBpmnElement().getId()));
        for (FlowElement element : model.getModelElementsByType(FlowElement.class)) {
            if ((element instanceof FlowNode || element instanceof SequenceFlow) && !drawn.contains(element.getId())) {
                problems.add(process + ": " + element.getId() + " is not drawn (no BPMNShape or BPMNEdge)");
            }
        }
    }

    /**
     * Engine attributes in the {@code camunda:} namespace, which the Camunda Modeler shows and bpmnlint's
     * camunda-compat rules read; Operaton reads it as well as its own {@code operaton:} namespace, which the
     * Modeler does not know (its properties panel would show none of them).
     */
    static List<String> namespaceViolations(String fileName, String xml) {
        return xml.contains(OPERATON_NS)
                ? List.of(fileName + ": uses the namespace " + OPERATON_NS + "; use " + CAMUNDA_NS + " (camunda:)")
                : List.of();
    }

    private static void checkId(String process, BaseElement element, List<String> problems) {
        String id = element.getId();
        if (id == null || element instanceof Process || element instanceof ConditionExpression
                || element instanceof Documentation) {
            return;
        }
        if (!ELEMENT_ID.matcher(id).matches() || GENERATED.matcher(id).matches()) {
            problems.add(process + ": element id " + id + " is not a human-named <Type>_<PascalName> id");
        }
    }

    private static void checkName(String process, FlowElement element, List<String> problems) {
        boolean needsName = element instanceof Task || element instanceof Event || element instanceof Gateway
                || element instanceof org.operaton.bpm.model.bpmn.instance.SubProcess;
        if (element instanceof SequenceFlow flow) {
            FlowNode source = flow.getSource();
            boolean isDefault = source instanceof ExclusiveGateway x && x.getDefault() == flow
                    || source instanceof InclusiveGateway i && i.getDefault() == flow;
            needsName = flow.getConditionExpression() != null || isDefault;
        }
        if (needsName && (element.getName() == null || element.getName().isBlank())) {
            problems.add(process + ": " + element.getId() + " has no name");
        }
    }

    private static void checkDelegate(String process, String id, String delegateExpression, String className,
                                      String expression, String type, List<String> problems) {
        if ("external".equals(type)) {
            return;
        }
        if (className != null || expression != null) {
            problems.add(process + ": " + id + " uses a class or expression; use delegateExpression only");
        } else if (delegateExpression == null || !DELEGATE_EXPRESSION.matcher(delegateExpression).matches()) {
            problems.add(process + ": " + id + " needs delegateExpression=\"${verbObjectDelegate}\", has "
                    + delegateExpression);
        }
    }
}
