package dev.consentflow.engine.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a multipart deployment ({@code POST /engine-rest/deployment/create}), split as the engine's REST API
 * splits them (a part's name is its {@code Content-Disposition}'s {@code name}, quoted or not, case-insensitive), so
 * the checks before the engine see the parts the engine will see.
 */
final class DeploymentParts {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|[^;\\s]+)", Pattern.CASE_INSENSITIVE);

    /** One part: its name, its headers' content type and transfer encoding, and where its content is in the body. */
    record Part(String name, String contentType, String transferEncoding, int start, int end) {
    }

    /** The parts and where the closing delimiter starts (the {@code CRLF} before it). */
    record Body(String delimiter, List<Part> parts, int close) {
    }

    private DeploymentParts() {
    }

    static Body split(byte[] body, String contentType) throws DeploymentTenant.Refused {
        Matcher boundaryMatch = contentType == null ? null : BOUNDARY.matcher(contentType);
        if (boundaryMatch == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")
                || !boundaryMatch.find()) {
            throw new DeploymentTenant.Refused("A deployment is multipart/form-data", false);
        }
        String boundary = boundaryMatch.group(2) != null ? boundaryMatch.group(2) : boundaryMatch.group(1);
        // ISO-8859-1 maps every byte to one char, so indexes in the text are indexes in the body.
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int close = text.lastIndexOf("\r\n" + delimiter + "--");
        if (close < 0) {
            throw new DeploymentTenant.Refused("The multipart deployment has no closing boundary", false);
        }
        List<Part> parts = new ArrayList<>();
        int first = text.indexOf("\r\n" + delimiter);
        int at = text.startsWith(delimiter) ? 0 : first < 0 ? -1 : first + 2;
        while (at >= 0 && at < close) {
            int headersStart = text.indexOf("\r\n", at) + 2;
            int headersEnd = text.indexOf("\r\n\r\n", headersStart - 2);
            int next = headersEnd < 0 ? -1 : text.indexOf("\r\n" + delimiter, headersEnd + 2);
            if (headersStart < 2 || next < 0) {
                throw new DeploymentTenant.Refused("A part of the multipart deployment is incomplete", false);
            }
            String headers = headersEnd < headersStart ? "" : text.substring(headersStart, headersEnd);
            parts.add(part(headers, Math.min(headersEnd + 4, next), next));
            at = next + 2;
        }
        return new Body(delimiter, parts, close);
    }

    private static Part part(String headers, int start, int end) {
        String name = null;
        String type = null;
        String encoding = null;
        for (String header : headers.split("\r\n")) {
            int colon = header.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String key = header.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).strip();
            if (key.equals("content-disposition") && name == null) {
                name = parameter(value, "name");
            } else if (key.equals("content-type") && type == null) {
                type = value;
            } else if (key.equals("content-transfer-encoding") && encoding == null) {
                encoding = value;
            }
        }
        return new Part(name, type, encoding, start, end);
    }

    private static String parameter(String disposition, String wanted) {
        for (String parameter : disposition.split(";")) {
            int equals = parameter.indexOf('=');
            if (equals > 0 && parameter.substring(0, equals).strip().equalsIgnoreCase(wanted)) {
                String value = parameter.substring(equals + 1).strip();
                return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                        ? value.substring(1, value.length() - 1) : value;
            }
        }
        return null;
    }
}
