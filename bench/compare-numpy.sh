#!/usr/bin/env bash
# One epoch of the book's 784-200-10 on MNIST, side by side in one run: the seed's own numpy code (mended only
# as shared/seed/README.md says) and mynn in each mode, same data, same settings (lr 0.1, sigmoid).
# Prints seconds per epoch, test accuracy, and how many times faster than numpy; then a bigger network
# (784-500-500-10) per sample and in mini-batches (double and float), and the literature's 784-800-10 mini-batch
# recipe in numpy (float32, BLAS) and in mynn (double and float), two epochs each. Each figure is the best of
# REPEATS runs (default 2).
#
# Usage: bench/compare-numpy.sh           REPEATS=3 bench/compare-numpy.sh
# Needs: python3 with numpy and scipy; MNIST is fetched into the cache if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
repeats=${REPEATS:-2}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mynn fetch mnist >/dev/null
data=$(python3 -c 'import os; print(os.environ.get("MYNN_DATA") or os.path.expanduser("~/.cache/mynn"))')/mnist
./mynn convert --images "$data/train-images-idx3-ubyte" --labels "$data/train-labels-idx1-ubyte" --out "$work/mnist_train.csv" >/dev/null
./mynn convert --images "$data/t10k-images-idx3-ubyte" --labels "$data/t10k-labels-idx1-ubyte" --out "$work/mnist_test.csv" >/dev/null

# best of $repeats: prints "seconds accuracy"
best() {
  sort -n -k1,1 "$1" | head -1
}

numpy_runs="$work/numpy.txt"
for ((r = 1; r <= repeats; r++)); do
  python3 bench/python/seed_epoch.py "$work/mnist_train.csv" "$work/mnist_test.csv" 1 "$r" \
    | python3 -c 'import json,sys; j=json.load(sys.stdin); print(j["train_seconds"][0], j["accuracy"], j["test_seconds"])' >> "$numpy_runs"
done
read -r numpy_s numpy_acc numpy_test < <(best "$numpy_runs")

# mynn LABEL ENV ARGS...: two epochs; the first epoch's seconds and accuracy (best of $repeats) and the second
# epoch's seconds (best of $repeats; the JIT compiler has warmed up by then), appended to the table
rows="$work/rows.txt"
mynn_row() {
  local label=$1 env=$2; shift 2
  local runs="$work/run.txt"
  : > "$runs"
  for ((r = 1; r <= repeats; r++)); do
    env $env ./mynn train --quiet --epochs 2 --seed 1 --out "$work/m.json" "$@" >/dev/null
    python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["training"]["history"]; print(h[0]["seconds"], h[0]["accuracy"], h[1]["seconds"])' "$work/m.json" >> "$runs"
  done
  read -r s acc _ < <(best "$runs")
  read -r s2 < <(awk '{print $3}' "$runs" | sort -n | head -1)
  echo "$label|$s|$acc|$s2" >> "$rows"
}

mynn_row "mynn, scalar Java (no Vector API), 1 thread" "MYNN_VECTOR=0" --threads 1
mynn_row "mynn, double (exact), 1 thread" "" --threads 1
mynn_row "mynn, double (exact), 2 threads" "" --threads 2
mynn_row "mynn, float, 1 thread" "" --threads 1 --precision float
mynn_row "mynn, float, 2 threads" "" --threads 2 --precision float
mynn_row "mynn, mini-batch 20 (lr 1.0), 2 threads" "" --threads 2 --batch 20 --lr 1.0

echo "One epoch of 784-200-10 (lr 0.1) on MNIST's 60,000 training images; accuracy on the 10,000 test images."
echo "mynn's first epoch includes the JIT compiler's warm-up; its second epoch is shown beside it."
cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: *//' || true)
simd=$(grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo AVX-512 || { grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo AVX2 || echo "no AVX2"; })
echo "Best of $repeats runs each, $(nproc) cores (${cpu:-unknown CPU}, $simd), $(java -version 2>&1 | head -1), numpy $(python3 -c 'import numpy; print(numpy.__version__)')."
echo
printf "| %-46s | %8s | %8s | %12s | %10s | %12s |\n" "implementation" "s/epoch" "accuracy" "vs numpy" "2nd epoch" "2nd vs numpy"
printf "|%s|%s|%s|%s|%s|%s|\n" "$(printf -- '-%.0s' {1..48})" "----------" "----------" "--------------" "------------" \
  "--------------"
