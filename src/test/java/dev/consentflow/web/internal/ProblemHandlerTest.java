package dev.consentflow.web.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.contacts.ListKeyTaken;
import dev.consentflow.privacy.RequestAlreadyDecided;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

class ProblemHandlerTest {

    private final ProblemHandler handler = new ProblemHandler();

    @Test
    void aModulesFactAnswersItsOwnStatusWithItsMessageAsTheDetail() {
        var answer = handler.unexpected(new ListKeyTaken());

        assertThat(answer.getStatusCode().value()).isEqualTo(409);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(answer.getBody().getDetail()).isEqualTo("A list with this key exists already");
        assertThat(answer.getBody().getTitle()).isEqualTo("Conflict");
        assertThat(answer.getBody().getType()).hasToString("https://consentflow.dev/problems/conflict");
    }

    @Test
    void aFactWithADetailOfItsOwnKeepsIt() {
        var answer = handler.unexpected(new RequestAlreadyDecided("This export request was decided already"));

        assertThat(answer.getBody().getDetail()).isEqualTo("This export request was decided already");
    }

    @Test
    void anythingElseIsAnUnexpected500WithoutItsMessage() {
        var answer = handler.unexpected(new IllegalStateException("secret internals"));

        assertThat(answer.getStatusCode().value()).isEqualTo(500);
        assertThat(answer.getBody().getDetail()).isEqualTo("An unexpected error occurred");
    }
}
