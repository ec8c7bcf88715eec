package dev.consentflow.web.internal;

import io.swagger.v3.oas.models.OpenAPI;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.api.AbstractOpenApiResource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Builds the {@code /v3/api-docs} document once the server is ready and has been for a while, on a background
 * thread of its own, so its first request only writes it out. Springdoc builds the document when it is
 * first asked for, and that build is seconds of CPU (every operation's parameters and schemas, and three scans of
 * the classpath for annotations; then the JSON writer makes a serializer for each of the document's types): under
 * load the first request waited more than 30 s. Nothing waits for this
 * build: the start is over (the server is ready, health is UP) before it begins, and a request that comes earlier
 * builds the document itself, as before (springdoc builds under a lock and keeps the one document,
 * {@code springdoc.allowed-locales} being one language). {@code consentflow.api-docs.prebuild-after} is the wait
 * after ready (default {@code PT1S}); empty turns it off. Soon after ready, so that the heap the build grew is given
 * back early: G1's periodic collection ({@code jvm.options}, every 15 s when idle) returns it; built 10 s after
 * ready, {@code bench/run} read the JVM at ~800 MB instead of ~350 MB 30 s after the start in two of four starts.
 */
@Component
class ApiDocsPrebuild {

    private static final Logger log = LoggerFactory.getLogger(ApiDocsPrebuild.class);

    private final ObjectProvider<AbstractOpenApiResource> documents;
    private final Duration after;

    ApiDocsPrebuild(ObjectProvider<AbstractOpenApiResource> documents,
                    @Value("${consentflow.api-docs.prebuild-after:PT1S}") Duration after) {
        this.documents = documents;
        this.after = after;
    }

    @EventListener(ApplicationReadyEvent.class)
    void ready() {
        if (after == null || after.isNegative()) {
            return;
        }
        Thread thread = new Thread(() -> {
            try {
                Thread.sleep(after.toMillis());
                build();
                // The start and this build grew the heap far beyond what an idle server keeps live; a collection
                // now (concurrent with -XX:+ExplicitGCInvokesConcurrent, jvm.options) gives it back at once. Left
                // to G1's periodic collection, which waits for 15 s without any collection, a slow machine's start
                // still held ~800 MB 30 s after it (bench/run, twice this stop) instead of ~350 MB.
                System.gc();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "api-docs-prebuild");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Builds every document springdoc serves (one unless groups are configured) as its first request would;
     * answers whether it could (springdoc's build is not public API: a version without it leaves the build to
     * the first request, with a warning).
     */
    boolean build() {
        long cpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        try {
            Method getOpenApi = AbstractOpenApiResource.class.getDeclaredMethod("getOpenApi", Locale.class);
            Method writeJson = AbstractOpenApiResource.class.getDeclaredMethod("writeJsonValue", OpenAPI.class);
            getOpenApi.setAccessible(true);
            writeJson.setAccessible(true);
            List<AbstractOpenApiResource> all = documents.orderedStream().toList();
            for (AbstractOpenApiResource document : all) {
                // Written once too: the JSON writer makes its serializers for the document's types on first use.
                writeJson.invoke(document, getOpenApi.invoke(document, Locale.ENGLISH));
            }
            log.info("Built /v3/api-docs ahead of its first request ({} document(s), {} ms CPU)", all.size(),
                    (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpu) / 1_000_000);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            log.warn("Could not build /v3/api-docs ahead of its first request; its first request builds it", e);
            return false;
        }
    }
}