printf "| %-46s | %8.2f | %8.4f | %12s | %10s | %12s |\n" "numpy, the seed's own code (reads its CSV)" "$numpy_s" "$numpy_acc" "1.0x" \
  "" ""
while IFS='|' read -r label s acc s2; do
  printf "| %-46s | %8.2f | %8.4f | %11.1fx | %10.2f | %11.1fx |\n" "$label" "$s" "$acc" "$(python3 -c "print($numpy_s / $s)")" \
    "$s2" "$(python3 -c "print($numpy_s / $s2)")"
done < "$rows"
echo
echo "Testing all 10,000 images: numpy $(printf '%.2f' "$numpy_test") s (mynn's: bench/roofline.sh, last rows)."

# A bigger network, where mini-batches use both cores far better than per-sample training can. Two epochs each:
# the second epoch's seconds (the JIT compiler, like numpy's BLAS, has warmed up), the first epoch's, and the
# accuracy after two epochs.
mynn_row2() {
  local label=$1; shift
  local runs="$work/run2.txt"
  : > "$runs"
  for ((r = 1; r <= repeats; r++)); do
    ./mynn train --quiet --epochs 2 --seed 1 --out "$work/m.json" "$@" >/dev/null
    python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["training"]["history"]; print(h[1]["seconds"], h[0]["seconds"], h[1]["accuracy"])' "$work/m.json" >> "$runs"
  done
  read -r s2 s1 acc < <(sort -n -k1,1 "$runs" | head -1)
  echo "$label|$s2|$s1|$acc" >> "$rows"
}
: > "$rows"
mynn_row2 "784-500-500-10, per sample, double, 2 threads" --hidden 500,500 --threads 2
mynn_row2 "784-500-500-10, mini-batch 64 (lr 2.0), double, 2 threads" --hidden 500,500 --threads 2 --batch 64 --lr 2.0
mynn_row2 "784-500-500-10, mini-batch 64 (lr 2.0), float, 2 threads" --hidden 500,500 --threads 2 --batch 64 --lr 2.0 \
  --precision float
# The literature's mini-batch recipe (784-800-10, sigmoid hidden with biases, softmax + cross-entropy, batch 64,
# momentum 0.9, lr 0.1): numpy in float32 on its own BLAS (bench/python/numpy_mlp.py), against mynn on its kernels.
np_runs="$work/np800.txt"
: > "$np_runs"
for ((r = 1; r <= repeats; r++)); do
  python3 bench/python/numpy_mlp.py "$data" 2 "$r" | awk 'NR == 1 {t1 = $3} NR == 2 {print $3 - t1, t1, $2}' >> "$np_runs"
done
read -r np800_s np800_s1 np800_acc < <(sort -n -k1,1 "$np_runs" | head -1)
echo "784-800-10, numpy float32 (BLAS), batch 64, momentum|$np800_s|$np800_s1|$np800_acc" >> "$rows"
recipe=(--hidden 800 --bias --output softmax --loss cross-entropy --optimizer momentum --batch 64 --lr 0.1 --threads 2)
mynn_row2 "784-800-10, mynn double, batch 64, momentum" "${recipe[@]}"
mynn_row2 "784-800-10, mynn float, batch 64, momentum" "${recipe[@]}" --precision float
echo
echo "Bigger networks: seconds of the second epoch (compilers warmed up), of the first, accuracy after two epochs."
echo
printf "| %-58s | %8s | %9s | %8s |\n" "bigger network" "s/epoch" "1st epoch" "accuracy"
printf "|%s|%s|%s|%s|\n" "$(printf -- '-%.0s' {1..60})" "----------" "-----------" "----------"
while IFS='|' read -r label s s1 acc; do
  printf "| %-58s | %8.2f | %9.2f | %8.4f |\n" "$label" "$s" "$s1" "$acc"
done < "$rows"
f32=$(grep '^784-800-10, mynn float' "$rows" | cut -d'|' -f2)
echo
echo "784-800-10 batch 64 momentum, second epoch: mynn float $(python3 -c "print(f'{$np800_s / $f32:.2f}')")x numpy float32's speed."
