package org.mynn.cli.terminal;

import java.util.Locale;
import org.mynn.core.model.Provenance;
import org.mynn.core.train.TrainingListener;
import org.mynn.data.fetch.ProgressListener;

/**
 * One line on standard error, redrawn in place: for training the epoch, a bar, samples per second and the time
 * left; for downloads the bytes. Silent unless a person watches a terminal, and with {@code --quiet}.
 */
public final class ProgressBar implements TrainingListener, ProgressListener {

    private static final int WIDTH = 24;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final Terminal terminal;
    private final boolean enabled;
    private String label = "";
    private long total;
    private long done;
    private long started;
    private long lastDraw;

    public ProgressBar(Terminal terminal, boolean quiet) {
        this.terminal = terminal;
        this.enabled = terminal.interactive() && !quiet;
    }

    @Override
    public void epochStarted(int epoch, int epochs, int samples) {
        begin("epoch " + epoch + "/" + epochs, samples);
    }

    @Override
    public void samplesDone(int count) {
        done = count;
        draw(false);
    }

    @Override
    public void epochFinished(Provenance.Epoch epoch) {
        clear();
    }

    @Override
    public void started(String what, long totalBytes) {
        begin("fetching " + what, totalBytes);
    }

    @Override
    public void advanced(long bytes) {
        done += bytes;
        draw(false);
    }

    @Override
    public void finished() {
        clear();
    }

    private void begin(String what, long size) {
        label = what;
        total = size;
        done = 0;
        started = System.nanoTime();
        lastDraw = 0;
        draw(true);
    }

    private void draw(boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        double secs = Math.max(1e-9, (now - started) / 1e9);
        StringBuilder line = new StringBuilder("\r").append(label).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(WIDTH, WIDTH * done / total);
            line.append('[').append("#".repeat(filled)).append(".".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%% ", 100 * done / total));
        }
        double rate = done / secs;
        if (label.startsWith("fetching")) {
            line.append(String.format(Locale.ROOT, "%.1f MB", done / 1e6));
        } else {
            line.append(String.format(Locale.ROOT, "%,d/%,d  %,.0f samples/s", done, total, rate));
            if (done > 0 && total > done) {
                long left = Math.round((total - done) / rate);
                line.append(String.format(Locale.ROOT, "  ETA %d:%02d", left / 60, left % 60));
            }
        }
        line.append("\u001b[K");
        terminal.err().print(line);
        terminal.err().flush();
    }

    private void clear() {
        if (enabled) {
            terminal.err().print("\r\u001b[K");
            terminal.err().flush();
        }
    }
}
