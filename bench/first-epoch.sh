#!/usr/bin/env bash
# A fresh JVM's first epoch against its second, for each training mode: the book's 784-200-10 per sample (double
# and float, 1 and 2 threads) and the literature's 784-800-10 mini-batch recipe (batch 64, momentum, softmax +
# cross-entropy, biases; double and float, 2 threads). Each mode trains two epochs in a fresh `./mynn train`,
# RUNS times (default 5), the modes interleaved (mode 1, mode 2, ..., mode 1, ...) so that a busy spell on the
# shared machine does not land on one mode only. Prints, per mode, the medians of epoch 1 and epoch 2 (seconds of
# training, training.history[].seconds of the model file: the test after each epoch is not in them), the median
# of the per-run ratios epoch 1 / epoch 2 and their spread (lowest-highest), and the median wall time of the whole
# command (start-up, reading the data, warm-up, two epochs, two tests, saving: a warm-up that only moved time out of
# the first epoch would show here). Then the seed's numpy code for one
# epoch (bench/python/seed_epoch.py, once) and how many times faster mynn's first float epoch is than it.
# BEFORE=DIR runs the same modes with another checkout's ./mynn too (built; e.g. main before a change), interleaved.
# MODES="1 3" runs only those rows (numbered as printed); NUMPY=0 skips the numpy epoch.
#
# Usage: bench/first-epoch.sh        RUNS=9 BEFORE=/work/main bench/first-epoch.sh
# Needs: python3 with numpy (the seed's epoch); MNIST is fetched into the cache if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
here=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

labels=(
  "784-200-10 per sample, double, 1 thread"
  "784-200-10 per sample, double, 2 threads"
  "784-200-10 per sample, float, 1 thread"
  "784-200-10 per sample, float, 2 threads"
  "784-800-10 batch 64 momentum, double, 2 thr."
  "784-800-10 batch 64 momentum, float, 2 thr."
)
book=(--hidden 200 --lr 0.1)
recipe=(--hidden 800 --bias --output softmax --loss cross-entropy --optimizer momentum --batch 64 --lr 0.1 --threads 2)
args() {
  case $1 in
    1) echo "${book[*]} --threads 1" ;;
    2) echo "${book[*]} --threads 2" ;;
    3) echo "${book[*]} --threads 1 --precision float" ;;
    4) echo "${book[*]} --threads 2 --precision float" ;;
    5) echo "${recipe[*]}" ;;
    6) echo "${recipe[*]} --precision float" ;;
  esac
}
modes=(${MODES:-1 2 3 4 5 6})
dirs=("$here")
if [ -n "${BEFORE:-}" ]; then
  dirs+=("$(cd "$BEFORE" && pwd)")
fi

./mynn fetch mnist >/dev/null
# the first run after a build writes the class data sharing archive: not timed
for d in "${dirs[@]}"; do
  "$d/mynn" train --quiet --epochs 1 --samples 1000 --hidden 20 --out "$work/warm.json" >/dev/null
done

for ((r = 1; r <= runs; r++)); do
  for m in "${modes[@]}"; do
    for ((k = 0; k < ${#dirs[@]}; k++)); do
      t0=$(date +%s%N)
      # shellcheck disable=SC2046
      "${dirs[$k]}/mynn" train --quiet --epochs 2 --seed 1 --out "$work/m.json" $(args "$m") >/dev/null
      t1=$(date +%s%N)
      python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["training"]["history"]; print(h[0]["seconds"], h[1]["seconds"], sys.argv[2])' \
        "$work/m.json" "$(( (t1 - t0) / 1000000 ))" >> "$work/mode$m.$k.txt"
    done
  done
done

numpy_s=""
if [ "${NUMPY:-1}" != 0 ]; then
  data=${MYNN_DATA:-$HOME/.cache/mynn}/mnist
  ./mynn convert --images "$data/train-images-idx3-ubyte" --labels "$data/train-labels-idx1-ubyte" --out "$work/train.csv" >/dev/null
  ./mynn convert --images "$data/t10k-images-idx3-ubyte" --labels "$data/t10k-labels-idx1-ubyte" --out "$work/test.csv" >/dev/null
  numpy_s=$(python3 bench/python/seed_epoch.py "$work/train.csv" "$work/test.csv" 1 1 \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["train_seconds"][0])')
fi

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: *//' || true)
echo "A fresh JVM's first training epoch against its second (seconds of training; medians of $runs runs per mode,"
echo "the modes interleaved; ratio = epoch 1 / epoch 2 of one run: median and lowest-highest)."
echo "$(hostname), $(nproc) cores ($cpu), $(java -version 2>&1 | head -1)."
echo
printf "| %-2s | %-44s | %-6s | %7s | %7s | %5s | %11s | %6s |\n" "#" "mode" "mynn" "epoch 1" "epoch 2" "ratio" "ratios" "wall"
printf "|----|%s|--------|---------|---------|-------|-------------|--------|\n" "$(printf -- '-%.0s' {1..46})"
for m in "${modes[@]}"; do
  for ((k = 0; k < ${#dirs[@]}; k++)); do
    python3 - "$m" "${labels[$((m - 1))]}" "$([ "$k" = 0 ] && echo this || echo before)" "$work/mode$m.$k.txt" <<'PY'
import statistics, sys
m, label, which, path = sys.argv[1:]
rows = [tuple(map(float, l.split())) for l in open(path)]
e1, e2, wall = [a for a, _, _ in rows], [b for _, b, _ in rows], [w / 1000 for _, _, w in rows]
r = sorted(a / b for a, b, _ in rows)
print("| %-2s | %-44s | %-6s | %7.2f | %7.2f | %5.2f | %5.2f-%5.2f | %6.2f |" % (m, label, which, statistics.median(e1),
      statistics.median(e2), statistics.median(r), r[0], r[-1], statistics.median(wall)))
PY
  done
done
if [ -n "$numpy_s" ]; then
  echo
  echo "The seed's numpy code, one epoch of 784-200-10 (bench/python/seed_epoch.py, once): $(printf '%.2f' "$numpy_s") s,"
  echo "numpy $(python3 -c 'import numpy; print(numpy.__version__)'); numpy's epoch / mynn's first epoch (median; slowest run):"
  for m in 3 4; do
    f="$work/mode$m.0.txt"
    [ -f "$f" ] || continue
    python3 - "${labels[$((m - 1))]}" "$numpy_s" "$f" <<'PY'
import statistics, sys
label, numpy_s, path = sys.argv[1], float(sys.argv[2]), sys.argv[3]
e1 = [float(l.split()[0]) for l in open(path)]
print("  %s: %.1fx (%.1fx)" % (label, numpy_s / statistics.median(e1), numpy_s / max(e1)))
PY
  done
fi
