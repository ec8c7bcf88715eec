package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.IntegrationTest;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.support.Api;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A form's pages and posts read the form and its list in one statement ({@link StoredForms#withList}): the list
 * found is the one {@link MailingLists#findList} finds for the form's account and first list key, as it is at that
 * read (a change another node made is seen at the next), and none when the account has no list of that key, even
 * when another account has.
 */
@IntegrationTest
class StoredFormsIT {

    @LocalServerPort
    int port;

    @Autowired
    SignupForms forms;

    @Autowired
    MailingLists lists;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    String formKey;
    String listKey;

    @BeforeEach
    void setUp() {
        formKey = Api.at(port).as(Api.ADMIN_KEY).newSignupForm("stored", "Stored News");
        listKey = formKey.substring(0, formKey.length() - "-signup".length());
    }

    @Test
    void theFormsListIsTheOneTheContactsModuleFindsAsItIsNow() {
        SignupForm form = forms.find(formKey).orElseThrow();
        assertThat(form.definition().listKey()).isEqualTo(listKey);
        assertThat(form.list()).isNotNull().isEqualTo(lists.findList(form.account(), listKey).orElseThrow());
        assertThat(form.list().name()).isEqualTo("Stored News");

        // Changed by another node: seen at the next read.
        jdbc.sql("update contacts_list set name = 'Gespeichert', language = 'de', track_opens = true,"
                        + " track_clicks = true where account_id = ? and key = ?")
                .params(form.account().value(), listKey).update();
        ListInfo changed = forms.find(formKey).orElseThrow().list();
        assertThat(changed).isEqualTo(lists.findList(form.account(), listKey).orElseThrow());
        assertThat(changed.name()).isEqualTo("Gespeichert");
        assertThat(changed.language()).isEqualTo("de");
        assertThat(changed.trackOpens()).isTrue();
        assertThat(changed.trackClicks()).isTrue();
        assertThat(forms.find(formKey).orElseThrow().texts().language()).isEqualTo("de");
    }

    @Test
    void aFormNamingAListItsAccountDoesNotHaveHasNoneEvenWhenAnotherAccountHasIt() {
        String missing = "missing-" + UUID.randomUUID().toString().substring(0, 8);
        jdbc.sql("update subscription_form set definition = jsonb_set(definition, '{lists,0}', to_jsonb(?::text))"
                + " where form_key = ?").params(missing, formKey).update();
        SignupForm form = forms.find(formKey).orElseThrow();
        assertThat(form.definition().listKey()).isEqualTo(missing);
        assertThat(form.list()).isNull();

        // Another account's list of that key (only in this transaction, rolled back) is not the form's.
        TransactionTemplate transactions = new TransactionTemplate(transactionManager);
        transactions.executeWithoutResult(tx -> {
            tx.setRollbackOnly();
            UUID other = UUID.randomUUID();
            jdbc.sql("insert into accounts_account (id, name) values (?, ?)").params(other, "other-" + other).update();
            jdbc.sql("insert into contacts_list (id, account_id, key, name, created_at) values (?, ?, ?, 'Other', now())")
                    .params(UUID.randomUUID(), other, missing).update();
            assertThat(forms.find(formKey).orElseThrow().list()).isNull();
            // Its own account's list of that key is.
            jdbc.sql("insert into contacts_list (id, account_id, key, name, created_at) values (?, ?, ?, 'Own', now())")
                    .params(UUID.randomUUID(), form.account().value(), missing).update();
            assertThat(forms.find(formKey).orElseThrow().list()).isNotNull()
                    .isEqualTo(lists.findList(form.account(), missing).orElseThrow());
        });
        assertThat(forms.find("no-such-form-" + UUID.randomUUID().toString().substring(0, 8))).isEmpty();
    }
}
