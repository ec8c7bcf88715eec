package dev.consentflow.contacts;

/**
 * What became of one {@link ImportRow}.
 *
 * @param row    the row's number
 * @param kind   what happened
 * @param field  the column that made the row rejected, or null
 * @param reason why it was rejected (a rule, never the value), or null
 * @param signup the checked signup to start a double opt-in with, for {@link Kind#NEEDS_CONFIRMATION} only
 */
public record ImportOutcome(long row, Kind kind, String field, String reason, Signup signup) {

    public enum Kind {
        /** New on the list: a new card, or a known card subscribed to the list now. */
        IMPORTED,
        /** Already on the list (or pending on it); a value of the card changed. */
        UPDATED,
        /** Already on the list (or pending on it) with these values: nothing changed. */
        UNCHANGED,
        /** Not imported, for the reason given. */
        REJECTED,
        /** New on the list, to be confirmed by the person: the caller starts the double opt-in with the signup. */
        NEEDS_CONFIRMATION
    }

    public static ImportOutcome of(long row, Kind kind) {
        return new ImportOutcome(row, kind, null, null, null);
    }

    public static ImportOutcome rejected(long row, String field, String reason) {
        return new ImportOutcome(row, Kind.REJECTED, field, reason, null);
    }

    public static ImportOutcome toConfirm(long row, Signup signup) {
        return new ImportOutcome(row, Kind.NEEDS_CONFIRMATION, null, null, signup);
    }

    @Override
    public String toString() {
        return "ImportOutcome[" + row + ", " + kind + ", " + field + ", " + reason + "]";
    }
}
