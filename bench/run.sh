#!/usr/bin/env bash
# Runs one benchmark against the shipped jar: bench/run.sh first-response|cold-start|memory|memory-compare|chart-redraw|event-flood|monitor-ingest|probe|crash-drill|balance [args…]
# balance [seconds per load phase] [minutes after the kill]: Onionbalance on the private network (needs onionbalance).
# cold-start [runs] [launcher]: also measures an installed launcher, e.g. /opt/onion-panel/bin/onion-panel.
# Needs Debian's tor (private network) and, for the window benchmarks, Xvfb + libgtk-3-0 when no DISPLAY.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bench/run.sh first-response|cold-start|memory|memory-compare|chart-redraw|event-flood|monitor-ingest|probe|crash-drill|balance [args…]}"; shift || true
mvn -q -B -DskipTests package test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
if [[ "$name" != first-response && "$name" != monitor-ingest && "$name" != probe && "$name" != crash-drill && "$name" != balance && -z "${DISPLAY:-}" ]]; then
  Xvfb :77 -screen 0 1280x800x24 >/dev/null 2>&1 & xvfb=$!
  trap 'kill $xvfb' EXIT
  export DISPLAY=:77
  sleep 1
fi
# The Health tab's figures are measured with the window's own JVM options (heap, compiler, renderer).
jvm=()
case "$name" in
  first-response) class=io.onionpanel.bench.FirstResponseBenchmark ;;
  cold-start)     class=io.onionpanel.bench.ColdStartBenchmark ;;
  memory)         class=io.onionpanel.bench.MemoryBenchmark ;;
  memory-compare) class=io.onionpanel.bench.MemoryComparison ;;
  chart-redraw)   class=io.onionpanel.bench.ChartRedrawBenchmark; jvm=(@installer/desktop-jvm.options) ;;
  event-flood)    class=io.onionpanel.bench.EventFloodBenchmark; jvm=(@installer/desktop-jvm.options) ;;
  monitor-ingest) class=io.onionpanel.bench.MonitorIngestBenchmark ;;
  probe)          class=io.onionpanel.bench.ProbeBenchmark ;;
  crash-drill)    class=io.onionpanel.bench.CrashDrillBenchmark ;;
  balance)        class=io.onionpanel.bench.BalanceBenchmark ;;
  *) echo "unknown benchmark: $name" >&2; exit 2 ;;
esac
# Not exec: the EXIT trap must still stop the Xvfb started above.
java "${jvm[@]}" -cp "$cp" "$class" "$@"
