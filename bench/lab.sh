#!/usr/bin/env bash
# The training lab's cost: one epoch of the book's 784-200-10 (lr 0.1, seed 1) through the page (mynn serve, with a
# page listening to the live views) and through mynn train, each with 1 and 2 threads; the epoch's training seconds as
# each reports them. The lab's first run in a fresh server also warms its JVM; its second run is the steady state.
#
# Usage: bench/lab.sh
# Needs: MNIST (fetched into the cache if missing), curl, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
./mynn fetch mnist >/dev/null
work=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT
MYNN_NO_BUILD=1 ./mynn train --epochs 1 --hidden 20 --seed 1 --quiet --out "$work/start.json" >/dev/null
serve() { # starts a fresh server with a page listening
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  MYNN_NO_BUILD=1 ./mynn serve --model "$work/start.json" --port "$port" >"$work/serve.log" 2>&1 &
  server=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/lab/state" >/dev/null && break; sleep 0.2; done
  curl -sN "http://127.0.0.1:$port/api/lab/events" >/dev/null &
  listener=$!
  # the lab's token, as its page gets it: every request that changes the lab carries it
  token=$(curl -sf "http://127.0.0.1:$port/api/lab/token" | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])')
}

lab() { # threads -> the epoch's seconds through the page
  curl -sf -H 'Content-Type: application/json' -H "X-Mynn-Token: $token" -d "{\"epochs\": 1, \"hidden\": [200], \"seed\": 1, \"threads\": $1}" \
    "http://127.0.0.1:$port/api/lab/start" >/dev/null
  while :; do
    s=$(curl -sf "http://127.0.0.1:$port/api/lab/state")
    python3 -c 'import json,sys; d=json.loads(sys.argv[1]); sys.exit(0 if d["state"] in ("finished","stopped","failed") else 1)' "$s" && break
    sleep 0.5
  done
  python3 -c 'import json,sys; d=json.loads(sys.argv[1]); print(d["epochResults"][0]["seconds"], d["epochResults"][0]["accuracy"])' "$s"
}
train() { # threads -> the epoch's seconds through mynn train
  MYNN_NO_BUILD=1 ./mynn train --epochs 1 --hidden 200 --seed 1 --threads "$1" --quiet --out "$work/t.json" \
    | awk '/^epoch 1/ { for (i = 1; i <= NF; i++) if ($i == "s") print $(i-1), $5 }'
}
echo "One epoch of 784-200-10 on MNIST, training seconds; $(nproc) cores, $(java -version 2>&1 | head -1)"
echo
printf '| %-44s | %8s | %8s |\n' "run" "s" "accuracy"
printf '|%s|%s|%s|\n' "----------------------------------------------" "----------" "----------"
for t in 1 2; do
  read -r s a <<<"$(train "$t")"; printf '| %-44s | %8s | %8s |\n' "mynn train, $t thread(s)" "$s" "$a"
  serve
  read -r s a <<<"$(lab "$t")"; printf '| %-44s | %8s | %8s |\n' "the lab, $t thread(s), first run of a server" "$s" "$a"
  read -r s a <<<"$(lab "$t")"; printf '| %-44s | %8s | %8s |\n' "the lab, $t thread(s), next run" "$s" "$a"
  kill "$listener" "$server"; wait "$server" 2>/dev/null || true
done
