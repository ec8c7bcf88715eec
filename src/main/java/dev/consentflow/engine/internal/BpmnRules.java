package dev.consentflow.engine.internal;

import static dev.consentflow.engine.internal.BpmnVocabulary.BPMN;
import static dev.consentflow.engine.internal.BpmnVocabulary.DIAGRAM;
import static dev.consentflow.engine.internal.BpmnVocabulary.EXTENSIONS;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Checks one BPMN model of an account's deployment against the allow-list, element by element and attribute by
 * attribute, on the raw XML as the engine reads it (both extension namespaces alike): what {@link BpmnVocabulary}
 * does not list is refused, and the places that may hold an expression are checked by {@link FlowExpressions}.
 * Every violation is collected; none stops the check.
 */
final class BpmnRules {

    /** The most instances one multi-instance activity may create. */
    static final int MULTI_INSTANCE_BOUND = 100;

    private static final Pattern DELEGATE = Pattern.compile("\\$\\{([A-Za-z][A-Za-z0-9]*)}");
    private static final String DEPLOYMENT_BINDING = "deployment";

    private final ElementTemplates templates;
    private final FlowExpressions expressions;
    private final FlowGraph graph = new FlowGraph();

    BpmnRules(ElementTemplates templates, FlowExpressions expressions) {
        this.templates = templates;
        this.expressions = expressions;
    }

    void check(String resource, Element definitions, FlowContents flow) {
        walk(definitions, resource, flow);
        for (Element process : children(definitions, "process")) {
            graph.refuseLoopsWithoutWaitState(process, flow);
        }
    }

    private void walk(Element element, String resource, FlowContents flow) {
        String namespace = element.getNamespaceURI();
        String name = element.getLocalName();
        String id = SafeXml.idOf(element, resource);
        if (namespace != null && DIAGRAM.contains(namespace)) {
            return; // the diagram's shapes: never executed
        }
        if (namespace != null && EXTENSIONS.contains(namespace)) {
            extension(element, id, flow);
            return;
        }
        if (!BPMN.equals(namespace)) {
            flow.refuse(id, element.getTagName() + " is not allowed in a flow");
            return;
        }
        if (!BpmnVocabulary.ELEMENTS.contains(name)) {
            flow.refuse(id, BpmnVocabulary.REFUSED.getOrDefault(name, "bpmn:" + name + " is not allowed in a flow"));
            return;
        }
        if (BpmnVocabulary.PROSE.contains(name)) {
            return;
        }
        attributes(element, id, flow);
        element(element, id, flow);
        for (Element child : children(element, null)) {
            walk(child, resource, flow);
        }
    }

    private void element(Element element, String id, FlowContents flow) {
        switch (element.getLocalName()) {
            case "serviceTask" -> serviceTask(element, id, flow);
            case "userTask" -> userTask(element, id, flow);
            case "callActivity" -> callActivity(element, id, flow);
            case "businessRuleTask" -> businessRuleTask(element, id, flow);
            case "conditionExpression", "completionCondition" ->
                    expressions.condition(SafeXml.text(element)).ifPresent(rule -> flow.refuse(id, rule));
            case "timeDuration", "timeDate" ->
                    expressions.variableOrLiteral(SafeXml.text(element)).ifPresent(rule -> flow.refuse(id, rule));
            case "timeCycle" -> TimerRules.cycle(SafeXml.text(element)).ifPresent(rule -> flow.refuse(id, rule));
            case "multiInstanceLoopCharacteristics" -> multiInstance(element, id, flow);
            case "messageEventDefinition" -> {
                String parent = ((Element) element.getParentNode()).getLocalName();
                if (parent.equals("intermediateThrowEvent") || parent.equals("endEvent")) {
                    flow.refuse(id, "message throw events run code and are not allowed");
                }
            }
            default -> {
            }
        }
    }

