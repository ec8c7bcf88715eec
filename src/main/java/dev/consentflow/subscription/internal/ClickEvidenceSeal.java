package dev.consentflow.subscription.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.keys.KeyRing;
import dev.consentflow.keys.Sealing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/**
 * Seals a click's evidence (it holds an IP and a user agent) while it waits in the confirmation request's row for
 * the process step that hands it to contacts; bound to that row, so it cannot be moved to another one.
 */
@Component
class ClickEvidenceSeal {

    private static final String KEY_PURPOSE = "subscription.click-evidence";

    private final KeyRing keys;
    private final ObjectMapper json;

    ClickEvidenceSeal(KeyRing keys, ObjectMapper json) {
        this.keys = keys;
        this.json = json;
    }

    byte[] seal(AccountId account, String processInstanceId, ConsentEvidence evidence) {
        try {
            return Sealing.seal(keys.derive(KEY_PURPOSE, account, keys.currentVersion()),
                    json.writeValueAsBytes(evidence), processInstanceId.getBytes(StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    ConsentEvidence open(AccountId account, String processInstanceId, byte[] sealed) {
        byte[] plain = Sealing.open(keys.derive(KEY_PURPOSE, account, keys.currentVersion()), sealed,
                processInstanceId.getBytes(StandardCharsets.UTF_8));
        try {
            return json.readValue(plain, ConsentEvidence.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
