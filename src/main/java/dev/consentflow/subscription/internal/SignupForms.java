package dev.consentflow.subscription.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.subscription.FormKeyTaken;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The registry of signup forms: by key for the public pages, by account for the API. */
@Component
class SignupForms {

    private static final Logger log = LoggerFactory.getLogger(SignupForms.class);

    private final StoredFormRepository forms;
    private final ObjectMapper json;

    SignupForms(StoredFormRepository forms, ObjectMapper json) {
        this.forms = forms;
        this.json = json;
    }

    /** A form as the public pages use it; {@code allowedOrigins} may post to it with fetch and frame it. */
    record SignupForm(AccountId account, int version, FormDefinition definition, List<String> allowedOrigins) {

        SignupForm {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }

        SignupForm(AccountId account, int version, FormDefinition definition) {
            this(account, version, definition, List.of());
        }

        String key() {
            return definition.key();
        }
    }

    Optional<SignupForm> find(String key) {
        return forms.findByKey(key).map(this::toForm);
    }

    List<SignupForm> ofAccount(AccountId account) {
        return forms.findByAccount(account.value()).stream().map(this::toForm).toList();
    }

    SignupForm create(AccountId account, FormDefinition definition) {
        if (forms.insert(UUID.randomUUID(), account.value(), definition.key(), write(definition), "API") == 0) {
            throw new FormKeyTaken("The form key " + definition.key() + " is taken");
        }
        return new SignupForm(account, 1, definition);
    }

    /** A definition from the repository's forms/ folder: created, or a new version when it changed. */
    void registerFromRepository(AccountId account, FormDefinition definition) {
        Optional<StoredForm> stored = forms.findByKey(definition.key());
        if (stored.isEmpty()) {
            forms.insert(UUID.randomUUID(), account.value(), definition.key(), write(definition), "REPOSITORY");
            log.info("Registered signup form {} from forms/", definition.key());
        } else if (!stored.get().accountId().equals(account.value())) {
            log.warn("Signup form {} in forms/ is not registered: another account has this key", definition.key());
        } else if (!toForm(stored.get()).definition().equals(definition)) {
            forms.newVersion(definition.key(), account.value(), stored.get().version(), write(definition));
            log.info("Signup form {} changed in forms/: version {}", definition.key(), stored.get().version() + 1);
        }
    }

    /** Sets the form's allowed origins; false when the account has no form of this key. */
    boolean setAllowedOrigins(AccountId account, String key, List<String> origins) {
        return forms.setAllowedOrigins(key, account.value(), String.join(" ", origins)) == 1;
    }

    private SignupForm toForm(StoredForm stored) {
        try {
            String origins = stored.allowedOrigins() == null ? "" : stored.allowedOrigins().strip();
            return new SignupForm(new AccountId(stored.accountId()), stored.version(),
                    json.readValue(stored.definition(), FormDefinition.class),
                    origins.isEmpty() ? List.of() : List.of(origins.split(" ")));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form " + stored.formKey() + " is not readable", e);
        }
    }

    private String write(FormDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
