package dev.consentflow.web;

import java.util.List;

/** Input that breaks a rule: answered {@code 400} with the offending fields named, after nothing was written. */
public class InvalidInputException extends RuntimeException {

    private final transient List<FieldProblem> errors;

    public InvalidInputException(List<FieldProblem> errors) {
        super(errors.isEmpty() ? "Invalid input" : errors.get(0).field() + ": " + errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public List<FieldProblem> errors() {
        return errors;
    }

    /** One invalid field and why, in words a person can act on. Never echoes the value itself. */
    public record FieldProblem(String field, String message) {
    }
}
