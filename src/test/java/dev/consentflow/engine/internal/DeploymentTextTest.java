package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A deployment's parts are UTF-8 without a DOCTYPE, whatever encoding would hide one. */
class DeploymentTextTest {

    private static final String TYPE = "multipart/form-data; boundary=XyZ";
    private static final String BPMN = "<?xml version=\"1.0\" encoding=\"%s\"?>\n<bpmn:definitions/>";
    private static final String DOCTYPE = "<?xml version=\"1.0\" encoding=\"%s\"?>\n"
            + "<!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><bpmn:definitions>&x;</bpmn:definitions>";

    @Test
    void aUtf8ModelPasses() {
        assertThatCode(() -> check(BPMN.formatted("UTF-8").getBytes(StandardCharsets.UTF_8), null))
                .doesNotThrowAnyException();
        assertThatCode(() -> check(("\uFEFF" + BPMN.formatted("utf-8") + "<!-- äöü -->").getBytes(StandardCharsets.UTF_8),
                null)).doesNotThrowAnyException();
    }

    @Test
    void aDoctypeIsRefusedInUtf8() {
        assertThatThrownBy(() -> check(DOCTYPE.formatted("UTF-8").getBytes(StandardCharsets.UTF_8), null))
                .hasMessageContaining("DOCTYPE");
        assertThatThrownBy(() -> check("<!doctype d><a/>".getBytes(StandardCharsets.UTF_8), null))
                .hasMessageContaining("DOCTYPE");
    }

    @Test
    void everyOtherEncodingIsRefused() {
        for (String encoding : new String[] {"UTF-16", "UTF-16LE", "UTF-16BE", "UTF-32", "UTF-32LE", "UTF-32BE", "IBM037"}) {
            Charset charset = Charset.forName(encoding);
            assertThatThrownBy(() -> check(DOCTYPE.formatted(encoding).getBytes(charset), null)).as(encoding)
                    .isInstanceOf(DeploymentTenant.Refused.class).hasMessageContaining("UTF-8");
            assertThatThrownBy(() -> check(BPMN.formatted(encoding).getBytes(charset), null)).as(encoding)
                    .isInstanceOf(DeploymentTenant.Refused.class);
        }
        assertThatThrownBy(() -> check(BPMN.formatted("ISO-8859-1").getBytes(StandardCharsets.ISO_8859_1), null))
                .hasMessageContaining("declares the encoding ISO-8859-1");
        assertThatThrownBy(() -> check(BPMN.formatted("UTF-7").getBytes(StandardCharsets.US_ASCII), null))
                .hasMessageContaining("UTF-7");
    }

    @Test
    void anEncodedPartIsRefused() {
        assertThatThrownBy(() -> check("PGEvPg==".getBytes(StandardCharsets.US_ASCII), "base64"))
                .hasMessageContaining("Content-Transfer-Encoding");
    }

    private static void check(byte[] content, String transferEncoding) throws DeploymentTenant.Refused {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(("--XyZ\r\nContent-Disposition: form-data; name=\"data\"; filename=\"flow.bpmn\"\r\n"
                + (transferEncoding == null ? "" : "Content-Transfer-Encoding: " + transferEncoding + "\r\n")
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        body.writeBytes(content);
        body.writeBytes("\r\n--XyZ--\r\n".getBytes(StandardCharsets.ISO_8859_1));
        byte[] bytes = body.toByteArray();
        DeploymentText.check(bytes, DeploymentParts.split(bytes, TYPE));
    }
}
