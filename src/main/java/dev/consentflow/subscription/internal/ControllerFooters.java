package dev.consentflow.subscription.internal;

import static dev.consentflow.subscription.internal.Pages.escape;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.brands.BrandDirectory;
import dev.consentflow.brands.BrandIdentity;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.subscription.MailFooter;
import dev.consentflow.subscription.MailFooters;
import dev.consentflow.subscription.PublicTexts;
import org.springframework.stereotype.Component;

/**
 * The controller's footer of a list's mail, from its brand record as the pages read it ({@link PageBrand#footer()}):
 * the controller's name (the brand's name where the record names no controller) and address, the privacy policy
 * (an http(s) URL only) and the data-protection address, each line left out where the record has no value. A list
 * whose brand has no record gets none: this server has no controller of its own to name, and its pages name none
 * either.
 */
@Component
class ControllerFooters implements MailFooters {

    private static final String STYLE = "max-width:34rem;margin:24px auto 0;padding-top:12px;"
            + "border-top:1px solid #dddddd;font-size:13px;line-height:1.5;color:#555555";
    private static final String LINK_STYLE = "color:#0b4f94";

    private final BrandDirectory brands;

    ControllerFooters(BrandDirectory brands) {
        this.brands = brands;
    }

    @Override
    public MailFooter of(AccountId account, ListInfo list) {
        return footer(brands.identity(account, list.brand()).orElse(null), PublicTexts.of(list.language()));
    }

    /** The footer of a mail in the name of {@code brand} (null: a list without a brand record). */
    static MailFooter footer(BrandIdentity brand, PublicTexts t) {
        String name = controllerName(brand);
        if (name.isEmpty()) {
            return MailFooter.NONE;
        }
        String address = ListMails.plain(brand.controllerAddress());
        String policy = privacyUrl(brand);
        String email = ListMails.plain(brand.privacyContact());
        StringBuilder text = new StringBuilder(t.text("mail.footer.sender",
                address.isEmpty() ? name : name + ", " + address)).append('\n');
        StringBuilder html = new StringBuilder("<div style=\"").append(STYLE).append("\">\n<p style=\"margin:0\">")
                .append(t.html("mail.footer.sender", "<strong>" + escape(name) + "</strong>"
                        + (address.isEmpty() ? "" : ", " + escape(address))));
        if (!policy.isEmpty()) {
            text.append(t.text("mail.footer.policy", policy)).append('\n');
            html.append("<br>").append(t.html("mail.footer.policy", "<a href=\"" + escape(policy) + "\" style=\""
                    + LINK_STYLE + "\">" + escape(policy) + "</a>"));
        }
        if (!email.isEmpty()) {
            text.append(t.text("mail.footer.questions", email)).append('\n');
            html.append("<br>").append(t.html("mail.footer.questions", "<a href=\"mailto:" + escape(email)
                    + "\" style=\"" + LINK_STYLE + "\">" + escape(email) + "</a>"));
        }
        return new MailFooter(text.toString(), html.append("</p>\n</div>\n").toString());
    }

    /** Who the controller is: its name, else the brand's; empty for a list without a brand record. */
    static String controllerName(BrandIdentity brand) {
        if (brand == null) {
            return "";
        }
        String controller = ListMails.plain(brand.controllerName());
        return controller.isEmpty() ? ListMails.plain(brand.displayName()) : controller;
    }

    /** The brand's privacy policy where it is an http(s) URL a mail may link; empty otherwise. */
    static String privacyUrl(BrandIdentity brand) {
        String url = brand == null ? null : PageBrand.safeUrl(brand.privacyPolicyUrl(), false);
        return url == null ? "" : ListMails.plain(url);
    }
}
