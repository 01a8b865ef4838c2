#!/usr/bin/env bash
# Admin list pages over 100,000 rows against 1,000 rows, on PostgreSQL and SQLite.
# Uses BENCH_POSTGRES (server connection string) if set, else starts a throwaway PostgreSQL.
# REPS=30 requests per case by default; ROWS=100000 and SMALL_ROWS=1000.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/bench-admin.XXXXXX)"
chmod 755 "$work"
pg_data=""
cleanup() {
  [[ -n "$pg_data" ]] && runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

if [[ -z "${BENCH_POSTGRES:-}" ]]; then
  pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  port=$((20000 + RANDOM % 20000))
  mkdir -p "$work/pg/socket" && chown -R postgres:postgres "$work/pg"
  runuser -u postgres -- "$pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust >/dev/null
  pg_data="$work/pg/data"
  runuser -u postgres -- "$pg_bin/pg_ctl" -D "$pg_data" -l "$work/pg/log" -w start \
    -o "-p $port -k $work/pg/socket -c listen_addresses=127.0.0.1" >/dev/null
  export BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
fi

dotnet build "$here/AdminBench.csproj" -c Release -nologo -v q >/dev/null
echo "Admin list pages: $(date -u '+%F %H:%M') UTC, $(nproc) cores, PostgreSQL $(psql --version | awk '{print $3}'), SDK $(dotnet --version)"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
# The app runs in process; tell the test host where its content root is. The SQLite files go to the work folder.
ASPNETCORE_TEST_CONTENTROOT_MONOLITH_WEB="$here/../../src/Monolith.Web" BENCH_WORK="$work" \
  dotnet "$here/bin/Release/net10.0/AdminBench.dll"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine adds noise)"
