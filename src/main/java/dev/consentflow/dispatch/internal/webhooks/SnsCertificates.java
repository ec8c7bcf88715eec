package dev.consentflow.dispatch.internal.webhooks;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * SNS's signing certificates, fetched once per URL (SNS rotates them rarely) and kept while they are valid. Only
 * URLs of {@link SnsUrls} are ever fetched.
 */
@Component
class SnsCertificates {

    private static final Logger log = LoggerFactory.getLogger(SnsCertificates.class);
    private static final int MAX_CACHED = 32;

    private final SnsEndpoint endpoint;
    private final Map<URI, X509Certificate> cache = new ConcurrentHashMap<>();

    SnsCertificates(SnsEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** @throws WebhookRejected when the URL is not SNS's, or no valid certificate is there */
    X509Certificate of(String signingCertUrl) {
        URI uri = SnsUrls.sns(signingCertUrl);
        if (uri == null || !uri.getPath().endsWith(".pem")) {
            throw new WebhookRejected("SigningCertURL is not an Amazon SNS certificate");
        }
        X509Certificate cached = cache.get(uri);
        if (cached != null && valid(cached)) {
            return cached;
        }
        X509Certificate fetched = fetch(uri);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(uri, fetched);
        return fetched;
    }

    private X509Certificate fetch(URI uri) {
        try {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(endpoint.get(uri)));
            certificate.checkValidity();
            return certificate;
        } catch (IOException | CertificateException | ClassCastException e) {
            log.warn("The SNS signing certificate {} could not be read: {}", uri, e.getMessage());
            throw new WebhookRejected("The SNS signing certificate could not be read");
        }
    }

    private static boolean valid(X509Certificate certificate) {
        try {
            certificate.checkValidity();
            return true;
        } catch (CertificateException e) {
            return false;
        }
    }
}
