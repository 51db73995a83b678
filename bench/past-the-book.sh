#!/usr/bin/env bash
# The README's first recipe past the book, side by side with the same network, settings and data in numpy
# (cli/src/test/resources/org/mynn/cli/past_the_book.py, which PastTheBookReferenceTest also runs: the true gradient, a fresh order every epoch, He init, zero biases): test accuracy
# after each epoch for seeds 1, 2 and 3. Then mynn with the book's rule and the file's order asked for explicitly, to
# show what the literature's defaults change. Usage: bench/past-the-book.sh [EPOCHS]   (default 1; about 2 minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=${1:-1}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
./mynn fetch mnist >/dev/null
data=$(./mynn fetch mnist 2>/dev/null | grep -o '/[^ ]*mnist' | head -1)
data=${data:-${MYNN_DATA:-$HOME/.cache/mynn}/mnist}
reference=cli/src/test/resources/org/mynn/cli/past_the_book.py
recipe=(--dataset mnist --hidden 64,32 --activation relu --init he --output softmax --loss cross-entropy --bias
  --optimizer momentum --batch 32 --lr 0.05)
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'),"\
  "Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), numpy $(python3 -c 'import numpy; print(numpy.__version__)')"
echo "recipe: mynn train ${recipe[*]} --epochs $epochs --seed S"
echo
echo "| seed | mynn (defaults: gradient, shuffled) | numpy (gradient, shuffled) | mynn --rule book --order file | numpy, file order |"
echo "|---|---|---|---|---|"
acc() { python3 -c 'import json,sys; print("%.4f" % json.load(open(sys.argv[1]))["training"]["accuracy"])' "$1"; }
for seed in 1 2 3; do
  ./mynn train --quiet "${recipe[@]}" --epochs "$epochs" --seed "$seed" --out "$work/m.json" >/dev/null
  a=$(acc "$work/m.json")
  ./mynn train --quiet "${recipe[@]}" --epochs "$epochs" --seed "$seed" --rule book --order file --out "$work/b.json" >/dev/null
  b=$(acc "$work/b.json")
  n=$(python3 "$reference" "$data" "$epochs" "$seed" | tail -1 | awk '{print $NF}')
  f=$(python3 "$reference" "$data" "$epochs" "$seed" --order file | tail -1 | awk '{print $NF}')
  echo "| $seed | $a | $n | $b | $f |"
done
