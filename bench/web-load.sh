#!/usr/bin/env bash
# The web server under load while slow clients hang on (see org.mynn.bench.WebLoad): prints how many of the
# requests were answered correctly, latency percentiles, and memory before and after.
#   bench/web-load.sh [clients] [requests] [slow clients]      (default 200 1000 8)
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f bench/target/mynn-bench.jar ] || mvn -B -q -DskipTests install
java --add-modules jdk.incubator.vector -Xmx1g -cp bench/target/mynn-bench.jar org.mynn.bench.WebLoad "$@" 2> >(grep -v "incubator modules" >&2)
