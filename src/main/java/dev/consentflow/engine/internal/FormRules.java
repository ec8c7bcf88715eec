package dev.consentflow.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * A flow's user task forms are Camunda Forms (JSON) made of input fields and text: the Tasklist renders them for
 * whoever opens the task, the platform's administrator included, so components that embed HTML, frames or scripts
 * are refused. The form's id is what a user task's {@code formRef} names.
 */
final class FormRules {

    static final Set<String> COMPONENTS = Set.of("default", "textfield", "textarea", "number", "checkbox",
            "checklist", "radio", "select", "taglist", "datetime", "text", "button", "group", "separator", "spacer",
            "dynamiclist");

    private static final ObjectMapper JSON = new ObjectMapper();

    private FormRules() {
    }

    static void check(String resource, byte[] bytes, FlowContents flow) {
        JsonNode form;
        try {
            form = JSON.readTree(bytes);
        } catch (IOException e) {
            form = null;
        }
        if (form == null || !form.isObject() || !form.path("id").isTextual()) {
            flow.refuse(resource, "a .form resource is a Camunda Form: JSON with an id and components");
            return;
        }
        flow.forms.add(form.path("id").asText());
        components(resource, form, flow);
    }

    private static void components(String resource, JsonNode component, FlowContents flow) {
        String type = component.path("type").asText("");
        if (!COMPONENTS.contains(type)) {
            flow.refuse(resource, "the form component type '" + type + "' is not allowed: forms are made of input "
                    + "fields and text, never HTML, frames or scripts");
        }
        for (JsonNode child : component.path("components")) {
            components(resource, child, flow);
        }
    }
}
