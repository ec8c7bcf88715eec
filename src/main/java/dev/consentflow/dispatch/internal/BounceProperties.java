package dev.consentflow.dispatch.internal;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code consentflow.bounce.*}: where bounces go and where they are read.
 *
 * @param address      the envelope sender's base ({@code CONSENTFLOW_BOUNCE_ADDRESS}); each message goes out as
 *                     {@code <local>+<token>@<domain>} of it. Blank: {@code bounces@} the sender's domain
 * @param domain       the bounce domain ({@code CONSENTFLOW_BOUNCE_DOMAIN}): the envelope sender is then
 *                     {@code bounces+<token>@<domain>}, unless {@code address} names the whole address
 * @param mailboxUrl   the bounce mailbox ({@code CONSENTFLOW_BOUNCE_MAILBOX_URL}): {@code imaps://host[:993][/folder]},
 *                     {@code imap://host[:143][/folder]} (STARTTLS, required unless the host is loopback),
 *                     {@code pop3s://host[:995]} or {@code pop3://host[:110]} (STARTTLS likewise). Blank: no
 *                     reader, except in development, where the embedded mail server's IMAP mailbox is read
 * @param username     the mailbox user ({@code CONSENTFLOW_BOUNCE_MAILBOX_USER})
 * @param password     its password ({@code CONSENTFLOW_BOUNCE_MAILBOX_PASSWORD})
 * @param pollInterval how often the mailbox is read ({@code CONSENTFLOW_BOUNCE_POLL_INTERVAL})
 * @param batchSize    mailbox messages handled at most per round
 * @param lease        how long a node holds the reader's lease; renewed each round, taken over when it runs out
 * @param asideFolder  the IMAP folder that takes what is neither a bounce nor a complaint (POP3 leaves it)
 * @param rateRefresh  how often the complaint-rate gauges are computed
 */
@ConfigurationProperties("consentflow.bounce")
public record BounceProperties(
        String address,
        String domain,
        String mailboxUrl,
        String username,
        String password,
        @DefaultValue("PT1M") Duration pollInterval,
        @DefaultValue("500") int batchSize,
        @DefaultValue("PT5M") Duration lease,
        @DefaultValue("Unprocessed") String asideFolder,
        @DefaultValue("PT1M") Duration rateRefresh) {

    public BounceProperties {
        if (batchSize < 1 || pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("consentflow.bounce: batch size and poll interval must be positive");
        }
        if (lease.compareTo(pollInterval) <= 0) {
            lease = pollInterval.multipliedBy(3);
        }
    }

    /** The envelope sender's base: the address, else {@code bounces@} the bounce domain, else empty. */
    String baseAddress() {
        if (address != null && !address.isBlank()) {
            return address.strip();
        }
        return domain == null || domain.isBlank() ? "" : "bounces@" + domain.strip();
    }

    boolean mailboxConfigured() {
        return mailboxUrl != null && !mailboxUrl.isBlank();
    }

    @Override
    public String toString() {
        String shownUrl = mailboxUrl == null ? null : mailboxUrl.replaceFirst("//[^/@]*@", "//***@");
        return "BounceProperties[address=" + address + ", domain=" + domain + ", mailboxUrl=" + shownUrl
                + ", username=" + username
                + ", password=" + (password == null ? "none" : "set") + "]";
    }
}
