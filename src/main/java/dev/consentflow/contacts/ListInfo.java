package dev.consentflow.contacts;

import java.util.UUID;

/**
 * A mailing list of an account: its id, its key ({@code [a-z0-9-]{1,64}}), its name and brand, the language of
 * its public pages and built-in mails (a {@link ListLanguage} code), and whether its mail carries an open pixel
 * and tracked links (off unless the list turns them on).
 */
public record ListInfo(UUID id, String key, String name, String brand, String language, boolean trackOpens,
                       boolean trackClicks) {

    /** A list in English without tracking, as every list was before lists had a language. */
    public ListInfo(UUID id, String key, String name, String brand) {
        this(id, key, name, brand, ListLanguage.DEFAULT, false, false);
    }

    /** Whether the list's consent text must say that its mail is tracked. */
    public boolean tracked() {
        return trackOpens || trackClicks;
    }
}
