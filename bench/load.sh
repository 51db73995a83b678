#!/usr/bin/env bash
# Time and heap of loading the MNIST training set from IDX .gz, raw IDX and the book's CSV.
# Usage: bench/load.sh [repeats]    (fetches MNIST into the cache first if needed)
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -pl bench -am package -DskipTests
JAR=bench/target/mynn-bench.jar
java -cp "$JAR" org.mynn.bench.LoadBench "${1:-7}"
echo
echo "The same loads in a JVM limited to a 64 MB heap (-Xmx64m), to show none needs more than the dataset:"
for form in gz raw csv; do
  java -Xmx64m -cp "$JAR" org.mynn.bench.LoadBench 3 "$form" | tail -1
done
