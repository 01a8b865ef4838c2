#!/usr/bin/env bash
# Requests/s of the home page with the whole observability stack on (JSON request logs, metrics,
# traces exported by OTLP to a local sink) and off, in the same run, alternating rounds.
# The app runs from its project folder (its appsettings.json sets the log levels), pinned to core 0 and wrk to core 1. Usage: bench/observability/run.sh [seconds] [rounds]
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
python3 - "$sink_port" <<'PY' &
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

# run MODE: starts the app in MODE (on|off), loads it, prints requests/s.
run() {
  local mode="$1" port management
  port="$(free_port)" management="$(free_port)"
  local env=(ASPNETCORE_ENVIRONMENT=Production "Database__DataDirectory=$work/data"
             "Observability__ManagementPort=$management")
  if [[ "$mode" == on ]]; then
    env+=(OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$sink_port" OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf)
  else
    env+=(Observability__Metrics=false Observability__Tracing=false Serilog__MinimumLevel__Default=Warning)
  fi
  (cd "$root/src/Monolith.Web" && exec env "${env[@]}" taskset -c 0 dotnet "$dll" --urls "http://127.0.0.1:$port" >"$work/app-$mode.log" 2>&1) &
  app_pid=$!
  for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.2; done
  taskset -c 1 wrk -t1 -c32 -d3s "http://127.0.0.1:$port/" >/dev/null # warm-up (JIT, pools)
  taskset -c 1 wrk -t1 -c32 -d"${seconds}s" "http://127.0.0.1:$port/" >"$work/wrk-$mode.txt"
  if [[ "$mode" == on ]]; then
    curl -fs "http://127.0.0.1:$management/metrics" | grep -q '^http_server_request_duration_seconds_count' \
      || { echo "metrics missing in the 'on' run" >&2; exit 1; }
  fi
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
  grep -q 'Non-2xx' "$work/wrk-$mode.txt" && { echo "errors in the '$mode' run" >&2; cat "$work/wrk-$mode.txt" >&2; exit 1; }
  awk '/Requests\/sec/ {print $2}' "$work/wrk-$mode.txt"
}

echo "home page, ${seconds}s per round, ${rounds} rounds, app on core 0, wrk -t1 -c32 on core 1"
printf '%-7s %12s %12s %8s\n' round on_req_s off_req_s on/off
on_total=0 off_total=0
for round in $(seq "$rounds"); do
  on="$(run on)" off="$(run off)"
  on_total="$(echo "$on_total + $on" | bc -l)" off_total="$(echo "$off_total + $off" | bc -l)"
  printf '%-7s %12.0f %12.0f %8.3f\n' "$round" "$on" "$off" "$(echo "$on / $off" | bc -l)"
done
ratio="$(echo "$on_total / $off_total" | bc -l)"
printf 'mean    %12.0f %12.0f %8.3f  overhead %.1f %% (target <= 15 %%)\n' \
  "$(echo "$on_total / $rounds" | bc -l)" "$(echo "$off_total / $rounds" | bc -l)" "$ratio" "$(echo "(1 - $ratio) * 100" | bc -l)"
