#!/usr/bin/env bash
# Requests/s of the home page with the whole observability stack on (JSON request logs, metrics,
# traces exported by OTLP to a local sink) and off, in the same run, alternating rounds.
# The app runs from its project folder (its appsettings.json sets the log levels), pinned to core 0; wrk and
# the stand-in collector share core 1 (a real collector runs elsewhere). Besides requests/s, the app's CPU
# time per request: on a machine shared with other work it says what a request costs, whatever CPU share
# the app got. Usage: bench/observability/run.sh [seconds] [rounds]
# ON_ENV="Key=value ..." adds environment to the "on" runs (e.g. Observability__TraceSampleRatio=1);
# WARMUP (default 20s) is the unmeasured load after each start: on a busy machine, tiered compilation
# takes that long to settle, and a shorter one measures the JIT more than the app.
set -euo pipefail

seconds="${1:-10}" rounds="${2:-3}"
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/observability-bench.XXXXXX)"
app_pid="" sink_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  [[ -n "$sink_pid" ]] && kill "$sink_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 2; }
dotnet build "$root/src/Monolith.Web" -c Release -nologo -v q >/dev/null
dll="$root/src/Monolith.Web/bin/Release/net10.0/Monolith.Web.dll"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

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
sink_pid=$!

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# run MODE: starts the app in MODE (on|off), loads it, prints "requests/s requests cpu_ticks".
run() {
  local mode="$1" port management
  port="$(free_port)" management="$(free_port)"
  local env=(ASPNETCORE_ENVIRONMENT=Production "Database__DataDirectory=$work/data"
             "Observability__ManagementPort=$management")
  if [[ "$mode" == on ]]; then
    env+=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf ${ON_ENV:-})
  else
    env+=(Observability__Metrics=false Observability__Tracing=false Serilog__MinimumLevel__Default=Warning)
  fi
  (cd "$root/src/Monolith.Web" && exec env "${env[@]}" taskset -c 0 dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/app-$mode.log" 2>&1) &
  app_pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  taskset -c 1 wrk -t1 -c32 -d"${WARMUP:-20s}" "http://127.0.0.1:$port/" >/dev/null # warm-up (JIT, tiered compilation, pools)
  local before after
  before="$(cpu_ticks "$app_pid")"
  taskset -c 1 wrk -t1 -c32 -d"${seconds}s" "http://127.0.0.1:$port/" >"$work/wrk-$mode.txt"
  after="$(cpu_ticks "$app_pid")"
  if [[ "$mode" == on && "${ON_ENV:-}" != *Observability__Metrics=false* ]]; then
    local scraped=""
    for _ in 1 2 3; do # a scrape right after the load can time out on a busy machine
      curl -fs -m 10 "http://127.0.0.1:$management/metrics" | grep -q '^http_server_request_duration_seconds_count' && { scraped=1; break; }
      sleep 1
    done
    [[ -n "$scraped" ]] || { echo "metrics missing in the 'on' run" >&2; exit 1; }
  fi
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  grep -q 'Non-2xx' "$work/wrk-$mode.txt" && { echo "errors in the '$mode' run" >&2; cat "$work/wrk-$mode.txt" >&2; exit 1; }
  echo "$(awk '/Requests\/sec/ {print $2}' "$work/wrk-$mode.txt") $(awk '/requests in/ {print $1}' "$work/wrk-$mode.txt") $((after - before))"
}

hz="$(getconf CLK_TCK)"
us() { echo "$1 * 1000000 / $hz / $2" | bc -l; }
echo "home page, ${seconds}s per round, ${rounds} rounds, app on core 0, wrk -t1 -c32 on core 1${ON_ENV:+, on: $ON_ENV}"
printf '%-7s %12s %12s %8s %14s %14s %8s\n' round on_req_s off_req_s on/off on_cpu_us/req off_cpu_us/req off/on
on_total=0 off_total=0 on_requests=0 off_requests=0 on_ticks=0 off_ticks=0
for round in $(seq "$rounds"); do
  read -r on on_n on_t < <(run on)
  read -r off off_n off_t < <(run off)
  on_total="$(echo "$on_total + $on" | bc -l)" off_total="$(echo "$off_total + $off" | bc -l)"
  on_requests=$((on_requests + on_n)) off_requests=$((off_requests + off_n)) on_ticks=$((on_ticks + on_t)) off_ticks=$((off_ticks + off_t))
  printf '%-7s %12.0f %12.0f %8.3f %14.1f %14.1f %8.3f\n' "$round" "$on" "$off" "$(echo "$on / $off" | bc -l)" \
    "$(us "$on_t" "$on_n")" "$(us "$off_t" "$off_n")" "$(echo "$off_t * $on_n / ($off_n * $on_t)" | bc -l)"
done
ratio="$(echo "$on_total / $off_total" | bc -l)"
cpu_ratio="$(echo "$off_ticks * $on_requests / ($off_requests * $on_ticks)" | bc -l)"
printf 'mean    %12.0f %12.0f %8.3f %14.1f %14.1f %8.3f\n' \
  "$(echo "$on_total / $rounds" | bc -l)" "$(echo "$off_total / $rounds" | bc -l)" "$ratio" \
  "$(us "$on_ticks" "$on_requests")" "$(us "$off_ticks" "$off_requests")" "$cpu_ratio"
printf 'overhead: %.1f %% by requests/s, %.1f %% by CPU time per request (target <= 15 %%)\n' \
  "$(echo "(1 - $ratio) * 100" | bc -l)" "$(echo "(1 - $cpu_ratio) * 100" | bc -l)"
