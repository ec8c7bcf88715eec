package dev.consentflow.engine.internal;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The resources of Operaton's REST API ({@code /engine-rest}) that an API key may use: every other one is refused
 * with {@code 403} ({@link EngineRestAllowListFilter}). An entry is an HTTP method and the resource's path template
 * as Operaton declares it (Jersey's matched templates, without the {@code /engine/{name}} prefix of a named
 * engine), so it names what Jersey matched, whatever the spelling of the request's path. The roles still apply on
 * top (Spring Security): COMPLIANCE only reads ({@code GET}), ADMIN and MARKETER also write. The engine's tenant
 * check then limits each allowed resource to the key's account and the shared platform definitions, which
 * {@link AccountCommandChecker} keeps read-only.
 *
 * <p>What is not here, on purpose: users, groups, tenants, authorizations and identity (the web apps' platform
 * administration), redeploy (copies a deployment, the platform's too), batches, migration, modification and
 * restarts (they run outside the key's tenant), signals and conditions (they cross tenants), filters, telemetry,
 * metrics, schema log, history cleanup and removal-time changes, external tasks, job definitions' and jobs'
 * suspension, execution, priorities and due dates, variable writes (an instance's ids are the platform's to set),
 * case (CMMN) resources, decision evaluation, rendered HTML forms, comments and attachments, and Optimize's export.
 */
final class EngineRestAllowList {

    private static final List<String> READ = List.of(
            "/version", "/engine",
            "/deployment", "/deployment/count", "/deployment/{id}", "/deployment/{id}/resources",
            "/deployment/{id}/resources/{resourceId}", "/deployment/{id}/resources/{resourceId}/data",
            "/process-definition", "/process-definition/count", "/process-definition/statistics",
            "/process-definition/{id}", "/process-definition/{id}/xml", "/process-definition/{id}/diagram",
            "/process-definition/{id}/statistics",
            "/process-definition/key/{key}", "/process-definition/key/{key}/xml", "/process-definition/key/{key}/diagram",
            "/process-definition/key/{key}/statistics",
            "/process-definition/key/{key}/tenant-id/{tenantId}", "/process-definition/key/{key}/tenant-id/{tenantId}/xml",
            "/decision-definition", "/decision-definition/count", "/decision-definition/{id}",
            "/decision-definition/{id}/xml", "/decision-definition/key/{key}", "/decision-definition/key/{key}/xml",
            "/process-instance", "/process-instance/count", "/process-instance/{id}",
            "/process-instance/{id}/activity-instances", "/process-instance/{id}/variables",
            "/process-instance/{id}/variables/{varId}",
            "/execution", "/execution/count", "/execution/{id}", "/execution/{id}/localVariables",
            "/execution/{id}/localVariables/{varId}",
            "/event-subscription", "/event-subscription/count",
            "/task", "/task/count", "/task/{id}", "/task/{id}/variables", "/task/{id}/variables/{varId}",
            "/task/{id}/localVariables", "/task/{id}/localVariables/{varId}", "/task/{id}/identity-links",
            "/task/{id}/form-variables", "/task/{id}/deployed-form",
            "/variable-instance", "/variable-instance/count", "/variable-instance/{id}",
            "/incident", "/incident/count", "/incident/{id}",
            "/job", "/job/count", "/job/{id}", "/job/{id}/stacktrace",
            "/job-definition", "/job-definition/count", "/job-definition/{id}",
            "/history/process-instance", "/history/process-instance/count", "/history/process-instance/{id}",
            "/history/activity-instance", "/history/activity-instance/count", "/history/activity-instance/{id}",
            "/history/variable-instance", "/history/variable-instance/count", "/history/variable-instance/{id}",
            "/history/detail", "/history/detail/count", "/history/detail/{id}",
            "/history/task", "/history/task/count",
            "/history/incident", "/history/incident/count",
            "/history/job-log", "/history/job-log/count", "/history/job-log/{id}", "/history/job-log/{id}/stacktrace",
            "/history/identity-link-log", "/history/identity-link-log/count",
            "/history/decision-instance", "/history/decision-instance/count", "/history/decision-instance/{id}",
            "/history/process-definition/{id}/statistics",
            "/history/user-operation", "/history/user-operation/count");

    /** Queries that Operaton also offers as {@code POST} with a JSON body: reads, for the writing roles. */
    private static final List<String> QUERY = List.of(
            "/process-instance", "/process-instance/count", "/task", "/task/count", "/job", "/job/count",
            "/variable-instance", "/variable-instance/count", "/execution", "/execution/count",
            "/history/process-instance", "/history/process-instance/count",
            "/history/activity-instance", "/history/activity-instance/count",
            "/history/variable-instance", "/history/variable-instance/count",
            "/history/task", "/history/task/count", "/history/detail", "/history/job-log", "/history/job-log/count");

    private static final List<String> WRITE = List.of(
            // The Modeler's deploy button; the deployment is bound to the key's account (DeploymentBodyCheck).
            "POST /deployment/create",
            // Its own deployments only: the platform's are refused by AccountCommandChecker.
            "DELETE /deployment/{id}",
            "POST /process-definition/{id}/start", "POST /process-definition/key/{key}/start",
            "POST /process-definition/key/{key}/tenant-id/{tenantId}/start",
            "PUT /process-definition/{id}/suspended", "PUT /process-definition/key/{key}/suspended",
            "DELETE /process-definition/{id}", "DELETE /process-definition/key/{key}/delete",
            "DELETE /process-instance/{id}", "PUT /process-instance/{id}/suspended",
            "POST /message",
            "POST /task/{id}/claim", "POST /task/{id}/unclaim", "POST /task/{id}/complete",
            "PUT /job/{id}/retries");

    private static final Set<String> ALLOWED = Stream.of(
                    READ.stream().map(template -> "GET " + template),
                    QUERY.stream().map(template -> "POST " + template),
                    WRITE.stream())
            .flatMap(entries -> entries)
            .collect(Collectors.toUnmodifiableSet());

    private EngineRestAllowList() {
    }

    /** True when a key may send {@code method} to the resource of this path template. */
    static boolean allows(String method, String template) {
        String asked = "HEAD".equals(method) ? "GET" : method;
        return ALLOWED.contains(asked + " " + template);
    }

    /** Every allowed entry, {@code "METHOD /template"}. */
    static Set<String> entries() {
        return ALLOWED;
    }

    /**
     * The path template of a matched resource from Jersey's matched templates (innermost first, as
     * {@code ExtendedUriInfo.getMatchedTemplates()} lists them): joined, slashes collapsed, the named engine's
     * {@code /engine/{name}} prefix removed, so both engines' paths name one resource.
     */
    static String template(List<String> innermostFirst) {
        StringBuilder path = new StringBuilder();
        for (int i = innermostFirst.size() - 1; i >= 0; i--) {
            path.append('/').append(innermostFirst.get(i));
        }
        String joined = path.toString().replaceAll("/+", "/");
        if (joined.length() > 1 && joined.endsWith("/")) {
            joined = joined.substring(0, joined.length() - 1);
        }
        return joined.startsWith("/engine/{name}/") ? joined.substring("/engine/{name}".length()) : joined;
    }
}
