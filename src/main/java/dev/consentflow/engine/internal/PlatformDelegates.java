package dev.consentflow.engine.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The delegates the platform's own processes ({@code processes/*.bpmn}, deployed by the server) name, read from
 * those models at start-up: the only beans their expressions resolve.
 */
final class PlatformDelegates {

    static final String LOCATION = "classpath*:processes/*.bpmn";

    private static final Pattern DELEGATE = Pattern.compile("delegateExpression=\"\\$\\{([A-Za-z][A-Za-z0-9]*)}\"");

    private PlatformDelegates() {
    }

    static Set<String> load() {
        Set<String> names = new HashSet<>();
        try {
            for (Resource resource : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (InputStream in = resource.getInputStream()) {
                    Matcher matcher = DELEGATE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the platform's processes", e);
        }
        return Set.copyOf(names);
    }
}
