package org.mynn.core.train;

import java.util.function.IntFunction;

/**
 * Inputs made ahead, on a thread of their own ("mynn-ahead"), for training data whose inputs cost work to make
 * ({@link TrainingData#costly()}: images distorted afresh every epoch). The producer walks the run's samples in the
 * order training reads them, epoch after epoch (so it goes on into the next epoch while the trainer tests the last),
 * and keeps up to {@link #ahead} inputs ready in a ring; the trainer's reads copy them out. Every input is what the
 * data itself gives for that sample (a distortion depends on the seed, the epoch and the sample, never on the thread
 * that makes it), so a run is the same bits with and without the producer.
 *
 * <p>A read that is not the next in order (a run resumed elsewhere) makes its input on the reader's thread and moves
 * the producer on to the sample after it. An exception the producer meets is thrown to the reader when it reaches
 * that sample: the run fails as it would have without the producer. {@link #close} ends the thread and waits for it;
 * the trainer closes it when the run ends, whichever way.
 */
final class Prefetch implements AutoCloseable {

    /** The name of the producer's thread. */
    static final String THREAD = "mynn-ahead";

    private final IntFunction<TrainingData> epochs;
    private final int n;
    private final long end;
    private final int ahead;
    private final double[][] slots;
    private Thread thread;

    // guarded by this: positions count samples over the run, (epoch - 1) * n + index
    /** the first position the trainer may still read */
    private long consumed;
    /** positions [consumed, made) are ready; the producer works on {@code made} */
    private long made;
    /** changes whenever the reader moves the producer, so that a sample made for the old place is dropped */
    private int generation;
    private RuntimeException error;
    private long errorAt;
    private boolean closed;

    /**
     * @param epochs    the data of epoch {@code e} (from 1), in the order training reads it
     * @param lastEpoch the last epoch of the run: the producer stops after it
     * @param n         samples per epoch
     * @param width     values per input
     */
    Prefetch(IntFunction<TrainingData> epochs, int lastEpoch, int n, int width) {
        this.epochs = epochs;
        this.n = n;
        this.end = (long) lastEpoch * n;
        this.ahead = Math.max(64, Math.min(1024, (1 << 20) / Math.max(1, width)));
        this.slots = new double[ahead][width];
    }

    /**
     * @param ahead the run's producer; may be null (then {@code data} itself is returned)
     * @return the epoch's data as training reads it: its inputs made ahead from sample {@code from} on when they cost
     *         work ({@link TrainingData#costly()})
     */
    static TrainingData view(Prefetch ahead, TrainingData data, int epoch, int from) {
        return ahead != null && data.costly() ? ahead.view(data, epoch, from) : data;
    }

    private synchronized TrainingData view(TrainingData data, int epoch, int from) {
        long p = (long) (epoch - 1) * n + from;
        if (p < consumed || p > made) {
            move(p);
        }
        if (thread == null && !closed) {
            thread = new Thread(this::produce, THREAD);
            thread.setDaemon(true);
            thread.start();
        }
        return new View(data, epoch);
    }

    private void move(long p) {
        generation++;
        consumed = p;
        made = p;
        error = null;
        notifyAll();
    }

    private void produce() {
        int epoch = -1;
        TrainingData data = null;
        while (true) {
            long p;
            int g;
            synchronized (this) {
                while (!closed && (made >= end || made - consumed >= ahead || error != null)) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                p = made;
                g = generation;
            }
            int e = (int) (p / n) + 1;
            try {
                if (e != epoch) {
                    data = epochs.apply(e);
                    epoch = e;
                }
                data.input((int) (p % n), slots[(int) (p % ahead)]);
            } catch (RuntimeException ex) {
                synchronized (this) {
                    if (g == generation) {
                        error = ex;
                        errorAt = p;
                        notifyAll();
                    }
                }
                continue;
            }
            synchronized (this) {
                if (g == generation) {
                    made = p + 1;
                    notifyAll();
                }
            }
        }
    }

    /** Writes the input at position {@code p} into {@code out}: made ahead, or made here when out of order. */
    private void take(long p, TrainingData data, int i, double[] out) {
        synchronized (this) {
            if (closed || p < consumed || p > made) {
                move(p + 1);
                data.input(i, out);
                return;
            }
            consumed = p;
            while (made <= p && !(error != null && errorAt == made) && !closed) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (made <= p) {
                RuntimeException ex = error;
                move(p + 1);
                if (ex != null) {
                    throw ex;
                }
                data.input(i, out);
                return;
            }
        }
        System.arraycopy(slots[(int) (p % ahead)], 0, out, 0, out.length);
        synchronized (this) {
            if (consumed == p) {
                consumed = p + 1;
                notifyAll();
            }
        }
    }

    /** Stops the producer and waits for it to end. */
    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            closed = true;
            notifyAll();
            t = thread;
        }
        if (t != null) {
            boolean interrupted = false;
            while (t.isAlive()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** One epoch's data, its inputs read from the producer. */
    private final class View extends DataView {
        private final long base;

        View(TrainingData data, int epoch) {
            super(data);
            this.base = (long) (epoch - 1) * n;
        }

        @Override
        public void input(int i, double[] out) {
            take(base + i, data, i, out);
        }
    }
}
