package dev.consentflow.dispatch.internal;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;

/**
 * Where bounces are read: an IMAP or POP3 mailbox, as {@code CONSENTFLOW_BOUNCE_MAILBOX_URL} names it.
 * {@code imaps} and {@code pop3s} speak TLS from the start; {@code imap} and {@code pop3} upgrade with STARTTLS,
 * which is required unless the host is loopback (the development server). Finite timeouts, as for the relay.
 */
record BounceMailbox(String protocol, String host, int port, String folder, String username, String password) {

    private static final Set<String> PROTOCOLS = Set.of("imap", "imaps", "pop3", "pop3s");

    static BounceMailbox parse(String url, String username, String password) {
        URI uri;
        try {
            uri = URI.create(url.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("CONSENTFLOW_BOUNCE_MAILBOX_URL is not a URL", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!PROTOCOLS.contains(scheme) || uri.getHost() == null) {
            throw new IllegalStateException("CONSENTFLOW_BOUNCE_MAILBOX_URL must be imaps://, imap://, pop3s:// or "
                    + "pop3:// with a host, for example imaps://imap.example.com/INBOX");
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        // API.md: the login may be in the URL (imaps://user:password@host:993/INBOX), percent-encoded; the
        // separate variables win when they are set.
        String user = username;
        String secret = password;
        String info = uri.getUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            if (user == null || user.isBlank()) {
                user = colon < 0 ? info : info.substring(0, colon);
            }
            if ((secret == null || secret.isBlank()) && colon >= 0) {
                secret = info.substring(colon + 1);
            }
        }
        return new BounceMailbox(scheme, uri.getHost(), uri.getPort(), path.isBlank() ? "INBOX" : path, user,
                secret);
    }

    boolean isPop3() {
        return protocol.startsWith("pop3");
    }

    Store connect() throws MessagingException {
        Properties props = new Properties();
        String p = "mail." + protocol + ".";
        props.setProperty(p + "connectiontimeout", "10000");
        props.setProperty(p + "timeout", "30000");
        props.setProperty(p + "writetimeout", "30000");
        if (protocol.endsWith("s")) {
            props.setProperty(p + "ssl.checkserveridentity", "true");
        } else if (!loopback(host)) {
            props.setProperty(p + "starttls.enable", "true");
            props.setProperty(p + "starttls.required", "true");
            props.setProperty(p + "ssl.checkserveridentity", "true");
        }
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect(host, port, username, password);
        return store;
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return protocol + "://" + host + (port > 0 ? ":" + port : "") + "/" + folder;
    }
}
