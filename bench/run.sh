#!/usr/bin/env bash
# Runs one benchmark against the shipped jar: bench/run.sh first-response|cold-start|memory|crash-drill [args…]
# Needs Debian's tor (private network) and, for cold-start and memory, Xvfb + libgtk-3-0 when no DISPLAY.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bench/run.sh first-response|cold-start|memory|crash-drill [args…]}"; shift || true
mvn -q -B -DskipTests package test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
if [[ "$name" != first-response && "$name" != crash-drill && -z "${DISPLAY:-}" ]]; then
  Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
  trap 'kill $xvfb' EXIT
  export DISPLAY=:77
  sleep 1
fi
case "$name" in
  first-response) class=io.onionpanel.bench.FirstResponseBenchmark ;;
  cold-start)     class=io.onionpanel.bench.ColdStartBenchmark ;;
  memory)         class=io.onionpanel.bench.MemoryBenchmark ;;
  crash-drill)    class=io.onionpanel.bench.CrashDrillBenchmark ;;
  *) echo "unknown benchmark: $name" >&2; exit 2 ;;
esac
exec java -cp "$cp" "$class" "$@"
