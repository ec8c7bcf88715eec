package dev.consentflow.dispatch.internal;

import jakarta.mail.Session;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/** A fixed number of long-lived connections to one relay; a sender borrows one for one message. */
final class SmtpConnectionPool implements AutoCloseable {

    private final BlockingQueue<SmtpConnection> idle;
    private final List<SmtpConnection> all = new ArrayList<>();
    private final Session session;
    /** Threads in {@link #withConnection} waiting for a connection. */
    private final AtomicInteger waiting = new AtomicInteger();

    SmtpConnectionPool(SmtpRelay relay, int connections, int messagesPerConnection) {
        session = relay.session();
        idle = new ArrayBlockingQueue<>(connections);
        for (int i = 0; i < connections; i++) {
            SmtpConnection connection = new SmtpConnection(relay, session, messagesPerConnection);
            all.add(connection);
            idle.add(connection);
        }
    }

    /** The mail session every connection of the pool uses (messages are built in it). */
    Session session() {
        return session;
    }

    <T> T withConnection(Function<SmtpConnection, T> work) {
        SmtpConnection connection;
        waiting.incrementAndGet();
        try {
            connection = idle.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for an SMTP connection", e);
        } finally {
            waiting.decrementAndGet();
        }
        try {
            return work.apply(connection);
        } finally {
            idle.add(connection);
        }
    }

    /**
     * As {@link #withConnection} when a connection is idle now and no thread waits for one (a connection just given
     * back is the waiting thread's, not taken from under it); else null, without waiting. {@code work} must not
     * answer null.
     */
    <T> T withIdleConnection(Function<SmtpConnection, T> work) {
        SmtpConnection connection = waiting.get() > 0 ? null : idle.poll();
        if (connection == null) {
            return null;
        }
        try {
            return work.apply(connection);
        } finally {
            idle.add(connection);
        }
    }

    @Override
    public void close() {
        // Called once the workers stopped, so no connection is borrowed any more.
        all.forEach(SmtpConnection::close);
    }
}
