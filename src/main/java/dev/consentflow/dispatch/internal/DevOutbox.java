package dev.consentflow.dispatch.internal;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * When the development outbox ({@code /dev/mailbox}, {@code /dev/sms}) exists, and who it answers. It shows every
 * account's addresses and live confirmation and unsubscribe links, so it exists only in the developer's run
 * without any configuration (the embedded database and no relay; for SMS also no gateway), and answers only
 * requests whose TCP peer is this machine: {@code X-Forwarded-For} and the like are never believed here.
 */
final class DevOutbox {

    /** The embedded database and no SMTP relay. */
    static final String MAILBOX = "'${spring.datasource.url:}'.isEmpty() and '${spring.mail.host:}'.isEmpty()";

    /** As {@link #MAILBOX}, and no SMS gateway either. */
    static final String SMS = MAILBOX + " and '${consentflow.dispatch.sms-gateway-url:}'.isBlank()";

    private static final String ADDRESS_LITERAL = "[0-9A-Fa-f:.]+";

    private DevOutbox() {
    }

    /** Refuses ({@code 403}) a request that did not come over loopback. */
    static void requireLoopback(HttpServletRequest request) {
        if (!isLoopback(request.getRemoteAddr())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "The development outbox answers only requests from this machine (127.0.0.1 or ::1)");
        }
    }

    static boolean isLoopback(String peer) {
        // Only an address literal is parsed, so this never asks DNS.
        if (peer == null || !peer.matches(ADDRESS_LITERAL)) {
            return false;
        }
        try {
            return InetAddress.getByName(peer).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
