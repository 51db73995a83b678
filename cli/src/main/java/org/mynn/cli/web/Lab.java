package org.mynn.cli.web;

import com.fasterxml.jackson.databind.JsonNode;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.mynn.cli.service.Jsons;

/**
 * The training lab: one training run at a time ({@link LabRun}), started from a plan ({@link LabPlan}), and the pages
 * that watch it, to which its frames are streamed as Server-Sent Events ({@link EventStream}). Its HTTP API is
 * {@link LabRoutes}; what it draws, {@link LabViews}.
 */
final class Lab implements AutoCloseable {

    /** The most ended runs the session keeps (the oldest go first). */
    static final int KEPT = 100;

    private final LabPlan plans;
    private final LabViews views;
    private final LabPresets presets;
    private final EventStream events = new EventStream();
    private final Thread keepAlive;
    private final String token = newToken();
    private final List<LabRecord> ended = new ArrayList<>();
    private int runs;
    private int sweeps;
    private LabRun run;
    private Thread sweep;
    private volatile boolean sweepCancelled;
    /** What the sweep under way is, for the frames (read without a lock); null when none is. */
    volatile Map<String, Object> sweepInfo;

    @Inject
    Lab(LabPlan plans, LabViews views) {
        this.plans = plans;
        this.views = views;
        this.presets = new LabPresets(plans);
        this.keepAlive = new Thread(() -> {
            try {
                while (true) {
                    Thread.sleep(10_000);
                    events.keepAlive();
                }
            } catch (InterruptedException e) {
                // closing
            }
        }, "mynn-lab-keepalive");
        keepAlive.setDaemon(true);
    }

    /** Starts keeping the pages' event streams alive (a comment every 10 s, so that no proxy closes them). */
    void open() {
        keepAlive.start();
    }

    LabPlan plans() {
        return plans;
    }

    /** @return the secret every request that changes the lab must carry ({@link Guard}); the page gets it on load */
    String token() {
        return token;
    }

    private static String newToken() {
        byte[] b = new byte[24];
        new java.security.SecureRandom().nextBytes(b);
        return java.util.HexFormat.of().formatHex(b);
    }

    /** @return the current run, or null before the first */
    synchronized LabRun current() {
        return run;
    }

    /** @return the current run; @throws Http.HttpError 404 before the first */
    LabRun existing() {
        LabRun current = current();
        if (current == null) {
            throw new Http.HttpError(404, "no training run yet: start one");
        }
        return current;
    }

    /** @return the run under way; @throws Http.HttpError 409 when none is, naming {@code what} could not be done */
    LabRun active(String what) {
        LabRun current = current();
        if (current == null || !current.state.active()) {
            throw new Http.HttpError(409, "there is no training run under way to " + what);
        }
        return current;
    }

