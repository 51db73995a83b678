"""The mini-batch products of bench/roofline.sh done by OpenBLAS (through scipy), for comparison with mynn's kernels.

The same shapes as the roofline's kernels alone: a batch of 64, an 800x784 weight matrix, row-major as mynn keeps it:
  forward   z^T = W a^T          (800x784 times 784x64)
  update    W  += alpha g^T a    (800x64 times 64x784, added to W: GEMM with beta = 1)
  backprop  e   = v W            (64x800 times 800x784)
each 2 * 64 * 784 * 800 floating-point operations, timed as the best of 5 rounds of 20 after 20 to warm up, in float
and double. The number of threads is OpenBLAS's (set OPENBLAS_NUM_THREADS before starting Python).

Usage: OPENBLAS_NUM_THREADS=1 python3 blas_gemm.py PEAK_DOUBLE PEAK_FLOAT
       (the FMA peaks in GFLOP/s for that many threads, measured by the roofline; each rate is printed with its share)
"""
import sys
import time

import numpy as np
from scipy.linalg import blas


def openblas_version():
    try:
        import scipy
        config = scipy.show_config(mode="dicts")
        return config["Build Dependencies"]["blas"].get("openblas configuration", "").split(" ")[1]
    except Exception:  # an older scipy: no version to show
        return "?"


def rate(flops, work):
    for _ in range(20):
        work()
    best = float("inf")
    for _ in range(5):
        t = time.perf_counter()
        for _ in range(20):
            work()
        best = min(best, (time.perf_counter() - t) / 20)
    return flops / best / 1e9


def main():
    peak_double, peak_float = float(sys.argv[1]), float(sys.argv[2])
    batch, n, m = 64, 784, 800
    flops = 2.0 * batch * n * m
    rng = np.random.default_rng(1)
    for dtype, gemm, peak, label in ((np.float64, blas.dgemm, peak_double, "double"),
                                     (np.float32, blas.sgemm, peak_float, "float ")):
        # row-major arrays are column-major arrays of the transposed shape: W (m x n, C order) is W^T (n x m, F order)
        a = np.asarray(rng.random((batch, n)), dtype=dtype)
        w = np.asarray(rng.uniform(-0.05, 0.05, (m, n)), dtype=dtype)
        g = np.asarray(rng.uniform(-1e-3, 1e-3, (batch, m)), dtype=dtype)
        wt, at, gt = w.T, a.T, g.T  # F-ordered views, no copies
        # forward: Z^T (m x batch) = W a^T: in column-major terms op(W^T)^T times a^T; the result's F order is z's C order
        forward = rate(flops, lambda: gemm(1.0, wt, at, trans_a=1))
        # update: W^T (n x m) += alpha a^T g, written in place
        update = rate(flops, lambda: gemm(1e-9, at, gt, beta=1.0, c=wt, trans_b=1, overwrite_c=1))
        # backprop: e^T (n x batch) = W^T v^T
        backprop = rate(flops, lambda: gemm(1.0, wt, gt))
        for name, r in (("forward  (z^T = W a^T)", forward), ("update   (W += g^T a) ", update),
                        ("backprop (e = v W)    ", backprop)):
            print(f"  {label} {name}: {r:6.1f} GFLOP/s, {100 * r / peak:3.0f}% of the FMA peak")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--version":
        print(openblas_version())
    else:
        main()
