package dev.consentflow.engine.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * What the Modeler element templates ({@code processes/element-templates/*.json}) let a marketer put into a flow,
 * read once at start-up: the delegates a service task may name, and the input parameters (with their constraint
 * patterns) each template sets on the element it applies to. The templates are the allow-list: a flow is made of
 * them, so what they cannot produce is refused.
 */
final class ElementTemplates {

    static final String LOCATION = "classpath*:processes/element-templates/*.json";

    private final Map<String, Map<String, Input>> inputsByDelegate;
    private final Map<String, Map<String, Input>> inputsByElement;

    private ElementTemplates(Map<String, Map<String, Input>> inputsByDelegate,
                             Map<String, Map<String, Input>> inputsByElement) {
        this.inputsByDelegate = inputsByDelegate;
        this.inputsByElement = inputsByElement;
    }

    /** One input parameter a template sets: whether it must be set, and the pattern its value must match. */
    record Input(String name, boolean required, Pattern pattern, String patternMessage) {
    }

    /** The templates on the class path, as the server ships them. */
    static ElementTemplates load() {
        try {
            List<JsonNode> templates = new ArrayList<>();
            ObjectMapper json = new ObjectMapper();
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (InputStream in = resource.getInputStream()) {
                    JsonNode node = json.readTree(in);
                    if (node.isArray()) {
                        node.forEach(templates::add);
                    } else {
                        templates.add(node);
                    }
                }
            }
            return of(templates);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the element templates", e);
        }
    }

    static ElementTemplates of(List<JsonNode> templates) {
        Map<String, Map<String, Input>> byDelegate = new HashMap<>();
        Map<String, Map<String, Input>> byElement = new HashMap<>();
        for (JsonNode template : templates) {
            String delegate = null;
            Map<String, Input> inputs = new LinkedHashMap<>();
            for (JsonNode property : template.path("properties")) {
                JsonNode binding = property.path("binding");
                String name = binding.path("name").asText();
                if (name.endsWith(":delegateExpression")) {
                    String value = property.path("value").asText();
                    delegate = value.substring(2, value.length() - 1);
                } else if ("camunda:inputParameter".equals(binding.path("type").asText())) {
                    JsonNode pattern = property.path("constraints").path("pattern");
                    inputs.put(name, new Input(name, property.path("constraints").path("notEmpty").asBoolean(),
                            pattern.isMissingNode() ? null : Pattern.compile(pattern.path("value").asText()),
                            pattern.path("message").asText(null)));
                }
            }
            if (delegate != null) {
                byDelegate.put(delegate, inputs);
            } else if (!inputs.isEmpty()) {
                for (JsonNode appliesTo : template.path("appliesTo")) {
                    byElement.computeIfAbsent(appliesTo.asText().replace("bpmn:", ""), k -> new LinkedHashMap<>())
                            .putAll(inputs);
                }
            }
        }
        return new ElementTemplates(Map.copyOf(byDelegate), Map.copyOf(byElement));
    }

    /** The bean names of the delegates the templates name: the only beans an account's flow reaches. */
    Set<String> delegates() {
        return inputsByDelegate.keySet();
    }

    /** The inputs of the template with this delegate, or empty when no template names it. */
    Optional<Map<String, Input>> inputsOfDelegate(String delegate) {
        return Optional.ofNullable(inputsByDelegate.get(delegate));
    }

    /** The inputs templates without a delegate set on an element of this type ({@code IntermediateCatchEvent}). */
    Map<String, Input> inputsOfElement(String elementType) {
        return inputsByElement.getOrDefault(capitalized(elementType), Map.of());
    }

    private static String capitalized(String localName) {
        return Character.toUpperCase(localName.charAt(0)) + localName.substring(1);
    }
}
