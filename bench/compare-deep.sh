#!/usr/bin/env bash
# Ciresan et al. (2010)'s plain MLP, 784-2500-2000-1500-1000-500-10 (11.97 million weights; tanh hidden layers with
# biases, softmax + cross-entropy), float mini-batches of 64 with momentum 0.9, lr 0.01, on the first 6,000 MNIST
# training images: numpy float32 on its BLAS (bench/python/numpy_deep.py) against `mynn train --precision float
# --threads 2`, interleaved run by run, two epochs each. Prints each epoch's samples per second, mynn's speed-up, the
# GFLOP/s both reach (6 flops per weight per sample, less the first layer's backprop, which neither side computes),
# and how long Ciresan's ~800 epochs of 60,000 images would take at mynn's pace. Then `bench/roofline.sh --deep`:
# the float kernels alone on the big layers against the FMA peak.
#
# Usage: bench/compare-deep.sh           RUNS=3 SAMPLES=6000 bench/compare-deep.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-2}
samples=${SAMPLES:-6000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./mynn fetch mnist >/dev/null
data=$(python3 -c 'import os; print(os.environ.get("MYNN_DATA") or os.path.expanduser("~/.cache/mynn"))')/mnist
# flops per sample: forward and update 2 per weight each; backprop 2 per weight but the first layer's
flops=$(python3 -c '
s = [784, 2500, 2000, 1500, 1000, 500, 10]
w = [a * b for a, b in zip(s, s[1:])]
print(4 * sum(w) + 2 * sum(w[1:]))')

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: *//' || true)
echo "784-2500-2000-1500-1000-500-10 tanh, float mini-batches of 64 with momentum, $samples samples x 2 epochs;"
echo "$runs interleaved runs on $(nproc) cores (${cpu:-unknown CPU}), $(java -version 2>&1 | head -1),"
echo "numpy $(python3 -c 'import numpy; print(numpy.__version__)'); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
printf "| %3s | %14s | %14s | %14s | %14s | %7s |\n" run "numpy e1 (/s)" "mynn e1 (/s)" "numpy e2 (/s)" "mynn e2 (/s)" "x e2"
printf "|-----|----------------|----------------|----------------|----------------|---------|\n"
: > "$work/rates.txt"
for ((r = 1; r <= runs; r++)); do
  read -r n1 n2 < <(python3 bench/python/numpy_deep.py "$data" "$samples" 2 | awk '{printf "%s ", $3} END {print ""}')
  ./mynn train --quiet --epochs 2 --seed 1 --samples "$samples" --out "$work/m.json" --hidden 2500,2000,1500,1000,500 \
    --activation tanh --bias --output softmax --loss cross-entropy --batch 64 --optimizer momentum --lr 0.01 \
    --precision float --threads 2 >/dev/null
  read -r m1 m2 < <(python3 -c '
import json, sys
h = json.load(open(sys.argv[1]))["training"]["history"]
seconds = [e["seconds"] for e in h[:2]]
print(*(f"{int(sys.argv[2]) / t:.1f}" for t in seconds))' "$work/m.json" "$samples")
  x=$(python3 -c "print(f'{$m2 / $n2:.2f}')")
  echo "$n2 $m2" >> "$work/rates.txt"
  printf "| %3d | %14.0f | %14.0f | %14.0f | %14.0f | %6sx |\n" "$r" "$n1" "$m1" "$n2" "$m2" "$x"
done
echo
python3 - "$work/rates.txt" "$flops" <<'PY'
import sys
rows = [[float(v) for v in l.split()] for l in open(sys.argv[1])]
flops = float(sys.argv[2])
numpy, mynn = max(r[0] for r in rows), max(r[1] for r in rows)
xs = [r[1] / r[0] for r in rows]
print(f"second epochs: numpy up to {numpy:.0f} samples/s ({numpy * flops / 1e9:.1f} GFLOP/s), mynn up to {mynn:.0f} "
      f"({mynn * flops / 1e9:.1f} GFLOP/s); mynn/numpy {min(xs):.2f}-{max(xs):.2f}x (issue 29's target: 1.5x)")
print(f"Ciresan's recipe, ~800 epochs of 60,000 images, at mynn's {mynn:.0f} samples/s: "
      f"{800 * 60000 / mynn / 86400:.1f} days on these cores (numpy: {800 * 60000 / numpy / 86400:.1f} days)")
PY
echo
mvn -B -q -o -pl bench -am install -DskipTests 2>/dev/null || mvn -B -q -pl bench -am install -DskipTests
java -XX:+UseSerialGC -Xmx4g --add-modules jdk.incubator.vector -cp bench/target/mynn-bench.jar \
  org.mynn.bench.Roofline --deep 2> >(grep -v 'incubator modules' >&2)
