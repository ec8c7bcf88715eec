package dev.consentflow.engine.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Binds a multipart deployment ({@code POST /engine-rest/deployment/create}, as the Modeler sends it) to the
 * deploying key's account: its {@code tenant-id} part must name that account, and is added when absent, so an
 * account's flows are its own (their message start events listen to its messages only) and never shared. The
 * engine holds the same rule again for every deployment ({@link AccountDeploymentGuard}).
 */
final class DeploymentTenant {

    static final String PART = "tenant-id";

    private DeploymentTenant() {
    }

    /** The deployment is not for the caller's account, or not a well-formed multipart deployment at all. */
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
        DeploymentParts.Body parts = DeploymentParts.split(body, contentType);
        List<DeploymentParts.Part> tenants = parts.parts().stream().filter(part -> PART.equals(part.name())).toList();
        if (tenants.size() > 1) {
            throw new Refused("A deployment names one " + PART + " at most", false);
        }
        if (tenants.size() == 1) {
            DeploymentParts.Part tenant = tenants.get(0);
            if (tenant.contentType() != null && !tenant.contentType().toLowerCase(Locale.ROOT).startsWith("text/plain")) {
                throw new Refused("The " + PART + " part is text/plain", false);
            }
            String value = new String(body, tenant.start(), tenant.end() - tenant.start(), StandardCharsets.UTF_8);
            if (!value.strip().equals(account)) {
                throw new Refused("A key deploys for its own account only: " + PART + " must be " + account
                        + " or absent", true);
            }
            return body;
        }
        int close = parts.close();
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 160);
        out.write(body, 0, close);
        out.writeBytes(("\r\n" + parts.delimiter() + "\r\nContent-Disposition: form-data; name=\"" + PART
                + "\"\r\n\r\n" + account).getBytes(StandardCharsets.ISO_8859_1));
        out.write(body, close, body.length - close);
        return out.toByteArray();
    }
}
