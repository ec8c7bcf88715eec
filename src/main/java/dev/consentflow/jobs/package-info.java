/**
 * Scheduled jobs across nodes: each run takes the job's lease in PostgreSQL, so one node runs it at a time (and a
 * daily job runs once a day however many nodes fire), and records when it ran, how it ended and what it did
 * (counts, never values). The record shows at {@code /actuator/health/jobs} and as metrics.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Jobs", allowedDependencies = {})
package dev.consentflow.jobs;
