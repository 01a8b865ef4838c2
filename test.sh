#!/usr/bin/env bash
# The one test command (README, CI). Installs what it needs when missing, starts a throwaway
# PostgreSQL and Redis on free loopback ports (unless TEST_POSTGRES / TEST_REDIS point at running
# ones), runs every suite against them, stops them even on failure, and ends with one line:
#   N passed, N failed, N skipped
# Options: SKIP_TEMPLATE=1 skips the template check (it generates and builds two apps).
set -uo pipefail

root="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/app-test.XXXXXX)"
chmod 755 "$work"
results="$work/results"
configuration="${CONFIGURATION:-Debug}"
pg_data="" redis_pid=""

log() { printf '\n== %s\n' "$*"; }

cleanup() {
  if [[ -n "$pg_data" ]]; then
    as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  fi
  if [[ -n "$redis_pid" ]]; then
    kill "$redis_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# ---- packages -------------------------------------------------------------------------------
missing_packages() {
  local missing=()
  command -v redis-server >/dev/null || missing+=(redis-server)
  [[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ]] || missing+=(chromium)
  command -v promtool >/dev/null || missing+=(prometheus) # promtool checks the monitoring component's rules
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || [[ -n "${TEST_POSTGRES:-}" ]] || missing+=(postgresql)
  # Deployment tests: the container sandbox, the backup script's tools, the local S3 server (npm s3rver).
  command -v bwrap >/dev/null || missing+=(bubblewrap)
  command -v pg_dump >/dev/null || missing+=(postgresql-client)
  command -v rclone >/dev/null || missing+=(rclone)
  command -v npm >/dev/null || missing+=(nodejs npm)
  echo "${missing[@]}"
}

ensure_packages() {
  local missing
  missing="$(missing_packages)"
  [[ -z "$missing" ]] && return 0
  if [[ "$(id -u)" != 0 ]]; then
    echo "Missing: $missing. Install them (Debian/Ubuntu): sudo apt-get install -y $missing" >&2
    exit 2
  fi
  log "installing $missing"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null \
    || { echo "apt-get install $missing failed" >&2; exit 2; }
}

# ---- services -------------------------------------------------------------------------------
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}

as_postgres() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_postgres() {
  if [[ -n "${TEST_POSTGRES:-}" ]]; then
    echo "PostgreSQL: using TEST_POSTGRES"
    return
  fi
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  local port dir="$work/postgres"
  port="$(free_port)"
  mkdir -p "$dir/socket"
  [[ "$(id -u)" == 0 ]] && chown -R postgres:postgres "$dir"
  as_postgres "$pg_bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 2; }
  pg_data="$dir/data"
  as_postgres "$pg_bin/pg_ctl" -D "$pg_data" -l "$dir/server.log" -w -t 60 start \
    -o "-p $port -k $dir/socket -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=1000 -c shared_buffers=64MB" \
    >/dev/null || { cat "$dir/server.log" >&2; exit 2; }
  export TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
  echo "PostgreSQL: 127.0.0.1:$port"
}

start_redis() {
  if [[ -n "${TEST_REDIS:-}" ]]; then
    echo "Redis: using TEST_REDIS"
    return
  fi
  local port dir="$work/redis"
  port="$(free_port)"
  mkdir -p "$dir"
  redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
    --logfile "$dir/redis.log" &
  redis_pid=$!
  for _ in $(seq 50); do
    redis-cli -p "$port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  export TEST_REDIS="127.0.0.1:$port"
  echo "Redis: $TEST_REDIS"
}

# ---- suites ---------------------------------------------------------------------------------
passed=0 failed=0 skipped=0

count_trx() {
  local trx="$1" counters
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  attr() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(attr passed)))
  failed=$((failed + $(attr failed) + $(attr error) + $(attr timeout) + $(attr aborted)))
  skipped=$((skipped + $(attr notExecuted)))
}

run_suite() {
  local name="$1" project="$2"
  log "$name"
  dotnet test "$project" --no-build -c "$configuration" --results-directory "$results/$name" \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal"
  local trx="$results/$name/$name.trx"
  if [[ -f "$trx" ]]; then
    count_trx "$trx"
  else
    echo "$name: no results (the test run crashed)" >&2
    failed=$((failed + 1))
  fi
}

run_check() {
  local name="$1"; shift
  log "$name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "$name FAILED" >&2; fi
}

ensure_packages
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
log "services"
start_postgres
start_redis

log "build"
if ! dotnet build "$root/Monolith.sln" -c "$configuration" -nologo -v q; then
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

run_suite tests "$root/tests/Monolith.Tests"
run_suite e2e "$root/tests/Monolith.E2E"
if [[ -x "$root/template/test.sh" && -z "${SKIP_TEMPLATE:-}" ]]; then
  run_check template "$root/template/test.sh"
fi

echo
echo "$passed passed, $failed failed, $skipped skipped"
[[ "$failed" == 0 && "$passed" -gt 0 ]]
