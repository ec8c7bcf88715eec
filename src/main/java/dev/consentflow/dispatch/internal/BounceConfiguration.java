package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.DeliveryFeedback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bounce mailbox reader: on when {@code CONSENTFLOW_BOUNCE_MAILBOX_URL} names a mailbox, or, without a relay,
 * on the embedded development server's IMAP mailbox; off otherwise (bounces then come only from the relay's 5xx
 * answers and the ESP webhooks).
 */
@Configuration(proxyBeanMethods = false)
class BounceConfiguration {

    private static final Logger log = LoggerFactory.getLogger(BounceConfiguration.class);

    @Bean
    BounceReports bounceReports(ReturnPaths returnPaths) {
        return new BounceReports(returnPaths);
    }

    @Bean
    BounceReader bounceReader(BounceProperties properties, DispatchProperties dispatch, BounceReports reports,
                              DeliveryFeedback feedback, Leases leases, PlatformTransactionManager transactions,
                              ObjectProvider<DevMailConfiguration.DevBounceMailbox> devMailbox) {
        BounceMailbox mailbox;
        if (properties.mailboxConfigured()) {
            mailbox = BounceMailbox.parse(properties.mailboxUrl(), properties.username(), properties.password());
        } else {
            DevMailConfiguration.DevBounceMailbox dev = devMailbox.getIfAvailable();
            if (dev == null) {
                log.info("No CONSENTFLOW_BOUNCE_MAILBOX_URL: bounces are not read from a mailbox");
                return null;
            }
            mailbox = dev.mailbox();
        }
        return new BounceReader(dispatch.nodeId(), mailbox, properties, reports, feedback, leases,
                new TransactionTemplate(transactions));
    }
}
