package dev.consentflow.support;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

/** Deploys BPMN through {@code POST /engine-rest/deployment/create} as the Modeler's deploy button does. */
public final class Deployments {

    private Deployments() {
    }

    /** A multipart deployment body and its content type (with the boundary). */
    public record Multipart(String contentType, byte[] body) {
    }

    public static Api.Answer deploy(Api api, String fileName, String bpmn) {
        return deploy(api, fileName, bpmn, Map.of());
    }

    /** With more form fields, such as the Modeler's optional {@code tenant-id}. */
    public static Api.Answer deploy(Api api, String fileName, String bpmn, Map<String, String> fields) {
        return deploy(api, fileName, bpmn, fields, "/engine-rest/deployment/create");
    }

    /** To another path, such as a named engine's {@code /engine-rest/engine/default/deployment/create}. */
    public static Api.Answer deploy(Api api, String fileName, String bpmn, Map<String, String> fields, String path) {
        Multipart multipart = multipart(fileName, bpmn.getBytes(StandardCharsets.UTF_8), fields);
        return api.postRaw(path, multipart.contentType(), multipart.body(), Map.of());
    }

    /** The body the Modeler sends for one file, its bytes as they are (any encoding), with more form fields. */
    public static Multipart multipart(String fileName, byte[] resource, Map<String, String> fields) {
        String boundary = "----modeler" + UUID.randomUUID();
        StringBuilder head = new StringBuilder()
                .append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\n").append(fileName).append("\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\ntrue\r\n");
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"data\"; filename=\"").append(fileName).append("\"\r\n")
                .append("Content-Type: application/octet-stream\r\n\r\n");
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        body.writeBytes(resource);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }
}
