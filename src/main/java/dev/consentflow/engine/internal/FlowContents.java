package dev.consentflow.engine.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one deployment of an account holds, gathered while its resources are checked: the processes, forms and
 * decisions it deploys (the only ones its call activities, user tasks and rule tasks may name), the calls between
 * its processes, the keys its tasks name, and every violation found.
 */
final class FlowContents {

    final Set<String> processes = new HashSet<>();
    final Set<String> forms = new HashSet<>();
    final Set<String> decisions = new HashSet<>();
    /** Calling process id → its call activities. */
    final Map<String, List<Call>> calls = new LinkedHashMap<>();
    final List<Reference> references = new ArrayList<>();
    final List<FlowViolation> violations = new ArrayList<>();

    /** A call activity of a process and the process it calls. */
    record Call(String element, String target) {
    }

    /** An input parameter of a task that names a thing of the account by key. */
    record Reference(String element, String parameter, String key) {
    }

    void refuse(String field, String message) {
        violations.add(new FlowViolation(field, message));
    }
}
