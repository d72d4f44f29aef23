#!/usr/bin/env bash
# The worker doing its main job on this machine, against a local AWS emulator, in about a minute:
# starts moto_server and the worker (embedded: in-memory bus, SQLite in a temp dir) on free loopback ports, submits
# examples/local-moto.json over HTTP, prints the stage timeline, and keeps both running until Ctrl+C.
#   ./demo.sh          # then browse http://127.0.0.1:<port>/environments/demo, /metrics; Ctrl+C stops both
#   ./demo.sh --once   # stop right after the timeline
# It stops exactly the two processes it started (by their ids) and removes its temp dir.
set -euo pipefail
cd "$(dirname "$0")"

once=false
[[ "${1:-}" == "--once" ]] && once=true
for tool in dotnet moto_server curl python3; do
  command -v "$tool" >/dev/null || { echo "demo: '$tool' is not on PATH (moto_server: pip install 'moto[server]')" >&2; exit 1; }
done

work=$(mktemp -d)
pids=()
stop() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap stop EXIT
trap 'exit 130' INT TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
wait_for() { # url, what, log
  for _ in $(seq 1 600); do curl -sf -o /dev/null "$1" && return 0; sleep 0.1; done
  echo "demo: $2 did not answer $1; its log:" >&2; tail -20 "$3" >&2; exit 1
}

echo "demo: building the worker…"
dotnet build src/Worker/Worker.csproj -c Release --nologo -v q >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }

moto_port=$(free_port)
moto_server -H 127.0.0.1 -p "$moto_port" >"$work/moto.log" 2>&1 &
pids+=($!)
wait_for "http://127.0.0.1:$moto_port/moto-api/" moto_server "$work/moto.log"

worker_port=$(free_port)
worker="http://127.0.0.1:$worker_port"
AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port" AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-2 \
  Api__AllowAnonymousLoopback=true SagaStore__ConnectionString="Data Source=$work/provisioner.db" \
  dotnet src/Worker/bin/Release/net10.0/Provisioner.Worker.dll --urls "$worker" >"$work/worker.log" 2>&1 &
pids+=($!)
wait_for "$worker/healthz" "the worker" "$work/worker.log"
echo "demo: moto_server on 127.0.0.1:$moto_port (pid ${pids[0]}), worker on $worker (pid ${pids[1]})"

curl -sf -X POST "$worker/environments" -H 'Content-Type: application/json' --data @examples/local-moto.json >/dev/null
for _ in $(seq 1 600); do
  status=$(curl -sf "$worker/environments/demo" || true)
  [[ -n "$status" && "$status" != *'"state":"running"'* ]] && break
  sleep 0.2
done

STATUS="$status" python3 - <<'PY'
import json, os
from datetime import datetime
s = json.loads(os.environ["STATUS"])
t = lambda v: datetime.fromisoformat(v.replace("Z", "+00:00")) if v else None
start = t(s.get("startedAt"))
print(f"\nenvironment {s['environment']}: {s['state']}" + (f" at {s['failedStage']}: {s['reason']}" if s.get("failedStage") else ""))
for st in s["stages"]:
    a, b = t(st.get("startedAt")), t(st.get("completedAt"))
    at = f"+{(a - start).total_seconds():5.2f}s" if a and start else "       "
    took = f"{(b - a).total_seconds():5.2f}s" if a and b else ""
    print(f"  {at}  {st['stage']:<16} {st['status']:<20} {st.get('action') or '':<10} {took}")
for st in s["stages"]:
    shown = {n: x for n, x in (st.get("outputs") or {}).items() if n in ("name", "arn")}
    if shown: print(f"  {st['stage']}: " + ", ".join(f"{n}={x}" for n, x in shown.items()))
PY

if $once; then exit 0; fi
echo
echo "demo: status  curl -s $worker/environments/demo"
echo "demo: metrics curl -s $worker/metrics"
echo "demo: logs    $work/worker.log"
echo "demo: press Ctrl+C to stop moto_server and the worker (only these two processes)"
wait "${pids[1]}"
