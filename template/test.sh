#!/usr/bin/env bash
# Proves the repository works as a `dotnet new` template:
#   1. packs template/SaasMonolith.Templates.csproj into a .nupkg;
#   2. installs the template from the repository folder and from the .nupkg, each into its own
#      throwaway hive (the user's installed templates are never touched);
#   3. generates Acme.Shop (folder install), my-shop (.nupkg install) and Shop2 (names only);
#   4. checks each output's files and names, then builds the first two with warnings as errors
#      and runs their unit tests when a tests/ project exists.
# Exits non-zero when any check fails. Set KEEP_TEMPLATE_OUTPUT=1 to keep the generated apps.
set -euo pipefail

template_dir="$(cd "$(dirname "$0")" && pwd)"
repo="$(dirname "$template_dir")"
work="$(mktemp -d "${TMPDIR:-/tmp}/saas-monolith-template.XXXXXX")"
started=$SECONDS
failures=0

cleanup() {
  if [[ "${KEEP_TEMPLATE_OUTPUT:-}" == 1 || $failures -gt 0 ]]; then
    echo "Generated apps and logs kept in $work"
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

step() { printf '\n== %s\n' "$*"; }
pass() { printf '  ok: %s\n' "$*"; }
fail() { printf '  FAIL: %s\n' "$*"; failures=$((failures + 1)); }
# check DESCRIPTION COMMAND...: runs COMMAND, records ok or FAIL.
check() {
  local description="$1"
  shift
  if "$@"; then pass "$description"; else fail "$description"; fi
}
# run LOG COMMAND...: runs COMMAND quietly into LOG; prints LOG's tail when it fails.
run() {
  local log="$1"
  shift
  if "$@" >"$log" 2>&1; then return 0; fi
  echo "  --- last lines of $log:"
  tail -n 30 "$log" | sed 's/^/  | /'
  return 1
}

# --- helpers for the checks on one generated app -------------------------------------------

no_path_named() { # OUT NAME: no file or folder called NAME anywhere in OUT
  [[ -z "$(find "$1" -name "$2" -print -quit)" ]]
}

classic_sln() { # SLN: the Visual Studio text format, not .slnx
  head -n 3 "$1" | grep -q '^Microsoft Visual Studio Solution File, Format Version 12.00'
}

sln_projects_exist() { # SLN: every project path in it exists and there is at least one
  local sln="$1" dir count=0 path
  dir="$(dirname "$sln")"
  while IFS= read -r path; do
    count=$((count + 1))
    if [[ ! -f "$dir/${path//\\//}" ]]; then
      echo "    missing project: $path"
      return 1
    fi
  done < <(grep -oE '"[^"]+\.(cs|fs|vb)proj"' "$sln" | tr -d '"')
  [[ $count -gt 0 ]]
}

namespaces_are() { # OUT NAME: every `namespace` line in .cs files is NAME or NAME.something
  local bad
  bad="$(grep -rhE '^namespace ' --include='*.cs' "$1" | grep -vE "^namespace ${2//./\\.}(\.|;| |$)" || true)"
  [[ -z "$bad" ]] || { echo "$bad" | sed 's/^/    /'; return 1; }
}

debug_block_kept() { # FILE: a real #if DEBUG survives, the template's noEmit markers do not
  grep -q '^#if DEBUG' "$1" && grep -q '^#else' "$1" && grep -q '^#endif' "$1" \
    && ! grep -q 'cnd:noEmit' "$1"
}

no_file_contains() { # OUT TEXT
  ! grep -rqF "$2" "$1"
}

dns_name_replaced_placeholder() { # OUT SAFE DNS: each repo file holding `monoapp` holds DNS in OUT
  local out="$1" safe="$2" dns="$3" file count=0 generated
  while IFS= read -r file; do
    count=$((count + 1))
    generated="$out/${file//Monolith/$safe}"
    if ! grep -qF "$dns" "$generated"; then
      echo "    $generated does not contain $dns"
      return 1
    fi
  done < <(cd "$repo" && grep -rlF monoapp . --exclude-dir=.git --exclude-dir=template \
    --exclude-dir=.template.config --exclude-dir=bin --exclude-dir=obj --exclude-dir=.ci \
    --exclude-dir=App_Data --exclude-dir=TestResults --exclude-dir=artifacts | sed 's|^\./||')
  if [[ $count -eq 0 ]]; then
    echo "    (no repository file uses the placeholder monoapp yet: nothing to compare)"
  fi
}

only_restore_files_in_obj() { # OUT: obj/ folders hold nothing but what `dotnet restore` writes
  local bad
  bad="$(find "$1" -path '*/obj/*' -type f ! -name project.assets.json ! -name project.nuget.cache \
    ! -name '*.nuget.dgspec.json' ! -name '*.nuget.g.props' ! -name '*.nuget.g.targets')"
  [[ -z "$bad" ]] || { echo "    not from restore: $bad"; return 1; }
}

scripts_executable() { # OUT: every .sh file in OUT is executable
  local bad
  bad="$(find "$1" -name '*.sh' ! -perm -u+x)"
  [[ -z "$bad" ]] || { echo "    not executable: $bad"; return 1; }
}

no_warnings_in() { # LOG: an MSBuild log that reports 0 warnings
  grep -qE '^ +0 Warning\(s\)' "$1"
}

runs_check_command() { # PROJECT_DIR ASSEMBLY LOG: migrate, then check prints the version line
  local dir="$1" dll="$1/bin/Debug/net10.0/$2.dll" log="$3"
  (cd "$dir" && run "$log.migrate.log" dotnet "$dll" migrate --Observability:LogFormat=Text) || return 1
  (cd "$dir" && run "$log.check.log" dotnet "$dll" check --Observability:LogFormat=Text) || return 1
  grep -qE '^ok: version [0-9][^ +]* \(Debug build\)$' "$log.check.log"
}

# check_output OUT SAFE DNS [restored]: checks on one generated app that need no build
check_output() {
  local out="$1" safe="$2" dns="$3" restored="${4:-}"
  local web="$out/src/$safe.Web"
  for excluded in template .ci bin obj .git .template.config App_Data TestResults; do
    if [[ $excluded == obj && $restored == restored ]]; then
      check "no obj/ content but the restore post-action's" only_restore_files_in_obj "$out"
    else
      check "no $excluded in the output" no_path_named "$out" "$excluded"
    fi
  done
  check "no .nupkg in the output" no_path_named "$out" '*.nupkg'
  check "no file name still contains Monolith" no_path_named "$out" '*[Mm]onolith*'
  check "one solution file $safe.sln and no .slnx" \
    test "$(find "$out" -maxdepth 1 -name '*.sln*' -printf '%f\n')" = "$safe.sln"
  check "$safe.sln is the classic format" classic_sln "$out/$safe.sln"
  check "$safe.sln references only existing projects" sln_projects_exist "$out/$safe.sln"
  check "project file src/$safe.Web/$safe.Web.csproj" test -f "$web/$safe.Web.csproj"
  check "RootNamespace is $safe.Web" grep -q "<RootNamespace>$safe.Web</RootNamespace>" "$web/$safe.Web.csproj"
  check "every C# namespace starts with $safe." namespaces_are "$out" "$safe"
  check "namespace $safe.Web in AppInfo.cs" grep -qx "namespace $safe.Web;" "$web/AppInfo.cs"
  check "#if DEBUG survives in AppInfo.cs" debug_block_kept "$web/AppInfo.cs"
  check "no placeholder monoapp remains" no_file_contains "$out" monoapp
  check "DNS name $dns where the repository has monoapp" dns_name_replaced_placeholder "$out" "$safe" "$dns"
  check "DNS name $dns in appsettings.json" \
    grep -qF "image names: $dns" "$web/appsettings.json"
  check "shell scripts are executable" scripts_executable "$out"
}

# build_and_test OUT SAFE: builds with warnings as errors, runs unit tests if there are any
build_and_test() {
  local out="$1" safe="$2" log="$work/logs/$2"
  check "dotnet build $safe.sln with warnings as errors" \
    run "$log.build.log" dotnet build "$out/$safe.sln" -warnaserror -tl:off -nologo -v q
  check "the build reported 0 warnings" no_warnings_in "$log.build.log"
  check "the app's migrate and check commands succeed and name the build" \
    runs_check_command "$out/src/$safe.Web" "$safe.Web" "$log"
  if [[ -z "$(find "$out/tests" -name '*.csproj' -print -quit 2>/dev/null)" ]]; then
    echo "  note: no tests/ project in the generated app yet: unit tests skipped"
    return
  fi
  check "unit tests (FullyQualifiedName~.Unit.) pass" \
    run "$log.test.log" dotnet test "$out/$safe.sln" --no-build --filter "FullyQualifiedName~.Unit."
}

# --- the run --------------------------------------------------------------------------------

mkdir -p "$work/logs" "$work/out"
folder_hive="$work/hive-folder"
nupkg_hive="$work/hive-nupkg"
nupkg="$work/nupkg/SaasMonolith.Templates.0.1.0.nupkg"

step "Pack template/SaasMonolith.Templates.csproj"
check "dotnet pack gives SaasMonolith.Templates.0.1.0.nupkg" \
  run "$work/logs/pack.log" dotnet pack "$template_dir/SaasMonolith.Templates.csproj" \
  -o "$work/nupkg" -tl:off -nologo
check "the package holds the template under content/" \
  sh -c "unzip -Z1 '$nupkg' | grep -qx 'content/.template.config/template.json'"
check "the package holds no template/, bin/ or obj/" \
  sh -c "! unzip -Z1 '$nupkg' | grep -qE '^content/(template/|(.*/)?(bin|obj)/)'"

step "Install into throwaway hives"
check "install from the repository folder" \
  run "$work/logs/install-folder.log" dotnet new install "$repo" --force --debug:custom-hive "$folder_hive"
check "install from the .nupkg" \
  run "$work/logs/install-nupkg.log" dotnet new install "$nupkg" --force --debug:custom-hive "$nupkg_hive"

# generate NAME HIVE EXTRA...: dotnet new saas-monolith -n NAME into $work/out/NAME
generate() {
  local name="$1" hive="$2"
  shift 2
  check "dotnet new saas-monolith -n $name $*" \
    run "$work/logs/$name.new.log" dotnet new saas-monolith -n "$name" -o "$work/out/$name" \
    --debug:custom-hive "$hive" "$@"
}

step "Acme.Shop from the folder install (restore post-action on)"
generate Acme.Shop "$folder_hive"
check "the restore post-action restored the solution" grep -q 'Restore succeeded' "$work/logs/Acme.Shop.new.log"
check_output "$work/out/Acme.Shop" Acme.Shop acme-shop restored
build_and_test "$work/out/Acme.Shop" Acme.Shop

step "my-shop from the .nupkg install (--skip-restore: the build restores)"
generate my-shop "$nupkg_hive" --skip-restore --no-update-check
check_output "$work/out/my-shop" my_shop my-shop
build_and_test "$work/out/my-shop" my_shop

step "Shop2 from the folder install (names only)"
generate Shop2 "$folder_hive" --skip-restore
check_output "$work/out/Shop2" Shop2 shop2

step "Summary"
echo "  template checks took $((SECONDS - started)) s"
if [[ $failures -gt 0 ]]; then
  echo "  $failures check(s) failed"
  exit 1
fi
echo "  all template checks passed"
