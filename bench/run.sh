#!/usr/bin/env bash
# Runs one benchmark against the shipped jar: bench/run.sh first-response|cold-start|memory|memory-compare|chart-redraw|event-flood|monitor-ingest|probe|crash-drill|balance|engine-memory|attached-window-memory|event-latency|attach-start|service-add|engine-flags|remote-access [args…]
# remote-access [attach runs] [changes]: issue 18 (remote access), two engines on the private network and a window
# (Xvfb when no DISPLAY).
# engine-memory [seconds], attached-window-memory [seconds] [reference jar], event-latency [events], attach-start [runs], service-add [runs] [keep] [no-pow]:
# issue 17 (always on), docs/benchmarks.md. service-add needs onionshare-cli (the reference).
# balance [seconds per load phase] [minutes after the kill]: Onionbalance on the private network (needs onionbalance).
# cold-start [runs] [launcher]: also measures an installed launcher, e.g. /opt/onion-panel/bin/onion-panel.
# Needs Debian's tor (private network) and, for the window benchmarks, Xvfb + libgtk-3-0 when no DISPLAY.
set -euo pipefail
cd "$(dirname "$0")/.."
name="${1:?usage: bench/run.sh first-response|cold-start|memory|memory-compare|chart-redraw|event-flood|monitor-ingest|probe|crash-drill|balance|engine-memory|attached-window-memory|event-latency|attach-start|service-add|engine-flags|remote-access [args…]}"; shift || true
# BENCH_SKIP_BUILD=1: use the jar and classes already built (several benchmarks started side by side must not
# rebuild target/ under each other).
if [[ "${BENCH_SKIP_BUILD:-}" != 1 ]]; then
  mvn -q -B -DskipTests package test-compile dependency:build-classpath \
      -Dmdep.outputFile=target/bench-classpath.txt -Dmdep.includeScope=test
fi
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
if [[ "$name" != first-response && "$name" != monitor-ingest && "$name" != probe && "$name" != crash-drill && "$name" != engine-memory && "$name" != engine-flags && "$name" != service-add && "$name" != balance && -z "${DISPLAY:-}" ]]; then
  # A free display number, picked by Xvfb itself: benchmarks may run side by side.
  displayfile="$(mktemp)"
  Xvfb -displayfd 3 -screen 0 1280x800x24 3>"$displayfile" >/dev/null 2>&1 & xvfb=$!
  trap 'kill $xvfb; rm -f "$displayfile"' EXIT
  for _ in $(seq 50); do [[ -s "$displayfile" ]] && break; sleep 0.1; done
  export DISPLAY=":$(head -1 "$displayfile")"
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
  engine-memory)  class=io.onionpanel.bench.EngineMemoryBenchmark ;;
  attached-window-memory) class=io.onionpanel.bench.AttachedWindowMemoryBenchmark ;;
  # The model and the FX thread with the window's JVM options, as in the window.
  event-latency)  class=io.onionpanel.bench.EventLatencyBenchmark; jvm=(@installer/desktop-jvm.options) ;;
  attach-start)   class=io.onionpanel.bench.AttachStartBenchmark ;;
  service-add)    class=io.onionpanel.bench.ServiceAddBenchmark ;;
  engine-flags)   class=io.onionpanel.bench.EngineFlagTrials ;;
  remote-access)  class=io.onionpanel.bench.RemoteAccessBenchmark ;;
  *) echo "unknown benchmark: $name" >&2; exit 2 ;;
esac
# Not exec: the EXIT trap must still stop the Xvfb started above.
java "${jvm[@]}" -cp "$cp" "$class" "$@"
