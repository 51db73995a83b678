#!/usr/bin/env bash
# The roofline of this machine, measured in Java: the peak rate of fused multiply-adds (double and float, 1 and 2
# threads), the read-modify-write bandwidth for working sets from L1 to memory, the cost of one handoff between two
# threads; the mini-batch kernels alone and, beside them, the same products by OpenBLAS (bench/python/blas_gemm.py,
# through scipy; skipped with the reason when missing); then each of mynn's training modes and testing, with the
# GFLOP/s and GB/s it reaches and how close it comes to the limit that binds it. See bench/README.md for how to read it.
#
# Usage: bench/roofline.sh [--quick | --kernels | --batch | --deep]
#   (--quick: fewer sizes, 20,000 training samples per mode; --deep: the float kernels on Ciresan's big layers only)
# Needs: MNIST (fetched into the cache if missing).
set -euo pipefail
cd "$(dirname "$0")/.."
./mynn fetch mnist >/dev/null
mvn -B -q -o -pl bench -am install -DskipTests 2>/dev/null || mvn -B -q -pl bench -am install -DskipTests
exec java -XX:+UseSerialGC -Xmx4g --add-modules jdk.incubator.vector -cp bench/target/mynn-bench.jar \
  org.mynn.bench.Roofline "$@" 2> >(grep -v 'incubator modules' >&2)
