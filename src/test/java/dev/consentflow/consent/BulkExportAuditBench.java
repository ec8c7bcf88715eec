package dev.consentflow.consent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Not a test: a measurement, run by hand ({@code ./mvnw verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=BulkExportAuditBench}), never by the build. What an operator's approved export of 100,000 people costs the
 * audit log (issue 20 part 3): the per-person EXPORTED entries written in bulk, then chained, then the whole chain
 * verified; one JSON line.
 */
@IntegrationTest
class BulkExportAuditBench {

    static final int PEOPLE = 100_000;

    @LocalServerPort
    int port;
    @Autowired
    AuditLog log;
    @Autowired
    AuditTrail trail;

    @Test
    void oneHundredThousandExportedEntries() {
        AccountId account = new AccountId(UUID.fromString(TestAccounts.accountId(TestAccounts.newAccount(Api.at(port)))));
        List<UUID> people = new ArrayList<>(PEOPLE);
        for (int i = 0; i < PEOPLE; i++) {
            people.add(UUID.randomUUID());
        }
        AuditEntry exported = new AuditEntry(account, null, AuditAction.EXPORTED, "operator:" + UUID.randomUUID(),
                Map.of("requestId", UUID.randomUUID().toString(), "scope", "list", "list", "news", "format", "csv"),
                null);
        long start = System.nanoTime();
        log.appendForEach(exported, people);
        long written = System.nanoTime();
        List<AuditRecord> last = trail.ofSubscriber(account, people.get(PEOPLE - 1));
        long chained = System.nanoTime();
        ChainVerification verified = trail.verify(account);
        long checked = System.nanoTime();
        assertThat(last).hasSize(1);
        assertThat(verified.valid()).isTrue();
        System.out.printf("{\"bench\": \"bulk-export-audit\", \"people\": %d, \"writtenMs\": %d, \"chainedMs\": %d, "
                        + "\"verifiedMs\": %d}%n", PEOPLE, (written - start) / 1_000_000, (chained - written) / 1_000_000,
                (checked - chained) / 1_000_000);
    }
}
