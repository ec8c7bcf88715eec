package dev.consentflow.engine.internal;

import java.util.Set;
import org.w3c.dom.Attr;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * Decisions of an account are written in FEEL, the DMN engine's default: its external (Java) functions are
 * disabled, so it calls no code. JUEL, JavaScript, Groovy and every other expression language of the engine can
 * call methods, so a decision, input, output or rule that names one is refused.
 */
final class DmnRules {

    static final Set<String> FEEL = Set.of("feel", "http://www.omg.org/spec/FEEL/20140401",
            "http://www.omg.org/spec/DMN/20180521/FEEL/", "https://www.omg.org/spec/DMN/20191111/FEEL/",
            "https://www.omg.org/spec/DMN/20211108/FEEL/", "https://www.omg.org/spec/DMN/20230324/FEEL/");

    private DmnRules() {
    }

    static void check(String resource, Element definitions, FlowContents flow) {
        if (!"definitions".equals(definitions.getLocalName())) {
            flow.refuse(resource, "is not a DMN model");
            return;
        }
        walk(definitions, resource, flow);
    }

    private static void walk(Element element, String resource, FlowContents flow) {
        if ("decision".equals(element.getLocalName()) && element.hasAttribute("id")) {
            flow.decisions.add(element.getAttribute("id"));
        }
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr attribute = (Attr) attributes.item(i);
            String name = attribute.getLocalName() == null ? attribute.getName() : attribute.getLocalName();
            String language = attribute.getValue().strip();
            if (name.equals("expressionLanguage") && !FEEL.contains(language) && !language.equalsIgnoreCase("feel")) {
                flow.refuse(SafeXml.idOf(element, resource), "decisions are written in FEEL: the expression "
                        + "language " + language + " can call code and is not allowed");
            }
        }
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                walk(e, resource, flow);
            }
        }
    }
}
