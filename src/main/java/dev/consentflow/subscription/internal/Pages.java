package dev.consentflow.subscription.internal;

import dev.consentflow.contacts.ListLanguage;
import dev.consentflow.subscription.PublicTexts;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.util.HtmlUtils;

/**
 * The frame of every public page: accessible and mobile-friendly (language, viewport, readable sizes, visible
 * focus), and locked down: a Content-Security-Policy that allows only this page's own style (by nonce), no
 * scripts, forms posting only here, no framing by others (but the origins a form allows, on its pages), and no
 * caching of pages that carry a token. {@link PageBrand} puts the brand around the content.
 */
final class Pages {

    private static final SecureRandom random = new SecureRandom();
    static final String STYLE = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;font-size:1.0625rem;line-height:1.5;\
            color:#1b1b1b;background:#fff;margin:0;padding:1rem}
            main{max-width:34rem;margin:0 auto}
            h1{font-size:1.6rem;line-height:1.25}
            .cf-field{margin:0 0 1rem}
            .cf-field label{display:block;font-weight:600;margin-bottom:.25rem}
            .cf-field input{box-sizing:border-box;width:100%;font:inherit;padding:.6rem;border:2px solid #555;border-radius:4px}
            .cf-consent{display:flex;gap:.6rem;align-items:flex-start;margin:1rem 0}
            .cf-consent input{width:1.4rem;height:1.4rem;margin-top:.15rem;flex:none}
            button{font:inherit;font-weight:600;padding:.7rem 1.4rem;border:0;border-radius:4px;background:#0b5cad;color:#fff;cursor:pointer}
            input:focus,button:focus{outline:3px solid #f5a623;outline-offset:2px}
            .cf-error{color:#a4000f;font-weight:600;margin:.25rem 0 0}
            .cf-errors{border:2px solid #a4000f;border-radius:4px;padding:.5rem 1rem;margin-bottom:1rem}
            .cf-errors a{color:#a4000f}
            .cf-hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
            .cf-brand{display:flex;flex-wrap:wrap;align-items:center;gap:.25rem .75rem;padding-bottom:.5rem;margin-bottom:1rem;\
            border-bottom:4px solid #0b5cad}
            .cf-logo{max-height:3rem;max-width:12rem}
            .cf-brand-name{font-weight:700;margin:0}
            .cf-list{margin:0;color:#444}
            .cf-controller{margin-top:2rem;padding-top:.5rem;border-top:1px solid #ccc;font-size:.95rem;color:#333}
            .cf-controller a{color:#0b4f94}
            """;

    private Pages() {
    }

    static ResponseEntity<String> html(HttpStatus status, String title, String main) {
        return html(ListLanguage.DEFAULT, status, title, main, PageBrand.NONE, List.of());
    }

    /** A page in a list's language (its {@code lang}, so screen readers pronounce it right). */
    static ResponseEntity<String> html(String language, HttpStatus status, String title, String main) {
        return html(language, status, title, main, PageBrand.NONE, List.of());
    }

    static ResponseEntity<String> html(HttpStatus status, String title, String main, PageBrand brand) {
        return html(ListLanguage.DEFAULT, status, title, main, brand, List.of());
    }

    static ResponseEntity<String> html(String language, HttpStatus status, String title, String main,
                                       PageBrand brand) {
        return html(language, status, title, main, brand, List.of());
    }

    /**
     * A page in a list's language and its brand's frame (see {@link PageBrand}); {@code frameAncestors} are the
     * origins besides our own that may show it in an iframe (a form's allowed origins).
     */
    static ResponseEntity<String> html(String language, HttpStatus status, String title, String main,
                                       PageBrand brand, List<String> frameAncestors) {
        String nonce = nonce();
        String page = """
                <!doctype html>
                <html lang="%s">
                <head>
                <meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta name="robots" content="noindex">
                <title>%s</title>
                <style nonce="%s">%s%s</style>
                </head>
                <body>
                <main>
                %s%s%s
                </main>
                </body>
                </html>
                """.formatted(ListLanguage.orDefault(language), escape(title), nonce, STYLE, brand.style(),
                brand.header(), main, brand.footer().isEmpty() ? "" : "\n" + brand.footer());
        String logo = brand.logoOrigin();
        return ResponseEntity.status(status)
                .contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
                .cacheControl(CacheControl.noStore())
                .header("Content-Security-Policy", "default-src 'none'; style-src 'nonce-" + nonce + "'; "
                        + (logo == null ? "" : "img-src " + logo + "; ")
                        + "form-action 'self'; base-uri 'none'; frame-ancestors 'self'"
                        + (frameAncestors.isEmpty() ? "" : " " + String.join(" ", frameAncestors)))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .body(page);
    }

    static ResponseEntity<String> message(HttpStatus status, String title, String text) {
        return message(status, title, text, PageBrand.NONE);
    }

    static ResponseEntity<String> message(HttpStatus status, String title, String text, PageBrand brand) {
        return html(status, title, "<h1>" + escape(title) + "</h1>\n<p>" + escape(text) + "</p>", brand);
    }

    /** A heading and a sentence from the catalogue: {@code <key>.title} and {@code <key>.text}. */
    static ResponseEntity<String> message(PublicTexts texts, HttpStatus status, String key) {
        return message(texts, status, key, PageBrand.NONE);
    }

    /** The same, in the brand's frame. */
    static ResponseEntity<String> message(PublicTexts texts, HttpStatus status, String key, PageBrand brand) {
        String title = texts.text(key + ".title");
        return html(texts.language(), status, title, "<h1>" + escape(title) + "</h1>\n<p>"
                + escape(texts.text(key + ".text")) + "</p>", brand);
    }

    static String escape(String text) {
        return text == null ? "" : HtmlUtils.htmlEscape(text, "UTF-8");
    }

    private static String nonce() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
