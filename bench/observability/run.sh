#!/usr/bin/env bash
# Requests/s of pages with the whole observability stack on (JSON request logs, metrics, traces exported
# by OTLP to a local sink) and off. Both apps run at once, pinned to core 0; wrk and the stand-in collector
# share core 1 (a real collector runs elsewhere). Each app is first warmed up until tiered compilation has
# settled, then the two are measured in short alternating windows, so that drift in the machine's speed
# hits both alike. Besides requests/s, each app's CPU time per request (user + system).
# Usage: bench/observability/run.sh [seconds per window, default 5] [rounds, default 6]
# PAGES (default "/ /Identity/Account/Login"): the pages measured, one after the other.
# ON_ENV="Key=value ..." adds environment to the "on" app (e.g. Observability__TraceSampleRatio=0.1).
# WARMUP (default 40s) is the load each app gets per page before measuring: with the app on one busy core,
# tiered compilation (and its profile-guided recompilation) takes most of a minute to settle.
set -euo pipefail

seconds="${1:-5}" rounds="${2:-6}"
pages=(${PAGES:-/ /Identity/Account/Login})
root="$(cd "$(dirname "$0")/../.." && pwd)"
. "$root/bench/common.sh"
bench_work observability

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
dotnet build "$root/src/Monolith.Web" -c Release -nologo -v q >/dev/null
dll="$root/src/Monolith.Web/bin/Release/net10.0/Monolith.Web.dll"

# A stand-in OTLP/HTTP collector: accepts every export, as a real one would, and keeps nothing.
sink_port="$(free_port)"
taskset -c 1 python3 - "$sink_port" <<'PY' &
import sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
class Sink(BaseHTTPRequestHandler):
    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200); self.send_header("Content-Length", "0"); self.end_headers()
    def log_message(self, *args): pass
ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Sink).serve_forever()
PY
bench_pids+=($!)

declare -A port pid
management="$(free_port)"
for mode in on off; do
  port[$mode]="$(free_port)"
  env=(ASPNETCORE_ENVIRONMENT=Production "Database__DataDirectory=$work/data-$mode")
  if [[ "$mode" == on ]]; then
    env+=("Observability__ManagementPort=$management" OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port"
          OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf ${ON_ENV:-})
  else
    env+=(Observability__ManagementPort=0 Observability__Metrics=false Observability__Tracing=false
          Serilog__MinimumLevel__Default=Warning)
  fi
  (cd "$root/src/Monolith.Web" && exec env "${env[@]}" taskset -c 0 dotnet "$dll" --urls "http://127.0.0.1:${port[$mode]}" >"$work/app-$mode.log" 2>&1) &
  pid[$mode]=$!
  bench_pids+=($!)
  for _ in $(seq 150); do curl -fs "http://127.0.0.1:${port[$mode]}/readyz" >/dev/null && break; sleep 0.2; done
  curl -fs "http://127.0.0.1:${port[$mode]}/readyz" >/dev/null || { echo "the '$mode' app did not get ready" >&2; cat "$work/app-$mode.log" >&2; exit 1; }
done

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz="$(getconf CLK_TCK)"

# measure MODE PAGE: one window of load; prints "requests/s requests cpu_ticks".
measure() {
  local before after out
  before="$(cpu_ticks "${pid[$1]}")"
  out="$(taskset -c 1 wrk -t1 -c32 -d"${seconds}s" "http://127.0.0.1:${port[$1]}$2")"
  after="$(cpu_ticks "${pid[$1]}")"
  if grep -q 'Non-2xx\|Socket errors' <<<"$out"; then echo "errors in the '$1' run of $2" >&2; echo "$out" >&2; exit 1; fi
  echo "$(awk '/Requests\/sec/ {print $2}' <<<"$out") $(awk '/requests in/ {print $1}' <<<"$out") $((after - before))"
}

echo "observability on vs off: ${seconds}s windows, ${rounds} rounds per page, both apps on core 0, wrk -t1 -c32 on core 1${ON_ENV:+, on: $ON_ENV}"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
for page in "${pages[@]}"; do
  for mode in on off; do
    taskset -c 1 wrk -t1 -c32 -d"${WARMUP:-40s}" "http://127.0.0.1:${port[$mode]}$page" >/dev/null
  done
  echo
  echo "page $page"
  printf '%-7s %10s %10s %8s %12s %12s\n' round on_req_s off_req_s on/off on_us/req off_us/req
  on_rps=0 off_rps=0 on_n=0 off_n=0 on_t=0 off_t=0
  for round in $(seq "$rounds"); do
    read -r a an at < <(measure on "$page")
    read -r b bn bt < <(measure off "$page")
    on_rps="$(echo "$on_rps + $a" | bc -l)" off_rps="$(echo "$off_rps + $b" | bc -l)"
    on_n=$((on_n + an)) off_n=$((off_n + bn)) on_t=$((on_t + at)) off_t=$((off_t + bt))
    printf '%-7s %10.0f %10.0f %8.3f %12.1f %12.1f\n' "$round" "$a" "$b" "$(echo "$a / $b" | bc -l)" \
      "$(echo "$at * 1000000 / $hz / $an" | bc -l)" "$(echo "$bt * 1000000 / $hz / $bn" | bc -l)"
  done
  ratio="$(echo "$on_rps / $off_rps" | bc -l)"
  cpu_ratio="$(echo "$off_t * $on_n / ($off_n * $on_t)" | bc -l)"
  printf '%-7s %10.0f %10.0f %8.3f %12.1f %12.1f\n' mean "$(echo "$on_rps / $rounds" | bc -l)" "$(echo "$off_rps / $rounds" | bc -l)" \
    "$ratio" "$(echo "$on_t * 1000000 / $hz / $on_n" | bc -l)" "$(echo "$off_t * 1000000 / $hz / $off_n" | bc -l)"
  printf 'page %s: overhead %.1f %% by requests/s, %.1f %% by CPU time per request (target <= 15 %%)\n' "$page" \
    "$(echo "(1 - $ratio) * 100" | bc -l)" "$(echo "(1 - $cpu_ratio) * 100" | bc -l)"
done

if [[ "${ON_ENV:-}" != *Observability__Metrics=false* ]]; then
  scrape="$(curl -fs -m 10 "http://127.0.0.1:$management/metrics")" || true
  grep -q '^http_server_request_duration_seconds_count' <<<"$scrape" || { echo "metrics missing in the 'on' app" >&2; exit 1; }
fi
echo
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
