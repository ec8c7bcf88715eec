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
        return deploy(api, fileName, Map.of(fileName, bpmn.getBytes(StandardCharsets.UTF_8)), fields, path);
    }

    /** Several files in one deployment (a flow with its form and decision), named after the first. */
    public static Api.Answer deploy(Api api, String deploymentName, Map<String, byte[]> files, Map<String, String> fields,
                                    String path) {
        Multipart multipart = multipart(deploymentName, files, fields);
        return api.postRaw(path, multipart.contentType(), multipart.body(), Map.of());
    }

    /** The body the Modeler sends for one file, its bytes as they are (any encoding), with more form fields. */
    public static Multipart multipart(String fileName, byte[] resource, Map<String, String> fields) {
        return multipart(fileName, Map.of(fileName, resource), fields);
    }

    /** The body for several files, each in a part of its own named after the file. */
    public static Multipart multipart(String deploymentName, Map<String, byte[]> files, Map<String, String> fields) {
        String boundary = "----modeler" + UUID.randomUUID();
        StringBuilder head = new StringBuilder()
                .append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"deployment-name\"\r\n\r\n").append(deploymentName)
                .append("\r\n")
                .append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"deploy-changed-only\"\r\n\r\ntrue\r\n");
        fields.forEach((name, value) -> head.append("--").append(boundary).append("\r\n")
                .append("Content-Disposition: form-data; name=\"").append(name).append("\"\r\n\r\n")
                .append(value).append("\r\n"));
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        files.forEach((fileName, content) -> {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fileName
                    + "\"; filename=\"" + fileName + "\"\r\nContent-Type: application/octet-stream\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            body.writeBytes(content);
            body.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        });
        body.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return new Multipart("multipart/form-data; boundary=" + boundary, body.toByteArray());
    }
}
