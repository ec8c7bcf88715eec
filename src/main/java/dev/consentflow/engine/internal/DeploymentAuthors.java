package dev.consentflow.engine.internal;

import dev.consentflow.accounts.Caller;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Who deployed an account's flow: the key (or console user) signed in when the engine accepted it, noted in the
 * deploying transaction ({@link AccountFlowDeployer}), so a refused deployment leaves no row.
 */
@Component
class DeploymentAuthors {

    /** The author of a deployment made through the Java API, with nobody signed in. */
    static final String SERVER = "system:server";

    private final JdbcClient jdbc;

    DeploymentAuthors(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String deploymentId, String account) {
        UUID accountId;
        try {
            accountId = UUID.fromString(account);
        } catch (IllegalArgumentException e) {
            return; // a tenant that is no account
        }
        jdbc.sql(EngineSql.INSERT_DEPLOYMENT_AUTHOR).param("deploymentId", deploymentId)
                .param("accountId", accountId)
                .param("actor", Caller.current().map(Caller::actor).orElse(SERVER)).update();
    }

    /** Deployment id → actor, for every deployment of the account that has one. */
    Map<String, String> of(UUID account) {
        Map<String, String> authors = new HashMap<>();
        jdbc.sql(EngineSql.FIND_DEPLOYMENT_AUTHORS).param("accountId", account)
                .query((rs, n) -> authors.put(rs.getString("deployment_id"), rs.getString("actor"))).list();
        return authors;
    }
}
