package dev.consentflow.subscription.internal;

import dev.consentflow.dispatch.Channel;
import dev.consentflow.web.ClientAddress;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The checked values of an API subscription: an address or a mobile number (both may come; the channel is SMS
 * only when there is no address), a list key, plain custom fields, and the person's IP as the integration saw it.
 */
record ApiSignup(String email, String mobile, Channel channel, String listKey, Map<String, String> fields, String ip,
                 String consentText) {

    private static final Pattern LIST_KEY = Pattern.compile("[a-z0-9-]{1,64}");
    private static final Pattern FIELD = Pattern.compile("[a-zA-Z][a-zA-Z0-9]{0,39}");

    static ApiSignup parse(String email, String mobile, String list, Map<String, String> fields, String ip,
                           String consentText) {
        List<FieldProblem> problems = new ArrayList<>();
        String checkedEmail = null;
        String checkedMobile = null;
        if (email == null && mobile == null) {
            problems.add(new FieldProblem("email", "an email or a mobile number is required"));
        }
        if (email != null) {
            String problem = SignupValues.hasControlCharacters(email) ? "must not contain line breaks or control characters"
                    : AddressValidation.problemWithEmail(email.strip());
            if (problem != null) {
                problems.add(new FieldProblem("email", problem));
            } else {
                checkedEmail = AddressValidation.email(email.strip());
            }
        }
        if (mobile != null) {
            checkedMobile = AddressValidation.mobile(mobile);
            if (checkedMobile == null) {
                problems.add(new FieldProblem("mobile", "must be an international number such as +4512345678"));
            }
        }
        if (list == null || !LIST_KEY.matcher(list).matches()) {
            problems.add(new FieldProblem("list", "must be a list key of 1 to 64 of a-z, 0-9 and -"));
        }
        Map<String, String> checkedFields = new LinkedHashMap<>();
        if (fields != null) {
            if (fields.size() > 20) {
                problems.add(new FieldProblem("fields", "may hold at most 20 fields"));
            }
            fields.forEach((name, value) -> {
                if (!FIELD.matcher(name).matches() || FormDefinition.RESERVED.contains(name.toLowerCase())) {
                    problems.add(new FieldProblem("fields", "holds a name that is not a plain field name"));
                } else if (value != null && (value.length() > 200 || SignupValues.hasControlCharacters(value))) {
                    problems.add(new FieldProblem("fields." + name, "must be at most 200 characters on one line"));
                } else if (value != null) {
                    checkedFields.put(name, value.strip());
                }
            });
        }
        if (ip != null && !ClientAddress.isLiteral(ip)) {
            problems.add(new FieldProblem("ip", "must be an IPv4 or IPv6 address"));
        }
        if (consentText != null && (consentText.length() > 2000 || SignupValues.hasControlCharacters(consentText))) {
            problems.add(new FieldProblem("consentText", "must be at most 2000 characters on one line"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        Channel channel = checkedEmail == null ? Channel.SMS : Channel.EMAIL;
        return new ApiSignup(checkedEmail, checkedMobile, channel, list, Map.copyOf(checkedFields), ip, consentText);
    }
}
