package dev.consentflow.contacts.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.ListKeyTaken;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.NotFoundException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jdbc.core.JdbcAggregateTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** An account's mailing lists. */
@Component
class Lists {

    private final MailingListRepository lists;
    private final JdbcAggregateTemplate aggregates;

    Lists(MailingListRepository lists, JdbcAggregateTemplate aggregates) {
        this.lists = lists;
        this.aggregates = aggregates;
    }

    /** Creates a list; its key must be free in the account (a race for one key ends in the unique constraint). */
    @Transactional
    MailingList create(AccountId account, String key, String name, String brand) {
        if (lists.existsByAccountIdAndKey(account.value(), key)) {
            throw new ListKeyTaken();
        }
        return Duplicates.asConflict(ListKeyTaken::new, () -> aggregates.insert(
                new MailingList(UUID.randomUUID(), account.value(), key, name, brand, Cards.now())));
    }

    /** A new name and brand for a list of the account; its key, id and creation time stay. */
    @Transactional
    MailingList change(AccountId account, String key, String name, String brand) {
        MailingList list = find(account, key).orElseThrow(() -> new NotFoundException("List"));
        return aggregates.update(new MailingList(list.id(), list.accountId(), list.key(), name, brand,
                list.createdAt()));
    }

    List<MailingList> all(AccountId account) {
        return lists.findByAccountIdOrderByKey(account.value());
    }

    Optional<MailingList> find(AccountId account, String key) {
        return key == null ? Optional.empty() : lists.findByAccountIdAndKey(account.value(), key);
    }

    /** The list of a request, or a {@code 400} naming the field: an unknown list is bad input. */
    MailingList require(AccountId account, String field, String key) {
        return find(account, key).orElseThrow(() -> new InvalidInputException(field, "is not a list of this account"));
    }

    MailingList byId(UUID id) {
        return lists.findById(id).orElseThrow();
    }
}
