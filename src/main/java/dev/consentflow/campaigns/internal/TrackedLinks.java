package dev.consentflow.campaigns.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The links of a template that clicks are tracked on: the absolute {@code http(s)} targets of its own
 * {@code href="..."} attributes, without placeholders. Anything else ({@code mailto:}, {@code javascript:},
 * {@code //host}, relative links) is left alone and never becomes a redirect target.
 */
final class TrackedLinks {

    static final int MAX_URL = 2048;
    private static final Pattern HREF = Pattern.compile("(?i)(href\\s*=\\s*\")(https?://[^\"\\s<>{}]+)(\")");

    private TrackedLinks() {
    }

    /** The template's trackable links, distinct, in order of appearance. */
    static List<String> of(String html) {
        Set<String> links = new LinkedHashSet<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) {
            if (m.group(2).length() <= MAX_URL) {
                links.add(m.group(2));
            }
        }
        return new ArrayList<>(links);
    }

    /**
     * Points the tracked links of a rendered HTML part at their click URL. Values a person put in were escaped
     * (a quote became {@code &quot;}), so only the template's own attributes match.
     */
    static String html(String html, Map<String, String> clickUrls) {
        Matcher m = HREF.matcher(html);
        StringBuilder out = new StringBuilder(html.length() + 256);
        while (m.find()) {
            String click = clickUrls.get(m.group(2));
            m.appendReplacement(out, Matcher.quoteReplacement(click == null ? m.group()
                    : m.group(1) + click + m.group(3)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The text part's copies of the tracked links, longest first so no link is cut inside a longer one. */
    static String text(String text, Map<String, String> clickUrls) {
        List<String> links = new ArrayList<>(clickUrls.keySet());
        links.sort((a, b) -> b.length() - a.length());
        String out = text;
        for (String link : links) {
            out = out.replace(link, clickUrls.get(link));
        }
        return out;
    }
}
