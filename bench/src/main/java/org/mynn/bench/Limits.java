package org.mynn.bench;

/** The limits measured, for the modes to be compared with. */
record Limits(double fmaDouble1, double fmaDouble2, double fmaFloat1, double fmaFloat2, double[] sizes,
        double[][] bandwidth1, double[][] bandwidth2, double handoffNanos) {

    /** The bandwidths measured on first use, by threads and bytes. */
    private static final java.util.Map<String, Double> MEASURED = new java.util.HashMap<>();

    /**
     * @return the read-modify-write bandwidth in GB/s for a working set of exactly {@code bytes} per thread,
     *         measured on first use (best of 3)
     */
    double bandwidth(double bytes, int threads) {
        return MEASURED.computeIfAbsent(threads + ":" + (long) bytes, key -> {
            try {
                return MachineLimits.best(3, () -> MachineLimits.bandwidth((int) bytes, threads));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    double fma(boolean isFloat, int threads) {
        return isFloat ? (threads == 1 ? fmaFloat1 : fmaFloat2) : (threads == 1 ? fmaDouble1 : fmaDouble2);
    }
}
