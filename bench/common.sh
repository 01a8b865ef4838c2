# Sourced by benchmarks. `bench_work NAME` makes the work folder $work, removed on exit (with the throwaway
# PostgreSQL, if one was started). `use_bench_postgres` keeps BENCH_POSTGRES (a server connection string)
# when it is set, else starts a throwaway PostgreSQL in $work as the postgres user, on a free loopback
# port, and exports BENCH_POSTGRES for it.
bench_pg_data=""

bench_work() {
  work="$(mktemp -d "/tmp/bench-$1.XXXXXX")"
  chmod 755 "$work"
  trap 'stop_bench_postgres; rm -rf "$work"' EXIT
}

use_bench_postgres() {
  [[ -n "${BENCH_POSTGRES:-}" ]] && return
  local port
  bench_pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  done
  mkdir -p "$work/pg/socket" && chown -R postgres:postgres "$work/pg"
  runuser -u postgres -- "$bench_pg_bin/initdb" -D "$work/pg/data" -U postgres --auth=trust >/dev/null
  bench_pg_data="$work/pg/data"
  runuser -u postgres -- "$bench_pg_bin/pg_ctl" -D "$bench_pg_data" -l "$work/pg/log" -w start \
    -o "-p $port -k $work/pg/socket -c listen_addresses=127.0.0.1" >/dev/null
  export BENCH_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres"
}

stop_bench_postgres() {
  [[ -n "$bench_pg_data" ]] && runuser -u postgres -- "$bench_pg_bin/pg_ctl" -D "$bench_pg_data" -m immediate stop >/dev/null 2>&1
  return 0
}
