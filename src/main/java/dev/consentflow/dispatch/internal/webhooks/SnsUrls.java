package dev.consentflow.dispatch.internal.webhooks;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where SNS may send us to: https on {@code sns.<region>.amazonaws.com} (or {@code .com.cn}), default port, no user
 * part. A signature is only as good as the certificate's origin, so a post naming any other certificate URL is
 * refused, whatever else it holds; there is no setting that widens this.
 */
final class SnsUrls {

    private static final Pattern SNS_HOST = Pattern.compile("sns\\.[a-z0-9-]+\\.amazonaws\\.com(\\.cn)?");

    private SnsUrls() {
    }

    static boolean isSns(URI uri) {
        return uri != null && "https".equals(uri.getScheme()) && uri.getRawUserInfo() == null
                && (uri.getPort() == -1 || uri.getPort() == 443) && uri.getHost() != null
                && SNS_HOST.matcher(uri.getHost().toLowerCase(Locale.ROOT)).matches();
    }

    /** The URL, if it is one of SNS's; otherwise null. */
    static URI sns(String text) {
        if (text == null) {
            return null;
        }
        try {
            URI uri = new URI(text);
            return isSns(uri) ? uri : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
