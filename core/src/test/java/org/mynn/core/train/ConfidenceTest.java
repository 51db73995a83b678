package org.mynn.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The Wilson interval and McNemar's exact test against scipy 1.x ({@code binomtest}), values computed once. */
class ConfidenceTest {

    @ParameterizedTest
    @CsvSource({
        // right, n, scipy.stats.binomtest(right, n).proportion_ci(method='wilson')
        "9746, 10000, 0.9713292220851473, 0.9775062866614066",
        "9583, 10000, 0.954202792772245, 0.9620452343211929",
        "50, 100, 0.4038315303659956, 0.5961684696340044",
        "0, 20, 0.0, 0.16112515805281935",
        "20, 20, 0.8388748419471808, 1.0",
        "1, 3, 0.06149194472039626, 0.7923403991979523"})
    void wilson_isScipys(long right, long n, double lower, double upper) {
        double[] ci = Confidence.wilson95(right, n);
        assertThat(ci[0]).isCloseTo(lower, within(1e-12));
        assertThat(ci[1]).isCloseTo(upper, within(1e-12));
    }

    @ParameterizedTest
    @CsvSource({
        // onlyA, onlyB, scipy.stats.binomtest(min, onlyA + onlyB, 0.5).pvalue
        "10, 25, 0.016673847800120715",
        "3, 7, 0.34375",
        "0, 5, 0.0625",
        "120, 150, 0.07738939898021849",
        "40, 40, 1.0",
        "1, 0, 1.0",
        "0, 0, 1.0"})
    void mcnemar_isScipysExactTest(long a, long b, double p) {
        assertThat(Confidence.mcnemar(a, b)).isCloseTo(p, within(1e-12));
        assertThat(Confidence.mcnemar(b, a)).isCloseTo(p, within(1e-12));
    }

    @Test
    void theIntervalNarrows_withMoreImages() {
        double[] small = Confidence.wilson95(97, 100);
        double[] large = Confidence.wilson95(9700, 10000);
        assertThat(large[1] - large[0]).isLessThan((small[1] - small[0]) / 5);
    }
}
