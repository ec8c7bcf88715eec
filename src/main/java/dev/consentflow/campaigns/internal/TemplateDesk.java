package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.campaigns.Templates;
import dev.consentflow.dispatch.StaffMail;
import dev.consentflow.web.NotFoundException;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** {@link Templates}: the one way templates are written, previewed and tested, for API and console. */
@Service
class TemplateDesk implements Templates {

    private final TemplateRows templates;
    private final TemplateChecks checks;
    private final StaffMail mail;

    TemplateDesk(TemplateRows templates, TemplateChecks checks, StaffMail mail) {
        this.templates = templates;
        this.checks = checks;
        this.mail = mail;
    }

    @Override
    public List<TemplateView> templates(AccountId account) {
        return templates.all(account).stream().map(TemplateDesk::view).toList();
    }

    @Override
    public TemplateView template(AccountId account, String key) {
        return templates.byKey(account, key).map(TemplateDesk::view)
                .orElseThrow(() -> new NotFoundException("Template"));
    }

    @Override
    @Transactional
    public TemplateView create(AccountId account, String key, String subject, String html, String text) {
        return view(templates.create(account, key, subject, html, text));
    }

    @Override
    @Transactional
    public TemplateView change(AccountId account, String key, String subject, String html, String text) {
        if (!templates.change(account, key, subject, html, text)) {
            throw new NotFoundException("Template");
        }
        return template(account, key);
    }

    @Override
    public Preview preview(AccountId account, String subject, String html, String text) {
        return checks.preview(account, subject, html, text);
    }

    @Override
    public void sendTest(AccountId account, String key, String to) {
        TemplateRows.Template template = templates.byKey(account, key)
                .orElseThrow(() -> new NotFoundException("Template"));
        checks.refuseUnknown(account, template);
        mail.send(to, checks.sample(account, "[Test] " + template.subject(), template.html(), template.text()));
    }

    static TemplateView view(TemplateRows.Template t) {
        return new TemplateView(t.id(), t.key(), t.subject(), t.html(), t.text(), t.createdAt());
    }
}
