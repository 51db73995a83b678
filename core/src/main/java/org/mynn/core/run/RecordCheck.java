package org.mynn.core.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mynn.core.MynnException;
import org.mynn.core.model.Provenance;
import org.mynn.core.model.Provenance.DataReference;
import org.mynn.core.model.Provenance.Epoch;

/**
 * Checks that a model's record adds up before it is trained again ({@code mynn reproduce}): its epochs times the
 * samples of an epoch against the samples it saw, its history against its epochs, its accuracies against the images
 * that measured them (an accuracy is a count of right answers over them), its values within their ranges. (Whether
 * the accuracy and history are the ones the run gives is for the rerun to say.) A record that does not add up was edited (or damaged), and training it again would prove nothing, or
 * would not end (a billion epochs): it is refused with the arithmetic. Facts a record does not hold are not checked.
 */
public final class RecordCheck {

    private RecordCheck() {
    }

    /**
     * @param what names the record, e.g. its file
     * @throws MynnException with the first thing that does not add up, naming the fields and showing the arithmetic
     */
    public static void check(Provenance p, String what) {
        List<String> problems = problems(p);
        if (!problems.isEmpty()) {
            throw new MynnException(what + ": its record does not add up: " + problems.get(0) + "; was it edited?");
        }
    }

    /** @return what does not add up in {@code p}, for people, the most telling first; empty when it all does */
    public static List<String> problems(Provenance p) {
        List<String> out = new ArrayList<>();
        Integer epochs = p.epochs();
        DataReference data = p.data();
        if (epochs != null && epochs < 0) {
            out.add(String.format(Locale.ROOT, "training.epochs is %d, below 0", epochs));
        }
        if (data != null && data.size() != null && data.size() < 1) {
            out.add(String.format(Locale.ROOT, "training.data.size is %d samples; an epoch has at least 1", data.size()));
        }
        if (p.samplesSeen() != null && p.samplesSeen() < 0) {
            out.add(String.format(Locale.ROOT, "training.samplesSeen is %d, below 0", p.samplesSeen()));
        }
        if (out.isEmpty() && epochs != null && data != null && data.size() != null && p.samplesSeen() != null
                && (long) epochs * data.size() != p.samplesSeen()) {
            out.add(String.format(Locale.ROOT, "%d epochs x %d samples (training.epochs x training.data.size) = %d, but"
                    + " it says it saw %d (training.samplesSeen)", epochs, data.size(), (long) epochs * data.size(),
                    p.samplesSeen()));
        }
        range(data, "training.data", out);
        List<Epoch> history = p.history();
        if (epochs != null && !history.isEmpty() && history.size() != epochs) {
            out.add(String.format(Locale.ROOT, "it records %d epochs (training.epochs) but a history of %d"
                    + " (training.history)", epochs, history.size()));
        }
        for (int i = 0; i < history.size(); i++) {
            Epoch e = history.get(i);
            String at = "training.history[" + i + "]";
            if (e.epoch() != i + 1) {
                out.add(String.format(Locale.ROOT, "%s.epoch is %d, but it is entry %d of the history, which counts epochs"
                        + " from 1", at, e.epoch(), i + 1));
            }
            count(e.accuracy(), p.test(), at + ".accuracy", "test", out);
            count(e.validation(), p.validation(), at + ".validation", "held-out", out);
            if (e.mse() != null && !(e.mse() >= 0 && Double.isFinite(e.mse()))) {
                out.add(at + ".mse is " + e.mse() + "; a mean squared error is a finite number from 0");
            }
            if (e.loss() != null && !(e.loss() >= 0 && Double.isFinite(e.loss()))) {
                out.add(at + ".loss is " + e.loss() + "; a training loss is a finite number from 0");
            }
        }
        count(p.accuracy(), p.test(), "training.accuracy", "test", out);
        if (epochs != null && epochs > RunSpec.MAX_EPOCHS) {
            out.add(String.format(Locale.ROOT, "it records %d epochs (training.epochs) but mynn trains at most %,d in a run",
                    epochs, RunSpec.MAX_EPOCHS));
        }
        if (p.batch() != null && p.batch() < 1) {
            out.add("training.batch is " + p.batch() + "; a batch has at least 1 sample");
        }
        return out;
    }

    /** An accuracy is right answers over the images that measured it: checks it is one, when their number is known. */
    private static void count(Double accuracy, DataReference images, String field, String kind, List<String> out) {
        if (accuracy == null) {
            return;
        }
        if (!(accuracy >= 0 && accuracy <= 1)) {
            out.add(field + " is " + accuracy + "; an accuracy is from 0 to 1");
            return;
        }
        if (images == null || images.size() == null || images.size() < 1) {
            return;
        }
        int n = images.size();
        long right = Math.round(accuracy * n);
        if (Double.doubleToLongBits((double) right / n) != Double.doubleToLongBits(accuracy)) {
            out.add(String.format(Locale.ROOT, "%s is %s, which is no count of right answers out of the %d %s images"
                    + " (%s x %d = %.3f)", field, accuracy, n, kind, accuracy, n, accuracy * n));
        }
    }

    /** A range {@code FROM:TO} of records, not augmented, is {@code TO - FROM} samples. */
    private static void range(DataReference data, String field, List<String> out) {
        if (data == null || data.range() == null || data.augment() != null || data.size() == null) {
            return;
        }
        String[] r = data.range().split(":");
        try {
            long from = Long.parseLong(r[0]);
            long to = Long.parseLong(r[1]);
            if (r.length == 2 && to - from != data.size()) {
                out.add(String.format(Locale.ROOT, "records %d to %d (%s.range %s) are %d samples, but %s.size is %d",
                        from, to, field, data.range(), to - from, field, data.size()));
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            out.add(field + ".range is '" + data.range() + "', not FROM:TO");
        }
    }
}
