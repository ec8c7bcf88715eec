package dev.consentflow.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * Runs n calls on a fixed number of threads, as fast as they answer (a closed loop: each thread sends its next
 * call when the last one answered), and records each call's latency in microseconds.
 */
final class Load {

    /** One call; answers an HTTP status, or any code the caller counts as an outcome. */
    @FunctionalInterface
    interface Call {
        int run(int index) throws Exception;
    }

    record Result(int n, long nanos, Histogram micros, Map<Integer, Long> outcomes, String firstError) {
        long count(int outcome) {
            return outcomes.getOrDefault(outcome, 0L);
        }

        long countOtherThan(int... expected) {
            long other = 0;
            outer:
            for (var e : outcomes.entrySet()) {
                for (int x : expected) {
                    if (e.getKey() == x) {
                        continue outer;
                    }
                }
                other += e.getValue();
            }
            return other;
        }

        /** Outcome counts keyed by their code as text, for the JSON line. */
        Map<String, Long> outcomeMap() {
            Map<String, Long> m = new TreeMap<>();
            outcomes.forEach((k, v) -> m.put(k == 0 ? "exception" : Integer.toString(k), v));
            return m;
        }
    }

    private Load() {
    }

    static Result run(int n, int threads, Call call) throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        Map<Integer, LongAdder> outcomes = new ConcurrentHashMap<>();
        AtomicReference<String> firstError = new AtomicReference<>();
        List<Histogram> histograms = new ArrayList<>();
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Histogram h = new Histogram(3_600_000_000L, 3);
            histograms.add(h);
            workers.add(new Thread(() -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    long start = System.nanoTime();
                    int outcome;
                    try {
                        outcome = call.run(i);
                    } catch (Exception e) {
                        outcome = 0;
                        firstError.compareAndSet(null, e.toString());
                    }
                    h.recordValue(Math.max(1, (System.nanoTime() - start) / 1000));
                    outcomes.computeIfAbsent(outcome, k -> new LongAdder()).increment();
                }
            }, "load-" + t));
        }
        long start = System.nanoTime();
        workers.forEach(Thread::start);
        for (Thread w : workers) {
            w.join();
        }
        long nanos = System.nanoTime() - start;
        Histogram all = new Histogram(3_600_000_000L, 3);
        histograms.forEach(all::add);
        Map<Integer, Long> counted = new TreeMap<>();
        outcomes.forEach((k, v) -> counted.put(k, v.sum()));
        return new Result(n, nanos, all, counted, firstError.get());
    }
}
