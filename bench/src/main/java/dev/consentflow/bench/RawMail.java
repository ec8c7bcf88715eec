package dev.consentflow.bench;

import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/** The dispatch ceiling: a plain Jakarta Mail loop over a few reused SMTP connections, nothing in between. */
final class RawMail {

    record Result(long sent, long failed, long nanos, String firstError) {
    }

    private RawMail() {
    }

    static Result send(Config config, int n, int connections, String addressPrefix) throws InterruptedException {
        Properties props = new Properties();
        props.setProperty("mail.smtp.host", config.sinkHost());
        props.setProperty("mail.smtp.port", Integer.toString(config.sinkPort()));
        props.setProperty("mail.smtp.connectiontimeout", "10000");
        props.setProperty("mail.smtp.timeout", "30000");
        props.setProperty("mail.smtp.writetimeout", "30000");
        Session session = Session.getInstance(props);
        AtomicInteger next = new AtomicInteger();
        AtomicLong sent = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            threads.add(new Thread(() -> {
                Transport transport = null;
                try {
                    for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                        try {
                            if (transport == null || !transport.isConnected()) {
                                transport = session.getTransport("smtp");
                                transport.connect();
                            }
                            MimeMessage m = CampaignMail.render(session, "Bench Shop <news@shop.example>",
                                    addressPrefix + i + "@bench.test", "Anna" + i, config.publicUrl());
                            transport.sendMessage(m, m.getAllRecipients());
                            sent.incrementAndGet();
                        } catch (Exception e) {
                            failed.incrementAndGet();
                            firstError.compareAndSet(null, e.toString());
                        }
                    }
                } finally {
                    try {
                        if (transport != null) {
                            transport.close();
                        }
                    } catch (Exception ignored) {
                        // the sink may already have hung up
                    }
                }
            }, "raw-mail-" + c));
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        return new Result(sent.get(), failed.get(), System.nanoTime() - start, firstError.get());
    }
}
