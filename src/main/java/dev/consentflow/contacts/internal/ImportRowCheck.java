package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.CustomFields;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.ImportOutcome;
import dev.consentflow.contacts.ImportRow;
import dev.consentflow.contacts.InvalidValue;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.web.InvalidInputException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One import row checked with the API's rules: the address the list's channel needs ({@code email} for EMAIL,
 * {@code mobile} for SMS) parsed, the other one parsed when given, the fields checked by {@link CustomFields}
 * (an empty cell is no value: it changes nothing). A row that breaks a rule carries its rejection, naming the
 * column and the rule, never the value. Holds the blind indexes the chunk looks the row up by.
 */
final class ImportRowCheck {

    private final long row;
    private final Channel channel;
    private final EmailAddress email;
    private final MobileNumber mobile;
    private final Map<String, String> fields;
    private final ImportOutcome rejection;
    private final ByteBuffer identity;
    private final ByteBuffer other;
    private final List<byte[]> identityCandidates;
    private final List<byte[]> otherCandidates;
    /** The row's place in its chunk. */
    int position;

    private ImportRowCheck(long row, Channel channel, EmailAddress email, MobileNumber mobile,
                           Map<String, String> fields, ImportOutcome rejection, AccountId account, BlindIndex index) {
        this.row = row;
        this.channel = channel;
        this.email = email;
        this.mobile = mobile;
        this.fields = fields;
        this.rejection = rejection;
        if (rejection != null) {
            identity = other = null;
            identityCandidates = otherCandidates = List.of();
            return;
        }
        List<byte[]> emails = email == null ? List.of() : index.emailCandidates(account, email);
        List<byte[]> mobiles = mobile == null ? List.of() : index.mobileCandidates(account, mobile);
        identityCandidates = channel == Channel.EMAIL ? emails : mobiles;
        otherCandidates = channel == Channel.EMAIL ? mobiles : emails;
        identity = ByteBuffer.wrap(identityCandidates.get(0));
        other = otherCandidates.isEmpty() ? null : ByteBuffer.wrap(otherCandidates.get(0));
    }

    static ImportRowCheck of(ImportRow row, Channel channel, AccountId account, BlindIndex index) {
        EmailAddress email = null;
        MobileNumber mobile = null;
        String emailText = blankToNull(row.email());
        String mobileText = blankToNull(row.mobile());
        try {
            if (emailText == null && channel == Channel.EMAIL) {
                return rejected(row, channel, "email", "is required");
            }
            if (mobileText == null && channel == Channel.SMS) {
                return rejected(row, channel, "mobile", "is required");
            }
            email = emailText == null ? null : parse("email", emailText, EmailAddress::parse);
            mobile = mobileText == null ? null : parse("mobile", mobileText, MobileNumber::parse);
        } catch (Rejected e) {
            return rejected(row, channel, e.field, e.getMessage());
        }
        Map<String, String> fields = new LinkedHashMap<>();
        try {
            CustomFields.check("fields", row.fields()).forEach((name, value) -> {
                if (value != null && !value.isEmpty()) {
                    fields.put(name, value);
                }
            });
        } catch (InvalidInputException e) {
            InvalidInputException.FieldProblem problem = e.errors().get(0);
            String field = problem.field().startsWith("fields.") ? problem.field().substring(7) : problem.field();
            return rejected(row, channel, field, problem.message());
        }
        return new ImportRowCheck(row.row(), channel, email, mobile, Map.copyOf(fields), null, account, index);
    }

    private static ImportRowCheck rejected(ImportRow row, Channel channel, String field, String reason) {
        return new ImportRowCheck(row.row(), channel, null, null, Map.of(),
                ImportOutcome.rejected(row.row(), field, reason), null, null);
    }

    /**
     * This new card's values with a later row of the same address applied (given values win); this very object
     * when the later row changes nothing.
     */
    ImportRowCheck mergedWith(ImportRowCheck later) {
        Map<String, String> merged = new LinkedHashMap<>(fields);
        merged.putAll(later.fields);
        EmailAddress newEmail = later.email != null ? later.email : email;
        MobileNumber newMobile = later.mobile != null ? later.mobile : mobile;
        boolean same = merged.equals(fields)
                && Objects.equals(newEmail == null ? null : newEmail.value(), email == null ? null : email.value())
                && Objects.equals(newMobile == null ? null : newMobile.value(), mobile == null ? null : mobile.value());
        if (same) {
            return this;
        }
        ImportRowCheck next = new ImportRowCheck(row, channel, newEmail, newMobile, Map.copyOf(merged), null, null,
                null, identity, later.otherOr(this));
        next.position = position;
        return next;
    }

    private ByteBuffer otherOr(ImportRowCheck earlier) {
        return other != null ? other : earlier.other;
    }

    private ImportRowCheck(long row, Channel channel, EmailAddress email, MobileNumber mobile,
                           Map<String, String> fields, ImportOutcome rejection, List<byte[]> identityCandidates,
                           List<byte[]> otherCandidates, ByteBuffer identity, ByteBuffer other) {
        this.row = row;
        this.channel = channel;
        this.email = email;
        this.mobile = mobile;
        this.fields = fields;
        this.rejection = rejection;
        this.identityCandidates = identityCandidates == null ? List.of() : identityCandidates;
        this.otherCandidates = otherCandidates == null ? List.of() : otherCandidates;
        this.identity = identity;
        this.other = other;
    }

    private static <T> T parse(String field, String raw, java.util.function.Function<String, T> parser) {
        try {
            return parser.apply(raw);
        } catch (InvalidValue e) {
            throw new Rejected(field, e.getMessage());
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    long row() {
        return row;
    }

    EmailAddress email() {
        return email;
    }

    MobileNumber mobile() {
        return mobile;
    }

    Map<String, String> fields() {
        return fields;
    }

    ImportOutcome rejection() {
        return rejection;
    }

    /** The current blind index of the address that identifies the person on the list's channel. */
    ByteBuffer identity() {
        return identity;
    }

    /** The current blind index of the other address, or null. */
    ByteBuffer other() {
        return other;
    }

    /** The email address's blind index under the current version ({@link BlindIndex#email}), or null. */
    byte[] emailIndex() {
        ByteBuffer index = channel == Channel.EMAIL ? identity : other;
        return email == null || index == null ? null : index.array();
    }

    /** The mobile number's blind index under the current version ({@link BlindIndex#mobile}), or null. */
    byte[] mobileIndex() {
        ByteBuffer index = channel == Channel.EMAIL ? other : identity;
        return mobile == null || index == null ? null : index.array();
    }

    List<byte[]> identityCandidates() {
        return identityCandidates;
    }

    List<byte[]> otherCandidates() {
        return otherCandidates;
    }

    String identityField() {
        return channel == Channel.EMAIL ? "email" : "mobile";
    }

    String otherField() {
        return channel == Channel.EMAIL ? "mobile" : "email";
    }

    /** The lock a signup of this address takes ({@link Cards#lockAddress}). */
    long lockKey() {
        return identity.getLong(0);
    }

    private static final class Rejected extends RuntimeException {
        private final String field;

        Rejected(String field, String reason) {
            super(reason, null, false, false);
            this.field = field;
        }
    }
}
