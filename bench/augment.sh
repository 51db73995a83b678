#!/usr/bin/env bash
# The book's last experiment: add copies of every training image rotated by +10 and -10 degrees. Trains each
# setting with and without augmentation and prints a table of test accuracy (MNIST, seed 1).
# Usage: bench/augment.sh     (about 10 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./mynn fetch mnist >/dev/null
row() {
  local label=$1; shift
  ./mynn train --quiet --seed 1 --out "$work/m.json" "$@" > "$work/out.txt"
  acc=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["training"]["accuracy"])' "$work/m.json")
  secs=$(python3 -c 'import json,sys; print(round(sum(e["seconds"] for e in json.load(open(sys.argv[1]))["training"]["history"]),1))' "$work/m.json")
  printf "| %-44s | %8.4f | %7s |\n" "$label" "$acc" "$secs"
}
printf "| %-44s | %8s | %7s |\n" "784-H-10, sigmoid, seed 1" "accuracy" "train s"
printf "|%s|%s|%s|\n" "$(printf -- '-%.0s' {1..46})" "----------" "---------"
row "hidden 200, lr 0.1, 5 epochs (the seed)" --hidden 200 --lr 0.1 --epochs 5
row "  + rotate:10" --hidden 200 --lr 0.1 --epochs 5 --augment rotate:10
row "hidden 200, lr 0.01, 10 epochs" --hidden 200 --lr 0.01 --epochs 10
row "  + rotate:10 (the book's recipe)" --hidden 200 --lr 0.01 --epochs 10 --augment rotate:10
row "hidden 500, lr 0.01, 10 epochs" --hidden 500 --lr 0.01 --epochs 10
row "  + rotate:10" --hidden 500 --lr 0.01 --epochs 10 --augment rotate:10
row "hidden 500, lr 0.01, 20 epochs + rotate:10" --hidden 500 --lr 0.01 --epochs 20 --augment rotate:10
