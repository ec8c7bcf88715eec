package dev.consentflow.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.consentflow.support.Api;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** Uploads import files through the API as a browser or an integration would: multipart/form-data. */
public final class Uploads {

    private Uploads() {
    }

    /** Posts a file (null for none) and the form fields given (nulls left out). */
    public static Api.Answer post(Api api, String filename, byte[] content, String list, String consent) {
        String boundary = "----consentflow" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        if (content != null) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + filename
                    + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
            body.writeBytes(content);
            write(body, "\r\n");
        }
        for (Map.Entry<String, String> field : new java.util.LinkedHashMap<>(fields(list, consent)).entrySet()) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey()
                    + "\"\r\n\r\n" + field.getValue() + "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return api.postRaw("/api/imports", "multipart/form-data; boundary=" + boundary, body.toByteArray(), Map.of());
    }

    public static Api.Answer postCsv(Api api, String csv, String list, String consent) {
        return post(api, "contacts.csv", csv.getBytes(StandardCharsets.UTF_8), list, consent);
    }

    /** Posts and answers the import's id. */
    public static String start(Api api, String filename, byte[] content, String list, String consent) {
        Api.Answer answer = post(api, filename, content, list, consent);
        assertThat(answer.status()).as(answer.body()).isEqualTo(202);
        return answer.json().get("id").asText();
    }

    /** Waits until the import is DONE or FAILED and answers its status. */
    public static JsonNode awaitEnd(Api api, String id) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> api.get("/api/imports/" + id).json(),
                        s -> "DONE".equals(s.get("status").asText()) || "FAILED".equals(s.get("status").asText()));
    }

    private static Map<String, String> fields(String list, String consent) {
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        if (list != null) {
            fields.put("list", list);
        }
        if (consent != null) {
            fields.put("consent", consent);
        }
        return fields;
    }

    private static void write(ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
