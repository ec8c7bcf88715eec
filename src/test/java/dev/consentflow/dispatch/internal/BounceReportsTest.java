package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.dispatch.FeedbackEvent;
import dev.consentflow.keys.KeyRing;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class BounceReportsTest {

    /** Keys derived from their names, bound to the account where asked for one (ContentSealTest uses them too). */
    static final KeyRing KEYS = new KeyRing() {
        @Override
        public int currentVersion() {
            return 1;
        }

        @Override
        public SecretKey derive(String purpose, AccountId account, int version) {
            return key(purpose + "|account:" + account.value() + "|v" + version);
        }

        @Override
        public SecretKey derive(String purpose, int version) {
            return key(purpose + "|platform|v" + version);
        }

        private SecretKey key(String name) {
            try {
                return new SecretKeySpec(MessageDigest.getInstance("SHA-256")
                        .digest(name.getBytes(StandardCharsets.UTF_8)), "AES");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    };

    final ReturnPaths returnPaths = new ReturnPaths(KEYS, new BounceProperties("", null, null, null, null,
            Duration.ofMinutes(1), 500, Duration.ofMinutes(5), "Unprocessed", Duration.ofMinutes(1)),
            "Consentflow <noreply@localhost>");
    final BounceReports reports = new BounceReports(returnPaths);
    final UUID message = UUID.randomUUID();

    @Test
    void theReturnPathIsTheBounceAddressWithTheMessageAndItsMacWithinSixtyFourCharacters() {
        String path = returnPaths.of(message);
        assertThat(path).matches("bounces\\+[0-9a-f]{48}@localhost");
        assertThat(path.substring(0, path.indexOf('@'))).hasSizeLessThanOrEqualTo(64);
        assertThat(returnPaths.messageIn("To: <" + path.toUpperCase().replace("LOCALHOST", "localhost") + ">"))
                .contains(message);
    }

    @Test
    void aForgedOrAlteredTokenNamesNoMessage() {
        String path = returnPaths.of(message);
        UUID other = UUID.randomUUID();
        String forged = path.replace(message.toString().replace("-", ""), other.toString().replace("-", ""));
        assertThat(returnPaths.messageIn(forged)).isEmpty();
        char last = path.charAt(path.indexOf('@') - 1);
        String altered = path.replace(last + "@", (last == '0' ? '1' : '0') + "@");
        assertThat(returnPaths.messageIn(altered)).isEmpty();
    }

    @Test
    void aPermanentFailureIsAHardBounceOfTheMessageTheReturnPathNames() throws Exception {
        var report = reports.read(BounceMail.parse(BounceMail.dsn(returnPaths.of(message), UUID.randomUUID(),
                "failed", "5.1.1", "550 5.1.1 <anna@example.dk>: Recipient address rejected: User unknown")));

        assertThat(report).isInstanceOf(BounceReports.Feedback.class);
        FeedbackEvent event = ((BounceReports.Feedback) report).event();
        assertThat(event.messageId()).isEqualTo(message);
        assertThat(event.kind()).isEqualTo(FeedbackEvent.Kind.HARD_BOUNCE);
        assertThat(event.source()).isEqualTo("mailbox");
        assertThat(event.eventId()).endsWith("@mx.example.net>");
        assertThat(event.diagnostic()).startsWith("5.1.1 smtp; 550 5.1.1");
        assertThat(event.at()).isEqualTo(Instant.parse("2026-12-05T09:02:11Z"));
    }

    @Test
    void aDelayWithATemporaryStatusIsASoftBounce() throws Exception {
        var report = reports.read(BounceMail.parse(BounceMail.dsn(returnPaths.of(message), message, "delayed",
                "4.2.2", "452 4.2.2 Mailbox full")));

        assertThat(((BounceReports.Feedback) report).event().kind()).isEqualTo(FeedbackEvent.Kind.SOFT_BOUNCE);
    }

    @Test
    void aSuccessfulDeliveryNoticeHasNoEffect() throws Exception {
        assertThat(reports.read(BounceMail.parse(BounceMail.dsn(returnPaths.of(message), message, "delivered",
                "2.0.0", "250 2.0.0 Ok")))).isInstanceOf(BounceReports.NoEffect.class);
    }

    @Test
    void aDsnToAForgedAddressFallsBackToTheReturnedMessageIdOnly() throws Exception {
        String forged = "bounces+" + "0".repeat(48) + "@localhost";
        var report = reports.read(BounceMail.parse(BounceMail.dsn(forged, message, "failed", "5.1.1", "550 no")));
        assertThat(((BounceReports.Feedback) report).event().messageId()).as("the returned Message-ID")
                .isEqualTo(message);

        String neither = BounceMail.dsn(forged, message, "failed", "5.1.1", "550 no")
                .replace("Message-ID: <" + message + "@localhost>", "Message-ID: <abc@elsewhere.example>");
        assertThat(reports.read(BounceMail.parse(neither))).isInstanceOf(BounceReports.Aside.class);
    }

    @Test
    void anAbuseReportIsAComplaintFromTheProviderThatSentIt() throws Exception {
        var report = reports.read(BounceMail.parse(BounceMail.complaint("fbl.mail.example", returnPaths.of(message),
                UUID.randomUUID())));

        FeedbackEvent event = ((BounceReports.Feedback) report).event();
        assertThat(event.kind()).isEqualTo(FeedbackEvent.Kind.COMPLAINT);
        assertThat(event.messageId()).as("by Original-Mail-From").isEqualTo(message);
        assertThat(event.diagnostic()).isEqualTo("abuse from fbl.mail.example");
        assertThat(FeedbackRules.provider(event)).isEqualTo("fbl.mail.example");
    }

    @Test
    void anAbuseReportWithoutOurReturnPathIsFoundByTheOriginalsMessageId() throws Exception {
        String raw = BounceMail.complaint("fbl.mail.example", "someone@elsewhere.example", message);
        FeedbackEvent event = ((BounceReports.Feedback) reports.read(BounceMail.parse(raw))).event();
        assertThat(event.messageId()).isEqualTo(message);
    }

    @Test
    void otherFeedbackTypesAndPlainMailAreKeptAside() throws Exception {
        String notSpam = BounceMail.complaint("fbl.mail.example", returnPaths.of(message), message)
                .replace("Feedback-Type: abuse", "Feedback-Type: not-spam");
        assertThat(reports.read(BounceMail.parse(notSpam))).isInstanceOf(BounceReports.Aside.class);
        assertThat(reports.read(BounceMail.parse("From: a@b.example\r\nTo: bounces@localhost\r\nSubject: out of "
                + "office\r\n\r\nI am away.\r\n"))).isInstanceOf(BounceReports.Aside.class);
    }
}
