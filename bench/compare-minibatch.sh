#!/usr/bin/env bash
# Float mini-batches with an optimizer, numpy against mynn, interleaved in one run: 784-800-10 (sigmoid hidden with
# biases, softmax + cross-entropy), batches of 64, two epochs, with momentum 0.9 (lr 0.1) and with Adam (0.9, 0.999,
# 1e-8; lr 0.001). numpy is bench/python/numpy_mlp.py in float32 on its BLAS; mynn is `mynn train --precision float
# --threads 2`. Each run trains numpy momentum, mynn momentum, numpy Adam, mynn Adam one after the other, so that a
# busy machine slows both sides alike; it prints every run's seconds for epochs 1 and 2 (training only: neither
# side's test pass is counted) and mynn's speed-up (numpy's seconds / mynn's), then the spread of the speed-ups.
#
# Usage: bench/compare-minibatch.sh            RUNS=5 bench/compare-minibatch.sh
# Needs: python3 with numpy; MNIST is fetched into the cache if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mynn fetch mnist >/dev/null
data=$(python3 -c 'import os; print(os.environ.get("MYNN_DATA") or os.path.expanduser("~/.cache/mynn"))')/mnist
recipe=(--hidden 800 --bias --output softmax --loss cross-entropy --batch 64 --threads 2 --precision float)

# numpy OPTIMIZER SEED: "epoch1 epoch2" training seconds
numpy_epochs() {
  python3 bench/python/numpy_mlp.py "$data" 2 "$2" "$1" | awk '{printf "%s ", $4} END {print ""}'
}

# mynn OPTIMIZER LR: "epoch1 epoch2" training seconds, from the model's history
mynn_epochs() {
  ./mynn train --quiet --epochs 2 --seed 1 --out "$work/m.json" "${recipe[@]}" --optimizer "$1" --lr "$2" >/dev/null
  python3 -c 'import json,sys; h=json.load(open(sys.argv[1]))["training"]["history"]; print(h[0]["seconds"], h[1]["seconds"])' \
    "$work/m.json"
}

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: *//' || true)
simd=$(grep -qw avx512f /proc/cpuinfo 2>/dev/null && echo AVX-512 || { grep -qw avx2 /proc/cpuinfo 2>/dev/null && echo AVX2 || echo "no AVX2"; })
echo "784-800-10, float mini-batches of 64, two epochs; $runs interleaved runs on $(hostname), $(nproc) cores"
echo "(${cpu:-unknown CPU}, $simd), $(java -version 2>&1 | head -1), numpy $(python3 -c 'import numpy; print(numpy.__version__)');"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)."
echo
printf "| %3s | %-8s | %9s | %9s | %9s | %9s | %8s | %8s |\n" run optimizer "numpy e1" "mynn e1" "numpy e2" "mynn e2" "x e1" "x e2"
printf "|-----|----------|-----------|-----------|-----------|-----------|----------|----------|\n"
ratios="$work/ratios.txt"
: > "$ratios"
for ((r = 1; r <= runs; r++)); do
  for spec in "momentum 0.1" "adam 0.001"; do
    read -r opt lr <<< "$spec"
    read -r n1 n2 < <(numpy_epochs "$opt" "$r")
    read -r m1 m2 < <(mynn_epochs "$opt" "$lr")
    x1=$(python3 -c "print(f'{$n1 / $m1:.2f}')")
    x2=$(python3 -c "print(f'{$n2 / $m2:.2f}')")
    echo "$opt $x1 $x2" >> "$ratios"
    printf "| %3d | %-8s | %9.2f | %9.2f | %9.2f | %9.2f | %7sx | %7sx |\n" "$r" "$opt" "$n1" "$m1" "$n2" "$m2" "$x1" "$x2"
  done
done
echo
python3 - "$ratios" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1])]
for opt, target in (("momentum", 1.5), ("adam", 1.3)):
    e1 = [float(r[1]) for r in rows if r[0] == opt]
    e2 = [float(r[2]) for r in rows if r[0] == opt]
    every = all(x >= target for x in e1 + e2)
    print(f"{opt}: mynn/numpy speed-up epoch 1 {min(e1):.2f}-{max(e1):.2f}x, epoch 2 {min(e2):.2f}-{max(e2):.2f}x "
          f"over {len(e1)} runs; the issue's target {target}x {'met' if every else 'NOT met'} in every run")
PY
