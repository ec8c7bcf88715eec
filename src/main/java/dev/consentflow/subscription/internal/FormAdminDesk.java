package dev.consentflow.subscription.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.SignupFunnels;
import dev.consentflow.consent.SignupFunnels.FormFunnel;
import dev.consentflow.contacts.MailingLists;
import dev.consentflow.subscription.SignupFormAdmin;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link SignupFormAdmin}: the one way forms are created and changed, for the API and the console alike. */
@Service
class FormAdminDesk implements SignupFormAdmin {

    private final SignupForms forms;
    private final MailingLists contacts;
    private final SignupFunnels funnels;
    private final String publicUrl;

    FormAdminDesk(SignupForms forms, MailingLists contacts, SignupFunnels funnels,
                  @Value("${consentflow.public-url}") String publicUrl) {
        this.forms = forms;
        this.contacts = contacts;
        this.funnels = funnels;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    @Override
    public List<FormInfo> forms(AccountId account) {
        return forms.ofAccount(account).stream().map(this::info).toList();
    }

    @Override
    public FormInfo form(AccountId account, String key) {
        return forms.find(key).filter(f -> f.account().equals(account)).map(this::info)
                .orElseThrow(() -> new NotFoundException("Form"));
    }

    @Override
    @Transactional
    public FormInfo create(AccountId account, FormSpec spec) {
        return info(forms.create(account, checked(account, spec)));
    }

    @Override
    @Transactional
    public FormInfo change(AccountId account, FormSpec spec) {
        return info(forms.change(account, checked(account, spec)));
    }

    @Override
    @Transactional
    public FormInfo allowOrigins(AccountId account, String key, List<String> origins) {
        if (!forms.setAllowedOrigins(account, key, AllowedOrigins.checked(origins))) {
            throw new NotFoundException("Form");
        }
        return form(account, key);
    }

    @Override
    public FormFunnel conversion(AccountId account, String key) {
        return funnels.ofForm(account, form(account, key).key());
    }

    private FormDefinition checked(AccountId account, FormSpec spec) {
        FormDefinition definition = new FormDefinition(spec.key(), spec.lists(), spec.channel(), spec.fields(),
                blankAsNull(spec.title()), blankAsNull(spec.consentText())).validated();
        if (contacts.findList(account, definition.listKey()).isEmpty()) {
            throw new InvalidInputException("lists", "names a list this account does not have");
        }
        return definition;
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private FormInfo info(SignupForm form) {
        FormDefinition d = form.definition();
        String url = publicUrl + "/f/" + d.key();
        return new FormInfo(d.key(), d.lists(), d.channel(), d.fields(), form.title(), form.consentText(),
                form.version(), url, url + "/embed.js", form.allowedOrigins());
    }
}
