package dev.consentflow.subscription.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.consentflow.accounts.AccountId;
import dev.consentflow.contacts.Signup;
import dev.consentflow.contacts.Source;
import dev.consentflow.dispatch.Channel;
import dev.consentflow.subscription.internal.SignupForms.SignupForm;
import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SignupValuesTest {

    static final SignupForm NEWS = new SignupForm(new AccountId(UUID.randomUUID()), 3,
            new FormDefinition("news-signup", List.of("news"), Channel.EMAIL, List.of("firstName"), "Acme news", null));
    static final SignupForm SMS = new SignupForm(new AccountId(UUID.randomUUID()), 1,
            new FormDefinition("sms-signup", List.of("offers"), Channel.SMS, List.of(), "Offers", "Yes, text me."));
    private final Instant now = Instant.parse("2026-11-29T10:00:00Z");

    @Test
    void aValidPostBecomesASignupWithItsConsentEvidence() {
        Signup signup = SignupValues.parse(NEWS, Map.of("email", " anna@Example.DK ", "firstName", "Anna",
                "consent", "true", "website", ""), "203.0.113.7", "Mozilla/5.0", now);

        assertThat(signup.email()).isEqualTo("anna@example.dk");
        assertThat(signup.channel()).isEqualTo(Channel.EMAIL);
        assertThat(signup.listKey()).isEqualTo("news");
        assertThat(signup.fields()).containsExactly(Map.entry("firstName", "Anna"));
        assertThat(signup.source()).isEqualTo(Source.WEBFORM);
        assertThat(signup.evidence().ip()).isEqualTo("203.0.113.7");
        assertThat(signup.evidence().userAgent()).isEqualTo("Mozilla/5.0");
        assertThat(signup.evidence().formKey()).isEqualTo("news-signup");
        assertThat(signup.evidence().formVersion()).isEqualTo(3);
        assertThat(signup.evidence().consentText()).isEqualTo(NEWS.definition().consentTextOrDefault())
                .contains("Acme news");
        assertThat(signup.evidence().at()).isEqualTo(now);
    }

    @Test
    void consentMustBeGivenAndTheAddressIsRequired() {
        assertThat(problems(NEWS, Map.of())).extracting(FieldProblem::field).containsExactlyInAnyOrder("email", "consent");
        assertThat(problems(NEWS, Map.of("email", "anna@example.dk", "consent", "false")))
                .extracting(FieldProblem::field).containsExactly("consent");
    }

    @Test
    void lineBreaksAndControlCharactersInAnyFieldAreRefused() {
        for (String hostile : List.of("Anna\r\nBcc: x@evil.example", "Anna\n", "Anna\u0000", "Anna\u2028x",
                "Anna\u0085", "Anna\u001b[31m")) {
            Map<String, String> values = new HashMap<>(Map.of("email", "anna@example.dk", "consent", "true"));
            values.put("firstName", hostile);
            assertThat(problems(NEWS, values)).extracting(FieldProblem::field).containsExactly("firstName");
        }
        assertThat(problems(NEWS, Map.of("email", "anna@example.dk\r\nBcc: x@evil.example", "consent", "true")))
                .extracting(FieldProblem::field).containsExactly("email");
    }

    @Test
    void fieldsTheFormDoesNotHaveAndOversizedValuesAreRefused() {
        assertThat(problems(NEWS, Map.of("email", "anna@example.dk", "consent", "true", "role", "admin")))
                .extracting(FieldProblem::field).containsExactly("role");
        assertThat(problems(NEWS, Map.of("email", "anna@example.dk", "consent", "true", "firstName", "x".repeat(201))))
                .extracting(FieldProblem::field).containsExactly("firstName");
        assertThat(problems(NEWS, Map.of("email", "anna@example.dk", "consent", "true", "mobile", "+4512345678")))
                .extracting(FieldProblem::field).containsExactly("mobile");
    }

    @Test
    void anSmsFormTakesAnE164MobileNumber() {
        Signup signup = SignupValues.parse(SMS, Map.of("mobile", "+4512345678", "consent", "on"), "::1", null, now);
        assertThat(signup.channel()).isEqualTo(Channel.SMS);
        assertThat(signup.mobile()).isEqualTo("+4512345678");
        assertThat(signup.email()).isNull();
        assertThat(signup.evidence().consentText()).isEqualTo("Yes, text me.");

        assertThat(problems(SMS, Map.of("mobile", "12345678", "consent", "true")))
                .extracting(FieldProblem::field).containsExactly("mobile");
        assertThat(problems(SMS, Map.of("email", "anna@example.dk", "consent", "true")))
                .extracting(FieldProblem::field).containsExactlyInAnyOrder("email", "mobile");
    }

    @Test
    void aFilledHoneypotMarksABot() {
        assertThat(SignupValues.isBot(Map.of("website", "http://spam.example"))).isTrue();
        assertThat(SignupValues.isBot(Map.of("website", ""))).isFalse();
        assertThat(SignupValues.isBot(Map.of())).isFalse();
    }

    @Test
    void jsonValuesMustBeTextOrABooleanConsent() {
        assertThat(SignupValues.fromJson(Map.of("email", "anna@example.dk", "consent", true)))
                .containsEntry("consent", "true");
        var refused = catchThrowableOfType(() -> SignupValues.fromJson(Map.of("firstName", List.of("x"))),
                InvalidInputException.class);
        assertThat(refused.errors()).extracting(FieldProblem::field).containsExactly("firstName");
    }

    @Test
    void theUserAgentIsKeptShortAndOnOneLine() {
        assertThat(SignupValues.cleanUserAgent("Bot\r\nX: y" + "z".repeat(1000))).hasSize(512).doesNotContain("\r", "\n");
    }

    private static List<FieldProblem> problems(SignupForm form, Map<String, String> values) {
        return catchThrowableOfType(() -> SignupValues.parse(form, values, "203.0.113.7", "UA", Instant.now()),
                InvalidInputException.class).errors();
    }
}
