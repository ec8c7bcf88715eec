package dev.consentflow.campaigns.internal;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * For {@link CampaignDispatchCostBench} only: what the dispatch threads wait on, and what the server's database
 * sessions wait on, sampled every 10 ms while a campaign sends (a poor man's wall-clock profile: it answers
 * "what serialises", which CPU time per message cannot). Thread samples are classified by the stack: waiting for
 * its start group, in a JDBC round trip (by the dispatch method), waiting for an SMTP connection, in SMTP I/O,
 * idle for want of a row, or on the CPU (by the dispatch method).
 */
final class WaitSampler implements AutoCloseable {

    private final JdbcClient jdbc;
    private final Map<String, LongAdder> threads = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> sessions = new ConcurrentHashMap<>();
    private final LongAdder rounds = new LongAdder();
    private final LongAdder statements = new LongAdder();
    private final Thread sampler;
    private volatile boolean running = true;

    WaitSampler(JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.sampler = new Thread(this::run, "wait-sampler");
        this.sampler.setDaemon(true);
        this.sampler.start();
    }

    private void run() {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        while (running) {
            rounds.increment();
            for (ThreadInfo info : mx.dumpAllThreads(false, false, 40)) {
                String name = info.getThreadName();
                String group = name.startsWith("dispatch-email") ? "mail thread"
                        : name.startsWith("dispatch-poller") ? "poller"
                        : name.startsWith("dispatch-starts") ? "writer of starts and final states" : null;
                if (group != null) {
                    threads.computeIfAbsent(group + " | " + classify(info), k -> new LongAdder()).increment();
                }
            }
            if (rounds.sum() % 2 == 0) {
                statements.increment();
                jdbc.sql("""
                        select coalesce(wait_event_type, 'CPU') || ':' || coalesce(wait_event, '') || ' | '
                               || left(regexp_replace(query, '\\s+', ' ', 'g'), 60) as what
                          from pg_stat_activity
                         where datname = current_database() and state = 'active' and pid <> pg_backend_pid()
                        """).query(String.class).list()
                        .forEach(what -> sessions.computeIfAbsent(what, k -> new LongAdder()).increment());
            }
            LockSupport.parkNanos(10_000_000L);
        }
    }

    private static String classify(ThreadInfo info) {
        StackTraceElement[] stack = info.getStackTrace();
        String ours = null;
        boolean jdbc = false;
        boolean smtp = false;
        boolean poolTake = false;
        boolean startsWait = false;
        boolean idle = false;
        for (StackTraceElement frame : stack) {
            String cls = frame.getClassName();
            if (cls.startsWith("org.postgresql")) {
                jdbc = true;
            }
            if (cls.contains(".smtp.")) {
                smtp = true;
            }
            if (cls.endsWith("ThreadPoolExecutor") && frame.getMethodName().equals("getTask")) {
                idle = true;
            }
            if (cls.endsWith("SmtpConnectionPool") && frame.getMethodName().startsWith("withConnection")
                    && ours == null) {
                poolTake = true;
            }
            if ((cls.endsWith("MessageStarts") && frame.getMethodName().equals("start")
                    || cls.endsWith("MessageStarts$Pending") && frame.getMethodName().equals("started"))
                    && ours == null) {
                startsWait = true;
            }
            if (ours == null && cls.startsWith("dev.consentflow") && !cls.startsWith("dev.consentflow.support")) {
                ours = cls.substring(cls.lastIndexOf('.') + 1) + "." + frame.getMethodName();
            }
        }
        String top = stack.length == 0 ? "" : stack[0].getClassName() + "." + stack[0].getMethodName();
        boolean io = top.contains("socketRead") || top.contains("Net.poll") || top.contains("NioSocketImpl")
                || top.contains("EPoll") || top.contains("read0");
        if (idle && ours == null) {
            return "idle: no row to send";
        }
        if (startsWait) {
            return "waits for its start's commit";
        }
        if (poolTake) {
            return "waits for an SMTP connection";
        }
        if (jdbc) {
            return (io ? "JDBC round trip: " : "JDBC on CPU: ") + ours;
        }
        if (smtp) {
            return io ? "SMTP I/O (relay's answer)" : "SMTP on CPU";
        }
        return (info.getThreadState() == Thread.State.RUNNABLE ? "CPU: " : info.getThreadState() + ": ") + ours
                + " <- " + top;
    }

    @Override
    public void close() {
        running = false;
        try {
            sampler.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Statements this sampler ran (counted by StatementCounting; to be taken off its total). */
    long statements() {
        return statements.sum();
    }

    String report() {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nwhere the dispatch threads were (share of %d samples, 10 ms apart):%n",
                rounds.sum()));
        print(out, threads, rounds.sum(), 0.005);
        out.append(String.format("%nactive database sessions of this database (per sample of %d, wait event | query):%n",
                statements.sum()));
        print(out, sessions, statements.sum(), 0.01);
        return out.toString();
    }

    private static void print(StringBuilder out, Map<String, LongAdder> counts, long samples, double least) {
        Map<String, Long> sorted = new TreeMap<>();
        counts.forEach((k, v) -> sorted.put(k, v.sum()));
        sorted.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .filter(e -> e.getValue() >= least * samples)
                .forEach(e -> out.append(String.format("  %6.3f %s%n", e.getValue() / (double) Math.max(1, samples),
                        e.getKey())));
    }
}
