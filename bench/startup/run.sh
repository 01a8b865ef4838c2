#!/usr/bin/env bash
# Start-up and memory benchmark: Monolith.Web against a plain `dotnet new mvc` app, built the same way
# (the Dockerfile's publish flags, same SDK) and measured in the same run, alternating A, B, C, A, B, C…
# The third app is the floor for what the target asks of ours: `dotnet new mvc --auth Individual`
# (ASP.NET Core Identity on SQLite, the framework's own template) that migrates its database at start
# and answers /readyz from a database health check, precompiled (ReadyToRun) like ours.
#
#   cold start  process start -> first 200 from the ready URL (ours and the Identity app: /readyz, which
#               checks a SQLite database that this very run creates and migrates; plain: /, it has no /readyz)
#   idle RSS    VmRSS IDLE_SECONDS after one request to /
# Also shown: CPU time to ready (steadier than wall time on a busy machine), start to first page, and
# the JIT compilations of one extra start of each app. bench/README.md explains the figures.
#
# Target (foundation issue): ours at most 1.5x the plain app on both. This is a benchmark, not a test:
# it exits 0 whatever the verdict, and non-zero only when it could not measure.
#
# Environment:
#   RUNS=10           measured runs per app
#   WARMUP=1          unmeasured runs per app first (fills the page cache with the binaries)
#   IDLE_SECONDS=5    idle wait before reading VmRSS
#   READY_TIMEOUT=60  seconds an app may take to become ready
#   ALL_ENV="K=V …"   extra environment for all three apps (e.g. DOTNET_TieredPGO=0), for investigation
#   OURS_ENV="K=V …"  extra environment for ours only (e.g. Database__MigrateOnStartup=false), for investigation
#   EXTRA_PUBLISH_ARGS="…"  more `dotnet publish` arguments, for ALL three apps (e.g. ReadyToRun for the plain
#                     app too: "-p:PublishReadyToRun=true"; JIT for ours too: "-p:PublishReadyToRun=false")
#   SELF_CONTAINED=1  publish all three apps self-contained and start them through their own executable (with
#                     EXTRA_PUBLISH_ARGS="-p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true":
#                     framework and app precompiled together), for investigation
#   KEEP=1            keep the work folder (published apps, logs, raw.csv)
set -euo pipefail
export LC_ALL=C DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

RUNS=${RUNS:-10}
WARMUP=${WARMUP:-1}
IDLE_SECONDS=${IDLE_SECONDS:-5}
READY_TIMEOUT=${READY_TIMEOUT:-60}
TARGET=1.5
REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
. "$REPO/bench/common.sh"   # free_port

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 2; }

# --- what the run needs ----------------------------------------------------------------------------
command -v dotnet >/dev/null || die "the .NET SDK (dotnet) is not on PATH"
if ! command -v curl >/dev/null; then
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
        say "installing curl"
        apt-get install -y -qq curl >/dev/null 2>&1 || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
    fi
    command -v curl >/dev/null || die "curl is needed (apt-get install -y curl)"
