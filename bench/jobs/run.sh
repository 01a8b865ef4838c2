#!/usr/bin/env bash
# Jobs throughput and enqueue latency through the PostgreSQL job storage.
# Uses BENCH_POSTGRES (server connection string) if set, else starts a throwaway PostgreSQL.
# JOBS=5000 by default.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d /tmp/bench-jobs.XXXXXX)"
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

dotnet build "$here/JobsBench.csproj" -c Release -nologo -v q >/dev/null
echo "$(date -u +%F) $(nproc) cores, PostgreSQL $(psql --version | awk '{print $3}')"
# The app runs in process; tell the test host where its content root is.
ASPNETCORE_TEST_CONTENTROOT_MONOLITH_WEB="$here/../../src/Monolith.Web" dotnet "$here/bin/Release/net10.0/JobsBench.dll"
