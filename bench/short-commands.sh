#!/usr/bin/env bash
# Short commands with the vector kernels against MYNN_VECTOR=0 (the scalar kernels), wall clock from the shell:
# `mynn test` of the book's 784-200-10 network on MNIST's 10,000 test images (and on the 60,000 training images,
# where the vector kernels pay off), a one-picture query, inspect and backquery. Each row runs its commands
# interleaved (vector, scalar, vector, scalar, ...) RUNS times (default 5) and prints the medians and the ratio
# vector / scalar of the medians with its spread (the lowest and highest ratio of one interleaved pair).
# BEFORE=DIR adds the same rows for another checkout's ./mynn (built), e.g. main before a change.
#
# Usage: bench/short-commands.sh        RUNS=9 BEFORE=/work/warm-before bench/short-commands.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-5}
here=$PWD
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
data=${MYNN_DATA:-$HOME/.cache/mynn}/mnist

./mynn fetch mnist >/dev/null
./mynn train --quiet --hidden 200 --epochs 1 --out "$work/book.json" >/dev/null
python3 - "$work/digit.png" <<'PY'
import struct, sys, zlib
rows = b''.join(b'\x00' + bytes(255 if 36 < (x - 14) ** 2 + (y - 14) ** 2 < 64 else 0 for x in range(28)) for y in range(28))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 28, 28, 8, 0, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
PY

# milliseconds of one run of: env ... CMD ARGS
ms() {
  local t0 t1
  t0=$(date +%s%N)
  env "$@" >/dev/null 2>&1 || { echo "short-commands: failed: $*" >&2; exit 1; }
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}

# row LABEL DIR ARGS...: interleaved vector / scalar runs of DIR/mynn ARGS
row() {
  local label=$1 dir=$2; shift 2
  # the first run after a build writes the class data sharing archive: not timed
  MYNN_VECTOR=1 "$dir/mynn" "$@" >/dev/null 2>&1
  MYNN_VECTOR=0 "$dir/mynn" "$@" >/dev/null 2>&1
  local v=() s=()
  for ((i = 0; i < runs; i++)); do
    v+=("$(ms MYNN_VECTOR=1 "$dir/mynn" "$@")")
    s+=("$(ms MYNN_VECTOR=0 "$dir/mynn" "$@")")
  done
  python3 - "$label" "${v[*]}" "${s[*]}" <<'PY'
import statistics, sys
label, v, s = sys.argv[1], [int(x) for x in sys.argv[2].split()], [int(x) for x in sys.argv[3].split()]
r = sorted(a / b for a, b in zip(v, s))
print("| %-40s | %8.2f | %8.2f | %5.2f | %5.2f-%.2f |" % (label, statistics.median(v) / 1000, statistics.median(s) / 1000,
      statistics.median(v) / statistics.median(s), r[0], r[-1]))
PY
}

echo "Short commands, wall seconds from the shell, medians of $runs interleaved pairs; $(nproc) cores,"
echo "$(java -version 2>&1 | head -1), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo
printf "| %-40s | %8s | %8s | %5s | %11s |\n" "command (checkout)" "vector" "scalar" "ratio" "pair ratios"
printf "|%s|%s|%s|%s|%s|\n" "------------------------------------------" "----------" "----------" "-------" "-------------"
for dir in ${BEFORE:+"$BEFORE"} "$here"; do
  tag=$([ "$dir" = "$here" ] && echo this || echo before)
  row "test, 10,000 images ($tag)" "$dir" test --model "$work/book.json"
  row "test, 60,000 images ($tag)" "$dir" test --model "$work/book.json" --test "$data/train-images-idx3-ubyte" \
    --test-labels "$data/train-labels-idx1-ubyte"
  row "query, one picture ($tag)" "$dir" query --model "$work/book.json" "$work/digit.png"
  row "inspect ($tag)" "$dir" inspect --model "$work/book.json"
  row "backquery --label 3 ($tag)" "$dir" backquery --model "$work/book.json" --label 3 --out "$work/bq"
done
