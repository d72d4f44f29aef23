#!/usr/bin/env bash
# The whole crash-point matrix (issue 12): every mutating call of every request shape, killed before and after, in both
# modes. ./test.sh runs a rotating sample of it; this runs every point (about 30-40 minutes on 2 cores).
# CRASH_MATRIX_FILTER narrows it, e.g. CRASH_MATRIX_FILTER=manifest or =Embedded; CRASH_MATRIX_FROM=N starts at call N.
set -euo pipefail
cd "$(dirname "$0")"
[ -x .tools/helm4/helm ] || { echo "[crash-matrix.sh] run ./test.sh once first: it installs RabbitMQ, PostgreSQL, moto and helm" >&2; exit 1; }
export HELM4_BINARY="$PWD/.tools/helm4/helm" HELM3_BINARY="$PWD/.tools/helm3/helm" CRASH_MATRIX=full
dotnet build tests/Worker.Tests --nologo -v q -c Release -warnaserror
rm -f TestResults/crash-matrix.tsv
filter="FullyQualifiedName~Crash.CrashMatrixTests"
[ -n "${CRASH_MATRIX_FILTER:-}" ] && filter="$filter&DisplayName~$CRASH_MATRIX_FILTER"
status=0
dotnet test tests/Worker.Tests --no-build -c Release --nologo -v q --filter "$filter" \
  --logger "console;verbosity=normal" --results-directory TestResults || status=1
printf '\n%-12s %-11s %6s %7s %7s %8s\n' shape mode calls points run seconds
awk -F'\t' '{ printf "%-12s %-11s %6d %7d %7d %8d\n", $1, $2, $3, $4, $5, $6; c += $4; p += $5; s += $6 }
  END { printf "%d crash points, %d run and converged (a failing shape writes no line), in %d s\n", c, p, s }' TestResults/crash-matrix.tsv
exit $status
