package dev.consentflow.engine.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * The shapes a flow may not take: a loop of sequence flows that passes no wait state (a user task, a receive task,
 * a timer or message catch) runs without end inside one transaction; a loop that forks (a parallel or inclusive
 * gateway, several flows leaving one element, a non-interrupting boundary event) multiplies its tokens on every
 * round, so a short timer in it doubles the instance's jobs again and again; and call activities that call each
 * other in a cycle (a process calling itself among them) nest without end until the server's memory is gone.
 */
final class FlowGraph {

    private static final Set<String> SCOPES = Set.of("process", "subProcess");
    private static final Set<String> WAITS = Set.of("userTask", "receiveTask");
    private static final Set<String> CATCHES = Set.of("intermediateCatchEvent", "boundaryEvent");
    private static final Set<String> CHOOSING = Set.of("exclusiveGateway", "eventBasedGateway");

    /** Refuses, in this scope and the sub-processes in it, every loop that avoids all wait states. */
    void refuseLoopsWithoutWaitState(Element scope, FlowContents flow) {
        Map<String, List<String>> edges = new HashMap<>();
        Set<String> waits = new HashSet<>();
        Map<String, String> kinds = new HashMap<>();
        Set<String> forks = new HashSet<>();
        for (Element child : BpmnRules.children(scope, null)) {
            String name = child.getLocalName();
            String id = child.getAttribute("id");
            kinds.put(id, name);
            if (name.equals("sequenceFlow")) {
                edges.computeIfAbsent(child.getAttribute("sourceRef"), k -> new ArrayList<>())
                        .add(child.getAttribute("targetRef"));
            } else if (name.equals("boundaryEvent")) {
                edges.computeIfAbsent(child.getAttribute("attachedToRef"), k -> new ArrayList<>()).add(id);
                if ("false".equals(child.getAttribute("cancelActivity"))) {
                    forks.add(child.getAttribute("attachedToRef"));
                }
            }
            if (WAITS.contains(name) || CATCHES.contains(name) && waitsForTimeOrMessage(child)) {
                waits.add(id);
            }
            if (SCOPES.contains(name)) {
                refuseLoopsWithoutWaitState(child, flow);
            }
        }
        String looping = cycle(edges, waits);
        if (looping != null) {
            flow.refuse(looping, "a loop without a wait state (a user task, a timer or a message) would run "
                    + "without end: put a wait state on every loop");
        }
        for (Element flowElement : BpmnRules.children(scope, "sequenceFlow")) {
            String source = flowElement.getAttribute("sourceRef");
            long leaving = BpmnRules.children(scope, "sequenceFlow").stream()
                    .filter(other -> other.getAttribute("sourceRef").equals(source)).count();
            if (leaving > 1 && !CHOOSING.contains(kinds.get(source))) {
                forks.add(source);
            }
        }
        forks.stream().sorted().filter(fork -> onCycle(fork, edges)).findFirst().ifPresent(fork -> flow.refuse(fork,
                "a loop may not fork (a parallel or inclusive gateway, several flows leaving one element, a "
                        + "non-interrupting boundary event): every round would multiply its tokens"));
    }

    /** True when the node can reach itself again. */
    private static boolean onCycle(String node, Map<String, List<String>> edges) {
        Set<String> seen = new HashSet<>();
        List<String> next = new ArrayList<>(edges.getOrDefault(node, List.of()));
        while (!next.isEmpty()) {
            String at = next.remove(next.size() - 1);
            if (at.equals(node)) {
                return true;
            }
            if (seen.add(at)) {
                next.addAll(edges.getOrDefault(at, List.of()));
            }
        }
        return false;
    }

    /** Refuses every call activity that closes a cycle of calls among the deployment's processes. */
    static void refuseCallCycles(FlowContents flow) {
        Map<String, List<String>> edges = new HashMap<>();
        Map<String, String> elementOfEdge = new HashMap<>();
        flow.calls.forEach((process, calls) -> calls.forEach(call -> {
            edges.computeIfAbsent(process, k -> new ArrayList<>()).add(call.target());
            elementOfEdge.put(process + "->" + call.target(), call.element());
        }));
        Set<String> done = new HashSet<>();
        for (String process : edges.keySet()) {
            String closing = backEdge(process, edges, new HashSet<>(), done);
            if (closing != null) {
                flow.refuse(elementOfEdge.get(closing), "call activities may not call each other in a cycle "
                        + "(nor a process itself)");
                return;
            }
        }
    }

    private static boolean waitsForTimeOrMessage(Element event) {
        return !BpmnRules.children(event, "timerEventDefinition").isEmpty()
                || !BpmnRules.children(event, "messageEventDefinition").isEmpty();
    }

    /** A node on a cycle that avoids the wait states, or null. */
    private static String cycle(Map<String, List<String>> edges, Set<String> waits) {
        Set<String> done = new HashSet<>();
        Map<String, List<String>> kept = withoutWaits(edges, waits);
        for (String node : kept.keySet()) {
            String closing = backEdge(node, kept, new HashSet<>(), done);
            if (closing != null) {
                return closing.substring(closing.indexOf("->") + 2);
            }
        }
        return null;
    }

    private static Map<String, List<String>> withoutWaits(Map<String, List<String>> edges, Set<String> waits) {
        Map<String, List<String>> kept = new HashMap<>();
        edges.forEach((from, to) -> {
            if (!waits.contains(from)) {
                kept.put(from, to.stream().filter(target -> !waits.contains(target)).toList());
            }
        });
        return kept;
    }

    /** Depth first: the edge ("from->to") that returns to a node on the current path, or null. */
    private static String backEdge(String node, Map<String, List<String>> edges, Set<String> path, Set<String> done) {
        if (done.contains(node)) {
            return null;
        }
        path.add(node);
        for (String next : edges.getOrDefault(node, List.of())) {
            if (path.contains(next)) {
                return node + "->" + next;
            }
            String found = backEdge(next, edges, path, done);
            if (found != null) {
                return found;
            }
        }
        path.remove(node);
        done.add(node);
        return null;
    }
}
