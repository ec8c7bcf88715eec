package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.Sender;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimMessage;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * DKIM-signs outgoing mail (rsa-sha256, relaxed/relaxed) when {@code consentflow.dispatch.dkim.domain},
 * {@code .selector} and {@code .private-key} are set; otherwise hands messages through unchanged. The signature
 * covers the List-Unsubscribe headers, as RFC 8058 asks for one-click unsubscribe to be trusted. A brand with a
 * sending domain brings its own key ({@link Sender.DkimKey}), which wins over the configured one.
 */
@Component
class DkimSigning {

    private static final Logger log = LoggerFactory.getLogger(DkimSigning.class);

    private final DispatchProperties.Dkim config;
    private final RSAPrivateKey key;

    DkimSigning(DispatchProperties properties) {
        this.config = properties.dkim();
        this.key = config.enabled() ? parse(config.privateKey()) : null;
        if (key != null) {
            log.info("Mail is DKIM-signed for d={} s={}", config.domain(), config.selector());
        }
    }

    MimeMessage sign(MimeMessage message) throws MessagingException {
        return sign(message, null);
    }

    /** Signs with the brand's key when given one, else with the configured key (if any). */
    MimeMessage sign(MimeMessage message, Sender.DkimKey brandKey) throws MessagingException {
        if (brandKey != null) {
            return sign(message, brandKey.domain(), brandKey.selector(), brandKey.privateKey());
        }
        if (key == null) {
            return message;
        }
        return sign(message, config.domain(), config.selector(), key);
    }

    private static MimeMessage sign(MimeMessage message, String domain, String selector, RSAPrivateKey key)
            throws MessagingException {
        // A signer keeps a Signature and a digest, which are not thread-safe: one per message is cheap.
        DkimSigner signer = new DkimSigner(domain, selector, key);
        signer.setCheckDomainKey(false);
        signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
        signer.setHeaderCanonicalization(Canonicalization.RELAXED);
        signer.setBodyCanonicalization(Canonicalization.RELAXED);
        signer.addHeaderToSign("List-Unsubscribe-Post");
        return new DkimMessage(message, signer);
    }

    private static RSAPrivateKey parse(String configured) {
        String base64 = configured.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            byte[] der = Base64.getDecoder().decode(base64);
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IllegalArgumentException | GeneralSecurityException | ClassCastException e) {
            throw new IllegalStateException("consentflow.dispatch.dkim.private-key must be a PKCS#8 RSA private key "
                    + "(PEM, or base64 of the DER bytes)", e);
        }
    }
}
