package org.mynn.cli.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.mynn.core.model.Provenance;

/**
 * The deterministic facts of a record set beside a rerun's: the test accuracy and, per epoch, the test accuracy, the
 * test mse, the validation accuracy and the training loss, compared bit for bit as stored (timings are not compared:
 * they are never the same). Facts the record does not hold (its test data not named, an older file without the
 * training loss) are not compared.
 */
public final class RecordComparison {

    /**
     * One fact.
     *
     * @param field    where the record holds it, e.g. "training.history[1].loss"
     * @param recorded as recorded, for people
     * @param rerun    as the rerun gives it, for people
     * @param same     whether the two are the same bit for bit
     */
    public record Row(String field, String recorded, String rerun, boolean same) {

        /** @return e.g. "training.accuracy: recorded 0.9900, the rerun gives 0.1900" */
        public String mismatch() {
            return field + ": recorded " + recorded + ", the rerun gives " + rerun;
        }
    }

    private RecordComparison() {
    }

    /**
     * @param tested    whether the record names its test data (so the accuracy and mse can be measured again)
     * @param validated whether the record names its validation images
     * @return the facts compared, the accuracy first, then epoch by epoch
     */
    public static List<Row> rows(Provenance recorded, Provenance rerun, boolean tested, boolean validated) {
        List<Row> out = new ArrayList<>();
        if (tested && recorded.accuracy() != null) {
            out.add(row("training.accuracy", recorded.accuracy(), rerun.accuracy(), "%.4f"));
        }
        List<Provenance.Epoch> was = recorded.history();
        List<Provenance.Epoch> now = rerun.history();
        for (int i = 0; i < was.size(); i++) {
            Provenance.Epoch a = was.get(i);
            Provenance.Epoch b = i < now.size() ? now.get(i) : null;
            String at = "training.history[" + i + "].";
            if (tested && a.accuracy() != null) {
                out.add(row(at + "accuracy", a.accuracy(), b == null ? null : b.accuracy(), "%.4f"));
            }
            if (tested && a.mse() != null) {
                out.add(row(at + "mse", a.mse(), b == null ? null : b.mse(), "%.6g"));
            }
            if (validated && a.validation() != null) {
                out.add(row(at + "validation", a.validation(), b == null ? null : b.validation(), "%.4f"));
            }
            if (a.loss() != null) {
                out.add(row(at + "loss", a.loss(), b == null ? null : b.loss(), "%.6g"));
            }
        }
        if (recorded.samplesSeen() != null) {
            Long s = rerun.samplesSeen();
            out.add(new Row("training.samplesSeen", recorded.samplesSeen().toString(), String.valueOf(s),
                    recorded.samplesSeen().equals(s)));
        }
        return out;
    }

    private static Row row(String field, Double recorded, Double rerun, String format) {
        boolean same = rerun != null && Double.doubleToRawLongBits(recorded) == Double.doubleToRawLongBits(rerun);
        String a = String.format(Locale.ROOT, format, recorded);
        String b = rerun == null ? "nothing" : String.format(Locale.ROOT, format, rerun);
        if (!same && a.equals(b)) {
            a = recorded.toString();
            b = rerun.toString();
        }
        return new Row(field, a, b, same);
    }

    /** @return the rows as an aligned table: field, recorded, rerun, and "differs" beside each that does */
    public static List<String> table(List<Row> rows) {
        int w0 = "field".length();
        int w1 = "recorded".length();
        int w2 = "rerun".length();
        for (Row r : rows) {
            w0 = Math.max(w0, r.field().length());
            w1 = Math.max(w1, r.recorded().length());
            w2 = Math.max(w2, r.rerun().length());
        }
        String f = "  %-" + w0 + "s  %-" + w1 + "s  %-" + w2 + "s%s";
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, f, "field", "recorded", "rerun", "").stripTrailing());
        for (Row r : rows) {
            out.add(String.format(Locale.ROOT, f, r.field(), r.recorded(), r.rerun(), r.same() ? "" : "  differs")
                    .stripTrailing());
        }
        return out;
    }
}
