package dev.consentflow.privacy.internal;

import java.time.Instant;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** Whether an account's erasures wait for a second person's approval, and who switched it last. */
@Table("privacy_erasure_setting")
record ErasureSetting(@Id UUID accountId, boolean approvalRequired, Instant updatedAt, String updatedBy) {
}
