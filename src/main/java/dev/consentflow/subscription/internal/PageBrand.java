package dev.consentflow.subscription.internal;

import dev.consentflow.subscription.PublicTexts;
import static dev.consentflow.subscription.internal.Pages.escape;

import dev.consentflow.brands.BrandIdentity;
import java.net.URI;

/**
 * Who a public page speaks for: the brand's name, logo and accent colour and the list's name at the top, and on
 * the form and the unsubscribe page the GDPR Art. 13 facts at the bottom (the data controller, the privacy
 * policy, where to ask for a copy or erasure). A list whose brand has no record shows its name only; a page of
 * no known list (an invalid link) shows neither. Every value is escaped; colour and URLs were checked when the
 * brand was saved and are checked again here, since they reach CSS and the Content-Security-Policy.
 *
 * @param brand         the brand record, or null
 * @param listName      the list the page is about, or null
 * @param controller    whether the page carries the controller's facts
 * @param texts         the words of the list's language, for the controller's facts
 * @param listInHeading whether the page's heading names the list already (a form titled as its list): then the
 *                      top does not name it again
 */
record PageBrand(BrandIdentity brand, String listName, boolean controller, PublicTexts texts,
                 boolean listInHeading) {

    static final PageBrand NONE = new PageBrand(null, null, false, PublicTexts.of(null));

    PageBrand(BrandIdentity brand, String listName, boolean controller, PublicTexts texts) {
        this(brand, listName, controller, texts, false);
    }

    PageBrand(BrandIdentity brand, String listName, boolean controller) {
        this(brand, listName, controller, PublicTexts.of(null));
    }

    /** The same, with the controller's facts at the bottom. */
    PageBrand withController() {
        return new PageBrand(brand, listName, true, texts, listInHeading);
    }

    /**
     * The same on a page whose heading is {@code heading}: where that is the list's name, a person reads it there,
     * once, and the top shows the brand alone (a list without a brand: the coloured rule alone).
     */
    PageBrand headedBy(String heading) {
        boolean named = listName != null && heading != null && listName.strip().equalsIgnoreCase(heading.strip());
        return new PageBrand(brand, listName, controller, texts, named);
    }

    /** How the page names the brand in its text: its display name, else null (the page's own words). */
    String brandName() {
        return brand == null ? null : brand.displayName();
    }

    /** The brand's colour for buttons and the top rule, as CSS; empty without one. */
    String style() {
        String accent = accent();
        if (accent == null) {
            return "";
        }
        return "button{background:" + accent + ";color:" + textOn(accent) + "}\n"
                + ".cf-brand{border-bottom:4px solid " + accent + "}\n";
    }

    /** The origin the logo is loaded from, for img-src; null without a logo. */
    String logoOrigin() {
        String logo = logo();
        if (logo == null) {
            return null;
        }
        URI uri = URI.create(logo);
        return "https://" + uri.getRawAuthority();
    }

    String header() {
        if (brand == null && listName == null) {
            return "";
        }
        StringBuilder html = new StringBuilder("<header class=\"cf-brand\">");
        String logo = logo();
        if (logo != null) {
            html.append("<img class=\"cf-logo\" src=\"").append(escape(logo)).append("\" alt=\"\">");
        }
        if (brand != null) {
            html.append("<p class=\"cf-brand-name\">").append(escape(brand.displayName())).append("</p>");
        }
        if (listName != null && !listInHeading) {
            html.append("<p class=\"cf-list\">").append(escape(listName)).append("</p>");
        }
        if (logo == null && brand == null && (listName == null || listInHeading)) {
            // Nothing to name at the top: the rule alone, as decoration, not an empty banner.
            return "<div class=\"cf-brand\"></div>\n";
        }
        return html.append("</header>\n").toString();
    }

    String footer() {
        if (!controller || brand == null) {
            return "";
        }
        String who = brand.controllerName() != null ? brand.controllerName() : brand.displayName();
        String controllerFacts = "<strong>" + escape(who) + "</strong>"
                + (brand.controllerAddress() == null ? "" : ", " + escape(brand.controllerAddress()));
        StringBuilder html = new StringBuilder("<footer class=\"cf-controller\">\n<p>")
                .append(texts.html("brand.controller", controllerFacts)).append("</p>\n");
        if (brand.privacyContact() != null) {
            String mail = "<a href=\"mailto:" + escape(brand.privacyContact()) + "\">" + escape(brand.privacyContact())
                    + "</a>";
            html.append("<p>").append(texts.html("brand.rights", mail)).append("</p>\n");
        }
        if (safeUrl(brand.privacyPolicyUrl(), false) != null) {
            html.append("<p><a href=\"").append(escape(brand.privacyPolicyUrl())).append("\">")
                    .append(texts.html("brand.policy", escape(brand.displayName()))).append("</a></p>\n");
        }
        return html.append("</footer>").toString();
    }

    private String accent() {
        String colour = brand == null ? null : brand.accentColour();
        return colour != null && colour.matches("#[0-9a-fA-F]{6}") ? colour : null;
    }

    private String logo() {
        return brand == null ? null : safeUrl(brand.logoUrl(), true);
    }

    static String safeUrl(String url, boolean httpsOnly) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url);
            boolean scheme = "https".equalsIgnoreCase(uri.getScheme())
                    || (!httpsOnly && "http".equalsIgnoreCase(uri.getScheme()));
            return scheme && uri.getHost() != null && uri.getRawUserInfo() == null
                    && uri.getRawAuthority().matches("[A-Za-z0-9.:\\[\\]-]+") ? url : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    /** White or near-black text, whichever contrasts more with the colour (WCAG relative luminance). */
    static String textOn(String colour) {
        double l = 0.2126 * channel(colour, 1) + 0.7152 * channel(colour, 3) + 0.0722 * channel(colour, 5);
        double onWhite = 1.05 / (l + 0.05);
        double onDark = (l + 0.05) / (0.0116 + 0.05);
        return onWhite >= onDark ? "#fff" : "#1b1b1b";
    }

    private static double channel(String colour, int at) {
        double c = Integer.parseInt(colour.substring(at, at + 2), 16) / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }
}
