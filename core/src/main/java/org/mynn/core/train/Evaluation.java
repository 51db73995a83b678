package org.mynn.core.train;

/**
 * How well a network does on a test set.
 *
 * @param accuracy  share of samples whose highest output is their label, as the seed's scorecard
 * @param mse       mean over samples and outputs of {@code (target - output)^2}
 * @param confusion {@code confusion[true][predicted]} counts
 */
public record Evaluation(double accuracy, double mse, int[][] confusion) {

    /** @return the number of samples evaluated */
    public int count() {
        int n = 0;
        for (int[] row : confusion) {
            for (int c : row) {
                n += c;
            }
        }
        return n;
    }

    /** @return the samples whose highest output is their label */
    public int right() {
        int n = 0;
        for (int k = 0; k < confusion.length; k++) {
            n += confusion[k][k];
        }
        return n;
    }

    /** @return the 95% Wilson score interval of the accuracy, {lower, upper} */
    public double[] interval95() {
        return Confidence.wilson95(right(), count());
    }

    /** @return of the samples predicted as {@code k}, the share that are {@code k}; NaN when none was */
    public double precision(int k) {
        int predicted = 0;
        for (int[] row : confusion) {
            predicted += row[k];
        }
        return predicted == 0 ? Double.NaN : (double) confusion[k][k] / predicted;
    }

    /** @return of the samples of class {@code k}, the share predicted as {@code k}; NaN when there were none */
    public double recall(int k) {
        int actual = 0;
        for (int c : confusion[k]) {
            actual += c;
        }
        return actual == 0 ? Double.NaN : (double) confusion[k][k] / actual;
    }
}
