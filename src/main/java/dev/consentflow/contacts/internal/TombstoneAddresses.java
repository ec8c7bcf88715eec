package dev.consentflow.contacts.internal;

import dev.consentflow.NamedSql;
import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.EmailAddress;
import dev.consentflow.contacts.ErasedAddresses;
import dev.consentflow.contacts.InvalidValue;
import dev.consentflow.contacts.MobileNumber;
import dev.consentflow.contacts.SubscriberId;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * {@link ErasedAddresses} by the tombstone's blind indexes: a value is parsed with the API's rules and its index
 * computed under every key version in use, as an import's lookup does; an unparseable value is nobody's address.
 */
@Component
class TombstoneAddresses implements ErasedAddresses {

    private static final String TOMBSTONE_INDEXES = NamedSql.read("contacts", "tombstone-indexes");

    private final NamedParameterJdbcTemplate jdbc;
    private final BlindIndex index;

    TombstoneAddresses(NamedParameterJdbcTemplate jdbc, BlindIndex index) {
        this.jdbc = jdbc;
        this.index = index;
    }

    @Override
    public Optional<Matcher> of(AccountId account, SubscriberId tombstone) {
        return jdbc.query(TOMBSTONE_INDEXES, Map.of("id", tombstone.value(), "accountId", account.value()),
                (rs, n) -> matcher(account, rs.getBytes("email_index"), rs.getBytes("mobile_index")))
                .stream().findFirst();
    }

    private Matcher matcher(AccountId account, byte[] emailIndex, byte[] mobileIndex) {
        return (email, mobile) -> (emailIndex != null && email != null
                && any(parse(email, EmailAddress::parse), a -> index.emailCandidates(account, a), emailIndex))
                || (mobileIndex != null && mobile != null
                && any(parse(mobile, MobileNumber::parse), m -> index.mobileCandidates(account, m), mobileIndex));
    }

    private static <T> boolean any(T value, Function<T, List<byte[]>> candidates, byte[] kept) {
        return value != null && candidates.apply(value).stream().anyMatch(c -> MessageDigest.isEqual(c, kept));
    }

    private static <T> T parse(String raw, Function<String, T> parser) {
        if (raw.isBlank()) {
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (InvalidValue e) {
            return null;
        }
    }
}
