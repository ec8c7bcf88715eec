package dev.consentflow.subscription.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.accounts.Accounts;
import dev.consentflow.contacts.MailingLists;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Registers the signup forms of the repository's {@code forms/*.signup.json} for the {@code default} account at
 * start-up. A form whose list does not exist is registered anyway and logged: lists belong to the marketers,
 * so none is created behind their back; until the list exists, the form's page shows but a post answers
 * {@code 404} ("not available") and writes nothing.
 */
@Component
class RepositoryForms {

    private static final Logger log = LoggerFactory.getLogger(RepositoryForms.class);
    static final String LOCATION = "classpath*:forms/*.signup.json";

    private final SignupForms forms;
    private final Accounts accounts;
    private final MailingLists contacts;
    private final ObjectMapper json;

    RepositoryForms(SignupForms forms, Accounts accounts, MailingLists contacts,
                    ObjectMapper json) {
        this.forms = forms;
        this.accounts = accounts;
        this.contacts = contacts;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    void register() throws IOException {
        AccountId account = accounts.defaultAccount();
        for (Resource file : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
            FormDefinition definition;
            try (InputStream in = file.getInputStream()) {
                definition = json.readValue(in, FormDefinition.class).validated();
            } catch (IOException | RuntimeException e) {
                log.error("Signup form {} is not valid and was not registered: {}", file.getFilename(), e.getMessage());
                continue;
            }
            forms.registerFromRepository(account, definition);
            if (contacts.findList(account, definition.listKey()).isEmpty()) {
                log.warn("Signup form {} names the list {}, which the default account does not have yet: create it "
                        + "with POST /api/lists", definition.key(), definition.listKey());
            }
        }
    }
}
