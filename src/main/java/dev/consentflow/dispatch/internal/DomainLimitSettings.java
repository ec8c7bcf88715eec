package dev.consentflow.dispatch.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code consentflow.dispatch.domains.*}: limits per receiving domain group, held in PostgreSQL and so shared by
 * every node. The groups {@code gmail}, {@code microsoft}, {@code yahoo} and {@code other} (every domain no group
 * names) always exist; a group's {@code domains} may be configured anew, and more groups added. A domain ending in
 * {@code .*} stands for that name under any top-level domain ({@code hotmail.*}: hotmail.com, hotmail.co.uk).
 *
 * @param backoff how long a group gets no mail after one of its servers said "slow down" (421, or 451 asking for
 *                less): the rest keeps sending
 * @param maxWait a send waits this long at most for its group's next start; beyond that the message goes back to
 *                the queue, due when its turn comes
 * @param groups  per group: its domains, its concurrency (sends at once, over all nodes; 0: no limit) and its
 *                rate (sends started per second, over all nodes; 0: no limit)
 */
@ConfigurationProperties("consentflow.dispatch.domains")
public record DomainLimitSettings(@DefaultValue("PT5M") Duration backoff, @DefaultValue("PT2S") Duration maxWait,
                                  Map<String, Group> groups) {

    static final String OTHER = "other";
    private static final java.util.regex.Pattern PUBLIC_SUFFIX =
            java.util.regex.Pattern.compile("[a-z]{2,}|(co|com|net|org)\\.[a-z]{2}");
    private static final Map<String, List<String>> BUILT_IN = Map.of(
            "gmail", List.of("gmail.com", "googlemail.com"),
            "microsoft", List.of("outlook.*", "hotmail.*", "live.*", "msn.com"),
            "yahoo", List.of("yahoo.*", "ymail.com", "aol.com"),
            OTHER, List.of());

    public record Group(List<String> domains, int concurrency, double ratePerSecond) {
        public Group {
            domains = domains == null ? List.of() : domains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
                    .filter(d -> !d.isEmpty()).toList();
            if (concurrency < 0 || ratePerSecond < 0) {
                throw new IllegalArgumentException("consentflow.dispatch.domains: concurrency and rate must not be "
                        + "negative");
            }
        }

        boolean limited() {
            return concurrency > 0 || ratePerSecond > 0;
        }
    }

    public DomainLimitSettings {
        if (backoff.isNegative() || maxWait.isNegative()) {
            throw new IllegalArgumentException("consentflow.dispatch.domains: backoff and max-wait must not be negative");
        }
        Map<String, Group> all = new LinkedHashMap<>();
        BUILT_IN.forEach((name, domains) -> all.put(name, new Group(domains, 0, 0)));
        if (groups != null) {
            groups.forEach((name, group) -> {
                String key = name.toLowerCase(Locale.ROOT);
                List<String> domains = group.domains().isEmpty() ? BUILT_IN.getOrDefault(key, List.of())
                        : group.domains();
                all.put(key, new Group(domains, group.concurrency(), group.ratePerSecond()));
            });
        }
        groups = Map.copyOf(all);
    }

    /** The group of a mail address's domain; {@code other} when no group names it. */
    String groupOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        if (at < 0) {
            return OTHER;
        }
        String domain = address.substring(at + 1).strip().toLowerCase(Locale.ROOT);
        for (Map.Entry<String, Group> group : groups.entrySet()) {
            if (group.getValue().domains().stream().anyMatch(pattern -> matches(pattern, domain))) {
                return group.getKey();
            }
        }
        return OTHER;
    }

    /** {@code hotmail.*} matches hotmail.com, hotmail.de and hotmail.co.uk, not hotmail.example.com. */
    private static boolean matches(String pattern, String domain) {
        if (!pattern.endsWith(".*")) {
            return domain.equals(pattern);
        }
        String name = pattern.substring(0, pattern.length() - 1);
        return domain.startsWith(name) && PUBLIC_SUFFIX.matcher(domain.substring(name.length())).matches();
    }
}
