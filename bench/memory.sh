#!/usr/bin/env bash
# Memory of the README's first command: peak resident memory of ./mynn demo (the book's settings), then the same
# demo in a 512 MB heap with its peak heap use read from the GC log. Prints figures; never a test.
# Usage: bench/memory.sh [EPOCHS]   (default 5, as the demo)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-5}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./mynn fetch mnist >/dev/null

peak_rss_kb() {
  # runs "$@" and prints the highest VmHWM seen of the java process under it, in kB
  "$@" >"$work/out.txt" 2>&1 &
  local pid=$! peak=0 hwm
  while kill -0 "$pid" 2>/dev/null; do
    for p in $(pgrep -f "mynn.jar" || true); do
      hwm=$(awk '/VmHWM/ {print $2}' "/proc/$p/status" 2>/dev/null || echo 0)
      [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm
    done
    sleep 0.2
  done
  wait "$pid"
  echo "$peak"
}

rss=$(peak_rss_kb ./mynn demo --quiet --epochs "$epochs" --out "$work/demo")
acc=$(grep -o 'test accuracy [0-9.]*' "$work/out.txt" | tail -1)
printf "./mynn demo (%d epochs, launcher defaults): peak RSS %.0f MB, %s\n" "$epochs" "$(echo "$rss / 1024" | bc -l)" "$acc"

MYNN_JAVA_OPTS="-Xmx512m -Xlog:gc:file=$work/gc.log" ./mynn demo --quiet --epochs "$epochs" --out "$work/demo2" > "$work/out2.txt"
peak_heap=$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed 's/M->.*//' | sort -n | tail -1)
acc2=$(grep -o 'test accuracy [0-9.]*' "$work/out2.txt" | tail -1)
printf "./mynn demo with -Xmx512m: works, %s; peak heap in use %s MB (highest heap before a collection, GC log)\n" "$acc2" "${peak_heap:-?}"
