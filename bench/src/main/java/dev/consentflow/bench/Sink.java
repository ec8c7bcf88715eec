package dev.consentflow.bench;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What reached the SMTP sink. smtp-sink (or the GreenMail fallback) dumps each mail transaction into one file
 * under a per-second folder, headed by {@code X-Rcpt-Args: <address>}, and keeps a running counter
 * ({@code mesg=N}) in a file: the counter times arrivals, the dumps say who got what.
 */
final class Sink {

    private static final Pattern COUNTER = Pattern.compile("mesg=(\\d+)");
    private static final Pattern RCPT = Pattern.compile("^X-Rcpt-Args:\\s*<([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SUBJECT = Pattern.compile("^Subject:\\s*(.*)$", Pattern.CASE_INSENSITIVE);

    /** One dumped mail transaction. */
    record Mail(Path file, String subject) {
    }

    private final Path dump;
    private final Path counterFile;
    private final Set<Path> indexed = new HashSet<>();
    private final Map<String, List<Mail>> byRecipient = new HashMap<>();

    Sink(Path dump, Path counterFile) {
        this.dump = dump;
        this.counterFile = counterFile;
    }

    /** Messages the sink has taken since it started. */
    long counter() {
        try (RandomAccessFile f = new RandomAccessFile(counterFile.toFile(), "r")) {
            long length = f.length();
            int tail = (int) Math.min(length, 256);
            byte[] bytes = new byte[tail];
            f.seek(length - tail);
            f.readFully(bytes);
            Matcher m = COUNTER.matcher(new String(bytes, StandardCharsets.US_ASCII));
            long last = 0;
            while (m.find()) {
                last = Long.parseLong(m.group(1));
            }
            return last;
        } catch (IOException e) {
            return 0;
        }
    }

    /** Waits until the counter reaches target; answers the nanoTime it did, or -1 after the timeout. */
    long awaitCounter(long target, long timeoutMillis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (System.currentTimeMillis() < deadline) {
            if (counter() >= target) {
                return System.nanoTime();
            }
            Thread.sleep(20);
        }
        return counter() >= target ? System.nanoTime() : -1;
    }

    /** Indexes dump files that have been still for a moment (smtp-sink writes a file while the mail arrives). */
    synchronized void refresh() throws IOException {
        long settled = System.currentTimeMillis() - 1500;
        if (!Files.isDirectory(dump)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dump, 2)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (indexed.contains(file) || !Files.isRegularFile(file)
                        || !file.getFileName().toString().startsWith("m.")
                        || Files.getLastModifiedTime(file).toMillis() > settled) {
                    continue;
                }
                indexed.add(file);
                List<String> rcpts = new ArrayList<>(1);
                String subject = headers(file, rcpts);
                for (String rcpt : rcpts) {
                    byRecipient.computeIfAbsent(rcpt, k -> new ArrayList<>(1)).add(new Mail(file, subject));
                }
            }
        }
    }

    /** Refreshes until every address has a mail or the time is up; answers how many have one. */
    int awaitRecipients(List<String> addresses, long timeoutMillis) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (true) {
            refresh();
            int found = 0;
            synchronized (this) {
                for (String a : addresses) {
                    if (byRecipient.containsKey(a.toLowerCase())) {
                        found++;
                    }
                }
            }
            if (found == addresses.size() || System.currentTimeMillis() > deadline) {
                return found;
            }
            Thread.sleep(500);
        }
    }

    synchronized List<Path> files(String address) {
        return byRecipient.getOrDefault(address.toLowerCase(), List.of()).stream().map(Mail::file).toList();
    }

    record Tally(long messages, long distinct) {
        long duplicates() {
            return messages - distinct;
        }
    }

    /** Mails and distinct recipients among the addresses that contain the marker. */
    synchronized Tally tally(String marker) {
        return tally(marker, null);
    }

    /** The same, counting only mails whose subject line contains subjectPart. */
    synchronized Tally tally(String marker, String subjectPart) {
        long messages = 0;
        long distinct = 0;
        for (var e : byRecipient.entrySet()) {
            if (e.getKey().contains(marker)) {
                long mails = e.getValue().stream()
                        .filter(m -> subjectPart == null || m.subject().contains(subjectPart)).count();
                messages += mails;
                distinct += mails > 0 ? 1 : 0;
            }
        }
        return new Tally(messages, distinct);
    }

    /** Reads the envelope recipients into rcpts and answers the raw subject line of the mail's header. */
    private static String headers(Path file, List<String> rcpts) throws IOException {
        String subject = "";
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
            for (String line = r.readLine(); line != null && !line.isEmpty(); line = r.readLine()) {
                Matcher m = RCPT.matcher(line);
                if (m.find()) {
                    rcpts.add(m.group(1).toLowerCase());
                    continue;
                }
                Matcher s = SUBJECT.matcher(line);
                if (s.find()) {
                    subject = s.group(1);
                }
            }
        }
        return subject;
    }

    private static final Session SESSION = Session.getInstance(new Properties());

    /** The whole text of a dumped mail: its headers and every text part, decoded. */
    static String text(Path file) throws Exception {
        try (InputStream in = Files.newInputStream(file)) {
            MimeMessage message = new MimeMessage(SESSION, in);
            StringBuilder out = new StringBuilder();
            var headers = message.getAllHeaderLines();
            while (headers.hasMoreElements()) {
                out.append(headers.nextElement()).append('\n');
            }
            collect(message, out);
            return out.toString();
        }
    }

    private static void collect(Part part, StringBuilder out) throws Exception {
        Object content = part.getContent();
        if (content instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                collect(body, out);
            }
        } else if (content instanceof String s) {
            out.append(s).append('\n');
        }
    }
}
