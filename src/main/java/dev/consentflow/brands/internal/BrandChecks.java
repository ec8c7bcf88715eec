package dev.consentflow.brands.internal;

import dev.consentflow.brands.BrandRecords.BrandRequest;
import dev.consentflow.brands.BrandRecords.Controller;
import dev.consentflow.brands.BrandRecords.From;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The rules of a brand as {@code POST /api/brands}, {@code PUT /api/brands/{key}} and the console's brand form take
 * it ({@link BrandRequest}, in API.md section 10's names): {@link #checked} answers every problem at once
 * ({@code 400}) and the values as stored (trimmed, addresses and colour normalised).
 */
final class BrandChecks {

    static final Pattern KEY = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern HOST = Pattern.compile("([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63}");
    private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cntrl}\\u0085\\u2028\\u2029]");

    private BrandChecks() {
    }

    /** The values to store; the key is the path's for an update. */
    record Checked(String key, String displayName, String controllerName, String controllerAddress,
                   String privacyContact, String privacyPolicyUrl, String logoUrl, String accentColour,
                   String fromName, String fromAddress, String replyTo, String sendingDomain) {
    }

    static Checked checked(BrandRequest request, String pathKey) {
        List<FieldProblem> problems = new ArrayList<>();
        String key = request.key();
        String name = request.name();
        String replyTo = request.replyTo();
        String color = request.color();
        String brandKey = pathKey != null ? pathKey : key;
        if (brandKey == null || !KEY.matcher(brandKey).matches()) {
            problems.add(new FieldProblem("key", "must be 1 to 100 of letters, digits, '.', '_' and '-'"));
        }
        if (name == null || name.isBlank()) {
            problems.add(new FieldProblem("name", "is required"));
        }
        text("name", name, 200, problems);
        Controller c = request.controller() == null ? new Controller(null, null, null) : request.controller();
        From s = request.from() == null ? new From(null, null) : request.from();
        text("controller.name", c.name(), 200, problems);
        text("controller.address", c.address(), 500, problems);
        text("from.name", s.name(), 200, problems);
        String contact = address("controller.email", c.email(), problems);
        String fromAddress = address("from.address", s.address(), problems);
        String reply = address("replyTo", replyTo, problems);
        String policy = url("privacyUrl", request.privacyUrl(), false, problems);
        String logo = url("logoUrl", request.logoUrl(), true, problems);
        String colour = blank(color) ? null : color.strip();
        if (colour != null && !COLOUR.matcher(colour).matches()) {
            problems.add(new FieldProblem("color", "must be a colour as #rrggbb"));
        }
        String sendingDomain = request.domain();
        String domain = blank(sendingDomain) ? null : sendingDomain.strip().toLowerCase(Locale.ROOT);
        if (domain != null) {
            try {
                domain = java.net.IDN.toASCII(domain, java.net.IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
            } catch (RuntimeException e) {
                domain = sendingDomain;
            }
            if (!HOST.matcher(domain).matches() || domain.length() > 253) {
                problems.add(new FieldProblem("domain", "must be a domain name such as mail.acme.example"));
            } else if (fromAddress == null) {
                problems.add(new FieldProblem("from.address", "is required with a sending domain"));
            } else if (!aligned(fromAddress, domain)) {
                problems.add(new FieldProblem("from.address",
                        "must be of the sending domain or a subdomain of it (DMARC alignment)"));
            }
        }
        if (reply != null && fromAddress == null) {
            problems.add(new FieldProblem("from.address", "is required with a Reply-To"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidInputException(problems);
        }
        return new Checked(brandKey, name.strip(), trim(c.name()), trim(c.address()), contact, policy, logo,
                colour == null ? null : colour.toLowerCase(Locale.ROOT), trim(s.name()), fromAddress, reply, domain);
    }

    private static boolean aligned(String address, String domain) {
        String own = address.substring(address.lastIndexOf('@') + 1);
        return own.equals(domain) || own.endsWith("." + domain);
    }

    private static void text(String field, String value, int max, List<FieldProblem> problems) {
        if (value != null && (value.length() > max || LINE_BREAKING.matcher(value).find())) {
            problems.add(new FieldProblem(field, "must be at most " + max + " characters on one line"));
        }
    }

    private static String address(String field, String value, List<FieldProblem> problems) {
        if (blank(value)) {
            return null;
        }
        try {
            return EmailAddress.parse(value).value();
        } catch (RuntimeException e) {
            problems.add(new FieldProblem(field, "must be a mail address: " + e.getMessage()));
            return null;
        }
    }

    private static String url(String field, String value, boolean httpsOnly, List<FieldProblem> problems) {
        if (blank(value)) {
            return null;
        }
        String url = value.strip();
        try {
            URI uri = new URI(url);
            boolean scheme = "https".equalsIgnoreCase(uri.getScheme())
                    || (!httpsOnly && "http".equalsIgnoreCase(uri.getScheme()));
            if (scheme && uri.getHost() != null && url.length() <= 2000 && uri.getRawUserInfo() == null) {
                return url;
            }
        } catch (java.net.URISyntaxException e) {
            // answered below
        }
        problems.add(new FieldProblem(field, httpsOnly ? "must be an https URL" : "must be an http or https URL"));
        return null;
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String trim(String value) {
        return blank(value) ? null : value.strip();
    }
}
