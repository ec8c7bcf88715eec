package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ConsentEvidence;
import dev.consentflow.contacts.CustomFields;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.InvalidValue;
import dev.consentflow.contacts.ListInfo;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Signup} checked once more at the module's edge (callers check too, but the store never relies on
 * it): the address or number the channel needs, both parsed, the list of the account, fields and evidence
 * within their limits. The channel's own address identifies the person: the email for EMAIL, the mobile
 * number for SMS.
 */
record CheckedSignup(EmailAddress email, MobileNumber mobile, Channel channel, MailingList list,
                     Map<String, String> fields, Source source, ConsentEvidence evidence) {

    static final int MAX_IP = 45;
    static final int MAX_USER_AGENT = 512;
    static final int MAX_CONSENT_TEXT = 4000;
    static final int MAX_FORM_KEY = 64;

    /** The address that identifies the person on this channel (the other one is only data of the card). */
    EmailAddress identityEmail() {
        return channel == Channel.EMAIL ? email : null;
    }

    MobileNumber identityMobile() {
        return channel == Channel.SMS ? mobile : null;
    }

    /** Checked with the signup's list looked up. */
    static CheckedSignup of(AccountId account, Signup signup, Lists lists) {
        return checked(signup, lists.find(account, signup.listKey()).orElse(null));
    }

    /**
     * Checked with the list the caller already read for this request, when it is the signup's (no second read);
     * a list read for another key is not trusted and the signup's own is looked up. A list is never deleted, and
     * V265 refuses a subscription on another account's list, so the id read a moment ago is as good as one read now.
     */
    static CheckedSignup ofListAsRead(AccountId account, Signup signup, ListInfo listAsRead, Lists lists) {
        return listAsRead.key().equals(signup.listKey())
                ? checked(signup, MailingList.of(account.value(), listAsRead))
                : of(account, signup, lists);
    }

    /** {@code list}: the signup's list of the account, or null when it has none of that key. */
    private static CheckedSignup checked(Signup signup, MailingList list) {
        List<FieldProblem> problems = new ArrayList<>();
        Channel channel = signup.channel() != null ? signup.channel()
                : signup.email() == null && signup.mobile() != null ? Channel.SMS : Channel.EMAIL;
        EmailAddress email = parse(problems, "email", signup.email(), channel == Channel.EMAIL,
                EmailAddress::parse);
        MobileNumber mobile = parse(problems, "mobile", signup.mobile(), channel == Channel.SMS,
                MobileNumber::parse);
        if (list == null) {
            problems.add(new FieldProblem("list", "is not a list of this account"));
        }
        Map<String, String> fields = Map.of();
        try {
            fields = withoutNulls(CustomFields.check("fields", signup.fields()));
        } catch (InvalidInputException e) {
            problems.addAll(e.errors());
        }
        ConsentEvidence evidence = signup.evidence();
        checkEvidence(problems, evidence);
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new CheckedSignup(email, mobile, channel, list, fields,
                signup.source() == null ? Source.API : signup.source(), evidence);
    }

    private static void checkEvidence(List<FieldProblem> problems, ConsentEvidence evidence) {
        if (evidence == null || evidence.at() == null) {
            problems.add(new FieldProblem("at", "is required: when the person gave their consent"));
            return;
        }
        tooLong(problems, "ip", evidence.ip(), MAX_IP);
        tooLong(problems, "userAgent", evidence.userAgent(), MAX_USER_AGENT);
        tooLong(problems, "consentText", evidence.consentText(), MAX_CONSENT_TEXT);
        tooLong(problems, "formKey", evidence.formKey(), MAX_FORM_KEY);
    }

    private static void tooLong(List<FieldProblem> problems, String field, String value, int max) {
        if (value != null && value.length() > max) {
            problems.add(new FieldProblem(field, "is longer than " + max + " characters"));
        }
    }

    private static <T> T parse(List<FieldProblem> problems, String field, String raw, boolean required,
                               java.util.function.Function<String, T> parser) {
        if (raw == null) {
            if (required) {
                problems.add(new FieldProblem(field, "is required for this channel"));
            }
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (InvalidValue e) {
            problems.add(new FieldProblem(field, e.getMessage()));
            return null;
        }
    }

    private static Map<String, String> withoutNulls(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null && !value.isEmpty()) {
                out.put(name, value);
            }
        });
        return out;
    }
}
