package dev.consentflow.dispatch.internal.webhooks;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our outbox id in what a provider echoes: the Message-ID {@code <id@domain>} every message carries (with or
 * without the angle brackets), or the bare id of a metadata field.
 */
final class OurMessageIds {

    private static final Pattern ID = Pattern.compile(
            "^\\s*<?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})(@[^>\\s]+)?>?\\s*$");

    private OurMessageIds() {
    }

    static Optional<UUID> parse(String echoed) {
        if (echoed == null) {
            return Optional.empty();
        }
        Matcher matcher = ID.matcher(echoed);
        return matcher.matches() ? Optional.of(UUID.fromString(matcher.group(1))) : Optional.empty();
    }
}
