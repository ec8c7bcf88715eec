package dev.consentflow.subscription.internal;

import dev.consentflow.subscription.ConfirmationWindow;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * How signups are limited and how long a confirmation waits (API.md section 1).
 *
 * @param ratePerIp            signups per client IP per minute ({@code CONSENTFLOW_SIGNUP_RATE_PER_IP})
 * @param ratePerAddress       signups per address per hour, across lists and accounts: stops mail bombing
 * @param confirmationThrottle at most one confirmation per address and list in this window
 * @param reminderAfter        the one reminder goes out this long after the confirmation
 * @param expireAfter          an unconfirmed signup is purged this long after it was received
 */
@Validated
@ConfigurationProperties("consentflow.signup")
record SignupSettings(@Min(1) int ratePerIp, @Min(1) int ratePerAddress, @NotNull Duration confirmationThrottle,
                      @NotNull Duration reminderAfter, @NotNull Duration expireAfter)
        implements ConfirmationWindow {

    SignupSettings {
        if (reminderAfter != null && expireAfter != null && reminderAfter.compareTo(expireAfter) >= 0) {
            throw new IllegalArgumentException("consentflow.signup.reminder-after must be shorter than expire-after");
        }
    }
}
