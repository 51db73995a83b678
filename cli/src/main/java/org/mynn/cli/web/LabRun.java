package org.mynn.cli.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.mynn.cli.service.Jsons;
import org.mynn.core.MynnException;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.model.Provenance;
import org.mynn.core.train.Evaluator;
import org.mynn.core.train.Trainer;
import org.mynn.core.train.TrainingControl;
import org.mynn.core.train.TrainingDivergedException;
import org.mynn.core.train.TrainingListener;
import org.mynn.core.train.TrainingPosition;
import org.mynn.data.Dataset;

/**
 * One training run of the lab and its live views. The run trains on its own thread with {@link Trainer}, exactly as
 * {@code mynn train} does, steered through {@link TrainingControl}; a second thread (the frames thread) asks it for a
 * snapshot a few times a second (at least {@value #FRAME_MILLIS} ms apart, further when the views cost more than a
 * twentieth of a core) and, off the training thread, measures it on {@value #HELD_OUT} fixed test images, draws it
 * ({@link LabViews}) and hands the frame to the {@link Lab} to stream. After every epoch (or when asked) it makes the
 * confusion matrix of the whole test set: the error atlas.
 */
final class LabRun {

    /** Time between two frames of the live views. */
    static final int FRAME_MILLIS = 250;
    /** The test images every frame measures the network on: the first ones of the test set, the same all run long. */
    static final int HELD_OUT = 1000;
    /** The weights picture is drawn every this many frames (it costs more than the rest of a frame). */
    static final int WEIGHTS_EVERY = 4;

    /** Where a run stands. */
    enum State {
        IDLE, RUNNING, PAUSED, STOPPING, FINISHED, STOPPED, FAILED;

