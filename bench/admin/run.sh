#!/usr/bin/env bash
# Admin list pages over 100,000 rows against 1,000 rows, on PostgreSQL and SQLite.
# Uses BENCH_POSTGRES (server connection string) if set, else starts a throwaway PostgreSQL.
# REPS=30 requests per case by default; ROWS=100000 and SMALL_ROWS=1000.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../common.sh"
bench_work admin
use_bench_postgres

dotnet build "$here/AdminBench.csproj" -c Release -nologo -v q >/dev/null
echo "Admin list pages: $(date -u '+%F %H:%M') UTC, $(nproc) cores, PostgreSQL $(psql --version | awk '{print $3}'), SDK $(dotnet --version)"
echo "load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"
# The app runs in process; tell the test host where its content root is. The SQLite files go to the work folder.
ASPNETCORE_TEST_CONTENTROOT_MONOLITH_WEB="$here/../../src/Monolith.Web" BENCH_WORK="$work" \
  dotnet "$here/bin/Release/net10.0/AdminBench.dll"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine adds noise)"
