#!/bin/sh
# Containers view with 1,000 containers: load time and filter latency, headless (Monocle, software renderer).
# Prints the figures; asserts nothing. Options: BENCH_CONTAINERS=1000 BENCH_RUNS=30 bench/containers-view.sh
set -eu
cd "$(dirname "$0")/.."
cp_file="$(pwd)/desktop/target/bench.classpath"
./mvnw -q -o -pl desktop -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
exec java -Xmx512m \
    -Dbench.containers="${BENCH_CONTAINERS:-1000}" -Dbench.runs="${BENCH_RUNS:-30}" \
    -Dlogback.configurationFile=/dev/null \
    -cp "desktop/target/test-classes:desktop/target/classes:$(cat "$cp_file")" \
    dev.berth.desktop.containers.bench.ContainersViewBench
