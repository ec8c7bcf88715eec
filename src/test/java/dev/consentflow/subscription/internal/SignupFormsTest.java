package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.dispatch.Channel;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A form's stored definition is parsed once per text: the same text again is not parsed, a changed one is. */
class SignupFormsTest {

    private final StoredForms stored = mock(StoredForms.class);
    private final MailingLists lists = mock(MailingLists.class);
    private final StoredFormRepository repository = mock(StoredFormRepository.class);
    private final SignupForms forms = new SignupForms(repository, stored, new ObjectMapper(), lists);
    private final UUID id = UUID.randomUUID();
    private final UUID account = UUID.randomUUID();

    @Test
    void theSameTextIsParsedOnceAndAChangedTextAgain() {
        reads(1, "Acme news");
        FormDefinition first = forms.find("news-signup").orElseThrow().definition();
        FormDefinition again = forms.find("news-signup").orElseThrow().definition();

        reads(2, "Acme weekly");
        FormDefinition changed = forms.find("news-signup").orElseThrow().definition();

        assertThat(again).isSameAs(first);
        assertThat(first.title()).isEqualTo("Acme news");
        assertThat(changed.title()).isEqualTo("Acme weekly");
        assertThat(changed.lists()).containsExactly("news");
        assertThat(changed.channel()).isEqualTo(Channel.EMAIL);
    }

    /** forms/ at start-up: an unchanged definition writes nothing and reads no list; a changed one a new version. */
    @Test
    void aRepositoryFormIsComparedByItsDefinitionAlone() throws Exception {
        String text = """
                {"key": "news-signup", "lists": ["news"], "channel": "EMAIL", "fields": [], "title": "Acme news"}""";
        when(stored.byKey("news-signup")).thenReturn(Optional.of(new StoredForm(id, account, "news-signup", 4, text,
                "REPOSITORY", null)));
        ObjectMapper json = new ObjectMapper();

        forms.registerFromRepository(new AccountId(account), json.readValue(text, FormDefinition.class));
        verifyNoInteractions(repository, lists);

        forms.registerFromRepository(new AccountId(account),
                json.readValue(text.replace("Acme news", "Acme weekly"), FormDefinition.class));
        verify(repository).newVersion(eq("news-signup"), eq(account), eq(4), anyString());
        verifyNoInteractions(lists);
    }

    private void reads(int version, String title) {
        String definition = """
                {"key": "news-signup", "lists": ["news"], "channel": "EMAIL", "fields": [], "title": "%s"}"""
                .formatted(title);
        when(stored.withList("news-signup")).thenReturn(Optional.of(new StoredForms.WithList(new StoredForm(id,
                account, "news-signup", version, definition, "API", null), null)));
    }
}
