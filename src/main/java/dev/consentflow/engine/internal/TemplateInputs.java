package dev.consentflow.engine.internal;

import dev.consentflow.engine.internal.ElementTemplates.Input;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The input parameters of one element: exactly those its element template sets (a service task's by its delegate,
 * a timer's "Wait for"), as literal text that matches the template's constraint; never a script, a list, a map, an
 * expression or an output parameter. Keys of the account's templates and lists are noted for the account check.
 */
final class TemplateInputs {

    private final Map<String, Input> allowed;
    private final String id;
    private final FlowContents flow;

    TemplateInputs(ElementTemplates templates, Element owner, String id, FlowContents flow) {
        String delegate = BpmnRules.extensionValue(owner, "delegateExpression");
        this.allowed = "serviceTask".equals(owner.getLocalName()) && delegate != null && delegate.length() > 3
                ? templates.inputsOfDelegate(delegate.substring(2, delegate.length() - 1)).orElse(Map.of())
                : templates.inputsOfElement(owner.getLocalName());
        this.id = id;
        this.flow = flow;
    }

    void check(Element inputOutput) {
        Set<String> set = new HashSet<>();
        for (Node child = inputOutput.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element parameter)) {
                continue;
            }
            String kind = parameter.getLocalName();
            if (!kind.equals("inputParameter")) {
                flow.refuse(id, BpmnVocabulary.REFUSED_EXTENSIONS.getOrDefault(kind, kind + " is not allowed"));
                continue;
            }
            String name = parameter.getAttribute("name");
            set.add(name);
            input(parameter, name);
        }
        allowed.values().stream().filter(Input::required).filter(input -> !set.contains(input.name()))
                .forEach(input -> flow.refuse(id, "the input parameter " + input.name() + " is required"));
    }

    private void input(Element parameter, String name) {
        for (Node child = parameter.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element nested) {
                flow.refuse(id, nested.getLocalName().equals("script") ? "scripts are not allowed in input parameters"
                        : "input parameters are literal text, never a list, a map or a script");
                return;
            }
        }
        Input input = allowed.get(name);
        String value = SafeXml.text(parameter);
        if (input == null) {
            flow.refuse(id, "the input parameter " + name + " is not one its element template sets");
        } else if (FlowExpressions.isExpression(value)) {
            flow.refuse(id, "input parameters are literal text, never an expression: " + name);
        } else if (input.pattern() != null && !input.pattern().matcher(value).matches()) {
            flow.refuse(id, name + ": " + input.patternMessage());
        } else {
            flow.references.add(new FlowContents.Reference(id, name, value));
        }
    }
}
