package dev.consentflow.contacts.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.contacts.EventType;
import dev.consentflow.contacts.Permission;
import dev.consentflow.contacts.Source;
import dev.consentflow.contacts.SubscriptionStatus;
import dev.consentflow.contacts.CardView;
import dev.consentflow.contacts.CardView.EventView;
import dev.consentflow.contacts.CardView.SubscriptionView;
import dev.consentflow.dispatch.Channel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CardViewTest {

    @Test
    void anOperatorsCardHasNoFullAddressNumberOrFieldValue() {
        CardView card = new CardView(UUID.randomUUID(), "anna.berg@example.dk", "+4512345678", Permission.CONFIRMED,
                Source.API, 3, Map.of("firstName", "Annabella", "workMail", "anna@work.example.org"),
                List.of(new SubscriptionView("news", Channel.EMAIL, SubscriptionStatus.CONFIRMED, Instant.now(),
                        "203.0.113.7", Instant.now(), "203.0.113.7")),
                List.of(new EventView(EventType.GEO, Instant.now(), null, Map.of("city", "Copenhagen"))), null);

        CardView masked = card.masked();

        assertThat(masked.email()).isNotEqualTo(card.email()).hasSameSizeAs(card.email()).contains("@", "*");
        assertThat(masked.mobile()).isNotEqualTo(card.mobile()).hasSameSizeAs(card.mobile()).startsWith("+");
        assertThat(masked.fields().get("firstName")).isNotEqualTo("Annabella").contains("*");
        assertThat(masked.fields().get("workMail")).isNotEqualTo("anna@work.example.org").contains("*");
        assertThat(masked.events().get(0).details().get("city")).isNotEqualTo("Copenhagen").contains("*");
        assertThat(masked.subscriptions()).isEqualTo(card.subscriptions());
        assertThat(masked.toString()).doesNotContain("anna.berg@example.dk", "+4512345678", "Annabella");
    }

    @Test
    void aShortAddressIsMaskedToo() {
        CardView card = new CardView(UUID.randomUUID(), "a@b.dk", null, Permission.PENDING, Source.WEBFORM, 3,
                Map.of(), List.of(), List.of(), null);
        assertThat(card.masked().email()).isNotEqualTo("a@b.dk").hasSize(6);
        assertThat(card.masked().mobile()).isNull();
    }

    @Test
    void thePermissionFollowsTheSubscriptions() {
        assertThat(CardView.permission(false, List.of(SubscriptionStatus.UNSUBSCRIBED, SubscriptionStatus.CONFIRMED)))
                .isEqualTo(Permission.CONFIRMED);
        assertThat(CardView.permission(false, List.of(SubscriptionStatus.PENDING, SubscriptionStatus.BOUNCED)))
                .isEqualTo(Permission.PENDING);
        assertThat(CardView.permission(false, List.of(SubscriptionStatus.UNSUBSCRIBED, SubscriptionStatus.BOUNCED)))
                .isEqualTo(Permission.UNSUBSCRIBED);
        assertThat(CardView.permission(false, List.of())).isEqualTo(Permission.UNSUBSCRIBED);
        assertThat(CardView.permission(true, List.of(SubscriptionStatus.CONFIRMED))).isEqualTo(Permission.DELETED);
    }
}