        boolean active() {
            return this == RUNNING || this == PAUSED || this == STOPPING;
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A network seen while it trains, with where the run stood. */
    private record Snapshot(NeuralNetwork net, int epoch, int done, int samples, double lossSum, long trained, long nanos,
            boolean epochEnd) {
    }

    final int id;
    final Map<String, Object> preset;
    final LabPlan.Plan plan;
    final LabPlan.Prepared prepared;
    final String description;
    /** Keeps the checkpoint a run stopped before its end makes: what Save writes for it. */
    final TrainingControl control = new TrainingControl(0, 0, (net, at) -> stoppedAt = net);
    final Thread thread;
    final Thread frames;
    final Dataset test;
    final Dataset heldOut;
    final List<String> classes;
    final int samples;
    /** Samples trained before this run began: those of the checkpoint it continues, else 0. */
    final long startSeen;
    final long started = System.nanoTime();
    volatile State state = State.RUNNING;
    /** Set once an ended run's last frame is made: it is in the run list (when it finished or was stopped). */
    private volatile boolean over;
    volatile String message;
    volatile LabAtlas atlas;
    volatile byte[] weightsPng;
    private final Lab lab;
    private final LabViews views;
    private volatile Snapshot snapshot;
    private volatile NeuralNetwork finalNetwork;
    private volatile NeuralNetwork stoppedAt;
    private volatile double learningRate;
    private final LabCurves curves = new LabCurves();
    private Map<String, Object> lastFrame;
    private int frameNumber;
    private Snapshot shown;
    private volatile long viewMillis;
    private long nextView;
    private List<int[]> backquery;

    /** @param id the run's number in the session; @param preset its preset and value (null for a run by hand) */
    LabRun(LabPlan.Plan plan, LabPlan.Prepared p, LabViews views, Lab lab, int id, Map<String, Object> preset) {
        this.id = id;
        this.preset = preset;
        this.plan = plan;
        this.prepared = p;
        this.views = views;
        this.lab = lab;
        this.test = p.test();
        this.heldOut = test.part(0, Math.min(HELD_OUT, test.size()));
        this.classes = p.classes();
        this.samples = p.sets().train().size();
        this.learningRate = plan.lr();
        this.startSeen = (long) p.from().epochsDone() * samples + p.from().samplesDone();
        String from = p.from().equals(TrainingPosition.START) ? ""
                : String.format(Locale.ROOT, ", resumed after %d epoch%s and %,d images", p.from().epochsDone(),
                        p.from().epochsDone() == 1 ? "" : "s", p.from().samplesDone());
        this.description = plan.describe(p.start().layers()) + String.format(Locale.ROOT, " (%,d images%s)", samples, from);
        control.watch((net, epoch, done, n, lossSum, trained) -> snapshot = new Snapshot(net, epoch, done, n, lossSum,
                trained, System.nanoTime(), done == n));
        this.thread = new Thread(this::train, "mynn-lab-train");
        this.thread.setDaemon(true);
        this.frames = new Thread(this::watch, "mynn-lab-frames");
        this.frames.setDaemon(true);
    }

    /** Starts the frames thread, which starts the training. */
    void begin() {
        frames.start();
    }

    /** Asks the run to stop and waits for its training thread, at most {@code millis}. */
    void end(long millis) {
        control.requestStop();
        thread.interrupt();
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void train() {
        TrainingListener listener = new TrainingListener() {
            @Override
            public void epochFinished(Provenance.Epoch e) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("epoch", e.epoch());
                m.put("accuracy", e.accuracy());
                if (e.accuracy() != null) {
                    m.put("interval95", org.mynn.core.train.Confidence.wilson95(Math.round(e.accuracy() * test.size()),
                            test.size()));
                }
                m.put("seconds", e.seconds());
                m.put("loss", e.loss());
                curves.epoch(m);
            }
        };
        try {
            Trainer.Outcome o = lab.plans().runs().trainer(prepared.settings(), listener).fit(prepared.start(), prepared.sets(),
                    prepared.epochs(), prepared.from(), control);
            finalNetwork = o.network();
            state = o.position().epochsDone() < prepared.epochs() ? State.STOPPED : State.FINISHED;
        } catch (TrainingDivergedException e) {
            message = e.getMessage();
            state = State.FAILED;
        } catch (MynnException e) {
            message = e.getMessage();
            state = State.FAILED;
        } catch (RuntimeException | OutOfMemoryError e) {
            message = "training failed: " + e;
            state = State.FAILED;
        }
        frames.interrupt();
    }

    /**
     * The frames thread: first the untrained network (sample 0 of the curves; it also readies the views' code, which
     * would otherwise compete with the first seconds of training), then starts the training and asks for snapshots,
     * measures and draws them, and sends frames.
     */
    private void watch() {
        try {
            snapshot = new Snapshot(prepared.start(), prepared.from().epochsDone() + 1, prepared.from().samplesDone(), samples,
                    0, 0, System.nanoTime(), false);
            see(snapshot);
            publish(true);
            // a second and third time, unseen: the views' code gets compiled now rather than while training runs
            // (on two cores, the compiler's threads would take their time from the training)
            for (int i = 0; i < 2 && state == State.RUNNING; i++) {
                Evaluator.evaluate(prepared.start(), heldOut);
                views.weightsPng(prepared.start());
                Jsons.writeCompact(frame());
            }
        } catch (RuntimeException | OutOfMemoryError e) {
            message = "the live views failed: " + e;
        }
        thread.start();
        while (true) {
            boolean ended = !state.active();
            if (!ended) {
                control.requestSnapshot();
            }
            try {
                if (!ended) {
                    // the views take at most about a twentieth of one core (on two cores, every bit they take
                    // is taken from training): slower frames when they cost more, one a second while no page looks
                    Thread.sleep(lab.listeners() == 0 ? 1000 : FRAME_MILLIS);
                }
            } catch (InterruptedException e) {
                // the run ended: one last frame
            }
            try {
                Snapshot s = snapshot;
                boolean fresh = s != null && s != shown;
                if (fresh) {
                    long t0 = System.nanoTime();
                    if (t0 >= nextView || s.epochEnd() || ended) {
                        see(s);
                        viewMillis = (System.nanoTime() - t0) / 1_000_000;
                        // the views take at most about a twentieth of one core (on two cores, every bit they take is
                        // taken from training); the frames between them carry the loss and where the run stands
                        nextView = System.nanoTime() + 19 * viewMillis * 1_000_000;
                    } else {
                        glance(s);
                    }
                }
                if (ended && snapshot == shown) {
                    // the run is over and its last snapshot seen: the atlas of the network it ended with
                    try {
                        NeuralNetwork last = finalNetwork;
                        long trained = shown == null ? 0 : shown.trained();
                        if (last != null && (atlas == null || atlas.trained() != trained)) {
                            atlas = LabAtlas.measure(last, test, shown == null ? 0 : shown.epoch(), trained);
                        }
                        if (last != null && (state == State.FINISHED || state == State.STOPPED)) {
                            lab.ended(this, atlas, (System.nanoTime() - started) / 1e9, curves.imagesPerSecond(samples));
                        }
                    } catch (RuntimeException | OutOfMemoryError e) {
                        message = "the live views failed: " + e;
                    }
                    over = true;
                    publish(true);
                    return;
                }
                publish(fresh);
            } catch (RuntimeException | OutOfMemoryError e) {
                message = "the live views failed: " + e;
                publish(true);
            }
        }
    }

    /** Takes a snapshot's loss and place into the curves, without measuring or drawing it (a frame between views). */
    private void glance(Snapshot s) {
        Snapshot before = shown;
        shown = s;
        curves.add(this.startSeen + s.trained(), s.lossSum(), this.startSeen + (before == null ? 0 : before.trained()),
                before == null ? 0 : before.lossSum(), before == null ? Double.NaN : (s.nanos() - before.nanos()) / 1e9,
                Double.NaN);
    }

    /** @return the run's settings for the run list */
    Map<String, Object> settings() {
        return plan.settings(prepared.start().layers(), samples);
    }

    /** Measures and draws a snapshot (off the training thread). */
    private void see(Snapshot s) {
        Snapshot before = shown;
        shown = s;
        NeuralNetwork net = s.net();
        double heldAcc = Evaluator.evaluate(net, heldOut).accuracy();
        curves.add(this.startSeen + s.trained(), s.lossSum(), this.startSeen + (before == null ? 0 : before.trained()),
                before == null ? 0 : before.lossSum(), before == null ? Double.NaN : (s.nanos() - before.nanos()) / 1e9,
                heldAcc);
        List<int[]> bq = views.backquery(net);
        if (bq != null) {
            backquery = bq;
        }
        // the weights picture about once a second, and only while a page looks
        if (s.trained() == 0 || (lab.listeners() > 0 && (weightsPng == null || frameNumber % WEIGHTS_EVERY == 0
                || !state.active()))) {
            weightsPng = views.weightsPng(net);
        }
        if (s.epochEnd()) {
            atlas = LabAtlas.measure(net, test, s.epoch(), s.trained());
        }
    }

    /** Sends a frame when there is something new: a snapshot seen, or another state or message. */
    private void publish(boolean fresh) {
        Map<String, Object> f;
        synchronized (this) {
            if (fresh) {
                frameNumber++;
            }
            f = frame();
            if (!fresh && lastFrame != null && java.util.Objects.equals(f.get("state"), lastFrame.get("state"))
                    && java.util.Objects.equals(f.get("message"), lastFrame.get("message"))
                    && java.util.Objects.equals(f.get("learningRate"), lastFrame.get("learningRate"))) {
                return;
            }
            lastFrame = f;
        }
        lab.publish(this, EventStream.event("frame", Jsons.writeCompact(f)));
    }

    /** @return where the run stands, for the page */
    synchronized Map<String, Object> frame() {
        // the flags first: a run parks only after it has shown where it stands, so a frame that says "paused"
        // carries the count the run paused at (read the other way round, it could carry the one before)
        boolean paused = control.paused();
        boolean parked = control.parked();
        String shown = stateLabel(paused, parked);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("frame", frameNumber);
        m.put("id", id);
        m.put("state", shown);
        m.put("preset", preset);
        m.put("sweep", lab.sweepInfo);
        m.put("run", description);
        m.put("plan", plan.form());
        m.put("message", message);
        m.put("epochs", plan.epochs());
        m.put("samples", samples);
        m.put("classes", classes);
        m.put("learningRate", learningRate);
        m.put("batch", plan.batch());
        // where the run stands: the latest snapshot it gave (what is drawn may be a frame behind)
        Snapshot s = snapshot;
        long total = (long) plan.epochs() * samples;
        long seen = s == null ? 0 : (long) (s.epoch() - 1) * samples + s.done();
        m.put("epoch", s == null ? 1 : s.epoch());
        m.put("done", s == null ? 0 : s.done());
        m.put("trained", s == null ? 0 : s.trained());
        m.put("progress", total == 0 ? 0 : (double) seen / total);
        m.put("elapsed", Jsons.round((System.nanoTime() - started) / 1e9));
        boolean going = state == State.RUNNING && !paused;
        double rate = curves.rate();
        m.put("rate", going && !Double.isNaN(rate) ? Math.round(rate) : null);
        m.put("eta", going && !Double.isNaN(rate) && rate > 0 ? Math.round((total - seen) / rate) : null);
        m.put("point", curves.last());
        m.put("epochResults", curves.epochs());
        if (backquery != null) {
            m.put("backquery", backquery);
        }
        m.put("weights", weightsPng != null);
        m.put("viewMillis", viewMillis);
        LabAtlas a = atlas;
        m.put("atlasEpoch", a == null ? null : a.epoch());
        m.put("atlasAccuracy", a == null ? null : a.eval().accuracy());
        m.put("canSave", (!state.active() || (state == State.RUNNING && parked)) && network() != null);
        return m;
    }

    /** @return the run's state as the page shows it (see {@link #stateLabel(boolean, boolean)}) */
    String stateLabel() {
        return stateLabel(control.paused(), control.parked());
    }

    private String stateLabel(boolean paused, boolean parked) {
        if (state == State.RUNNING && paused) {
            // paused once the run has finished the sample (or batch) under way and waits
            return parked ? State.PAUSED.label() : "pausing";
        }
        // a run that has ended says so in its last frame, once it is in the run list, so that a page (or a client)
        // told "finished" finds it there; until then it is stopping
        return (state.active() || over ? state : State.STOPPING).label();
    }

    /** @return every point and epoch so far, for a page that opens mid-run */
    Map<String, Object> history() {
        return curves.history();
    }

    /**
     * @return the network to save, draw or explain: the finished one; while paused, the one the run waits with (a
     *         sample trained by hand included, before the frames have drawn it); else the last seen
     */
    NeuralNetwork network() {
        NeuralNetwork f = finalNetwork;
        if (f != null) {
            return f;
        }
        if (parked()) {
            return latest();
        }
        Snapshot s = shown;
        return s == null ? null : s.net();
    }

    /**
     * @return the network as it stands, for the math of one sample: the finished one, else the latest the run showed
     *         (while paused, the one it waits with; the frames may draw it a moment later)
     */
    NeuralNetwork latest() {
        NeuralNetwork f = finalNetwork;
        if (f != null) {
            return f;
        }
        Snapshot s = snapshot;
        return s == null ? null : s.net();
    }

    /** @return the learning rate the run's next step takes: the rate as changed, scaled by the schedule for the epoch */
    double stepRate() {
        Snapshot s = snapshot;
        int epoch = s == null ? 1 : Math.max(1, s.epoch());
        return prepared.settings().learningRate(learningRate, epoch, prepared.epochs());
    }

    /** @return true while the run waits, paused, so that a sample can be trained by hand */
    boolean parked() {
        return state == State.RUNNING && control.parked();
    }

    /**
     * @return what Save writes for a run that has not finished: the checkpoint of a paused run (made now, on the training
     *         thread, between two samples) or of a stopped one, which {@code mynn train --resume} and the lab continue;
     *         null for a run that finished, or failed (its network is all there is)
     * @throws Http.HttpError 409 when the run is neither paused nor ended
     */
    NeuralNetwork checkpoint() {
        if (state == State.STOPPED) {
            return stoppedAt;
        }
        if (!state.active()) {
            return null;
        }
        if (state != State.RUNNING || !control.parked()) {
            throw new Http.HttpError(409, "the network is still training: pause or stop the run first, then save");
        }
        try {
            return control.checkpointNow().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new Http.HttpError(409, "the run did not make its checkpoint (" + e.getMessage() + "); pause it and save again");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Http.HttpError(503, "interrupted while the run made its checkpoint");
        }
    }

    /** @return true while the network may change under a reader: it trains, or is stopping */
    boolean training() {
        return state == State.STOPPING || (state == State.RUNNING && !control.parked());
    }

    Map<String, Object> pause() {
        control.pause();
        control.requestSnapshot();
        return frame();
    }

    Map<String, Object> resume() {
        control.resume();
        return frame();
    }

    Map<String, Object> step(int n) {
        if (!control.paused()) {
            throw new Http.HttpError(409, "pause the run before stepping it");
        }
        int b = plan.batch();
        long rounded = ((long) n + b - 1) / b * b;
        control.requestSnapshot();
        control.step(rounded);
        Map<String, Object> m = frame();
        m.put("step", rounded);
        return m;
    }

    Map<String, Object> stop() {
        state = State.STOPPING;
        control.requestStop();
        frames.interrupt();
        return frame();
    }

    Map<String, Object> learningRate(double lr) {
        control.changeLearningRate(lr);
        learningRate = lr;
        return frame();
    }

    /** @return the confusion matrix of the network as it stands, made now and kept as the run's atlas */
    LabAtlas confusionNow() {
        NeuralNetwork net = network();
        if (net == null) {
            throw new Http.HttpError(409, "the run has no network yet");
        }
        Snapshot s = shown;
        LabAtlas a = LabAtlas.measure(net, test, s == null ? 0 : s.epoch(), s == null ? 0 : s.trained());
        atlas = a;
        return a;
    }
}
