# Sourced by benchmarks.
# - `bench_work NAME` makes the work folder $work. On exit the processes whose ids the benchmark added to
#   `bench_pids` are stopped, the throwaway PostgreSQL too if one was started, and $work is removed.
# - `free_port` prints a loopback port that nothing answers on.
# - `use_bench_postgres` keeps BENCH_POSTGRES (a server connection string) when it is set, else starts a
#   throwaway PostgreSQL in $work as the postgres user, on a free loopback port, and exports
#   BENCH_POSTGRES for it.
bench_pg_data=""
bench_pids=()

bench_work() {
  work="$(mktemp -d "/tmp/bench-$1.XXXXXX")"
  chmod 755 "$work"
  trap bench_cleanup EXIT
}

bench_cleanup() {
  local pid
  for pid in "${bench_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  stop_bench_postgres
  rm -rf "$work"
}

# Below the kernel's ephemeral range (32768 and up), so that other programs' outgoing connections do not
# take it; another program may still bind it first.
free_port() {
  local port fd
  for _ in $(seq 200); do
    port=$((10000 + RANDOM % 22000))
    if { exec {fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null; then exec {fd}>&-; continue; fi
    echo "$port"
    return 0
  done
  echo "no free loopback port found" >&2
  return 1
}

use_bench_postgres() {
  [[ -n "${BENCH_POSTGRES:-}" ]] && return
  local port
  bench_pg_bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
  port="$(free_port)"
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
