package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.dispatch.OutboundMessage;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.regex.Pattern;

/**
 * What {@link dev.consentflow.dispatch.Dispatch#enqueue} refuses: a message that could never be sent right. These
 * are the caller's bugs, not a person's input, so they fail loudly with {@link IllegalArgumentException}.
 */
final class OutboundMessages {

    // RFC 2919: the list id is a dot-atom; keep to the characters nobody can misread.
    private static final Pattern LIST_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,190}");
    private static final int MAX_BATCH_ID = 100;

    private OutboundMessages() {
    }

    static void check(OutboundMessage message) {
        require(message != null, "message is required");
        require(message.account() != null && message.subscriberId() != null, "account and subscriber are required");
        require(message.channel() != null && message.purpose() != null, "channel and purpose are required");
        require(message.content() != null, "content is required");
        require(message.batchId() == null || (!message.batchId().isBlank() && message.batchId().length() <= MAX_BATCH_ID),
                "batchId must be 1 to " + MAX_BATCH_ID + " characters");
        if (message.channel() == Channel.SMS) {
            require(hasText(message.content().text()), "an SMS needs its text");
            return;
        }
        require(hasText(message.content().text()) || hasText(message.content().html()), "a mail needs a text or HTML body");
        require(message.content().subject() != null, "a mail needs a subject");
        require(message.listId() == null || LIST_ID.matcher(message.listId()).matches(),
                "listId must be a dot-atom such as news.acme.example");
        if (message.purpose().isListMail()) {
            // API.md section 4: every list mail carries the one-click unsubscribe link.
            require(message.unsubscribeUrl() != null, message.purpose() + " mail needs its unsubscribeUrl");
        }
        if (message.unsubscribeUrl() != null) {
            require(isHttpUrl(message.unsubscribeUrl()), "unsubscribeUrl must be an absolute http(s) URL");
        }
    }

    private static boolean isHttpUrl(String value) {
        if (value.length() > 900 || hasUnsafeCharacter(value)) {
            return false;
        }
        try {
            URI uri = new URI(value);
            return uri.isAbsolute() && uri.getHost() != null
                    && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    /**
     * A control character (ASCII's, as {@code \p{Cntrl}}), white space, {@code <}, {@code >}, {@code "} or a Unicode
     * line break: a loop, not a pattern, as it runs for every message of a campaign.
     */
    static boolean hasUnsafeCharacter(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c <= ' ' || c == 0x7F || c == '<' || c == '>' || c == '"' || c == '\u2028' || c == '\u2029'
                    || c == '\u0085') {
                return true;
            }
        }
        return false;
    }

    private static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(problem);
        }
    }
}
