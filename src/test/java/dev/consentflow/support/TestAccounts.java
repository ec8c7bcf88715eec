package dev.consentflow.support;

import java.util.Map;
import java.util.UUID;

/** Fresh accounts for tests that must not share data (isolation) or a chain (audit tampering) with others. */
public final class TestAccounts {

    private TestAccounts() {
    }

    /** Creates an account through the platform operator; answers a client with its ADMIN key. */
    public static Api newAccount(Api anyClient) {
        Api.Answer created = anyClient.as(Api.OPERATOR_KEY)
                .post("/api/accounts", Map.of("name", "test-" + UUID.randomUUID()));
        if (created.status() != 201) {
            throw new IllegalStateException("could not create an account: " + created);
        }
        return anyClient.as(created.json().get("adminKey").asText());
    }

    /** A key of the given role in the account of {@code admin}. */
    public static Api newKey(Api admin, String role) {
        Api.Answer key = admin.post("/api/keys", Map.of("name", role.toLowerCase() + " key", "role", role));
        if (key.status() != 201) {
            throw new IllegalStateException("could not create a key: " + key);
        }
        return admin.as(key.json().get("key").asText());
    }

    public static String accountId(Api client) {
        return client.get("/api/accounts/current").json().get("id").asText();
    }
}
