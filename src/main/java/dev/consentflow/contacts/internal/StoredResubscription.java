package dev.consentflow.contacts.internal;

import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * A pending resubscription as stored: ids, the channel and, sealed, the address and the request's evidence
 * ({@link ResubscriptionPayload}). It exists only until the person confirms or the request expires.
 */
@Table("contacts_resubscription")
record StoredResubscription(@Id UUID id, UUID accountId, UUID tombstoneId, UUID listId, Channel channel,
                            int keyVersion, byte[] requestSealed, Instant requestedAt) {
}
