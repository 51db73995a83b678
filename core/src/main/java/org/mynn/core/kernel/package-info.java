/**
 * The hot loops of training and querying, as small static-like kernels over flat row-major arrays:
 * {@link org.mynn.core.kernel.ScalarKernels}, the whole reference in plain Java, and {@code VectorKernels} with the JDK's
 * incubating Vector API (it hands each call to one class per kernel set: {@code VectorSampleKernels},
 * {@code VectorBatchKernels}, {@code VectorBatchFloatKernels}), chosen at start-up by {@link org.mynn.core.kernel.Kernels#best()} when the module
 * {@code jdk.incubator.vector} is present (the launcher adds it; without it mynn still works, slower).
 *
 * <p>Every kernel accumulates in the same fixed order whatever the thread or call site, so results never depend
 * on the number of threads; and the fused kernels ({@code axpyDot}) compute exactly, bit for bit, what the
 * unfused ones ({@code axpy}, then {@code dot}) compute in turn.
 */
package org.mynn.core.kernel;
