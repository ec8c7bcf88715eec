package dev.consentflow.subscription;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.consent.SignupFunnels.FormFunnel;
import dev.consentflow.dispatch.Channel;
import java.util.List;

/**
 * The account's signup forms as marketers manage them ({@code /api/forms} and the console's form screen): created,
 * changed (every change a new version, which consent evidence names), and their conversion.
 */
public interface SignupFormAdmin {

    /** What a marketer writes; title and consent text may be null (the defaults apply). */
    record FormSpec(String key, List<String> lists, Channel channel, List<String> fields, String title,
                    String consentText) {
    }

    /**
     * A form as it is now: its public page {@code url}, the {@code embedScript} to put on a site, and the sites
     * ({@code allowedOrigins}) that may post to it with fetch and show it in an iframe.
     */
    record FormInfo(String key, List<String> lists, Channel channel, List<String> fields, String title,
                    String consentText, int version, String url, String embedScript, List<String> allowedOrigins) {
    }

    List<FormInfo> forms(AccountId account);

    /** A form of the account; a 404 for any other key. */
    FormInfo form(AccountId account, String key);

    /** A 400 naming every problem, a 409 when the key is taken (keys are unique across the platform). */
    FormInfo create(AccountId account, FormSpec spec);

    /** A new version of a form of the account, with the same rules as {@link #create}. */
    FormInfo change(AccountId account, FormSpec spec);

    /** Sets the sites that may post to the form with fetch (CORS) and frame it; a 404 for another key. */
    FormInfo allowOrigins(AccountId account, String key, List<String> origins);

    /** Posts that created a subscription, how many were confirmed, how many expired unconfirmed. */
    FormFunnel conversion(AccountId account, String key);
}
