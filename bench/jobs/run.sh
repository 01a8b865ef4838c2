#!/usr/bin/env bash
# Jobs throughput and enqueue latency through the PostgreSQL job storage.
# Uses BENCH_POSTGRES (server connection string) if set, else starts a throwaway PostgreSQL.
# JOBS=5000 by default.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
. "$here/../common.sh"
bench_work jobs
use_bench_postgres

dotnet build "$here/JobsBench.csproj" -c Release -nologo -v q >/dev/null
echo "$(date -u +%F) $(nproc) cores, PostgreSQL $(psql --version | awk '{print $3}')"
# The app runs in process; tell the test host where its content root is.
ASPNETCORE_TEST_CONTENTROOT_MONOLITH_WEB="$here/../../src/Monolith.Web" dotnet "$here/bin/Release/net10.0/JobsBench.dll"
