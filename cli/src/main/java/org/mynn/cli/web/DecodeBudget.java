package org.mynn.cli.web;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.mynn.core.Memory;
import org.mynn.data.PictureReader;

/**
 * Bounds the pixels of uploaded pictures decoded at once (a decoded pixel takes 4 bytes, whatever the file's size):
 * an upload waits for its turn, and after a while is answered 503 instead of taking the server's memory.
 */
final class DecodeBudget implements PictureReader.PixelBudget {

    private static final int UNIT = 1000;
    private final Semaphore permits;
    private final int total;
    private final Duration wait;

    DecodeBudget(long pixels, Duration wait) {
        this.total = (int) Math.max(1, pixels / UNIT);
        this.permits = new Semaphore(total, true);
        this.wait = wait;
    }

    @Override
    public void acquire(long pixels) {
        int n = units(pixels);
        try {
            if (!permits.tryAcquire(n, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Http.HttpError(503, "the server is busy decoding other pictures; try again in a moment");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Http.HttpError(503, "the server is stopping");
        }
        try {
            Memory.require(4L * pixels, String.format(Locale.ROOT, "decoding a picture of %,d pixels", pixels));
        } catch (RuntimeException e) {
            permits.release(n);
            throw new Http.HttpError(503, e.getMessage());
        }
    }

    @Override
    public void release(long pixels) {
        permits.release(units(pixels));
    }

    private int units(long pixels) {
        return (int) Math.min(total, Math.max(1, pixels / UNIT));
    }
}
