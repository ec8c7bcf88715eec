package dev.consentflow.contacts.internal;

import dev.consentflow.contacts.EventType;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A behaviour event of a card; its details sealed under the card's key (see {@link CardCipher#eventPlace}). */
@Table("contacts_event")
record ContactEvent(@Id UUID id, UUID accountId, UUID contactId, EventType type, Instant at, String campaign,
                    byte[] detailsSealed) {
}
