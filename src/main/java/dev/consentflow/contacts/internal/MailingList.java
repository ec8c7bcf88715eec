package dev.consentflow.contacts.internal;

import dev.consentflow.contacts.ListInfo;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

@Table("contacts_list")
record MailingList(@Id UUID id, UUID accountId, String key, String name, String brand, Instant createdAt,
                   String language, boolean trackOpens, boolean trackClicks) {

    /** The list as {@link ListInfo} showed it, for the account it was found in (its creation time not known). */
    static MailingList of(UUID accountId, ListInfo list) {
        return new MailingList(list.id(), accountId, list.key(), list.name(), list.brand(), null, list.language(),
                list.trackOpens(), list.trackClicks());
    }

    ListInfo info() {
        return new ListInfo(id, key, name, brand, language, trackOpens, trackClicks);
    }

    MailingList with(String newLanguage, boolean opens, boolean clicks) {
        return new MailingList(id, accountId, key, name, brand, createdAt, newLanguage, opens, clicks);
    }
}
