package dev.consentflow.campaigns.internal;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.FinalBatches;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Tells dispatch's ledger retention which campaigns are final: SENT (closed when every recipient reached an end
 * state, with its counts written on the campaign row), so their messages may leave the outbox. What a campaign
 * answers afterwards comes from its row, dispatch's kept counts and feedback, and its own recipients and clicks,
 * which stay (opens, clicks and unsubscribes keep counting after the close).
 */
@Component
class CampaignFinalBatches implements FinalBatches {

    private final CampaignRows campaigns;

    CampaignFinalBatches(CampaignRows campaigns) {
        this.campaigns = campaigns;
    }

    @Override
    public List<Batch> finalBefore(Instant before, int limit) {
        return campaigns.closedWithLedger(before, limit).stream()
                .map(c -> new Batch(new AccountId(c.accountId()), c.id().toString())).toList();
    }

    @Override
    public void removed(Batch batch) {
        campaigns.ledgerRemoved(batch.account(), UUID.fromString(batch.batchId()));
    }
}
