package dev.consentflow.campaigns.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code consentflow.campaigns.*}: how a campaign is enqueued and watched.
 *
 * @param pageSize     recipients rendered and enqueued per transaction
 * @param pagesPerJob  pages one engine job enqueues before it hands over to the next job (keeps jobs short)
 * @param pollInterval how long the broadcast waits between two looks at the dispatch ledger
 */
@ConfigurationProperties("consentflow.campaigns")
record CampaignSettings(@DefaultValue("500") int pageSize, @DefaultValue("20") int pagesPerJob,
                        @DefaultValue("PT5S") Duration pollInterval) {
}
