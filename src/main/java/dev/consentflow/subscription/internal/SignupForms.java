package dev.consentflow.subscription.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.PublicTexts;
import dev.consentflow.subscription.FormChangedMeanwhile;
import dev.consentflow.subscription.FormKeyTaken;
import dev.consentflow.web.NotFoundException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** The registry of signup forms: by key for the public pages, by account for the API. */
@Component
class SignupForms {

    private static final Logger log = LoggerFactory.getLogger(SignupForms.class);

    /** More forms than this and the parsed definitions are forgotten and parsed again as they are read. */
    static final int PARSED_FORMS = 10_000;

    private final StoredFormRepository forms;
    private final StoredForms byKey;
    private final ObjectMapper json;
    private final MailingLists contacts;
    /**
     * Each form's definition as last parsed, by the form's id, with the text it was parsed from: a form read again
     * with the same text (every post to it) is not parsed again. The text read is always compared, so a change by
     * any node is parsed at its next read.
     */
    private final Map<UUID, Parsed> parsed = new ConcurrentHashMap<>();

    private record Parsed(String text, FormDefinition definition) {
    }

    SignupForms(StoredFormRepository forms, StoredForms byKey, ObjectMapper json, MailingLists contacts) {
        this.forms = forms;
        this.byKey = byKey;
        this.json = json;
        this.contacts = contacts;
    }

    /**
     * A form as the public pages use it, with its list (null while the list does not exist): the list's language
     * is the form's, and a tracked list's consent text says so; {@code allowedOrigins} may post to it with fetch
     * and frame it.
     */
    record SignupForm(AccountId account, int version, FormDefinition definition, ListInfo list,
                      List<String> allowedOrigins) {

        SignupForm {
            allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
        }

        SignupForm(AccountId account, int version, FormDefinition definition, ListInfo list) {
            this(account, version, definition, list, List.of());
        }

        SignupForm(AccountId account, int version, FormDefinition definition) {
            this(account, version, definition, null, List.of());
        }

        String key() {
            return definition.key();
        }

        PublicTexts texts() {
            return PublicTexts.of(list == null ? null : list.language());
        }

        String title() {
            return definition.title() == null || definition.title().isBlank() ? texts().text("form.title")
                    : definition.title();
        }

        /**
         * The consent text the person sees next to the checkbox, recorded word for word as evidence: the form's
         * own, or the default in the list's language; and, when the list's mail is tracked, the sentence that
         * says what is recorded (ePrivacy: tracking needs this consent).
         */
        String consentText() {
            PublicTexts t = texts();
            String text = definition.consentText() != null && !definition.consentText().isBlank()
                    ? definition.consentText() : t.text("form.consent." + definition.channel().name(), title());
            if (list == null || !list.tracked() || definition.channel() != Channel.EMAIL) {
                return text;
            }
            String what = list.trackOpens() && list.trackClicks() ? "both" : list.trackOpens() ? "opens" : "clicks";
            return text + " " + t.text("form.tracking." + what);
        }
    }

    /** The form and its list, read together (one statement, {@link StoredForms#withList}). */
    Optional<SignupForm> find(String key) {
        return byKey.withList(key).map(read -> toForm(read.form(), read.list()));
    }

    List<SignupForm> ofAccount(AccountId account) {
        return forms.findByAccount(account.value()).stream().map(this::toForm).toList();
    }

    SignupForm create(AccountId account, FormDefinition definition) {
        if (forms.insert(UUID.randomUUID(), account.value(), definition.key(), write(definition), "API") == 0) {
            throw new FormKeyTaken("The form key " + definition.key() + " is taken");
        }
        return new SignupForm(account, 1, definition, list(account, definition));
    }

    /** A new version of a form of this account; a 404 when it has none with the key, a 409 when another change won. */
    SignupForm change(AccountId account, FormDefinition definition) {
        StoredForm stored = byKey.byKey(definition.key()).filter(f -> f.accountId().equals(account.value()))
                .orElseThrow(() -> new NotFoundException("Form"));
        if (forms.newVersion(definition.key(), account.value(), stored.version(), write(definition)) == 0) {
            throw new FormChangedMeanwhile("The form " + definition.key() + " changed meanwhile: read it again");
        }
        return new SignupForm(account, stored.version() + 1, definition, list(account, definition), origins(stored));
    }

    /** A definition from the repository's forms/ folder: created, or a new version when it changed. */
    void registerFromRepository(AccountId account, FormDefinition definition) {
        Optional<StoredForm> stored = byKey.byKey(definition.key());
        if (stored.isEmpty()) {
            forms.insert(UUID.randomUUID(), account.value(), definition.key(), write(definition), "REPOSITORY");
            log.info("Registered signup form {} from forms/", definition.key());
        } else if (!stored.get().accountId().equals(account.value())) {
            log.warn("Signup form {} in forms/ is not registered: another account has this key", definition.key());
        } else if (!definition(stored.get()).equals(definition)) {
            forms.newVersion(definition.key(), account.value(), stored.get().version(), write(definition));
            log.info("Signup form {} changed in forms/: version {}", definition.key(), stored.get().version() + 1);
        }
    }

    /** Sets the form's allowed origins; false when the account has no form of this key. */
    boolean setAllowedOrigins(AccountId account, String key, List<String> origins) {
        return forms.setAllowedOrigins(key, account.value(), String.join(" ", origins)) == 1;
    }

    private static List<String> origins(StoredForm stored) {
        String origins = stored.allowedOrigins() == null ? "" : stored.allowedOrigins().strip();
        return origins.isEmpty() ? List.of() : List.of(origins.split(" "));
    }

    private SignupForm toForm(StoredForm stored) {
        return toForm(stored, list(new AccountId(stored.accountId()), definition(stored)));
    }

    /** A form whose list was read with it (null: none), the definition's first as {@link #list} would find it. */
    private SignupForm toForm(StoredForm stored, ListInfo list) {
        return new SignupForm(new AccountId(stored.accountId()), stored.version(), definition(stored),
                list, origins(stored));
    }

    private FormDefinition definition(StoredForm stored) {
        Parsed known = parsed.get(stored.id());
        if (known != null && known.text().equals(stored.definition())) {
            return known.definition();
        }
        FormDefinition definition;
        try {
            definition = json.readValue(stored.definition(), FormDefinition.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored form " + stored.formKey() + " is not readable", e);
        }
        if (parsed.size() >= PARSED_FORMS) {
            parsed.clear();
        }
        parsed.put(stored.id(), new Parsed(stored.definition(), definition));
        return definition;
    }

    private ListInfo list(AccountId account, FormDefinition definition) {
        return definition.lists().isEmpty() ? null : contacts.findList(account, definition.listKey()).orElse(null);
    }

    private String write(FormDefinition definition) {
        try {
            return json.writeValueAsString(definition);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
