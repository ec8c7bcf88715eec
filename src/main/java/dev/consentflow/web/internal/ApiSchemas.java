package dev.consentflow.web.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.swagger.v3.core.util.Json;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The schemas of the published document: what a reader needs, and only that. */
final class ApiSchemas {

    private static final Pattern SCHEMA_REF = Pattern.compile("#/components/schemas/([A-Za-z0-9._-]+)");

    private ApiSchemas() {
    }

    /** Schemas only {@code /error} or {@code /dev/*} used, and ones replaced here, would confuse readers. */
    static void removeUnused(OpenAPI api) {
        Map<String, Schema> schemas = api.getComponents().getSchemas();
        if (schemas == null) {
            return;
        }
        Set<String> used = new HashSet<>();
        List<String> pending = new ArrayList<>(refs(api.getPaths()));
        while (!pending.isEmpty()) {
            String name = pending.remove(pending.size() - 1);
            if (used.add(name) && schemas.containsKey(name)) {
                pending.addAll(refs(schemas.get(name)));
            }
        }
        schemas.keySet().retainAll(used);
    }

    private static List<String> refs(Object part) {
        String json;
        try {
            json = Json.mapper().writeValueAsString(part);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        List<String> names = new ArrayList<>();
        Matcher matcher = SCHEMA_REF.matcher(json);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /** A form post's fields, as a browser sends them, instead of Spring's {@code MultiValueMap} parameter. */
    static void simplifyFormBodies(OpenAPI api) {
        api.getPaths().values().forEach(item -> item.readOperations().forEach(operation -> {
            if (operation.getRequestBody() == null || operation.getRequestBody().getContent() == null) {
                return;
            }
            MediaType form = operation.getRequestBody().getContent().get("application/x-www-form-urlencoded");
            if (form != null && refs(form).stream().anyMatch(name -> name.startsWith("MultiValueMap"))) {
                form.setSchema(new ObjectSchema().description("The form's fields")
                        .additionalProperties(new StringSchema()));
            }
        }));
    }
}
