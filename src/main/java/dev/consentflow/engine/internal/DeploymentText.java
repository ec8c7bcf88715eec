package dev.consentflow.engine.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deployment's parts are UTF-8 text without a DOCTYPE or entity declarations. The engine's parser refuses to
 * resolve entities but answers {@code 500}; and a DOCTYPE in UTF-16, UTF-32 or EBCDIC hides from a search of the
 * bytes, so any other encoding is refused: every part must be valid UTF-8 without NUL characters (which UTF-16 and
 * UTF-32 text always has), and an XML declaration may name UTF-8 or US-ASCII only.
 */
final class DeploymentText {

    private static final Set<String> ENCODINGS = Set.of("utf-8", "utf8", "us-ascii", "ascii");
    private static final Set<String> TRANSFER_ENCODINGS = Set.of("7bit", "8bit", "binary");
    private static final Pattern DECLARED = Pattern.compile("^\\s*<\\?xml[^>]*?encoding\\s*=\\s*[\"']([^\"']*)[\"']");

    private DeploymentText() {
    }

    /** Refuses (not as foreign: {@code 400}) a deployment with a part that is not plain UTF-8 or declares a DOCTYPE. */
    static void check(byte[] body, DeploymentParts.Body parts) throws DeploymentTenant.Refused {
        refuseDoctype(new String(body, StandardCharsets.ISO_8859_1), "the deployment");
        for (DeploymentParts.Part part : parts.parts()) {
            String name = part.name() == null ? "(unnamed)" : part.name();
            if (part.transferEncoding() != null
                    && !TRANSFER_ENCODINGS.contains(part.transferEncoding().toLowerCase(Locale.ROOT))) {
                throw new DeploymentTenant.Refused("The part " + name + " has a Content-Transfer-Encoding", false);
            }
            String text = utf8(body, part, name);
            Matcher declared = DECLARED.matcher(text.startsWith("\uFEFF") ? text.substring(1) : text);
            if (declared.find() && !ENCODINGS.contains(declared.group(1).strip().toLowerCase(Locale.ROOT))) {
                throw new DeploymentTenant.Refused("The part " + name + " declares the encoding " + declared.group(1)
                        + ": deployments are UTF-8", false);
            }
            refuseDoctype(text, name);
        }
    }

    private static void refuseDoctype(String text, String name) throws DeploymentTenant.Refused {
        String upper = text.toUpperCase(Locale.ROOT);
        if (upper.contains("<!DOCTYPE") || upper.contains("<!ENTITY")) {
            throw new DeploymentTenant.Refused(
                    "Deployments may not declare a DOCTYPE or entities (XML external entities are refused): " + name,
                    false);
        }
    }

    private static String utf8(byte[] body, DeploymentParts.Part part, String name) throws DeploymentTenant.Refused {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body, part.start(), part.end() - part.start()))
                    .toString();
            if (text.indexOf('\0') >= 0) {
                throw new DeploymentTenant.Refused("The part " + name + " is not UTF-8 (UTF-16 and UTF-32 are refused)",
                        false);
            }
            return text;
        } catch (CharacterCodingException e) {
            throw new DeploymentTenant.Refused("The part " + name + " is not UTF-8 text", false);
        }
    }
}
