package org.mynn.cli.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mynn.cli.service.Jsons;

/**
 * The curves of a lab run: a point per frame (samples seen, the mean loss since the point before, the accuracy on the
 * held-out images when the frame measured it, else null), thinned to at most {@value #MAX_POINTS}; a result per epoch; the training speed, smoothed. Written
 * by the run's threads, read by the pages'.
 */
final class LabCurves {

    /** Points of the curves kept; older ones are thinned out. */
    static final int MAX_POINTS = 2000;

    private final List<Map<String, Object>> points = new ArrayList<>();
    private final List<Map<String, Object>> epochs = new ArrayList<>();
    private double rate = Double.NaN;

    /**
     * Adds a point, when samples were trained since the last one (or it is the first).
     *
     * @param trained       the samples trained so far
     * @param lossSum       the sum of their losses
     * @param trainedBefore the samples trained at the snapshot before (0 for the first)
     * @param lossSumBefore their loss sum
     * @param seconds       the time since the snapshot before; NaN for the first
     * @param heldOut       the accuracy on the held-out images
     */
    synchronized void add(long trained, double lossSum, long trainedBefore, double lossSumBefore, double seconds,
            double heldOut) {
        long dn = trained - trainedBefore;
        double loss = dn > 0 ? (lossSum - lossSumBefore) / dn : Double.NaN;
        if (!Double.isNaN(seconds) && dn > 0) {
            double now = dn / seconds;
            rate = Double.isNaN(rate) ? now : 0.7 * rate + 0.3 * now;
        }
        if (dn > 0 || points.isEmpty()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("seen", trained);
            p.put("loss", Double.isNaN(loss) ? null : Jsons.round(loss));
            p.put("heldOut", Double.isNaN(heldOut) ? null : heldOut);
            points.add(p);
            if (points.size() > MAX_POINTS) {
                for (int i = points.size() - 2; i > 0; i -= 2) {
                    points.remove(i);
                }
            }
        }
    }

    /** Adds the result of an epoch. */
    synchronized void epoch(Map<String, Object> result) {
        epochs.add(result);
    }

    /** @return samples trained per second, smoothed; NaN before two points */
    synchronized double rate() {
        return rate;
    }

    /** @return images trained per second over the whole epochs of {@code samples} images; NaN before the first ends */
    synchronized double imagesPerSecond(int samples) {
        double seconds = 0;
        for (Map<String, Object> e : epochs) {
            if (e.get("seconds") instanceof Number x) {
                seconds += x.doubleValue();
            }
        }
        return epochs.isEmpty() || seconds <= 0 ? Double.NaN : (double) epochs.size() * samples / seconds;
    }

    /** @return the latest point; null before the first */
    synchronized Map<String, Object> last() {
        return points.isEmpty() ? null : points.get(points.size() - 1);
    }

    /** @return the epochs' results so far */
    synchronized List<Map<String, Object>> epochs() {
        return List.copyOf(epochs);
    }

    /** @return every point and epoch so far, for a page that opens mid-run */
    synchronized Map<String, Object> history() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("points", List.copyOf(points));
        m.put("epochResults", List.copyOf(epochs));
        return m;
    }
}
