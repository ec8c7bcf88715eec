package dev.consentflow.brands;

/**
 * What a brand shows on the public pages: its name, logo and colour, and the GDPR Art. 13 facts (the data
 * controller, where to ask for a copy or erasure, the privacy policy). Values as entered: pages escape them.
 *
 * @param key               the brand key lists name
 * @param displayName       the name people read
 * @param logoUrl           an https URL, or null
 * @param accentColour      {@code #rrggbb}, or null
 * @param controllerName    the legal data controller, or null
 * @param controllerAddress its postal address, or null
 * @param privacyContact    the mail address for data-protection requests (copy, erasure), or null
 * @param privacyPolicyUrl  an http(s) URL, or null
 */
public record BrandIdentity(String key, String displayName, String logoUrl, String accentColour,
                            String controllerName, String controllerAddress, String privacyContact,
                            String privacyPolicyUrl) {
}
