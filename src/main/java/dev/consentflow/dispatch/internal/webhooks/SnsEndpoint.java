package dev.consentflow.dispatch.internal.webhooks;

import java.io.IOException;
import java.net.URI;

/**
 * Reads one https resource of Amazon SNS: a signing certificate, or a subscription's confirmation URL. Called
 * only with URLs that passed {@link SnsUrls#isSns(URI)}.
 */
interface SnsEndpoint {

    byte[] get(URI uri) throws IOException;
}
