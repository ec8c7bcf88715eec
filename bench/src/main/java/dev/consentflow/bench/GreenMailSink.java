package dev.consentflow.bench;

import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The fallback SMTP sink, when Postfix's smtp-sink cannot be installed: GreenMail on loopback, writing each
 * mail in smtp-sink's dump layout and counter format so the scenarios read both the same way. It keeps no
 * mail in memory. Slower than smtp-sink, so the JSON lines say which sink ran.
 */
final class GreenMailSink {

    private static final DateTimeFormatter FOLDER = DateTimeFormatter.ofPattern("HHmmss");

    private GreenMailSink() {
    }

    static void run(java.util.Map<String, String> options) throws Exception {
        int port = Integer.parseInt(options.get("port"));
        Path dump = Path.of(options.get("dump"));
        Path counterFile = Path.of(options.get("counter"));
        Files.createDirectories(dump);
        AtomicLong count = new AtomicLong();
        FileOutputStream counter = new FileOutputStream(counterFile.toFile(), true);
        GreenMail greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
        greenMail.getManagers().getUserManager().setMessageDeliveryHandler((message, address) -> {
            write(dump, address.getEmail(), message.getMessage(), count.incrementAndGet());
            synchronized (counter) {
                try {
                    counter.write(("sess=0 quit=0 mesg=" + count.get() + "\r").getBytes(StandardCharsets.US_ASCII));
                    counter.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return new Discard(address.getEmail());
        });
        Log.info("GreenMail sink on 127.0.0.1:" + port);
        Thread.currentThread().join();
    }

    private static void write(Path dump, String rcpt, MimeMessage message, long n) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(("X-Client-Addr: 127.0.0.1\nX-Rcpt-Args: <" + rcpt + ">\nReceived: from greenmail\n")
                    .getBytes(StandardCharsets.UTF_8));
            message.writeTo(out);
            Path folder = dump.resolve(LocalTime.now().format(FOLDER));
            Files.createDirectories(folder);
            Path tmp = folder.resolve(".tmp." + n);
            Files.write(tmp, out.toByteArray());
            Files.move(tmp, folder.resolve("m." + Long.toHexString(n)), StandardCopyOption.ATOMIC_MOVE);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A mailbox that forgets what it is given: the dump file is the record. */
    private record Discard(String email) implements GreenMailUser {
        public String getEmail() {
            return email;
        }

        public String getLogin() {
            return email;
        }

        public void deliver(MovingMessage msg) {
        }

        public void deliver(MimeMessage message) {
        }

        public void create() {
        }

        public void delete() {
        }

        public String getPassword() {
            return "";
        }

        public void setPassword(String password) {
        }

        public void authenticate(String password) {
        }

        public String getQualifiedMailboxName() {
            return email;
        }
    }
}
