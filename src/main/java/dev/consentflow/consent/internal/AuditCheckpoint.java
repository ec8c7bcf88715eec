package dev.consentflow.consent.internal;

import java.time.Instant;
import java.util.UUID;

/** A signed checkpoint: the chain was verified up to {@code seq}, whose entry has {@code hash}. */
record AuditCheckpoint(UUID chain, long seq, byte[] hash, Instant at, byte[] signature) {
}
