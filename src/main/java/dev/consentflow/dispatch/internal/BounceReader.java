package dev.consentflow.dispatch.internal;

import dev.consentflow.dispatch.DeliveryFeedback;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads the bounce mailbox, one node at a time (the {@code bounce-mailbox} lease), every poll interval. Each
 * message's effect ({@link DeliveryFeedback#record}) commits first; only then is the message deleted, so a crash
 * in between leaves it in the mailbox, and reading it again finds the same (source, event id) recorded: one
 * effect. What is neither a bounce nor a complaint of ours goes to the aside folder (IMAP) or stays (POP3),
 * logged, never lost.
 */
final class BounceReader implements SmartLifecycle {

    static final String LEASE = "bounce-mailbox";
    /** Mailbox messages whose effects commit together. */
    private static final int CHUNK = 50;
    private static final Logger log = LoggerFactory.getLogger(BounceReader.class);

    /** What became of one mailbox message. */
    enum Outcome { RECORDED, REPEATED, NO_EFFECT, ASIDE }

    private final String node;
    private final BounceMailbox mailbox;
    private final BounceProperties properties;
    private final BounceReports reports;
    private final DeliveryFeedback feedback;
    private final Leases leases;
    private final TransactionTemplate transactions;
    private final Set<String> keptAside = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService scheduler;
    private volatile boolean running;

    BounceReader(String node, BounceMailbox mailbox, BounceProperties properties, BounceReports reports,
                 DeliveryFeedback feedback, Leases leases, TransactionTemplate transactions) {
        this.node = node;
        this.mailbox = mailbox;
        this.properties = properties;
        this.reports = reports;
        this.feedback = feedback;
        this.leases = leases;
        this.transactions = transactions;
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bounce-reader-" + node));
        long every = properties.pollInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::pollSafely, every, every, TimeUnit.MILLISECONDS);
        running = true;
        log.info("Bounce mailbox {} read every {} by whichever node holds the lease", mailbox,
                properties.pollInterval());
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        leases.giveUp(LEASE, node);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** One round, if this node holds the lease: answers how many messages it handled. */
    synchronized int poll() throws MessagingException {
        if (!leases.take(LEASE, node, properties.lease())) {
            return 0;
        }
        int handled = 0;
        try (Store store = mailbox.connect()) {
            Folder folder = store.getFolder(mailbox.folder());
            folder.open(Folder.READ_WRITE);
            try {
                int count = folder.getMessageCount();
                if (count == 0) {
                    return 0;
                }
                Message[] messages = folder.getMessages(1, Math.min(count, properties.batchSize()));
                prefetch(folder, messages);
                List<Message> done = new ArrayList<>();
                List<Message> aside = new ArrayList<>();
                List<Message> open = new ArrayList<>();
                for (Message message : messages) {
                    if (!message.isExpunged() && !message.isSet(Flags.Flag.DELETED)) {
                        open.add(message);
                    }
                }
                for (int from = 0; from < open.size(); from += CHUNK) {
                    List<Message> chunk = open.subList(from, Math.min(open.size(), from + CHUNK));
                    List<Outcome> outcomes = settleAll(chunk);
                    for (int i = 0; i < chunk.size(); i++) {
                        (outcomes.get(i) == Outcome.ASIDE ? aside : done).add(chunk.get(i));
                    }
                    handled += chunk.size();
                }
                // Only now, every effect committed, do the messages leave the mailbox (a crash before this
                // leaves them there, and the next round finds their effects recorded).
                dispose(store, folder, done, aside);
            } finally {
                folder.close(true);
            }
        }
        return handled;
    }

