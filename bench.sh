#!/usr/bin/env bash
# Benchmark: the worker vs the same AWS calls from a plain loop vs the Milvus guide's aws-CLI runbook, side by side,
# against one moto_server started here on a free loopback port, directly and through the fault proxy
# (bench/FaultProxy: AWS-like latency, IAM throttling, request counts); both stopped at the end.
#   ./bench.sh             full run (about 15 minutes here), writes docs/benchmarks.md and bench/results.json
#   ./bench.sh --quick     small blocks, a smoke test of the bench (under 3 minutes); writes a temp file unless --out
#   ./bench.sh --out FILE  write the report there instead
#   ./bench.sh --json FILE also write every figure and the targets as JSON there
#   ./bench.sh --phases c32,throttled  only some phases: c1, c8, c32, poll, memory (moto direct), p1, p32 (realistic
#                          latency through the proxy), throttled (the proxy limiting IAM)
set -euo pipefail

log() { printf '[bench.sh] %s\n' "$*" >&2; }

quick=()
phases=()
json=()
out=""
command_line="./bench.sh"
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=(--quick); command_line="$command_line --quick"; shift ;;
    --out) [ $# -ge 2 ] || { log "--out needs a file"; exit 2; }; out="$2"; shift 2 ;;
    --json) [ $# -ge 2 ] || { log "--json needs a file"; exit 2; }; json+=(--json "$(realpath -m "$2")"); shift 2 ;;
    --phases) [ $# -ge 2 ] || { log "--phases needs a list"; exit 2; }; phases=(--phases "$2"); command_line="$command_line --phases $2"; shift 2 ;;
    *) log "unknown argument: $1 (use --quick, --out FILE, --json FILE, --phases LIST)"; exit 2 ;;
  esac
done
[ -z "$out" ] || out=$(realpath -m "$out")
cd "$(dirname "$0")"
if [ -z "$out" ]; then
  if [ ${#quick[@]} -gt 0 ] || [ ${#phases[@]} -gt 0 ]; then out="${TMPDIR:-/tmp}/milvus-provisioner-benchmarks-quick.md"; else out="docs/benchmarks.md"; fi
fi
# The full run keeps its figures beside the report, for a check to read.
if [ ${#quick[@]} -eq 0 ] && [ ${#phases[@]} -eq 0 ]; then json+=(--json "$PWD/bench/results.json"); fi

started=$(date +%s)
command -v dotnet >/dev/null || { log "dotnet (the .NET 10 SDK) is required"; exit 1; }
if ! command -v moto_server >/dev/null; then
  log "moto_server not found; trying pip (moto[server] 5.2.1)"
  python3 -m pip install -q 'moto[server]==5.2.1' || { log "moto_server is required"; exit 1; }
fi
if ! command -v aws >/dev/null; then
  log "aws CLI not found; installing Debian's awscli"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null
fi
aws_cli=$(command -v aws)
# A pyenv shim is a bash script that starts pyenv before the real aws: charge the runbook for aws, not for pyenv.
if command -v pyenv >/dev/null && [[ "$aws_cli" == */shims/aws ]]; then aws_cli=$(pyenv which aws); fi

work=$(mktemp -d -t milvus-bench-XXXXXX)
moto_pid=""
proxy_pid=""
cleanup() {
  if [ -n "$proxy_pid" ] && kill -0 "$proxy_pid" 2>/dev/null; then kill "$proxy_pid"; wait "$proxy_pid" 2>/dev/null || true; fi
  if [ -n "$moto_pid" ] && kill -0 "$moto_pid" 2>/dev/null; then kill "$moto_pid"; wait "$moto_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

log "building the bench and publishing the worker (Release)"
dotnet build bench/Bench/Bench.csproj -c Release --nologo -v q -warnaserror >/dev/null
dotnet publish src/Worker -c Release -o "$work/worker" --nologo -v q >/dev/null

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log "starting moto_server on 127.0.0.1:$port"
# The account id is the server's choice: keep moto's default (123456789012) whatever this shell says.
env -u MOTO_ACCOUNT_ID moto_server -H 127.0.0.1 -p "$port" >"$work/moto.log" 2>&1 &
moto_pid=$!
for _ in $(seq 1 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$port/moto-api/')" 2>/dev/null && break
  kill -0 "$moto_pid" 2>/dev/null || { log "moto_server exited:"; cat "$work/moto.log" >&2; exit 1; }
  sleep 0.2
done

# The fault proxy in front of moto, as a process of its own (its CPU is neither the worker's nor the direct client's);
# the bench sets its latency and limits per phase through its admin endpoint.
proxy_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
log "starting the fault proxy on 127.0.0.1:$proxy_port"
dotnet bench/Bench/bin/Release/net10.0/Provisioner.FaultProxy.dll --upstream "http://127.0.0.1:$port" --port "$proxy_port" \
  >"$work/proxy.log" 2>&1 &
proxy_pid=$!
for _ in $(seq 1 100); do
  python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$proxy_port/_faultproxy/counts')" 2>/dev/null && break
  kill -0 "$proxy_pid" 2>/dev/null || { log "the fault proxy exited:"; cat "$work/proxy.log" >&2; exit 1; }
  sleep 0.2
done

# Everything (worker, direct loop, aws CLI) talks to this moto with throw-away credentials; no profile, no IMDS.
export AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing
export AWS_REGION=us-east-2 AWS_DEFAULT_REGION=us-east-2 AWS_EC2_METADATA_DISABLED=true AWS_PAGER=""
export AWS_CONFIG_FILE="$work/aws-config" AWS_SHARED_CREDENTIALS_FILE="$work/aws-credentials"
unset AWS_PROFILE AWS_SESSION_TOKEN AWS_ENDPOINT_URL_S3 AWS_ENDPOINT_URL_IAM AWS_ENDPOINT_URL_STS
touch "$AWS_CONFIG_FILE" "$AWS_SHARED_CREDENTIALS_FILE"
export TMPDIR="$work"

moto_version=$(python3 -c 'import moto; print(moto.__version__)' 2>/dev/null || echo "?")
aws_version=$("$aws_cli" --version 2>&1 | head -1)
log "running (aws CLI: $aws_cli, $aws_version; moto $moto_version); progress on stderr"
status=0
dotnet bench/Bench/bin/Release/net10.0/Provisioner.Bench.dll "${quick[@]}" "${phases[@]}" \
  --moto "http://127.0.0.1:$port" --moto-pid "$moto_pid" --moto-log "$work/moto.log" \
  --proxy "http://127.0.0.1:$proxy_port" --proxy-pid "$proxy_pid" "${json[@]}" \
  --worker-dll "$work/worker/Provisioner.Worker.dll" --aws "$aws_cli" --out "$out" \
  --command "$command_line" --dotnet-sdk "$(dotnet --version)" --moto-version "$moto_version" --aws-version "$aws_version" || status=$?
log "done in $(( $(date +%s) - started )) s"
exit $status