fi
[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number, not '$RUNS'"
[[ $WARMUP =~ ^[0-9]+$ ]] || die "WARMUP must be a number, not '$WARMUP'"

WORK=$(mktemp -d "${TMPDIR:-/tmp}/startup-bench.XXXXXX")
APP_PID=
cleanup() {
    if [[ -n $APP_PID ]]; then kill -TERM "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi
    if [[ ${KEEP:-0} == 1 ]]; then say "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

# A read with a timeout on a FIFO nobody writes to: a 10 ms pause without forking `sleep`,
# so the poller itself takes as little CPU as possible from the app that is starting.
mkfifo "$WORK/pause.fifo"
exec {PAUSE_FD}<>"$WORK/pause.fifo"
pause() { read -r -t "$1" -u "$PAUSE_FD" _ || true; }

# Microseconds since the epoch into NOW, without a subshell.
now_us() { local t=$EPOCHREALTIME; NOW=$(( 10#${t/./} )); }

# One HTTP/1.1 GET over bash's /dev/tcp (no process started); true when the status is 200.
get_ok() {
    local port=$1 path=$2 fd line=
    { exec {fd}<>"/dev/tcp/127.0.0.1/$port"; } 2>/dev/null || return 1
    printf 'GET %s HTTP/1.1\r\nHost: 127.0.0.1:%s\r\nConnection: close\r\n\r\n' "$path" "$port" >&"$fd" 2>/dev/null || true
    IFS= read -r -t 10 -u "$fd" line || true
    exec {fd}>&-
    [[ $line == "HTTP/1."?" 200"* ]]
}

# add_readiness_and_migration PROGRAM_CS -> what ours does at start, added to the Identity template: a
# database health check on /readyz, and the migrations applied before the app serves.
add_readiness_and_migration() {
    local program=$1
    sed -i 's/\r$//' "$program"   # the template writes CRLF line ends
    grep -qx 'builder.Services.AddControllersWithViews();' "$program" && grep -qx 'app.Run();' "$program" \
        || { say "$program no longer has the lines this script extends"; return 1; }
    awk '
        $0 == "app.Run();" {
            print "app.MapHealthChecks(\"/readyz\");"
            print "using (var scope = app.Services.CreateScope())"
            print "{"
            print "    scope.ServiceProvider.GetRequiredService<ApplicationDbContext>().Database.Migrate();"
            print "}"
        }
        { print }
        $0 == "builder.Services.AddControllersWithViews();" {
            print "builder.Services.AddHealthChecks().AddDbContextCheck<ApplicationDbContext>();"
        }
    ' "$program" >"$program.new" && mv "$program.new" "$program"
}

# --- build the apps --------------------------------------------------------------------------------
SDK=$(cd "$REPO" && dotnet --version)
case $(uname -m) in x86_64) ARCH=x64 ;; aarch64) ARCH=arm64 ;; *) die "unsupported machine $(uname -m)" ;; esac
# As the Dockerfile publishes (one architecture, framework-dependent); each app then gets what its own
# project file asks for: ours precompiles ReadyToRun, the plain one does not.
# No build servers are left running after the publish: they would take CPU and memory from the runs.
read -r -a extra_publish <<<"${EXTRA_PUBLISH_ARGS:-}"
if [[ ${SELF_CONTAINED:-0} == 1 ]]; then DEPLOYMENT=(--self-contained -p:UseAppHost=true); else DEPLOYMENT=(--no-self-contained -p:UseAppHost=false); fi
PUBLISH_BASE=(publish -c Release -a "$ARCH" "${DEPLOYMENT[@]}" --nologo -v quiet --disable-build-servers)
PUBLISH=("${PUBLISH_BASE[@]}" "${extra_publish[@]}")

say "publishing src/Monolith.Web (Release, SDK $SDK)"
# From a copy of the sources: publish flags given here (EXTRA_PUBLISH_ARGS) must not leave their
# intermediate files in the working tree, where the next build or test would pick them up.
mkdir -p "$WORK/source"
tar -C "$REPO" --exclude=bin --exclude=obj --exclude=App_Data -cf - \
    src/Monolith.Web Directory.Build.props Directory.Packages.props global.json .editorconfig .config \
    | tar -C "$WORK/source" -xf -
dotnet "${PUBLISH[@]}" "$WORK/source/src/Monolith.Web/Monolith.Web.csproj" -o "$WORK/ours" >"$WORK/publish-ours.log" 2>&1 \
    || { cat "$WORK/publish-ours.log" >&2; die "publishing Monolith.Web failed"; }

say "generating and publishing a plain 'dotnet new mvc' app (same SDK, same flags)"
mkdir -p "$WORK/plain-src"
# Pin the SDK the repository resolves to, so both apps are built by the same one.
printf '{ "sdk": { "version": "%s", "rollForward": "disable" } }\n' "$SDK" >"$WORK/plain-src/global.json"
(
    cd "$WORK/plain-src"
    dotnet new mvc -n PlainMvc -o . --no-restore >"$WORK/new-plain.log" 2>&1
    dotnet restore >>"$WORK/new-plain.log" 2>&1
    dotnet "${PUBLISH[@]}" PlainMvc.csproj -o "$WORK/plain" >>"$WORK/new-plain.log" 2>&1
) || { cat "$WORK/new-plain.log" >&2; die "generating or publishing the plain mvc app failed"; }

say "generating and publishing the Identity app ('dotnet new mvc --auth Individual', migrated at start, /readyz)"
mkdir -p "$WORK/identity-src"
cp "$WORK/plain-src/global.json" "$WORK/identity-src/global.json"
(
    # Inside ( … ) || the shell does not stop at a failed command: each step says so itself.
    cd "$WORK/identity-src" &&
    dotnet new mvc --auth Individual -n IdentityMvc -o . --no-restore >"$WORK/new-identity.log" 2>&1 &&
    add_readiness_and_migration Program.cs &&
    # The health-check package of the same release as the template's Identity packages.
    version=$(sed -n 's/.*Include="Microsoft\.AspNetCore\.Identity\.EntityFrameworkCore" Version="\([^"]*\)".*/\1/p' IdentityMvc.csproj) &&
    { [[ -n $version ]] || { say "IdentityMvc.csproj names no Identity package version"; false; }; } &&
    dotnet add package Microsoft.Extensions.Diagnostics.HealthChecks.EntityFrameworkCore --version "$version" \
        --no-restore >>"$WORK/new-identity.log" 2>&1 &&
    dotnet restore >>"$WORK/new-identity.log" 2>&1 &&
    dotnet "${PUBLISH_BASE[@]}" -p:PublishReadyToRun=true "${extra_publish[@]}" IdentityMvc.csproj -o "$WORK/identity" \
        >>"$WORK/new-identity.log" 2>&1
) || { cat "$WORK/new-identity.log" >&2; die "generating or publishing the Identity app failed"; }

# --- one measured start ------------------------------------------------------------------------------
CLK_TCK=$(getconf CLK_TCK)
RUN_NO=0

# start_app APP [K=V …] -> starts the published app on a free port; sets APP_PID, PORT, READY_PATH, LOG, DATA, T0.
start_app() {
    local app=$1 dir name
    shift
    local -a env=(ASPNETCORE_ENVIRONMENT=Production) extra
    read -r -a extra <<<"${ALL_ENV:-}"; env+=("${extra[@]}")
    DATA=
    case $app in
        ours)
            dir=$WORK/ours name=Monolith.Web READY_PATH=/readyz
            DATA=$(mktemp -d "$WORK/data.XXXXXX")   # cold: a new, empty data folder every run
            env+=("Database__DataDirectory=$DATA")
            read -r -a extra <<<"${OURS_ENV:-}"; env+=("${extra[@]}")
            ;;
        identity)
            dir=$WORK/identity name=IdentityMvc READY_PATH=/readyz
            DATA=$(mktemp -d "$WORK/data.XXXXXX")
            env+=("ConnectionStrings__DefaultConnection=DataSource=$DATA/app.db;Cache=Shared")
            ;;
        *) dir=$WORK/plain name=PlainMvc READY_PATH=/ ;;
    esac
    env+=("$@")
    PORT=$(free_port)
    LOG=$WORK/$app.$((++RUN_NO)).log

    now_us; T0=$NOW
    # The subshell execs the app, so $! is the app's own pid (the content root is the current folder).
    local -a launch=(dotnet "$name.dll")
    [[ ${SELF_CONTAINED:-0} == 1 ]] && launch=("./$name")
    (cd "$dir" && exec env -u ASPNETCORE_URLS -u DOTNET_ENVIRONMENT "${env[@]}" \
        "${launch[@]}" --urls "http://127.0.0.1:$PORT") >"$LOG" 2>&1 &
    APP_PID=$!
}

