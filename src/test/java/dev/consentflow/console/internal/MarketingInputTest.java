package dev.consentflow.console.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.consentflow.web.InvalidInputException;
import dev.consentflow.web.InvalidInputException.FieldProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

class MarketingInputTest {

    @Test
    void theApisNestedFieldsAreTheFormsFlatFieldsEachOnceInTheirOrder() {
        InvalidInputException problems = new InvalidInputException(List.of(
                new FieldProblem("logoUrl", "must be an https URL"),
                new FieldProblem("from.address", "must be a mail address"),
                new FieldProblem("controller.email", "must be a mail address"),
                new FieldProblem("from.address", "is required with a Reply-To")));

        assertThat(MarketingInput.fields(problems).keySet())
                .containsExactly("logoUrl", "fromAddress", "controllerEmail");
    }
}
