package dev.consentflow.contacts;

import java.util.UUID;

/** A mailing list of an account: its id, its key ({@code [a-z0-9-]{1,64}}), its name and brand. */
public record ListInfo(UUID id, String key, String name, String brand) {
}