# owns_port PID PORT -> true when PID holds the socket listening on 127.0.0.1:PORT
owns_port() {
    local hex inode
    printf -v hex '0100007F:%04X' "$2"
    inode=$(awk -v a="$hex" '$2 == a && $4 == "0A" { print $10; exit }' /proc/net/tcp)
    [[ -n $inode && -n $(find "/proc/$1/fd" -lname "socket:\[$inode\]" -print -quit 2>/dev/null) ]]
}

# wait_ready APP -> polls the ready URL every ~10 ms; sets READY_MS and CPU_MS. Returns 1 when the port
# was taken in the meantime (the app could not bind it, or another program answered on it).
wait_ready() {
    until get_ok "$PORT" "$READY_PATH"; do
        if ! kill -0 "$APP_PID" 2>/dev/null; then
            wait "$APP_PID" || true
            APP_PID=
            if grep -qi 'address already in use' "$LOG"; then return 1; fi
            tail -20 "$LOG" >&2
            die "$1 exited before it was ready"
        fi
        now_us
        if (( NOW - T0 > READY_TIMEOUT * 1000000 )); then tail -20 "$LOG" >&2; die "$1 not ready within ${READY_TIMEOUT}s"; fi
        pause 0.01
    done
    now_us; READY_MS=$(( (NOW - T0 + 500) / 1000 ))
    # CPU time (user + system) the app used to get ready: less disturbed than wall time by other load.
    local -a stat
    read -r -a stat <"/proc/$APP_PID/stat"
    CPU_MS=$(( (stat[13] + stat[14]) * 1000 / CLK_TCK ))
    if ! owns_port "$APP_PID" "$PORT"; then   # another program answered on that port
        kill -TERM "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" || true
        APP_PID=
        return 1
    fi
}

