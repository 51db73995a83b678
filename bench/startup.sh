#!/usr/bin/env bash
# Start-up of the command line, wall clock from the shell: a one-picture query, inspect and --version, each the
# median of RUNS runs (default 9), side by side with the start-up helps turned off one at a time:
# MYNN_CDS=0 (no class data sharing archive) and the optimising compiler on (-XX:TieredStopAtLevel=4).
#
# Usage: bench/startup.sh          RUNS=15 bench/startup.sh
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-9}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

./mynn fetch mnist >/dev/null
./mynn train --quiet --hidden 20 --epochs 1 --out "$work/m.json" >/dev/null
# a 28x28 picture of a ring, a zero of sorts
python3 - "$work/digit.png" <<'PY'
import struct, sys, zlib
rows = b''.join(b'\x00' + bytes(255 if 36 < (x - 14) ** 2 + (y - 14) ** 2 < 64 else 0 for x in range(28)) for y in range(28))
def chunk(t, d): return struct.pack('>I', len(d)) + t + d + struct.pack('>I', zlib.crc32(t + d) & 0xffffffff)
open(sys.argv[1], 'wb').write(b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', struct.pack('>IIBBBBB', 28, 28, 8, 0, 0, 0, 0))
                              + chunk(b'IDAT', zlib.compress(rows)) + chunk(b'IEND', b''))
PY
# the first command after a build writes the class data sharing archive (a tour of the common commands, once)
./mynn query --model "$work/m.json" "$work/digit.png" >/dev/null

# median wall seconds of $runs runs of: env ... ./mynn ARGS
median() {
  local times=()
  for ((i = 0; i < runs; i++)); do
    local t0 t1
    t0=$(date +%s%N)
    env "$@" >/dev/null 2>&1
    t1=$(date +%s%N)
    times+=("$(( (t1 - t0) / 1000000 ))")
  done
  printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.2f", a[int((NR+1)/2)]/1000}'
}

echo "Start-up, wall seconds from the shell, median of $runs runs; $(nproc) cores, $(java -version 2>&1 | head -1)"
echo
printf "| %-34s | %8s | %12s | %14s |\n" "command" "mynn" "MYNN_CDS=0" "with C2 as well"
printf "|%s|%s|%s|%s|\n" "------------------------------------" "----------" "--------------" "----------------"
row() {
  local label=$1; shift
  printf "| %-34s | %8s | %12s | %14s |\n" "$label" "$(median ./mynn "$@")" "$(median MYNN_CDS=0 ./mynn "$@")" \
    "$(median MYNN_JAVA_OPTS=-XX:TieredStopAtLevel=4 ./mynn "$@")"
}
row "mynn query (one picture)" query --model "$work/m.json" "$work/digit.png"
row "mynn inspect" inspect --model "$work/m.json"
row "mynn --version" --version
