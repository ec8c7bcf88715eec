package dev.consentflow.dispatch.internal.webhooks;

import dev.consentflow.web.ClientAddress;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code consentflow.webhooks.*}: how each ESP's event posts are verified, per deployment. A provider whose
 * settings are blank is off: its URL answers 404.
 *
 * @param ses      Amazon SES through SNS: the topic ARNs whose notifications are taken
 * @param sendgrid SendGrid's signed event webhook: the verification key
 * @param postmark Postmark: the basic auth credentials put into the webhook's URL, and optionally its IPs
 * @param mailgun  Mailgun: the webhook signing key and how old a signed post may be
 */
@ConfigurationProperties("consentflow.webhooks")
public record WebhookProperties(@DefaultValue Ses ses, @DefaultValue Sendgrid sendgrid,
                                @DefaultValue Postmark postmark, @DefaultValue Mailgun mailgun) {

    /** @param topicArns the SNS topics (comma-separated in the environment) that carry this deployment's events */
    public record Ses(@DefaultValue List<String> topicArns) {
        boolean enabled() {
            return topicArns.stream().anyMatch(arn -> !arn.isBlank());
        }
    }

    /** @param publicKey the event webhook's verification key as SendGrid shows it (base64 of the DER key) */
    public record Sendgrid(String publicKey) {
        boolean enabled() {
            return publicKey != null && !publicKey.isBlank();
        }

        @Override
        public String toString() {
            return "Sendgrid[publicKey=" + (enabled() ? "set" : "none") + "]";
        }
    }

    /** @param allowedIps when not empty, only posts from these addresses are taken (Postmark publishes its own) */
    public record Postmark(String username, String password, @DefaultValue List<String> allowedIps) {
        /** The allowed addresses in the form posts' client addresses take (RFC 5952), however they were written. */
        public Postmark {
            allowedIps = allowedIps.stream().map(String::strip).filter(ip -> !ip.isEmpty())
                    .map(ClientAddress::canonical).toList();
        }

        boolean enabled() {
            return username != null && !username.isBlank() && password != null && !password.isBlank();
        }

        @Override
        public String toString() {
            return "Postmark[username=" + username + ", password=" + (enabled() ? "set" : "none") + "]";
        }
    }

    /** @param maxAge a signed post whose timestamp is further from now than this is refused (a replay) */
    public record Mailgun(String signingKey, @DefaultValue("PT10M") Duration maxAge) {
        boolean enabled() {
            return signingKey != null && !signingKey.isBlank();
        }

        @Override
        public String toString() {
            return "Mailgun[signingKey=" + (enabled() ? "set" : "none") + ", maxAge=" + maxAge + "]";
        }
    }
}
