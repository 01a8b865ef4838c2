#!/usr/bin/env bash
# Caching benchmarks, loopback only: BenchmarkDotNet (L1 hit; L2 hit vs raw Redis GET), invalidation
# propagation between two processes, and wrk against the output-cached home page vs a bare Kestrel
# endpoint serving the same bytes (app pinned to CPU 0, wrk and Redis to CPU 1, same run).
# Usage: bench/caching/run.sh   (DURATION=10s WARMUP=60s CONNECTIONS=32 ROUNDS=3 INVALIDATIONS=1000 PARTS="micro propagation wrk")
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
duration="${DURATION:-10s}" warmup="${WARMUP:-60s}" connections="${CONNECTIONS:-32}" invalidations="${INVALIDATIONS:-1000}"
parts="${PARTS:-micro propagation wrk}" rounds="${ROUNDS:-3}"
. "$here/../common.sh"
bench_work caching

need() {
  local missing=()
  for tool in redis-server wrk taskset curl; do command -v "$tool" >/dev/null || missing+=("$tool"); done
  [[ ${#missing[@]} == 0 ]] && return
  local packages="${missing[*]}"; packages="${packages/taskset/util-linux}"
  if [[ "$(id -u)" != 0 ]]; then echo "Missing: ${missing[*]}. Install: sudo apt-get install -y $packages" >&2; exit 2; fi
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $packages >/dev/null
}

wait_for() { for _ in $(seq 300); do curl -sf -o /dev/null "$1" && return; sleep 0.1; done; echo "$1 did not answer" >&2; exit 1; }

# CPU time (user + system, clock ticks) a process has used so far.
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }

# Prints "requests/s requests cpu_ticks errors" for one wrk run against a process (its CPU time during the run).
measure() {
  local out socket non2xx before after
  before="$(cpu_ticks "$2")"
  out="$(taskset -c 1 wrk -t1 -c"$connections" -d"$duration" "$1")"
  after="$(cpu_ticks "$2")"
  socket="$(sed -n 's/.*Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1+\2+\3+\4/p' <<<"$out")"
  non2xx="$(sed -n 's/.*Non-2xx or 3xx responses: \([0-9]*\).*/\1/p' <<<"$out")"
  echo "$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out") $(sed -n 's/^ *\([0-9]*\) requests in.*/\1/p' <<<"$out") $((after - before)) $(( ${socket:-0} + ${non2xx:-0} ))"
}

need
[[ "$(nproc)" -ge 2 ]] || { echo "needs 2 CPUs (app on one, wrk on the other)" >&2; exit 2; }
echo "== build (Release)"
dotnet build "$here/Caching.Bench" -c Release -nologo -v q >/dev/null
bench="$here/Caching.Bench/bin/Release/net10.0/Caching.Bench.dll"
app="$root/src/Monolith.Web/bin/Release/net10.0/Monolith.Web.dll"

redis_port="$(free_port)"
taskset -c 1 redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no --dir "$work" >/dev/null &
bench_pids+=($!)
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

echo "== wrk: output-cached home page vs bare Kestrel endpoint (app on CPU 0, wrk -c$connections on CPU 1, $duration each)"
start_app() { # port, extra environment...; the app's PID is the subshell's (exec all the way down)
  local port="$1"; shift
  mkdir -p "$work/data-$port"
  (cd "$root/src/Monolith.Web" && exec env ASPNETCORE_ENVIRONMENT=Production Database__DataDirectory="$work/data-$port" \
    Observability__ManagementPort="$(free_port)" "$@" \
    taskset -c 0 dotnet "$app" --urls "http://127.0.0.1:$port" >/dev/null 2>&1) &
  bench_pids+=($!)
  wait_for "http://127.0.0.1:$port/readyz"
}
names=(app-memory app-redis app-nolog)
ports=() apps=()
ports[0]="$(free_port)"; start_app "${ports[0]}"; apps+=("${bench_pids[-1]}")
ports[1]="$(free_port)"; start_app "${ports[1]}" Redis__Configuration="$redis" Caching__KeyPrefix="bench${ports[1]}"; apps+=("${bench_pids[-1]}")
# The same app with its one-line-per-request log turned down, to show what that log costs.
ports[2]="$(free_port)"; start_app "${ports[2]}" "Serilog__MinimumLevel__Override__Monolith.Web.Observability.RequestLogMiddleware=Warning"; apps+=("${bench_pids[-1]}")
curl -sf "http://127.0.0.1:${ports[0]}/" -o "$work/page.html"
bare_port="$(free_port)"
(exec taskset -c 0 dotnet "$bench" bare "$bare_port" "$work/page.html" >/dev/null 2>&1) &
bench_pids+=($!); bare_pid=$!
wait_for "http://127.0.0.1:$bare_port/"
echo "page: $(wc -c <"$work/page.html") bytes"
names=(bare "${names[@]}") ports=("$bare_port" "${ports[@]}") apps=("$bare_pid" "${apps[@]}")

for port in "${ports[@]}"; do
  taskset -c 1 wrk -t1 -c"$connections" -d"$warmup" "http://127.0.0.1:$port/" >/dev/null # warm-up (JIT, tiered compilation)
done
# Rounds interleave the targets so that load from other processes hits them alike. Besides requests/s,
# each target's CPU time per request: on a machine shared with other work, requests/s says how much CPU
# a process got, CPU time per request how much work a request costs it.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
us_per_request() { awk -v t="$1" -v n="$2" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.0f", t * 1000000 / hz / n }'; }
declare -A total_rps total_requests total_ticks
errors=0
printf '%-6s' round; printf ' %22s' "${names[@]}"; printf '   %s\n' "requests/s (CPU us per request); ratio to bare"
for round in $(seq "$rounds"); do
  printf '%-6s' "$round"
  for i in "${!names[@]}"; do
    read -r rps requests ticks e < <(measure "http://127.0.0.1:${ports[$i]}/" "${apps[$i]}")
    total_rps[$i]="$(awk -v a="${total_rps[$i]:-0}" -v b="$rps" 'BEGIN { print a + b }')"
    total_requests[$i]=$(( ${total_requests[$i]:-0} + requests )) total_ticks[$i]=$(( ${total_ticks[$i]:-0} + ticks ))
    errors=$((errors + e))
    printf ' %22s' "$(printf '%.0f (%s us) %s' "$rps" "$(us_per_request "$ticks" "$requests")" "$(ratio "$rps" "${bare_rps:-$rps}")")"
    [[ $i == 0 ]] && bare_rps="$rps"
  done
  printf '\n'
  unset bare_rps
done
echo "over all rounds: requests/s ratio to bare (mean requests/s / bare's), and CPU-time ratio (bare's CPU per request / the app's)"
for i in "${!names[@]}"; do
  [[ $i == 0 ]] && continue
  printf '  %-11s requests/s %s   CPU %s   (%s us vs %s us per request)\n' "${names[$i]}" \
    "$(ratio "${total_rps[$i]}" "${total_rps[0]}")" \
    "$(ratio "$(us_per_request "${total_ticks[0]}" "${total_requests[0]}")" "$(us_per_request "${total_ticks[$i]}" "${total_requests[$i]}")")" \
    "$(us_per_request "${total_ticks[$i]}" "${total_requests[$i]}")" "$(us_per_request "${total_ticks[0]}" "${total_requests[0]}")"
done
echo "errors (socket errors and non-2xx responses, all targets): $errors; target: app-redis >= 0.6x bare, zero errors"
