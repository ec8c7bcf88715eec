package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.Signup;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.web.NotFoundException;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A form post, in the order that writes nothing unless everything holds: the honeypot (a bot gets the answer
 * of a success, and nothing happens), the input, the rate limits, the form's list, then the double opt-in in a
 * transaction of its own (or one shared with posts arriving meanwhile, each answered as if alone). Whether the address was known, confirmed or erased never changes the answer.
 */
@Component
class FormSignups {

    private static final Logger log = LoggerFactory.getLogger(FormSignups.class);

    private final SignupForms forms;
    private final SignupLimits limits;
    private final SignupDesk subscriptions;
    private final GroupCommit groups;

    FormSignups(SignupForms forms, SignupLimits limits, SignupDesk subscriptions, GroupCommit groups) {
        this.forms = forms;
        this.limits = limits;
        this.subscriptions = subscriptions;
        this.groups = groups;
    }

    SignupForm form(String key) {
        return forms.find(key).orElseThrow(() -> new NotFoundException("Form"));
    }

    /** Takes a post; answers normally, or throws InvalidInput, TooManyRequests or NotFound (nothing written). */
    void submit(SignupForm form, Map<String, String> values, String clientIp, String userAgent) {
        if (SignupValues.isBot(values)) {
            log.info("Signup on form {} filled the honeypot: answered, ignored", form.key());
            return;
        }
        Signup signup = SignupValues.parse(form, values, clientIp, userAgent, Instant.now());
        limits.check(clientIp, signup.email() != null ? signup.email() : signup.mobile());
        // The form's list was read with the form, for this request: neither this nor registering looks it up again.
        if (form.list() == null) {
            log.warn("Signup form {} names the list {}, which does not exist", form.key(), signup.listKey());
            throw new NotFoundException("Form");
        }
        // In a transaction of its own, or of a group with the posts that arrive meanwhile (GroupCommit).
        groups.run(() -> subscriptions.signUp(form.account(), signup, form.list()));
    }
}
