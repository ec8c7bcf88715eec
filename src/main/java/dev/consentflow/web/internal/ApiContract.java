package dev.consentflow.web.internal;

import dev.consentflow.web.internal.ApiOperations.Answer;
import dev.consentflow.web.internal.ApiOperations.Body;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.method.HandlerMethod;

/**
 * Makes springdoc's description of the controllers the published contract, in one place: the operations of
 * {@link ApiOperations} with their ids, tags, summaries and real answers; the roles of each operation from its
 * {@code @PreAuthorize}; every error as {@code application/problem+json} (RFC 9457); the API key as the security
 * of {@code /api/**}, and {@code security: []} on the public pages, links and health; no {@code /error}, no
 * {@code /dev/*} (the development outbox) and no {@code /app/*} (the console's pages): they are not the contract.
 */
class ApiContract implements OpenApiCustomizer, OperationCustomizer {

    static final String SECURITY_SCHEME = "apiKey";
    static final String PROBLEM = "Problem";
    static final List<String> PUBLIC = List.of("/f/", "/c/", "/u/", "/t/", "/hooks/", "/actuator/");

    private static final Pattern ROLE = Pattern.compile("'([A-Z]+)'");
    private static final String PROBLEM_JSON = "application/problem+json";
    private static final Map<Integer, String> ERRORS = Map.of(
            400, "The input is not valid: `errors` names each field and rule; nothing was written",
            401, "No API key, or an unknown or revoked one",
            403, "This key's role may not do this",
            404, "No such resource in this account (another account's ids answer the same)",
            413, "The request body is larger than the server accepts");

    /** The roles of {@code @PreAuthorize} (on the method or its controller), said in the description. */
    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        PreAuthorize rule = Optional.ofNullable(AnnotatedElementUtils.findMergedAnnotation(handler.getMethod(),
                PreAuthorize.class)).orElse(AnnotatedElementUtils.findMergedAnnotation(handler.getBeanType(),
                PreAuthorize.class));
        if (rule != null) {
            List<String> roles = new ArrayList<>();
            Matcher matcher = ROLE.matcher(rule.value());
            while (matcher.find()) {
                roles.add(matcher.group(1));
            }
            operation.setDescription("Roles: " + String.join(", ", roles) + ".");
        }
        return operation;
    }

    @Override
    public void customise(OpenAPI api) {
        api.getPaths().keySet().removeIf(path -> path.equals("/error") || path.startsWith("/dev/")
                || path.equals("/app") || path.startsWith("/app/"));
        ActuatorPaths.addTo(api);
        api.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> document(path, method, operation)));
        ApiSchemas.simplifyFormBodies(api);
        ApiDocumentation.problemSchemas().forEach(api.getComponents()::addSchemas);
        ApiSchemas.removeUnused(api);
    }

    private void document(String path, PathItem.HttpMethod method, Operation operation) {
        boolean open = PUBLIC.stream().anyMatch(path::startsWith);
        if (open) {
            operation.setSecurity(new ArrayList<>());
        }
        Optional<ApiOperations.Operation> row = ApiOperations.find(method.name(), path);
        if (row.isEmpty()) {
            return;
        }
        operation.operationId(row.get().id()).summary(row.get().summary()).tags(List.of(row.get().tag().title));
        Map<Integer, ApiResponse> answers = new LinkedHashMap<>();
        for (Answer answer : row.get().answers()) {
            answers.put(answer.status(), response(answer, inferredBody(operation.getResponses(), answer.status())));
        }
        if (!open) {
            boolean input = operation.getRequestBody() != null
                    || operation.getParameters() != null && !operation.getParameters().isEmpty();
            putError(answers, 400, input);
            putError(answers, 401, true);
            putError(answers, 403, true);
            putError(answers, 404, path.contains("{"));
            putError(answers, 413, operation.getRequestBody() != null);
        }
        ApiResponses responses = new ApiResponses();
        answers.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> responses.addApiResponse(String.valueOf(e.getKey()), e.getValue()));
        operation.setResponses(responses);
    }

    private static void putError(Map<Integer, ApiResponse> answers, int status, boolean applies) {
        if (applies && !answers.containsKey(status)) {
            answers.put(status, response(new Answer(status, ERRORS.get(status), Body.PROBLEM), null));
        }
    }

    /**
     * The body springdoc found for this status (a method's {@code @ResponseStatus}), else on the first success,
     * as JSON (springdoc says {@code *}{@code /*}).
     */
    private static Content inferredBody(ApiResponses responses, int status) {
        if (responses == null) {
            return null;
        }
        String code = String.valueOf(status);
        return responses.entrySet().stream().filter(e -> e.getKey().startsWith("2"))
                .min(Comparator.comparing((Map.Entry<String, ApiResponse> e) -> !e.getKey().equals(code))
                        .thenComparing(Map.Entry::getKey))
                .map(e -> e.getValue().getContent()).filter(c -> c != null && !c.isEmpty())
                .map(c -> {
                    Content json = new Content();
                    c.forEach((type, media) -> json.addMediaType("*/*".equals(type) ? "application/json" : type, media));
                    return json;
                }).orElse(null);
    }

    private static ApiResponse response(Answer answer, Content inferred) {
        ApiResponse response = new ApiResponse().description(answer.description());
        switch (answer.body()) {
            case INFERRED -> response.setContent(inferred);
            case PROBLEM -> response.setContent(problem());
            case PROBLEM_OR_HTML -> response.setContent(problem().addMediaType("text/html", text()));
            case HTML -> response.setContent(new Content().addMediaType("text/html", text()));
            case JAVASCRIPT -> response.setContent(new Content().addMediaType("text/javascript", text()));
            case TEXT -> response.setContent(new Content().addMediaType("text/plain", text()));
            case GIF -> response.setContent(new Content().addMediaType("image/gif", binary()));
            case FILE -> response.setContent(new Content()
                    .addMediaType("application/json", binary())
                    .addMediaType("text/csv", binary())
                    .addMediaType("application/xml", binary())
                    .addMediaType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", binary()));
            case NONE -> {
            }
        }
        if (answer.status() >= 300 && answer.status() < 400) {
            response.addHeaderObject("Location", new Header().description("Where to go").schema(new StringSchema()));
        }
        return response;
    }

    private static Content problem() {
        return new Content().addMediaType(PROBLEM_JSON,
                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)));
    }

    private static MediaType text() {
        return new MediaType().schema(new StringSchema());
    }

    private static MediaType binary() {
        return new MediaType().schema(new StringSchema().format("binary"));
    }

    /** Actuator's endpoints are not controllers, so springdoc does not see them: the two that are public. */
    private static final class ActuatorPaths {

        static void addTo(OpenAPI api) {
            Schema<?> health = new ObjectSchema().addProperty("status", new StringSchema()
                    ._enum(List.of("UP", "DOWN", "OUT_OF_SERVICE", "UNKNOWN")));
            api.path("/actuator/health", new PathItem().get(new Operation().responses(new ApiResponses()
                    .addApiResponse("200", new ApiResponse().description("UP").content(new Content()
                            .addMediaType("application/json", new MediaType().schema(health)))))));
            api.path("/actuator/prometheus", new PathItem().get(new Operation().responses(new ApiResponses()
                    .addApiResponse("200", new ApiResponse().description("The metrics")))));
        }
    }
}
