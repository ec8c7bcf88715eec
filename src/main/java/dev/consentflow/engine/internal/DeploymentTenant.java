package dev.consentflow.engine.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binds a multipart deployment ({@code POST /engine-rest/deployment/create}, as the Modeler sends it) to the
 * deploying key's account: its {@code tenant-id} part must name that account, and is added when absent, so an
 * account's flows are its own (their message start events listen to its messages only) and never shared.
 */
final class DeploymentTenant {

    static final String PART = "tenant-id";

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);

    private DeploymentTenant() {
    }

    /** The deployment is not for the caller's account, or not a multipart deployment at all. */
    static final class Refused extends Exception {
        private final boolean foreign;

        Refused(String message, boolean foreign) {
            super(message);
            this.foreign = foreign;
        }

        /** True when a {@code tenant-id} names another account; false when the body is malformed. */
        boolean foreign() {
            return foreign;
        }
    }

    /** The body, with a {@code tenant-id} part naming the account added when it had none. */
    static byte[] bind(byte[] body, String contentType, String account) throws Refused {
        Matcher boundaryMatch = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (boundaryMatch == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || !boundaryMatch.find()) {
            throw new Refused("A deployment is multipart/form-data", false);
        }
        String boundary = boundaryMatch.group(2) != null ? boundaryMatch.group(2) : boundaryMatch.group(1);
        // ISO-8859-1 maps every byte to one char, so indexes in the text are indexes in the body.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int close = text.lastIndexOf("\r\n" + delimiter + "--");
        if (close < 0) {
            throw new Refused("The multipart deployment has no closing boundary", false);
        }
        String tenant = tenantPart(text.substring(0, close), delimiter);
        if (tenant != null) {
            if (!tenant.equals(account)) {
                throw new Refused("A key deploys for its own account only: " + PART + " must be " + account
                        + " or absent", true);
            }
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 160);
        out.write(body, 0, close);
        out.writeBytes(("\r\n" + delimiter + "\r\nContent-Disposition: form-data; name=\"" + PART + "\"\r\n\r\n"
                + account).getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, close, body.length - close);
        return out.toByteArray();
    }

    /** The value of the {@code tenant-id} part, or null when there is none. */
    private static String tenantPart(String parts, String delimiter) {
        for (String part : parts.split(Pattern.quote(delimiter), -1)) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            for (String header : part.substring(0, headersEnd).split("\r\n")) {
                if (header.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    Matcher name = NAME.matcher(header);
                    if (name.find() && name.group(1).equals(PART)) {
                        String value = part.substring(headersEnd + 4);
                        return (value.endsWith("\r\n") ? value.substring(0, value.length() - 2) : value).strip();
                    }
                }
            }
        }
        return null;
    }
}
