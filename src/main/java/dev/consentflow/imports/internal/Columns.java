package dev.consentflow.imports.internal;

import dev.consentflow.contacts.CustomFields;
import dev.consentflow.contacts.ImportRow;
import dev.consentflow.dispatch.Channel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the header row says: which column is {@code email}, which {@code mobile} (both case-insensitive), and the
 * custom field each other column fills (its header, a valid field name). A file with an {@code email} column
 * imports by email (the address identifies the person, the mobile number is data of the card); one with only a
 * {@code mobile} column subscribes by SMS.
 */
record Columns(int email, int mobile, List<String> fieldNames, Channel channel) {

    static Columns of(List<String> header) {
        int last = header.size() - 1;
        while (last >= 0 && header.get(last).isEmpty()) {
            last--;
        }
        int email = -1;
        int mobile = -1;
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int fields = 0;
        for (int i = 0; i <= last; i++) {
            String name = header.get(i);
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.isEmpty()) {
                throw new FileProblem("Column " + (i + 1) + " of the header row has no name");
            }
            if (!seen.add(lower)) {
                throw new FileProblem("The header row names the column \"" + printable(name) + "\" twice");
            }
            if (lower.equals("email")) {
                email = i;
                names.add(null);
            } else if (lower.equals("mobile")) {
                mobile = i;
                names.add(null);
            } else if (!CustomFields.isName(name)) {
                throw new FileProblem("The column \"" + printable(name) + "\" is not a field name: a letter "
                        + "followed by up to " + (CustomFields.MAX_NAME_LENGTH - 1) + " letters, digits or underscores");
            } else {
                fields++;
                names.add(name);
            }
        }
        if (email < 0 && mobile < 0) {
            throw new FileProblem("The header row needs an \"email\" column (or \"mobile\" for SMS subscriptions)");
        }
        if (fields > CustomFields.MAX_FIELDS) {
            throw new FileProblem("The file has more than " + CustomFields.MAX_FIELDS + " field columns");
        }
        return new Columns(email, mobile, java.util.Collections.unmodifiableList(names),
                email >= 0 ? Channel.EMAIL : Channel.SMS);
    }

    /** A header name shown in an error: short, and without control characters. */
    private static String printable(String name) {
        String clipped = name.length() > 64 ? name.substring(0, 64) + "…" : name;
        return clipped.replaceAll("\\p{Cntrl}", "?");
    }

    /** The row's cells as an {@link ImportRow}; answers why not when the row has cells beyond the header. */
    Object row(long number, List<String> cells) {
        for (int i = fieldNames.size(); i < cells.size(); i++) {
            if (cells.get(i) != null && !cells.get(i).isBlank()) {
                return "the row has more cells than the header row";
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldNames.size() && i < cells.size(); i++) {
            if (fieldNames.get(i) != null) {
                fields.put(fieldNames.get(i), cells.get(i));
            }
        }
        return new ImportRow(number, cell(cells, email), cell(cells, mobile), fields);
    }

    private static String cell(List<String> cells, int index) {
        return index >= 0 && index < cells.size() ? cells.get(index) : null;
    }
}
