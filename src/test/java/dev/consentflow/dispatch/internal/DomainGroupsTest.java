package dev.consentflow.dispatch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.internet.InternetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.junit.jupiter.api.Test;

/** Which group a recipient's domain falls in, and which relay answers make a group back off. */
class DomainGroupsTest {

    private final DomainLimitSettings defaults = new DomainLimitSettings(Duration.ofMinutes(5), Duration.ofSeconds(2),
            null);

    @Test
    void theFourGroupsTakeTheBigProvidersDomainsAndEverythingElseIsOther() {
        assertThat(defaults.groupOf("a@gmail.com")).isEqualTo("gmail");
        assertThat(defaults.groupOf("a@GoogleMail.com")).isEqualTo("gmail");
        assertThat(defaults.groupOf("a@hotmail.co.uk")).isEqualTo("microsoft");
        assertThat(defaults.groupOf("a@live.dk")).isEqualTo("microsoft");
        assertThat(defaults.groupOf("a@outlook.com")).isEqualTo("microsoft");
        assertThat(defaults.groupOf("a@msn.com")).isEqualTo("microsoft");
        assertThat(defaults.groupOf("a@yahoo.fr")).isEqualTo("yahoo");
        assertThat(defaults.groupOf("a@aol.com")).isEqualTo("yahoo");
        assertThat(defaults.groupOf("a@ymail.com")).isEqualTo("yahoo");
        assertThat(defaults.groupOf("a@live.example.com")).isEqualTo("other");
        assertThat(defaults.groupOf("a@mygmail.com")).isEqualTo("other");
        assertThat(defaults.groupOf("a@example.dk")).isEqualTo("other");
        assertThat(defaults.groupOf("not an address")).isEqualTo("other");
    }

    @Test
    void aConfiguredGroupKeepsItsBuiltInDomainsUnlessGivenNewOnesAndNewGroupsCanBeAdded() {
        DomainLimitSettings settings = new DomainLimitSettings(Duration.ofMinutes(1), Duration.ofSeconds(1), Map.of(
                "gmail", new DomainLimitSettings.Group(null, 4, 10),
                "danish", new DomainLimitSettings.Group(List.of("tdc.dk", "jubii.dk"), 2, 0)));

        assertThat(settings.groupOf("a@googlemail.com")).isEqualTo("gmail");
        assertThat(settings.groups().get("gmail").concurrency()).isEqualTo(4);
        assertThat(settings.groupOf("a@jubii.dk")).isEqualTo("danish");
        assertThat(settings.groups()).containsKeys("microsoft", "yahoo", "other");
        assertThat(settings.groups().get("other").limited()).isFalse();
    }

    @Test
    void a421OrA451AboutVolumeSlowsTheGroupDownWhileGreylistingAndOtherSoftAnswersDoNot() throws Exception {
        assertThat(atRecipient(421, "421 4.7.0 [TSS04] Messages temporarily deferred due to unexpected volume")
                .slowDown()).isTrue();
        assertThat(atRecipient(451, "451 4.7.500 Server busy. Please try again later").slowDown()).isTrue();
        assertThat(afterData(421, "421 4.7.28 Our system has detected an unusual rate of mail").slowDown()).isTrue();
        assertThat(atRecipient(451, "451 4.7.1 <a@b.c>: Greylisted, try again later").slowDown()).isFalse();
        assertThat(afterData(451, "451 4.3.0 temporary failure, try again").slowDown()).isFalse();
        assertThat(atRecipient(452, "452 4.2.2 mailbox full").slowDown()).isFalse();
        assertThat(atRecipient(550, "550 5.1.1 user unknown").slowDown()).isFalse();
    }

    private static Delivery atRecipient(int code, String answer) throws Exception {
        return SmtpAnswers.classify(new SMTPAddressFailedException(new InternetAddress("a@b.c"), "RCPT TO:<a@b.c>",
                code, answer), false).delivery();
    }

    private static Delivery afterData(int code, String answer) {
        return SmtpAnswers.classify(new SMTPSendFailedException("DATA", code, answer, null, null, null, null), true)
                .delivery();
    }
}
