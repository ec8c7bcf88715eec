package dev.consentflow.web.internal;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.tags.Tag;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The head of {@code /v3/api-docs}: what the API is, how a key is sent (Swagger UI's Authorize button takes it),
 * the RFC 9457 problem every error answers with, and the capabilities as tags; {@link ApiContract} does the rest.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocumentation {

    static final String DESCRIPTION = """
            The REST API of Consentflow, a self-hosted server for permission-based email and SMS marketing.

            **Keys.** `/api/**` takes an API key: `Authorization: Bearer <key>` (in Swagger UI: *Authorize*). Every \
            key belongs to one account, except OPERATOR keys, which belong to the platform; another account's ids \
            answer 404. Roles: ADMIN, MARKETER, COMPLIANCE, OPERATOR (each operation names the roles it allows).

            **Errors.** Every error of `/api/**` is `application/problem+json` (RFC 9457), with `errors: [{field, \
            message}]` for invalid input; bad input never writes anything.

            **Public.** Signup forms (`/f/**`), confirmation and unsubscribe links (`/c/**`, `/u/**`), tracking \
            (`/t/**`) and health need no key: they answer people and mail clients, with pages.
            """;

    @Bean
    OpenAPI consentflowApi() {
        return new OpenAPI()
                .info(new Info().title("Consentflow API").version("1").description(DESCRIPTION))
                .components(new Components()
                        .addSecuritySchemes(ApiContract.SECURITY_SCHEME, new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("API key")
                                .description("An API key, created with POST /api/keys (shown once)")))
                .addSecurityItem(new SecurityRequirement().addList(ApiContract.SECURITY_SCHEME))
                .tags(Arrays.stream(ApiOperations.Capability.values())
                        .map(c -> new Tag().name(c.title).description(c.description)).toList());
    }

    @Bean
    ApiContract apiContract() {
        return new ApiContract();
    }

    /**
     * The RFC 9457 problem, added by {@link ApiContract} with the answers that use it: springdoc drops schemas of
     * the base document that nothing references before the customizers run.
     */
    static Map<String, Schema> problemSchemas() {
        return Map.of(ApiContract.PROBLEM, problem(), "FieldProblem", new ObjectSchema()
                .description("One invalid field and why, never echoing its value")
                .addProperty("field", new StringSchema().example("email"))
                .addProperty("message", new StringSchema().example("is not a valid address"))
                .required(List.of("field", "message")));
    }

    private static ObjectSchema problem() {
        ObjectSchema problem = new ObjectSchema();
        problem.description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().format("uri")
                        .example("https://consentflow.dev/problems/bad-request"))
                .addProperty("title", new StringSchema().example("Bad Request"))
                .addProperty("status", new IntegerSchema().minimum(BigDecimal.valueOf(400))
                        .maximum(BigDecimal.valueOf(599)).example(400))
                .addProperty("detail", new StringSchema().example("The input is not valid: email"))
                .addProperty("instance", new StringSchema().format("uri-reference"))
                .addProperty("errors", new ArraySchema().items(new Schema<>()
                        .$ref("#/components/schemas/FieldProblem")))
                .required(List.of("type", "title", "status", "detail"));
        return problem;
    }
}