# launch APP [K=V …] -> start_app, then wait_ready, on a new port when the first was taken.
launch() {
    local attempt
    for attempt in 1 2 3 4 5; do
        start_app "$@"
        if wait_ready "$1"; then return 0; fi
        [[ -z $DATA ]] || rm -rf "$DATA"
        local kv
        for kv in "${@:2}"; do   # the runtime appends to a JIT list: start the next attempt's afresh
            if [[ $kv == DOTNET_JitStdOutFile=* ]]; then rm -f "${kv#*=}"; fi
        done
        say "port $PORT was taken by another program before $1 could use it; trying another"
    done
    die "$1 could not bind a free loopback port"
}

stop_app() {
    kill -TERM "$APP_PID"
    wait "$APP_PID" || true
    APP_PID=
    [[ -z $DATA ]] || rm -rf "$DATA"
}

# measure APP -> sets READY_MS, CPU_MS, PAGE_MS (start to first 200 from /), RSS_KIB
measure() {
    launch "$1"
    if [[ $READY_PATH == / ]]; then
        PAGE_MS=$READY_MS   # its ready request was already GET /
    else
        get_ok "$PORT" / || die "$1: GET / did not answer 200"
        now_us; PAGE_MS=$(( (NOW - T0 + 500) / 1000 ))
    fi
    sleep "$IDLE_SECONDS"
    RSS_KIB=$(awk '/^VmRSS:/ { print $2 }' "/proc/$APP_PID/status")
    stop_app
}

# count_jitted APP -> JITTED: methods the JIT compiled from process start to ready, then stop (an extra,
# unmeasured run: writing the list slows the app down). Explains most of a start-up gap.
count_jitted() {
    local list=$WORK/$1.jitted.txt
    launch "$1" DOTNET_JitStdOutFile="$list" DOTNET_JitDisasmSummary=1
    stop_app   # the list is complete once the process has exited
    JITTED=$(grep -c 'JIT compiled' "$list" || true)
}

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if awk -v l="${LOAD_BEFORE%% *}" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
    say "warning: load average $LOAD_BEFORE on $(nproc) cores: other work will inflate and scatter the wall times"
fi
for (( i = 1; i <= WARMUP; i++ )); do
    say "warm-up $i/$WARMUP (not counted)"
    measure plain
    measure identity
    measure ours
done

echo "app,run,ready_ms,cpu_to_ready_ms,first_page_ms,idle_rss_kib" >"$WORK/raw.csv"
for (( i = 1; i <= RUNS; i++ )); do
    for app in plain identity ours; do
        measure "$app"
        say "run $i/$RUNS $app: ready $READY_MS ms (CPU $CPU_MS ms), first page $PAGE_MS ms, idle RSS $(( RSS_KIB / 1024 )) MiB"
        echo "$app,$i,$READY_MS,$CPU_MS,$PAGE_MS,$RSS_KIB" >>"$WORK/raw.csv"
    done
done
count_jitted plain; p_jit=$JITTED
count_jitted identity; i_jit=$JITTED
count_jitted ours; o_jit=$JITTED

# --- summary -------------------------------------------------------------------------------------------
# pick APP COLUMN KIND -> the median or the p90 (nearest rank) of that column
pick() {
    awk -F, -v app="$1" -v col="$2" '$1 == app { print $col }' "$WORK/raw.csv" | sort -n | awk -v kind="$3" '
        { v[NR] = $1 }
        END {
            if (kind == "p90") { r = int(0.9 * NR); if (r < 0.9 * NR) r++; print v[r] }
            else if (NR % 2) print v[(NR + 1) / 2]
            else printf "%.0f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2
        }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else printf "n/a" }'; }
