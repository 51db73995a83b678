#!/usr/bin/env bash
# JMH benchmarks: a training step per mode, one query, testing 10,000 images, loading MNIST.
# Usage: bench/jmh.sh [JMH options, e.g. QueryBench -f 1]
set -euo pipefail
cd "$(dirname "$0")/.."
./mynn fetch mnist >/dev/null
mvn -B -q -pl bench -am install -DskipTests
java -jar bench/target/mynn-bench.jar "$@"
