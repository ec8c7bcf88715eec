package dev.consentflow.subscription.internal;

import dev.consentflow.TransactionRetry;
import dev.consentflow.engine.ProcessRuntime;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit for work that would each be a transaction of its own ({@link TransactionRetry#run}) with one engine
 * command in it: a form post's double opt-in, an integration's ({@code POST /api/subscriptions}, a list add), a
 * confirmation link's click. At most {@code groups} transactions of it run at once; work that
 * arrives while they run waits, and when one ends, one of the waiting request threads (the leader, no thread of
 * ours) takes everything waiting (up to {@code max-size}) and runs it in ONE transaction and ONE engine command
 * ({@link ProcessRuntime#inOneCommand}): one commit and one engine flush for the group, its like inserts batched.
 * No waiting on purpose: a group is whatever queued while the previous ones ran, and work that finds a free slot
 * and nobody waiting runs alone at once, exactly as {@link TransactionRetry#run} runs it.
 *
 * <p>Each member is answered only after the group's commit. When the group fails for any reason (a member's
 * exception, a unique violation, a deadlock, a lost optimistic lock, the commit), it is rolled back and every
 * member runs again alone, on its own thread, through {@link TransactionRetry#run}: each gets exactly the answer it
 * would have got alone. Each member runs in the group with its own thread's security context.
 *
 * <p>Each waiting thread is woken alone, when there is something for it: a freed slot wakes the first of those
 * waiting to be taken (it leads, or finds itself taken by a leader that came first), and a group's end wakes its
 * own members; no event wakes every thread that waits to see whether it concerns it.
 */
@Component
class GroupCommit {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    private final TransactionRetry retry;
    private final TransactionTemplate transactions;
    private final ProcessRuntime runtime;
    private final int groups;
    private final int maxSize;

    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Member<?>> waiting = new ArrayDeque<>();
    private int running;

    private final AtomicLong groupsCommitted = new AtomicLong();
    private final AtomicLong membersGrouped = new AtomicLong();
    private final AtomicLong groupsFailed = new AtomicLong();

    GroupCommit(TransactionRetry retry, PlatformTransactionManager transactionManager, ProcessRuntime runtime,
                @Value("${consentflow.signup.group-commit.groups:2}") int groups,
                @Value("${consentflow.signup.group-commit.max-size:32}") int maxSize, MeterRegistry meters) {
        this.retry = retry;
        this.transactions = new TransactionTemplate(transactionManager);
        this.transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.runtime = runtime;
        this.groups = groups;
        this.maxSize = Math.max(1, maxSize);
        FunctionCounter.builder("consentflow.signup.groups.committed", groupsCommitted, AtomicLong::get)
                .description("Groups of signups (form posts, the API's) and confirmation clicks committed together, one transaction each (groups of one are not counted)")
                .register(meters);
        FunctionCounter.builder("consentflow.signup.groups.members", membersGrouped, AtomicLong::get)
                .description("Signups (form posts, the API's) and confirmation clicks answered from a group's commit")
                .register(meters);
        FunctionCounter.builder("consentflow.signup.groups.failed", groupsFailed, AtomicLong::get)
                .description("Groups rolled back, whose signups and clicks then each ran alone for their own answer (one member's error, a deadlock, a link no longer waiting)")
                .register(meters);
    }

    /**
     * Runs the work in a transaction, alone or with others that arrive meanwhile, and answers what it answered or
     * throws what it threw alone. The caller must hold no transaction (the work runs in the leader's).
     */
    <T> T run(Supplier<T> work) {
        return run(null, work);
    }

    /**
     * {@link #run(Supplier)} for work that locks a row named by {@code order}: a group runs its members in the order
     * of these keys (members without one after them, in the order they came), so two groups lock shared rows in
     * the same order. A deadlock the keys cannot prevent only sends the group's members back to run alone.
     */
    <T> T run(String order, Supplier<T> work) {
        if (groups <= 0) {
            return retry.run(work);
        }
        Member<T> me = new Member<>(order, work, SecurityContextHolder.getContext());
        List<Member<?>> group;
        lock.lock();
        try {
            waiting.add(me);
            while (me.state == State.QUEUED && running >= groups) {
                me.woken.awaitUninterruptibly();
            }
            if (me.state == State.QUEUED) {
                running++;
                group = take(me);
                wakeNextLeader();
            } else {
                while (me.state == State.TAKEN) {
                    me.woken.awaitUninterruptibly();
                }
                group = null;
            }
        } finally {
            lock.unlock();
        }
        if (group == null) {
            return me.answer();
        }
        try {
            if (group.size() == 1) {
                return retry.run(work);
            }
            runGroup(group);
        } finally {
            lock.lock();
            try {
                running--;
                wakeNextLeader();
            } finally {
                lock.unlock();
            }
        }
        return me.answer();
    }

    /**
     * Wakes the first member waiting to be taken when a slot is free for it (under the lock): after a slot is freed,
     * and after a leader took its group, when more wait than a group takes and another slot is free.
     */
    private void wakeNextLeader() {
        Member<?> next = waiting.peek();
        if (next != null && running < groups) {
            next.woken.signal();
        }
    }

    /** The leader and whoever waits before it, up to the group's size; all marked taken. Under the lock. */
    private List<Member<?>> take(Member<?> leader) {
        List<Member<?>> group = new ArrayList<>();
        waiting.remove(leader);
        leader.state = State.TAKEN;
        group.add(leader);
        while (group.size() < maxSize && !waiting.isEmpty()) {
            Member<?> member = waiting.poll();
            member.state = State.TAKEN;
            group.add(member);
        }
        group.sort(Comparator.comparing(member -> member.order, Comparator.nullsLast(Comparator.naturalOrder())));
        return group;
    }

    private void runGroup(List<Member<?>> group) {
        State outcome;
        try {
            transactions.executeWithoutResult(status -> runtime.inOneCommand(() -> {
                for (Member<?> member : group) {
                    member.runInGroup();
                }
                return null;
            }));
            outcome = State.DONE;
            groupsCommitted.incrementAndGet();
            membersGrouped.addAndGet(group.size());
        } catch (RuntimeException | Error e) {
            // Rolled back: nothing of any member was written. Each runs again alone for its own answer.
            outcome = State.ALONE;
            groupsFailed.incrementAndGet();
            log.debug("A group of {} failed and its members run alone: {}", group.size(), e.toString());
        }
        lock.lock();
        try {
            for (Member<?> member : group) {
                member.state = outcome;
                member.woken.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Groups of more than one committed, the members they answered, groups rolled back (also metrics). */
    long[] counts() {
        return new long[] {groupsCommitted.get(), membersGrouped.get(), groupsFailed.get()};
    }

    /** How many wait for a group now (for tests). */
    int waiting() {
        lock.lock();
        try {
            return waiting.size();
        } finally {
            lock.unlock();
        }
    }

    private enum State { QUEUED, TAKEN, DONE, ALONE }

    private final class Member<T> {

        final String order;
        final Supplier<T> work;
        final SecurityContext security;
        /** Signalled when this member may lead or its group has ended; awaited by its own thread only. */
        final Condition woken = lock.newCondition();
        State state = State.QUEUED;
        T value;

        Member(String order, Supplier<T> work, SecurityContext security) {
            this.order = order;
            this.work = work;
            this.security = security;
        }

        void runInGroup() {
            value = null;
            SecurityContext leaders = SecurityContextHolder.getContext();
            SecurityContextHolder.setContext(security);
            try {
                value = work.get();
            } finally {
                SecurityContextHolder.setContext(leaders);
            }
        }

        /** Its group's answer after the commit, or its own run alone after a failed group. */
        T answer() {
            if (state == State.DONE) {
                return value;
            }
            value = null;
            return retry.run(work);
        }
    }
}
