package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CheckedSignupTest {

    private static final AccountId ACCOUNT = new AccountId(UUID.randomUUID());
    private static final ListInfo NEWS = new ListInfo(UUID.randomUUID(), "news", "News", "acme", "da", true, false);

    private final Lists lists = mock(Lists.class);

    private static Signup signupTo(String listKey) {
        return new Signup("anna@example.dk", null, Channel.EMAIL, listKey, Map.of(), Source.WEBFORM,
                new ConsentEvidence(Instant.now(), "203.0.113.7", "test", "news-signup", 1, "Yes, send me news"));
    }

    @Test
    void theListTheFormReadForThisRequestIsTakenAsItIsWithoutReadingItAgain() {
        CheckedSignup checked = CheckedSignup.ofListAsRead(ACCOUNT, signupTo("news"), NEWS, lists);

        verify(lists, never()).find(any(), any());
        assertThat(checked.list().id()).isEqualTo(NEWS.id());
        assertThat(checked.list().accountId()).isEqualTo(ACCOUNT.value());
        assertThat(checked.list().info()).isEqualTo(NEWS);
    }

    @Test
    void aListReadForAnotherKeyIsNotTrustedAndTheSignupsOwnListIsLookedUp() {
        MailingList offers = new MailingList(UUID.randomUUID(), ACCOUNT.value(), "offers", "Offers", "acme",
                Instant.now(), "en", false, false);
        when(lists.find(ACCOUNT, "offers")).thenReturn(Optional.of(offers));

        CheckedSignup checked = CheckedSignup.ofListAsRead(ACCOUNT, signupTo("offers"), NEWS, lists);

        assertThat(checked.list()).isEqualTo(offers);
    }

    @Test
    void withoutAListReadBeforeTheListIsLookedUpAsAlways() {
        MailingList news = MailingList.of(ACCOUNT.value(), NEWS);
        when(lists.find(ACCOUNT, "news")).thenReturn(Optional.of(news));

        assertThat(CheckedSignup.of(ACCOUNT, signupTo("news"), lists).list()).isEqualTo(news);
    }
}