verdict() { awk -v r="$1" -v t="$TARGET" 'BEGIN { print (r <= t ? "PASS" : "FAIL") }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }

# figures APP PREFIX -> PREFIX_med, PREFIX_p90, PREFIX_cpu, PREFIX_page, PREFIX_rss
figures() {
    printf -v "$2_med" %s "$(pick "$1" 3 median)"
    printf -v "$2_p90" %s "$(pick "$1" 3 p90)"
    printf -v "$2_cpu" %s "$(pick "$1" 4 median)"
    printf -v "$2_page" %s "$(pick "$1" 5 median)"
    printf -v "$2_rss" %s "$(pick "$1" 6 median)"
}
figures plain p; figures identity i; figures ours o
start_ratio=$(ratio "$o_med" "$p_med") rss_ratio=$(ratio "$o_rss" "$p_rss")
start_verdict=$(verdict "$start_ratio") rss_verdict=$(verdict "$rss_ratio")

echo
echo "Start-up and memory: $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, SDK $SDK," \
    "runtime $(dotnet --list-runtimes | awk '/NETCore.App/ { v = $2 } END { print v }'), $RUNS runs each, alternating"
echo "load average at the start: $LOAD_BEFORE; at the end: $(cut -d' ' -f1-3 /proc/loadavg) (other work on the machine adds noise)"
echo "publish (all three): dotnet ${PUBLISH[*]} (the Identity app with -p:PublishReadyToRun=true, as ours asks for)"
[[ -z ${ALL_ENV:-} ]] || echo "ALL_ENV: $ALL_ENV"
[[ -z ${OURS_ENV:-} ]] || echo "OURS_ENV: $OURS_ENV"
echo
row() { printf '| %-27s | %-9s | %-17s | %-14s | %-15s | %-19s | %-17s |\n' "$@"; }
# ratio_row LABEL A B -> every column of A over the same column of B
ratio_row() {
    local a=$2 b=$3 m p c g r
    m=${a}_med p=${a}_p90 c=${a}_cpu g=${a}_page r=${a}_rss
    local bm=${b}_med bp=${b}_p90 bc=${b}_cpu bg=${b}_page br=${b}_rss
    row "$1" "" "$(ratio "${!m}" "${!bm}")x" "$(ratio "${!p}" "${!bp}")x" "$(ratio "${!r}" "${!br}")x" \
        "$(ratio "${!g}" "${!bg}")x" "$(ratio "${!c}" "${!bc}")x"
}
row app "ready URL" "cold start median" "cold start p90" "idle RSS median" "start to first page" "CPU to ready"
row --------------------------- --------- ----------------- -------------- --------------- ------------------- -----------------
row "plain dotnet new mvc" / "$p_med ms" "$p_p90 ms" "$(mib "$p_rss") MiB" "$p_page ms" "$p_cpu ms"
row "Identity app (mvc --auth)" /readyz "$i_med ms" "$i_p90 ms" "$(mib "$i_rss") MiB" "$i_page ms" "$i_cpu ms"
row "Monolith.Web (SQLite)" /readyz "$o_med ms" "$o_p90 ms" "$(mib "$o_rss") MiB" "$o_page ms" "$o_cpu ms"
ratio_row "ours / plain" o p
ratio_row "Identity app / plain" i p
ratio_row "ours / Identity app" o i
echo
echo "JIT compilations (all tiers) from start to ready and stop: plain $p_jit, Identity app $i_jit, ours $o_jit" \
    "($(ratio "$o_jit" "$p_jit")x plain)"
echo "the floor: the Identity app alone, before any other battery, is $(ratio "$i_med" "$p_med")x the plain app's" \
    "cold start and $(ratio "$i_rss" "$p_rss")x its idle RSS"
echo "cold start: ${start_ratio}x the plain app (target <= ${TARGET}x): $start_verdict"
echo "idle RSS:   ${rss_ratio}x the plain app (target <= ${TARGET}x): $rss_verdict"
if [[ $start_verdict == PASS && $rss_verdict == PASS ]]; then echo "verdict: PASS"; else echo "verdict: FAIL"; fi
exit 0
