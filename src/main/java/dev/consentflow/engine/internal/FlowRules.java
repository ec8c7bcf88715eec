package dev.consentflow.engine.internal;

import dev.consentflow.engine.FlowReference;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The rules an account's deployment is held to, over all its resources at once: only {@code .bpmn}, {@code .dmn}
 * and {@code .form} files (CMMN, scripts and HTML are code), each model within the allow-list, calls and forms
 * within the deployment, and every template or list a task names present in the account. Answers every violation.
 */
final class FlowRules {

    /** The most elements one model may have: enough for any flow, and a bound on the work of checking it. */
    static final int MAX_ELEMENTS = 5_000;

    private final BpmnRules bpmn;
    private final Supplier<List<FlowReference>> references;

    FlowRules(ElementTemplates templates, Predicate<String> serverComponent, Supplier<List<FlowReference>> references) {
        this.bpmn = new BpmnRules(templates, new FlowExpressions(serverComponent));
        this.references = references;
    }

    List<FlowViolation> check(String account, Map<String, byte[]> resources) {
        FlowContents flow = new FlowContents();
        Map<String, Element> models = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> resource : resources.entrySet()) {
            String name = resource.getKey();
            if (name.endsWith(".form")) {
                FormRules.check(name, resource.getValue(), flow);
            } else if (name.endsWith(".bpmn") || name.endsWith(".dmn")) {
                Document document = SafeXml.read(resource.getValue());
                if (document == null) {
                    flow.refuse(name, "is not well-formed XML, or declares a DOCTYPE or entities");
                } else if (document.getElementsByTagNameNS("*", "*").getLength() > MAX_ELEMENTS) {
                    flow.refuse(name, "a model has at most " + MAX_ELEMENTS + " elements");
                } else {
                    models.put(name, document.getDocumentElement());
                }
            } else {
                flow.refuse(name, name.matches("(?i).*\\.cmmn(11\\.xml)?$") ? "CMMN cases are not allowed"
                        : "only .bpmn, .dmn and .form resources are deployed: scripts, pages and other files are not");
            }
        }
        models.forEach((name, root) -> {
            if (name.endsWith(".bpmn")) {
                BpmnRules.children(root, "process").forEach(p -> flow.processes.add(p.getAttribute("id")));
            } else {
                DmnRules.check(name, root, flow);
            }
        });
        models.forEach((name, root) -> {
            if (name.endsWith(".bpmn")) {
                if (BpmnVocabulary.BPMN.equals(root.getNamespaceURI()) && "definitions".equals(root.getLocalName())) {
                    bpmn.check(name, root, flow);
                } else {
                    flow.refuse(name, "is not a BPMN model");
                }
            }
        });
        FlowGraph.refuseCallCycles(flow);
        accountHasWhatTasksName(account, flow);
        return new ArrayList<>(flow.violations);
    }

    private void accountHasWhatTasksName(String tenant, FlowContents flow) {
        List<FlowReference> known = flow.references.isEmpty() ? List.of() : references.get();
        UUID account = accountId(tenant);
        for (FlowContents.Reference reference : flow.references) {
            for (FlowReference owner : known) {
                if (owner.inputParameter().equals(reference.parameter())
                        && (account == null || !owner.exists(account, reference.key()))) {
                    flow.refuse(reference.element(), "the account has no " + owner.noun() + " '" + reference.key()
                            + "'");
                }
            }
        }
    }

    private static UUID accountId(String tenant) {
        try {
            return UUID.fromString(tenant);
        } catch (IllegalArgumentException e) {
            return null; // a tenant that is no account has nothing
        }
    }
}
