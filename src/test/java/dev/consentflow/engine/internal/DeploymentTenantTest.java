package dev.consentflow.engine.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A deployment is bound to the deploying key's account, whatever the Modeler sent. */
class DeploymentTenantTest {

    private static final String ACCOUNT = "5b0c1a4e-6f0e-4c55-9d36-0d1f4b7b9a11";
    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    @Test
    void aDeploymentWithoutTenantGetsTheAccountsAsItsLastPart() throws Exception {
        String body = part("deployment-name", "flow.bpmn") + file("<bpmn/>") + "--XyZ--\r\n";

        String bound = new String(DeploymentTenant.bind(bytes(body), TYPE, ACCOUNT), StandardCharsets.ISO_8859_1);

        assertThat(bound).isEqualTo(part("deployment-name", "flow.bpmn") + file("<bpmn/>")
                + "--XyZ\r\nContent-Disposition: form-data; name=\"tenant-id\"\r\n\r\n" + ACCOUNT + "\r\n--XyZ--\r\n");
    }

    @Test
    void aDeploymentNamingTheAccountStaysAsItIs() throws Exception {
        byte[] body = bytes(part("tenant-id", ACCOUNT) + file("<bpmn/>") + "--XyZ--");

        assertThat(DeploymentTenant.bind(body, "multipart/form-data; boundary=\"XyZ\"", ACCOUNT)).isSameAs(body);
    }

    @Test
    void aDeploymentForAnotherAccountIsRefusedAsForeign() {
        byte[] body = bytes(file("<bpmn/>") + part("tenant-id", "someone-else") + "--XyZ--\r\n");

        assertThatThrownBy(() -> DeploymentTenant.bind(body, TYPE, ACCOUNT))
                .isInstanceOfSatisfying(DeploymentTenant.Refused.class, e -> assertThat(e.foreign()).isTrue());
    }

    @Test
    void aTenantIdInsideAFileIsNoPart() throws Exception {
        String body = file("name=\"tenant-id\"\r\n\r\nsomeone-else") + "--XyZ--\r\n";

        assertThat(new String(DeploymentTenant.bind(bytes(body), TYPE, ACCOUNT), StandardCharsets.ISO_8859_1))
                .endsWith("name=\"tenant-id\"\r\n\r\n" + ACCOUNT + "\r\n--XyZ--\r\n");
    }

    @Test
    void anythingButACompleteMultipartBodyIsBadInput() {
        assertThatThrownBy(() -> DeploymentTenant.bind(bytes("{}"), "application/json", ACCOUNT))
                .isInstanceOfSatisfying(DeploymentTenant.Refused.class, e -> assertThat(e.foreign()).isFalse());
        assertThatThrownBy(() -> DeploymentTenant.bind(bytes(file("<bpmn/>")), TYPE, ACCOUNT))
                .isInstanceOfSatisfying(DeploymentTenant.Refused.class, e -> assertThat(e.foreign()).isFalse());
        assertThatThrownBy(() -> DeploymentTenant.bind(bytes(file("<bpmn/>")), null, ACCOUNT))
                .isInstanceOf(DeploymentTenant.Refused.class);
    }

    @Test
    void aSecondTenantIdIsRefusedForTheEngineKeepsTheLastOne() {
        byte[] body = bytes(part("tenant-id", ACCOUNT) + file("<bpmn/>") + part("tenant-id", "someone-else") + "--XyZ--");

        assertThatThrownBy(() -> DeploymentTenant.bind(body, TYPE, ACCOUNT))
                .isInstanceOfSatisfying(DeploymentTenant.Refused.class, e -> assertThat(e.foreign()).isFalse());
    }

    @Test
    void anUnquotedOrUpperCaseNameIsTheSamePart() {
        byte[] unquoted = bytes("--XyZ\r\nContent-Disposition: form-data; name=tenant-id\r\n\r\nsomeone-else\r\n"
                + file("<bpmn/>") + "--XyZ--");
        byte[] upper = bytes("--XyZ\r\nCONTENT-DISPOSITION: form-data; NAME=\"tenant-id\"\r\n\r\nsomeone-else\r\n"
                + file("<bpmn/>") + "--XyZ--");

        assertThatThrownBy(() -> DeploymentTenant.bind(unquoted, TYPE, ACCOUNT))
                .isInstanceOfSatisfying(DeploymentTenant.Refused.class, e -> assertThat(e.foreign()).isTrue());
        assertThatThrownBy(() -> DeploymentTenant.bind(upper, TYPE, ACCOUNT))
                .isInstanceOfSatisfying(DeploymentTenant.Refused.class, e -> assertThat(e.foreign()).isTrue());
    }

    @Test
    void aTenantIdThatTheEngineWouldNotReadAsTextIsRefused() {
        byte[] body = bytes("--XyZ\r\nContent-Disposition: form-data; name=\"tenant-id\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + ACCOUNT + "\r\n" + file("<bpmn/>") + "--XyZ--");

        assertThatThrownBy(() -> DeploymentTenant.bind(body, TYPE, ACCOUNT)).isInstanceOf(DeploymentTenant.Refused.class);
    }

    private static String part(String name, String value) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
    }

    private static String file(String content) {
        return "--XyZ\r\nContent-Disposition: form-data; name=\"data\"; filename=\"flow.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + content + "\r\n";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
