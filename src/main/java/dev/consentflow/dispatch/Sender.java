package dev.consentflow.dispatch;

import java.security.interfaces.RSAPrivateKey;

/**
 * Who a message is from, when its list's brand says so: the From name and address, the Reply-To, and the key
 * it is DKIM-signed with. Without one (no brand record), the global {@code consentflow.mail.from} and
 * {@code consentflow.dispatch.dkim.*} apply.
 *
 * @param fromName    the display name (any characters; encoded by RFC 2047 in the header), or null
 * @param fromAddress the From address
 * @param replyTo     the Reply-To address, or null
 * @param dkim        the signing key of the brand's domain, or null to use the global one
 */
public record Sender(String fromName, String fromAddress, String replyTo, DkimKey dkim) {

    /** A DKIM signing key: d= and s= of the signature. */
    public record DkimKey(String domain, String selector, RSAPrivateKey privateKey) {

        @Override
        public String toString() {
            return "DkimKey[d=" + domain + ", s=" + selector + "]";
        }
    }
}
