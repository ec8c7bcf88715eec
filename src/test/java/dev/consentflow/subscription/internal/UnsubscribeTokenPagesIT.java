package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.SubscriptionId;
import dev.consentflow.subscription.UnsubscribeLinks;
import dev.consentflow.support.Api;
import dev.consentflow.support.TestAccounts;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A campaign's page of links at once is the same as link by link: the stored link kept, new ones stored. */
@IntegrationTest
class UnsubscribeTokenPagesIT {

    @LocalServerPort
    int port;
    @Autowired
    UnsubscribeLinks links;
    @Autowired
    UnsubscribeTokens tokens;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aPageOfLinksKeepsTheStoredOnesAndStoresTheNewOnesForEveryLaterMail() {
        AccountId account = AccountId.of(TestAccounts.accountId(TestAccounts.newAccount(Api.at(port))));
        SubscriptionId known = new SubscriptionId(UUID.randomUUID());
        SubscriptionId first = new SubscriptionId(UUID.randomUUID());
        SubscriptionId second = new SubscriptionId(UUID.randomUUID());
        String knownLink = links.unsubscribeUrl(account, known);

        Map<SubscriptionId, String> page = links.unsubscribeUrls(account, List.of(known, first, second));

        assertThat(page).containsOnlyKeys(known, first, second);
        assertThat(page.get(known)).isEqualTo(knownLink);
        assertThat(page.get(first)).isNotEqualTo(page.get(second)).isNotEqualTo(knownLink);
        assertThat(links.unsubscribeUrl(account, first)).isEqualTo(page.get(first));
        assertThat(links.unsubscribeUrls(account, List.of(first, second))).isEqualTo(Map.of(first, page.get(first),
                second, page.get(second)));
        String token = page.get(second).substring(page.get(second).lastIndexOf('/') + 1);
        assertThat(tokens.find(token)).contains(new UnsubscribeTokens.Target(account, second));
        assertThat(jdbc.sql("select count(*) from subscription_unsubscribe_token where account_id = :a")
                .param("a", account.value()).query(Long.class).single()).isEqualTo(3);
    }
}
