package org.mynn.cli.web;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mynn.cli.service.Jsons;
import org.mynn.core.model.NeuralNetwork;
import org.mynn.core.train.Evaluation;
import org.mynn.core.train.Evaluator;
import org.mynn.data.Dataset;

/**
 * The error atlas: the confusion matrix of one network on the whole test set, with every image's answer and scores,
 * and the digits of one of its cells.
 *
 * @param predicted every test image's answer
 * @param scores    every test image's scores, {@code classes} per image
 */
record LabAtlas(NeuralNetwork net, int epoch, long trained, Evaluation eval, int[] predicted, float[] scores,
        int classes) {

    /** The most digits a confusion cell lists. */
    static final int CELL_MAX = 200;

    /** @return the atlas of {@code net} on {@code test}, made after {@code trained} samples in epoch {@code epoch} */
    static LabAtlas measure(NeuralNetwork net, Dataset test, int epoch, long trained) {
        int n = test.size();
        int k = net.outputSize();
        int[] predicted = new int[n];
        float[] scores = new float[n * k];
        Evaluation e = Evaluator.evaluate(net, test, (i, label, p, outputs) -> {
            predicted[i] = p;
            for (int c = 0; c < k; c++) {
                scores[i * k + c] = (float) outputs[c];
            }
        });
        return new LabAtlas(net, epoch, trained, e, predicted, scores, k);
    }

    /** @return the matrix for the page, with the class names */
    Map<String, Object> json(List<String> names) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("epoch", epoch);
        m.put("trained", trained);
        m.put("accuracy", eval.accuracy());
        m.put("interval95", eval.interval95());
        m.put("classes", names);
        m.put("matrix", eval.confusion());
        return m;
    }

    /** @return the test images of class {@code actual} it answered {@code predicted}, at most {@value #CELL_MAX} */
    Map<String, Object> cell(Dataset test, int actual, int predicted) {
        List<Map<String, Object>> digits = new ArrayList<>();
        int count = 0;
        for (int i = 0; i < test.size(); i++) {
            if (test.label(i) == actual && this.predicted[i] == predicted) {
                count++;
                if (digits.size() < CELL_MAX) {
                    Map<String, Object> d = new LinkedHashMap<>();
                    d.put("index", i);
                    List<Double> s = new ArrayList<>();
                    for (int k = 0; k < classes; k++) {
                        s.add(Jsons.round(scores[i * classes + k]));
                    }
                    d.put("scores", s);
                    d.put("pixels", Base64.getEncoder().encodeToString(test.image(i)));
                    digits.add(d);
                }
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("actual", actual);
        m.put("predicted", predicted);
        m.put("count", count);
        m.put("shown", digits.size());
        m.put("epoch", epoch);
        m.put("digits", digits);
        return m;
    }
}
