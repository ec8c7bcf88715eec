package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.engine.rest.impl.DefaultProcessEngineRestServiceImpl;
import org.operaton.bpm.engine.rest.impl.NamedProcessEngineRestServiceImpl;

/** The allow-list names resources that exist, and none of the platform's administration. */
class EngineRestAllowListTest {

    private static final Map<Class<? extends Annotation>, String> METHODS =
            Map.of(GET.class, "GET", POST.class, "POST", PUT.class, "PUT", DELETE.class, "DELETE");

    @Test
    void everyAllowedEntryIsAResourceOfOperatonsRestApi() {
        Set<String> api = new TreeSet<>();
        walk(DefaultProcessEngineRestServiceImpl.class, "", api, 0);
        walk(NamedProcessEngineRestServiceImpl.class, "/engine", api, 0);
        assertThat(api).hasSizeGreaterThan(400);

        assertThat(EngineRestAllowList.entries()).isNotEmpty().allSatisfy(entry -> assertThat(api).contains(entry));
    }

    @Test
    void thePlatformsAdministrationIsNotAllowed() {
        for (String refused : List.of("POST /user/create", "GET /user", "PUT /group/{id}/members/{userId}",
                "POST /tenant/create", "POST /authorization/create", "POST /identity/verify",
                "POST /deployment/{id}/redeploy", "POST /process-instance/delete", "GET /batch", "POST /signal",
                "PUT /process-instance/{id}/variables/{varId}", "POST /migration/execute", "GET /deployment/registered",
                "POST /history/cleanup", "PUT /job-definition/{id}/suspended", "POST /external-task/fetchAndLock")) {
            String[] entry = refused.split(" ");
            assertThat(EngineRestAllowList.allows(entry[0], entry[1])).as(refused).isFalse();
        }
        assertThat(EngineRestAllowList.allows("POST", "/deployment/create")).isTrue();
        assertThat(EngineRestAllowList.allows("HEAD", "/deployment")).as("HEAD is a GET").isTrue();
    }

    @Test
    void theNamedEnginesTemplatesNameTheSameResource() {
        assertThat(EngineRestAllowList.template(List.of("/create", "/{name}/deployment", "/engine")))
                .isEqualTo("/deployment/create");
        assertThat(EngineRestAllowList.template(List.of("/create", "/deployment", "")))
                .isEqualTo("/deployment/create");
        assertThat(EngineRestAllowList.template(List.of("/redeploy", "/{id}", "/deployment", "/")))
                .isEqualTo("/deployment/{id}/redeploy");
    }

    /** Every resource method reachable from the root resource, as {@code METHOD /template}. */
    private static void walk(Class<?> resource, String prefix, Set<String> api, int depth) {
        if (depth > 6) {
            return;
        }
        for (Method method : resource.getMethods()) {
            Path path = annotation(method, Path.class);
            String template = (prefix + (path == null ? "" : "/" + path.value())).replaceAll("/+", "/");
            String http = METHODS.entrySet().stream().filter(m -> annotation(method, m.getKey()) != null)
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            if (http != null) {
                api.add(http + " " + EngineRestAllowList.template(List.of(template)));
            } else if (path != null) {
                walk(method.getReturnType(), template, api, depth + 1);
            }
        }
    }

    /** JAX-RS annotations sit on Operaton's interfaces, not on the implementing classes. */
    private static <A extends Annotation> A annotation(Method method, Class<A> type) {
        A found = method.getAnnotation(type);
        for (Class<?> declared : method.getDeclaringClass().getInterfaces()) {
            if (found != null) {
                break;
            }
            try {
                found = declared.getMethod(method.getName(), method.getParameterTypes()).getAnnotation(type);
            } catch (NoSuchMethodException e) {
                // not declared there
            }
        }
        return found;
    }
}
