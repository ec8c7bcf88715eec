package dev.consentflow.consent;

import java.time.Instant;

/**
 * One line of a person's timeline (API.md section 6, {@code GET /api/contacts/{id}/audit}): an audit entry
 * ({@code "source": "audit"}), a step of a process that acted on the person ({@code "source": "engine"}), or where
 * the engine's history of those steps ends by retention ({@code "source": "retention"}).
 */
public sealed interface TimelineEntry permits AuditRecord, ProcessStepRecord, ProcessStepsRemoved {

    /** {@code audit} or {@code engine}. */
    String source();

    /** When it happened (a step: when it started). */
    Instant at();
}
