/**
 * The hot loops of training and querying, as small static-like kernels over flat row-major arrays:
 * {@link org.mynn.core.kernel.ScalarKernels}, the whole reference in plain Java, and {@code VectorKernels} with the JDK's
 * incubating Vector API (it hands each call to one class per kernel set: {@code VectorSampleKernels},
 * {@code VectorSampleFloatKernels}, {@code VectorQueryKernels}, {@code VectorBatchKernels},
 * {@code VectorBatchFloatKernels}), chosen at start-up by {@link org.mynn.core.kernel.Kernels#best()} when the module
 * {@code jdk.incubator.vector} is present (the launcher adds it; without it mynn still works, slower) and the vectors
 * are at least 128 bits wide.
 *
 * <p>Every kernel accumulates in one fixed order whatever the thread, call site or vector width: each dot product in
 * the canonical order {@link org.mynn.core.kernel.Kernels} defines (a virtual vector of 8 doubles or 16 floats, one
 * to four hardware vectors holding it), every other sum along one index in order. So results are the same bits with
 * any number of threads, on 128-, 256- and 512-bit vectors and with the scalar kernels; and the fused kernels
 * ({@code axpyDot}) compute exactly, bit for bit, what the unfused ones ({@code axpy}, then {@code dot}) compute in
 * turn.
 */
package org.mynn.core.kernel;
