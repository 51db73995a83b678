#!/usr/bin/env bash
# What elastic distortion adds to an epoch: 784-800-10 (relu, He, softmax + cross-entropy, biases, float), one epoch
# of 60,000 samples with and without `--augment elastic:34:4`, per mode, interleaved run by run so that a busy
# machine slows both sides alike. Each run trains 3 epochs: the first pays the JIT's warm-up of both the distortion
# and the kernels (shown apart), the mean of the second and third is what a long run pays per epoch. In mini-batches the distorted images are made ahead on a producer thread
# (Prefetch); per-sample training on two threads makes them in its own team, 32 between steps (TeamInputs). The epoch's
# seconds are the training's (from the model's history: the test after the epoch is not counted), so a trainer that
# waits for images shows it. Prints every run, then each mode's median overhead and its spread against the issue-29
# target (at most +10% on 2 cores).
#
# MODES="3" runs only the modes of those numbers (1-3, in the order below). BEFORE=DIR runs the elastic epochs with
# another checkout's ./mynn too (built; e.g. main before a change), interleaved, and prints what it adds beside.
#
# Usage: bench/augment-cost.sh           RUNS=5 bench/augment-cost.sh      RUNS=5 MODES=3 BEFORE=../old bench/augment-cost.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./mynn fetch mnist >/dev/null

recipe=(--hidden 800 --activation relu --init he --output softmax --loss cross-entropy --bias --precision float
  --lr-schedule cosine --epochs 3 --seed 1)
modes=("mini-batch 32 momentum, 1 thread|--batch 32 --optimizer momentum --lr 0.02 --threads 1"
  "mini-batch 32 momentum, 2 threads|--batch 32 --optimizer momentum --lr 0.02 --threads 2"
  "per sample, 2 threads|--lr 0.03 --threads 2")

if [ -n "${MODES:-}" ]; then
  chosen=()
  for k in $MODES; do chosen+=("${modes[$((k - 1))]}"); done
  modes=("${chosen[@]}")
fi
before=
if [ -n "${BEFORE:-}" ]; then
  before=$(cd "$BEFORE" && pwd)
fi
here=$(pwd)
# seconds [DIR] OPTIONS...: "EPOCH1 STEADY", the training seconds of the first epoch and the mean of the second and
# third, of DIR's ./mynn (this checkout's without DIR)
seconds() {
  local dir=$here
  if [ -d "${1:-}" ]; then dir=$1; shift; fi
  (cd "$dir" && ./mynn train --quiet --out "$work/m.json" "${recipe[@]}" "$@" >/dev/null)
  python3 -c 'import json,sys; h = json.load(open(sys.argv[1]))["training"]["history"]; print(h[0]["seconds"], (h[1]["seconds"] + h[2]["seconds"]) / 2)' "$work/m.json"
}

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: *//' || true)
echo "elastic:34:4 against no distortion, 784-800-10 float, 3 epochs of 60,000; $runs interleaved runs on"
echo "$(nproc) cores (${cpu:-unknown CPU}), $(java -version 2>&1 | head -1); load average $(cut -d' ' -f1-3 /proc/loadavg)."
echo
printf "| %3s | %-34s | %8s | %8s | %8s | %8s | %8s | %8s |" run mode "plain e1" "elast. e1" added \
  "plain" elastic added
[ -n "$before" ] && printf " %8s | %8s | %8s |" "before e1" "before" added
echo
printf "|-----|------------------------------------|----------|----------|----------|----------|----------|----------|"
[ -n "$before" ] && printf "%s" "----------|----------|----------|"
echo
: > "$work/rows.txt"
for ((r = 1; r <= runs; r++)); do
  for m in "${modes[@]}"; do
    label=${m%%|*}
    read -r -a opts <<< "${m#*|}"
    read -r p1 p < <(seconds "${opts[@]}")
    read -r e1 e < <(seconds "${opts[@]}" --augment elastic:34:4)
    added1=$(python3 -c "print(f'{($e1 / $p1 - 1) * 100:+.0f}%')")
    added=$(python3 -c "print(f'{($e / $p - 1) * 100:+.0f}%')")
    b1=0; b=0
    if [ -n "$before" ]; then
      read -r b1 b < <(seconds "$before" "${opts[@]}" --augment elastic:34:4)
    fi
    echo "$label|$p|$e|$b" >> "$work/rows.txt"
    printf "| %3d | %-34s | %7.2fs | %8.2fs | %8s | %7.2fs | %7.2fs | %8s |" "$r" "$label" "$p1" "$e1" "$added1" \
      "$p" "$e" "$added"
    if [ -n "$before" ]; then
      printf " %7.2fs | %7.2fs | %8s |" "$b1" "$b" "$(python3 -c "print(f'{($b / $p - 1) * 100:+.0f}%')")"
    fi
    echo
  done
done
echo
python3 - "$work/rows.txt" <<'PY'
import statistics, sys
rows = [l.rstrip("\n").split("|") for l in open(sys.argv[1])]
for label in dict.fromkeys(r[0] for r in rows):
    added = [float(e) / float(p) - 1 for l, p, e, b in rows if l == label]
    med = statistics.median(added)
    print(f"{label}: elastic adds {med * 100:+.0f}% to a warm epoch (median; {min(added) * 100:+.0f}% to {max(added) * 100:+.0f}%); "
          f"target +10% {'met' if med <= 0.10 else 'NOT met'}")
    before = [float(b) / float(p) - 1 for l, p, e, b in rows if l == label and float(b) > 0]
    if before:
        print(f"  before: {statistics.median(before) * 100:+.0f}% (median; {min(before) * 100:+.0f}% to {max(before) * 100:+.0f}%)")
PY
