#!/usr/bin/env bash
# Caching benchmarks, loopback only: BenchmarkDotNet (L1 hit; L2 hit vs raw Redis GET), invalidation
# propagation between two processes, and wrk against the output-cached home page vs a bare Kestrel
# endpoint serving the same bytes (app pinned to CPU 0, wrk and Redis to CPU 1, same run).
# Usage: bench/caching/run.sh   (DURATION=10s CONNECTIONS=32 ROUNDS=3 INVALIDATIONS=1000 PARTS="micro propagation wrk")
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/caching-bench.XXXXXX)"
duration="${DURATION:-10s}" connections="${CONNECTIONS:-32}" invalidations="${INVALIDATIONS:-1000}"
parts="${PARTS:-micro propagation wrk}" rounds="${ROUNDS:-3}"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

need() {
  local missing=()
  for tool in redis-server wrk taskset curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  [[ ${#missing[@]} == 0 ]] && return
  local packages="${missing[*]}"; packages="${packages/taskset/util-linux}"
  if [[ "$(id -u)" != 0 ]]; then echo "Missing: ${missing[*]}. Install: sudo apt-get install -y $packages" >&2; exit 2; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
}

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

wait_for() { for _ in $(seq 300); do curl -sf -o /dev/null "$1" && return; sleep 0.1; done; echo "$1 did not answer" >&2; exit 1; }

# Prints "requests/s errors" for one wrk run.
measure() {
  local out socket non2xx
  out="$(taskset -c 1 wrk -t1 -c"$connections" -d"$duration" "$1")"
  socket="$(sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1+\2+\3+\4/p' <<<"$out")"
  non2xx="$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' <<<"$out")"
  echo "$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out") $(( ${socket:-0} + ${non2xx:-0} ))"
}

need
[[ "$(nproc)" -ge 2 ]] || { echo "needs 2 CPUs (app on one, wrk on the other)" >&2; exit 2; }
echo "== build (Release)"
dotnet build "$here/Caching.Bench" -c Release -nologo -v q >/dev/null
bench="$here/Caching.Bench/bin/Release/net10.0/Caching.Bench.dll"
app="$root/src/Monolith.Web/bin/Release/net10.0/Monolith.Web.dll"

redis_port="$(free_port)"
taskset -c 1 redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >/dev/null &
pids+=($!)
redis="127.0.0.1:$redis_port"
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$redis_port") 2>/dev/null && break; sleep 0.1; done

if [[ " $parts " == *" micro "* ]]; then
echo "== BenchmarkDotNet (ShortRun, in process)"
(cd "$work" && dotnet "$bench" micro "$redis" | sed -n '/^| Method/,/^$/p')
fi

if [[ " $parts " == *" propagation "* ]]; then
echo "== invalidation propagation between two processes"
dotnet "$bench" propagation "$redis" "$invalidations"
fi

[[ " $parts " == *" wrk "* ]] || exit 0

echo "== wrk: output-cached home page vs bare Kestrel endpoint (app on CPU 0, wrk -c$connections on CPU 1, $duration each, req/s)"
start_app() { # port, extra environment...
  local port="$1"; shift
  mkdir -p "$work/data-$port"
  (cd "$root/src/Monolith.Web" && env ASPNETCORE_ENVIRONMENT=Production Database__DataDirectory="$work/data-$port" "$@" \
    taskset -c 0 dotnet "$app" --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  pids+=($!)
  wait_for "http://127.0.0.1:$port/readyz"
}
memory_port="$(free_port)"; start_app "$memory_port"
redis_app_port="$(free_port)"; start_app "$redis_app_port" Redis__Configuration="$redis" Caching__KeyPrefix="bench$redis_app_port"
# The same app with its one-line-per-request log turned down, to show what that log costs.
quiet_port="$(free_port)"; start_app "$quiet_port" "Serilog__MinimumLevel__Override__Serilog.AspNetCore.RequestLoggingMiddleware=Warning"
curl -sf "http://127.0.0.1:$memory_port/" -o "$work/page.html"
bare_port="$(free_port)"
taskset -c 0 dotnet "$bench" bare "$bare_port" "$work/page.html" >/dev/null 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$bare_port/"
echo "page: $(wc -c <"$work/page.html") bytes"

for url in "http://127.0.0.1:$bare_port/" "http://127.0.0.1:$memory_port/" "http://127.0.0.1:$redis_app_port/" "http://127.0.0.1:$quiet_port/"; do
  taskset -c 1 wrk -t1 -c"$connections" -d3s "$url" >/dev/null # warm-up (JIT, tiered compilation)
done
# Rounds interleave the four targets so that load from other processes hits them alike.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
printf '%-6s %12s %12s %12s %12s   %s\n' round "bare" "app-memory" "app-redis" "app-nolog" "ratios to bare (memory, redis, nolog); errors"
for round in $(seq "$rounds"); do
  read -r bare e1 < <(measure "http://127.0.0.1:$bare_port/")
  read -r memory e2 < <(measure "http://127.0.0.1:$memory_port/")
  read -r redis_rps e3 < <(measure "http://127.0.0.1:$redis_app_port/")
  read -r quiet e4 < <(measure "http://127.0.0.1:$quiet_port/")
  printf '%-6s %12s %12s %12s %12s   %s %s %s; %s\n' "$round" "$bare" "$memory" "$redis_rps" "$quiet" \
    "$(ratio "$memory" "$bare")" "$(ratio "$redis_rps" "$bare")" "$(ratio "$quiet" "$bare")" "$((e1 + e2 + e3 + e4))"
done