    /**
     * The effects of several messages in one transaction (a commit per message would dominate the round); if that
     * fails, each on its own, so one bad message cannot hold the others back.
     */
    private List<Outcome> settleAll(List<Message> chunk) throws MessagingException {
        List<MimeMessage> locals = new ArrayList<>(chunk.size());
        for (Message message : chunk) {
            locals.add(local(message));
        }
        try {
            return transactions.execute(status -> locals.stream().map(this::effect).toList());
        } catch (RuntimeException e) {
            log.warn("Recording {} bounce mailbox messages together failed; one by one now: {}", chunk.size(),
                    e.toString());
            List<Outcome> outcomes = new ArrayList<>(locals.size());
            for (MimeMessage message : locals) {
                outcomes.add(settle(message));
            }
            return outcomes;
        }
    }

    /**
     * The effect of one message, committed; the message itself is not touched. A crash after this returns leaves
     * the message in the mailbox with its effect recorded.
     */
    Outcome settle(MimeMessage message) {
        return transactions.execute(status -> effect(message));
    }

    /** The effect of one message in the caller's transaction. */
    private Outcome effect(MimeMessage message) {
        BounceReports.Report report;
        try {
            report = reports.read(message);
        } catch (IOException | MessagingException | RuntimeException e) {
            report = new BounceReports.Aside("unreadable: " + e.getClass().getSimpleName());
        }
        if (report instanceof BounceReports.Feedback found) {
            return feedback.record(found.event()) ? Outcome.RECORDED : Outcome.REPEATED;
        }
        if (report instanceof BounceReports.NoEffect none) {
            log.debug("Bounce mailbox message without effect: {}", none.why());
            return Outcome.NO_EFFECT;
        }
        String why = ((BounceReports.Aside) report).why();
        if (keptAside.add(id(message))) {
            log.warn("Bounce mailbox message {} is neither a bounce nor a complaint of ours ({}): {}", id(message),
                    why, mailbox.isPop3() ? "left in the mailbox" : "moved to " + properties.asideFolder());
        }
        return Outcome.ASIDE;
    }

    private void dispose(Store store, Folder folder, List<Message> done, List<Message> aside)
            throws MessagingException {
        List<Message> leaving = new ArrayList<>(done);
        if (!aside.isEmpty() && !mailbox.isPop3()) {
            Folder kept = store.getFolder(properties.asideFolder());
            if (!kept.exists()) {
                kept.create(Folder.HOLDS_MESSAGES);
            }
            folder.copyMessages(aside.toArray(Message[]::new), kept);
            leaving.addAll(aside);
        }
        if (!leaving.isEmpty()) {
            folder.setFlags(leaving.toArray(Message[]::new), new Flags(Flags.Flag.DELETED), true);
        }
    }

    /** The whole message, fetched once and parsed here: no round trip per part. */
    private static MimeMessage local(Message message) throws MessagingException {
        try {
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            return new MimeMessage(null, new ByteArrayInputStream(raw.toByteArray()));
        } catch (IOException e) {
            throw new MessagingException("cannot read a mailbox message", e);
        }
    }

    private static void prefetch(Folder folder, Message[] messages) throws MessagingException {
        FetchProfile profile = new FetchProfile();
        profile.add(FetchProfile.Item.ENVELOPE);
        profile.add(FetchProfile.Item.CONTENT_INFO);
        profile.add(FetchProfile.Item.FLAGS);
        if (folder instanceof IMAPFolder) {
            profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
        } else if (folder instanceof UIDFolder) {
            profile.add(UIDFolder.FetchProfileItem.UID);
        }
        folder.fetch(messages, profile);
    }

    private static String id(MimeMessage message) {
        try {
            return BounceReports.eventId(message);
        } catch (IOException | MessagingException | RuntimeException e) {
            return "(no id)";
        }
    }

    private void pollSafely() {
        try {
            int handled = poll();
            if (handled > 0) {
                log.info("Bounce mailbox: {} messages handled", handled);
            }
        } catch (MessagingException | RuntimeException e) {
            log.warn("Reading the bounce mailbox {} failed; trying again in {}: {}", mailbox,
                    properties.pollInterval(), e.toString());
        }
    }
}