    /** @return the frame of a lab that has never run */
    static Map<String, Object> idle() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("state", LabRun.State.IDLE.label());
        return m;
    }

    /**
     * Starts the run a Start request asks for, once the last one has ended.
     *
     * @return its first frame
     * @throws Http.HttpError 400 naming a wrong setting, 409 while another run is under way
     */
    Map<String, Object> start(JsonNode body) {
        synchronized (this) {
            if (sweep != null && sweep.isAlive()) {
                throw new Http.HttpError(409, "a preset is under way; stop it first: one run at a time");
            }
        }
        return start(plans.read(body), null).frame();
    }

    /**
     * Continues a checkpoint's run on the page, as {@code mynn train --resume} continues it.
     *
     * @return its first frame
     * @throws Http.HttpError 409 while another run or a preset is under way
     */
    Map<String, Object> resume(LabPlan.Resumed r) {
        synchronized (this) {
            if (sweep != null && sweep.isAlive()) {
                throw new Http.HttpError(409, "a preset is under way; stop it first: one run at a time");
            }
        }
        return start(r.plan(), r.prepared(), null).frame();
    }

    private LabRun start(LabPlan.Plan plan, Map<String, Object> preset) {
        return start(plan, null, preset);
    }

    /** Starts a run of {@code plan}, from {@code prepared} when given (a checkpoint's), else prepared now. */
    private LabRun start(LabPlan.Plan plan, LabPlan.Prepared prepared, Map<String, Object> preset) {
        LabRun previous;
        synchronized (this) {
            refuseIfActive();
            previous = run;
        }
        if (previous != null) {
            // the last run's final frame goes out before the first of the next (outside the lock: it takes it to send)
            try {
                previous.frames.join(30_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (this) {
            refuseIfActive();
            LabPlan.Prepared p = prepared != null ? prepared : plans.prepare(plan);
            run = new LabRun(plan, p, views, this, ++runs, preset);
            run.begin();
            return run;
        }
    }

    /** Keeps a run that has ended with a network measured on the whole test set in the session's run list. */
    void ended(LabRun r, LabAtlas atlas, double seconds, double imagesPerSecond) {
        boolean[] correct = new boolean[atlas.predicted().length];
        for (int i = 0; i < correct.length; i++) {
            correct[i] = atlas.predicted()[i] == r.test.label(i);
        }
        presets.measured(r.plan, LabPresets.weights(r.prepared.start().layers()) * imagesPerSecond);
        LabRecord rec = new LabRecord(r.id, r.description, r.plan.dataset(), r.state.label(), r.settings(), seconds,
                atlas.trained(), correct, r.history(), r.preset);
        synchronized (this) {
            ended.add(rec);
            if (ended.size() > KEPT) {
                ended.remove(0);
            }
        }
    }

    /** @return the session's ended runs, oldest first */
    synchronized List<Map<String, Object>> runs() {
        return ended.stream().map(r -> r.json(false)).toList();
    }

    /** @return an ended run; @throws Http.HttpError 404 when the session has none of that number */
    synchronized LabRecord record(int id) {
        for (LabRecord r : ended) {
            if (r.id() == id) {
                return r;
            }
        }
        throw new Http.HttpError(404, "no ended run " + id + " in this session" + (ended.isEmpty() ? " (none has ended yet)"
                : "; the runs are " + ended.stream().map(LabRecord::id).toList()));
    }

    /** @return the presets, each with what it will take on this machine when {@code estimate} */
    List<Map<String, Object>> presets() {
        return LabPresets.ALL.stream().map(LabPresets.Preset::json).toList();
    }

    /**
     * @return a preset's runs and how long they will take here, in seconds, measured now: in all ({@code seconds}) and
     *         each run ({@code perRun}), and the images each run is given ({@code images}, null for all)
     */
    Map<String, Object> estimate(String name, Integer samples) {
        LabPresets.Preset p = LabPresets.named(name);
        Map<String, Object> m = p.json();
        List<Double> each = presets.estimates(p.plans(samples));
        m.put("runs", p.steps().size());
        m.put("images", samples != null ? samples : p.samples());
        m.put("seconds", Math.round(each.stream().mapToDouble(Double::doubleValue).sum()));
        m.put("perRun", each.stream().map(Math::round).toList());
        return m;
    }

    /**
     * Starts a preset: its runs one after the other on a thread of their own, each kept in the run list as it ends.
     *
     * @return the preset, with its estimate
     * @throws Http.HttpError 404 for no such preset, 400 for a wrong setting, 409 while a run is under way
     */
    Map<String, Object> startPreset(String name, Integer samples) {
        LabPresets.Preset p = LabPresets.named(name);
        List<com.fasterxml.jackson.databind.node.ObjectNode> bodies = p.plans(samples);
        List<LabPlan.Plan> list = new ArrayList<>();
        for (JsonNode b : bodies) {
            list.add(plans.read(b));
        }
        Map<String, Object> m = estimate(name, samples);
        synchronized (this) {
            refuseIfActive();
            if (sweep != null && sweep.isAlive()) {
                throw new Http.HttpError(409, "a preset is under way; stop it first");
            }
            sweepCancelled = false;
            m.put("sweep", ++sweeps);
            Map<String, Object> info = new LinkedHashMap<>(m);
            info.put("started", System.currentTimeMillis());
            sweepInfo = info;
            sweep = new Thread(() -> sweep(p, list, info), "mynn-lab-preset");
            sweep.setDaemon(true);
            sweep.start();
        }
        return m;
    }

    private void sweep(LabPresets.Preset p, List<LabPlan.Plan> list, Map<String, Object> info) {
        try {
            for (int i = 0; i < list.size() && !sweepCancelled; i++) {
                Map<String, Object> tag = new LinkedHashMap<>();
                tag.put("name", p.name());
                tag.put("sweep", info.get("sweep"));
                tag.put("field", p.field());
                tag.put("value", p.steps().get(i).value());
                tag.put("label", p.steps().get(i).label());
                tag.put("index", i + 1);
                tag.put("of", list.size());
                LabRun r;
                try {
                    r = start(list.get(i), tag);
                } catch (RuntimeException e) {
                    LabRun c = current();
                    if (c != null) {
                        c.message = "the preset stopped: " + e.getMessage();
                    }
                    return;
                }
                r.frames.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            sweepInfo = null;
            LabRun c = current();
            if (c != null) {
                // the frame tells the preset has ended
                publish(c, EventStream.event("frame", Jsons.writeCompact(c.frame())));
            }
        }
    }

    /** Stops a preset under way (after the run under way, which the caller stops); @return whether one was */
    boolean cancelSweep() {
        sweepCancelled = true;
        synchronized (this) {
            return sweep != null && sweep.isAlive();
        }
    }

    /** @throws Http.HttpError 409 while a run or a preset is under way */
    synchronized void ensureIdle() {
        refuseIfActive();
        if (sweep != null && sweep.isAlive()) {
            throw new Http.HttpError(409, "a preset is under way; stop it first: one run at a time");
        }
    }

    private void refuseIfActive() {
        if (run != null && run.state.active()) {
            throw new Http.HttpError(409, "a training run is under way (" + run.description + ", " + run.stateLabel()
                    + "); stop it first: one run at a time");
        }
    }

    /** Streams the lab's events to a page: the history so far, then every frame. */
    void subscribe(Response response, Callback callback) {
        LabRun current = current();
        List<String> first = new ArrayList<>();
        if (current == null) {
            first.add(EventStream.event("frame", Jsons.writeCompact(idle())));
        } else {
            first.add(EventStream.event("history", Jsons.writeCompact(current.history())));
            first.add(EventStream.event("frame", Jsons.writeCompact(current.frame())));
        }
        events.subscribe(response, callback, first);
    }

    /** Sends a run's event to every page, unless another run has taken its place. */
    void publish(LabRun from, String event) {
        if (current() == from) {
            events.send(event);
        }
    }

    /** @return how many pages are listening */
    int listeners() {
        return events.clients();
    }

    @Override
    public void close() {
        sweepCancelled = true;
        keepAlive.interrupt();
        try {
            if (keepAlive.isAlive()) {
                keepAlive.join(1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LabRun current = current();
        if (current != null) {
            current.end(10_000);
        }
        events.close();
    }
}
