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

    private final LabPlan plans;
    private final LabViews views;
    private final EventStream events = new EventStream();
    private final Thread keepAlive;
    private LabRun run;

    @Inject
    Lab(LabPlan plans, LabViews views) {
        this.plans = plans;
        this.views = views;
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
        LabPlan.Plan plan = plans.read(body);
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
            LabPlan.Prepared p = plans.prepare(plan);
            run = new LabRun(plan, p, views, this);
            run.begin();
            return run.frame();
        }
    }

    private void refuseIfActive() {
        if (run != null && run.state.active()) {
            throw new Http.HttpError(409, "a training run is under way (" + run.description + ", " + run.state.label()
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