    private void attributes(Element element, String id, FlowContents flow) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String namespace = attribute.getNamespaceURI();
            String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            if (namespace == null || namespace.isEmpty()) {
                if (!BpmnVocabulary.PLAIN_ATTRIBUTES.contains(name)) {
                    flow.refuse(id, "the attribute " + name + " is not allowed on bpmn:" + element.getLocalName());
                } else if (FlowExpressions.isExpression(attribute.getValue())) {
                    flow.refuse(id, "expressions are not allowed in " + name + ": it is literal text");
                }
            } else if (EXTENSIONS.contains(namespace)) {
                extensionAttribute(element, attribute, name, id, flow);
            }
            // xmlns, xsi and other namespaces are never read by the engine.
        }
    }

    private void extensionAttribute(Element element, Attr attribute, String name, String id, FlowContents flow) {
        String owner = element.getLocalName();
        boolean allowed = BpmnVocabulary.COMMON_EXTENSIONS.contains(name)
                || BpmnVocabulary.EXTENSION_ATTRIBUTES.getOrDefault(owner, Set.of()).contains(name);
        if (!allowed) {
            flow.refuse(id, BpmnVocabulary.REFUSED_ATTRIBUTES.getOrDefault(name, "camunda:" + name
                    + " is not allowed on bpmn:" + owner).replace("camunda:", attribute.getPrefix() + ":"));
        } else if (!name.equals("delegateExpression") && FlowExpressions.isExpression(attribute.getValue())) {
            flow.refuse(id, "expressions are not allowed in " + attribute.getPrefix() + ":" + name
                    + ": it is literal text");
        }
    }

    private void extension(Element element, String id, FlowContents flow) {
        String name = element.getLocalName();
        if (name.equals("inputOutput")) {
            Element owner = (Element) element.getParentNode().getParentNode();
            new TemplateInputs(templates, owner, id, flow).check(element);
        } else if (name.equals("in") || name.equals("out")) {
            callMapping(element, id, flow);
        } else {
            flow.refuse(id, BpmnVocabulary.REFUSED_EXTENSIONS.getOrDefault(name,
                    element.getPrefix() + ":" + name + " is not allowed in a flow"));
        }
    }

    private void serviceTask(Element task, String id, FlowContents flow) {
        String delegate = extensionValue(task, "delegateExpression");
        Matcher matcher = delegate == null ? null : DELEGATE.matcher(delegate);
        if (matcher == null || !matcher.matches() || !templates.delegates().contains(matcher.group(1))) {
            flow.refuse(id, "a service task is one of the element templates: its delegate expression is one of "
                    + templates.delegates().stream().sorted().map(d -> "${" + d + "}").toList());
        }
    }

    private void userTask(Element task, String id, FlowContents flow) {
        String form = extensionValue(task, "formRef");
        if (form == null) {
            return;
        }
        if (!DEPLOYMENT_BINDING.equals(extensionValue(task, "formRefBinding"))) {
            flow.refuse(id, "a user task's form is bound to its deployment (formRefBinding=\"deployment\")");
        }
        if (!flow.forms.contains(form)) {
            flow.refuse(id, "a user task's form is a Camunda Form (.form) deployed with the flow");
        }
    }

    private void callActivity(Element call, String id, FlowContents flow) {
        String target = call.getAttribute("calledElement");
        if (!DEPLOYMENT_BINDING.equals(extensionValue(call, "calledElementBinding"))) {
            flow.refuse(id, "a call activity calls a process of its own deployment "
                    + "(calledElementBinding=\"deployment\")");
        }
        if (!flow.processes.contains(target)) {
            flow.refuse(id, "a call activity calls a process of its own deployment only");
            return;
        }
        Element process = ancestor(call, "process");
        flow.calls.computeIfAbsent(process == null ? "" : process.getAttribute("id"), k -> new ArrayList<>())
                .add(new FlowContents.Call(id, target));
    }

    private void businessRuleTask(Element task, String id, FlowContents flow) {
        String decision = extensionValue(task, "decisionRef");
        if (decision == null || !flow.decisions.contains(decision)
                || !DEPLOYMENT_BINDING.equals(extensionValue(task, "decisionRefBinding"))) {
            flow.refuse(id, "a business rule task evaluates a decision of its own deployment "
                    + "(decisionRef, decisionRefBinding=\"deployment\")");
        }
    }

    private void multiInstance(Element loop, String id, FlowContents flow) {
        Element cardinality = children(loop, "loopCardinality").stream().findFirst().orElse(null);
        String text = cardinality == null ? "" : SafeXml.text(cardinality);
        if (!text.matches("\\d{1,9}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MULTI_INSTANCE_BOUND) {
            flow.refuse(id, "a multi-instance runs a literal number of times, at most " + MULTI_INSTANCE_BOUND);
        }
    }

    private void callMapping(Element mapping, String id, FlowContents flow) {
        NamedNodeMap attributes = mapping.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            if ("http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())) {
                continue;
            }
            if (!Set.of("source", "target", "variables", "local").contains(name)
                    || FlowExpressions.isExpression(attribute.getValue())) {
                flow.refuse(id, "a call activity passes variables by name only (source, target, variables)");
            }
        }
    }

    /** The value of an extension attribute in either namespace, or null. */
    static String extensionValue(Element element, String name) {
        for (String namespace : EXTENSIONS) {
            if (element.hasAttributeNS(namespace, name)) {
                return element.getAttributeNS(namespace, name);
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String bpmnName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e && (bpmnName == null
                    || BPMN.equals(e.getNamespaceURI()) && bpmnName.equals(e.getLocalName()))) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element ancestor(Element element, String bpmnName) {
        for (Node node = element.getParentNode(); node instanceof Element e; node = node.getParentNode()) {
            if (BPMN.equals(e.getNamespaceURI()) && bpmnName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }
}
