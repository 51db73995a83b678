package org.mynn.cli.web;

import java.util.LinkedHashMap;
import java.util.Map;
import org.mynn.cli.service.Comparison;
import org.mynn.core.train.Confidence;

/**
 * A lab run that has ended (finished or stopped), as the session's run list keeps it: its settings, its accuracy on the
 * whole test set with the 95% interval, its time, its curves, and which test images it answered right (for McNemar's
 * test against another run, {@link Comparison}, as {@code mynn compare} does it).
 *
 * @param id      the run's number in this server's session, from 1
 * @param preset  the preset the run belongs to, with its parameter and value; null for a run started by hand
 * @param correct whether the run's final network answers each test image right, in the test set's order
 * @param curves  the run's points and epoch results ({@link LabCurves#history})
 */
record LabRecord(int id, String description, String dataset, String state, Map<String, Object> settings, double seconds,
        long trained, boolean[] correct, Map<String, Object> curves, Map<String, Object> preset) {

    /** @return the share of the test images it answers right */
    double accuracy() {
        return (double) right() / correct.length;
    }

    int right() {
        int r = 0;
        for (boolean c : correct) {
            r += c ? 1 : 0;
        }
        return r;
    }

    /** @return the run for the page's list; with its curves when {@code full} */
    Map<String, Object> json(boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("run", description);
        m.put("dataset", dataset);
        m.put("state", state);
        m.put("settings", settings);
        m.put("images", correct.length);
        m.put("accuracy", accuracy());
        m.put("interval95", Confidence.wilson95(right(), correct.length));
        m.put("seconds", seconds);
        m.put("trained", trained);
        m.put("preset", preset);
        if (full) {
            m.put("curves", curves);
        }
        return m;
    }

    /**
     * @return McNemar's test of this run (A) against {@code b} on their answers to the same test images
     * @throws Http.HttpError 409 when they were tested on different images
     */
    Comparison compare(LabRecord b) {
        if (!dataset.equals(b.dataset) || correct.length != b.correct.length) {
            throw new Http.HttpError(409, "runs " + id + " and " + b.id + " were tested on different test sets (" + dataset
                    + ", " + correct.length + " images; " + b.dataset + ", " + b.correct.length + "): they cannot be compared");
        }
        return Comparison.of(correct, b.correct);
    }
}
