package org.mynn.core.train;

import java.util.concurrent.locks.LockSupport;

/**
 * Threads that share out work, each a fixed part of it: the caller does part 0, each worker one of the others.
 * {@link #run} hands the same task to everyone and returns when all parts are done: one cheap handoff each way,
 * by spinning on volatile counters (and parking briefly when the wait grows long). Which thread does a part never
 * changes what the part computes, so results do not depend on the number of threads.
 *
 * <p>When the machine is busy with other work, a worker may not get a processor for milliseconds, and a handoff
 * every sample then costs far more than it saves. A part is claimed before it is done, by its worker or, when the
 * caller has finished its own part and the worker has not started (it has no processor), by the caller, which then
 * does it itself instead of waiting. And the team watches its waits: a round is slow when the caller
 * waits longer for the workers (or works longer on their parts) than its own part took (doing the other part itself would have been quicker, however
 * short the round); when most rounds of a window of {@value #WINDOW} are slow, the caller does every part itself for
 * a while ({@value #SOLO_ROUNDS} rounds, at most {@value #SOLO_MILLIS} ms), then tries the workers again. One long
 * stall (a garbage collection) is one slow round, not a reason to give up the workers. The results are the same
 * either way.
 */
final class RowTeam implements AutoCloseable {

    /** Work on part {@code part} of {@code parts}. */
    @FunctionalInterface
    interface Task {
        void part(int part, int parts);
    }

    /** Work on rows {@code [r0, r1)} of a matrix. */
    @FunctionalInterface
    interface RowsTask {
        void rows(int r0, int r1);
    }

    /** Work on rows {@code [r0, r1)} of a matrix, as part {@code part} of the round (one thread's at a time). */
    @FunctionalInterface
    interface PartRowsTask {
        void rows(int part, int r0, int r1);
    }

    /** @return the first index of part {@code part} when {@code n} items are shared into {@code parts} */
    static int bound(int n, int part, int parts) {
        return (int) ((long) n * part / parts);
    }

    /** @return a task sharing out rows {@code [0, rows)} into contiguous blocks */
    static Task rows(int rows, RowsTask t) {
        return (part, parts) -> t.rows(bound(rows, part, parts), bound(rows, part + 1, parts));
    }

    /**
     * @return a task sharing out items {@code [0, n)} in blocks of {@code block}, each block taken by whichever thread
     *         is free: a thread that is held up (another process on its core) does fewer blocks instead of keeping the
     *         others waiting. For work whose result does not depend on how it is split (the mini-batch kernels).
     */
    static Task blocks(int n, int block, RowsTask t) {
        return blocks(n, block, (part, r0, r1) -> t.rows(r0, r1));
    }

    /**
     * {@link #blocks(int, int, RowsTask)} telling the task which part takes each block, so that it can use scratch
     * space of its own: a part is never run by two threads at once (though the caller may run a late worker's part
     * after its own).
     */
    static Task blocks(int n, int block, PartRowsTask t) {
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        return (part, parts) -> {
            int b0;
            while ((b0 = next.getAndAdd(block)) < n) {
                t.rows(part, b0, Math.min(n, b0 + block));
            }
        };
    }

    private static final int SPINS = 20_000;
    /** Rounds the caller works alone before trying the workers again. */
    static final int SOLO_ROUNDS = 20_000;
    /** The longest the caller works alone before trying the workers again (mini-batch rounds are long). */
    static final long SOLO_MILLIS = 250;
    private static final int WINDOW = 256;

    private final Worker[] workers;
    private volatile Task task;
    private volatile long round;
    private volatile boolean closed;
    /** For tests: while set, the workers see rounds but do not start on them, as if they had no processor. */
    private volatile boolean held;
    private int soloLeft;
    private long soloUntil;
    private int windowRounds;
    private int windowSlow;

    /** @param threads 1 or more; with 1 everything runs on the caller's thread */
    RowTeam(int threads) {
        int t = Math.max(1, threads);
        workers = new Worker[t - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(i + 1);
            workers[i].start();
        }
    }

    int size() {
        return workers.length + 1;
    }

    void run(Task t) {
        int parts = workers.length + 1;
        if (parts == 1) {
            t.part(0, 1);
            return;
        }
        if (soloLeft > 0 && System.nanoTime() - soloUntil > 0) {
            soloLeft = 0;
        }
        if (soloLeft > 0) {
            soloLeft--;
            for (int p = 0; p < parts; p++) {
                t.part(p, parts);
            }
            return;
        }
        task = t;
        long r = round + 1;
        round = r;
        long ownStart = System.nanoTime();
        t.part(0, parts);
        long waitStart = System.nanoTime();
        for (int i = 0; i < workers.length; i++) {
            Worker w = workers[i];
            if (w.finished != r && w.taken.get() != r && w.taken.compareAndSet(r - 1, r)) {
                // the worker has not started its part (it has no processor this moment): do it here, not wait
                t.part(i + 1, parts);
                continue;
            }
            int spins = 0;
            while (w.finished != r) {
                spins = pause(spins);
                if (w.failure != null) {
                    throw new IllegalStateException("a training thread failed", w.failure);
                }
            }
        }
        long waited = System.nanoTime() - waitStart;
        // (a part the caller took over counts as waiting: it is time the caller spent on someone else's part)
        if (waited > waitStart - ownStart) {
            windowSlow++;
        }
        if (++windowRounds == WINDOW) {
            // most rounds of the window waited long: the machine is busy (one long stall, a garbage collection or a
            // preempted worker, is not a reason to give up the second thread)
            if (windowSlow > WINDOW / 2) {
                soloLeft = SOLO_ROUNDS;
                soloUntil = System.nanoTime() + SOLO_MILLIS * 1_000_000;
            }
            windowRounds = 0;
            windowSlow = 0;
        }
    }

    /** For tests: keeps the workers from starting on rounds (true), or lets them (false). */
    void hold(boolean hold) {
        held = hold;
    }

    /** @return true while the caller is doing every part itself because the workers were kept waiting */
    boolean solo() {
        return soloLeft > 0 && System.nanoTime() - soloUntil < 0;
    }

    private static int pause(int spins) {
        if (spins < SPINS) {
            Thread.onSpinWait();
            return spins + 1;
        }
        LockSupport.parkNanos(20_000);
        return spins;
    }

    @Override
    public void close() {
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
            try {
                w.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private final class Worker extends Thread {
        private final int block;
        /** The last round whose part is claimed, by this worker or by the caller when this worker was late. */
        final java.util.concurrent.atomic.AtomicLong taken = new java.util.concurrent.atomic.AtomicLong();
        volatile long finished;
        volatile Throwable failure;

        Worker(int block) {
            super("mynn-rows-" + block);
            this.block = block;
            setDaemon(true);
        }

        @Override
        public void run() {
            long seen = 0;
            while (!closed) {
                int spins = 0;
                while (round == seen && !closed) {
                    spins = pause(spins);
                }
                if (closed) {
                    return;
                }
                seen = round;
                while (held && round == seen && !closed) {
                    Thread.onSpinWait();
                }
                if (!taken.compareAndSet(seen - 1, seen)) {
                    continue; // the caller found this part not started and did it itself
                }
                try {
                    task.part(block, workers.length + 1);
                } catch (Throwable t) {
                    failure = t;
                    return;
                }
                finished = seen;
            }
        }
    }
}
