#!/usr/bin/env bash
# Robustness sweep: runs flowlint over each directory given (./... in each,
# or the patterns after a colon: DIR:PATTERN...) and fails when a rule
# panicked (reported as a finding containing "internal error"), the
# command crashed, or the output differs between two runs, between -c
# settings, or between GOMAXPROCS=1 and 2.
#
#   scripts/sweep.sh DIR[:PATTERNS] ...
#   scripts/sweep.sh "$(go env GOROOT)/src/runtime/testdata/testgoroutineleakprofile:. ./goker"
set -uo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=$(mktemp -d "${TMPDIR:-/tmp}/flowlint-sweep.XXXXXX")
trap 'rm -rf "$out"' EXIT
(cd "$repo" && go build -o "$out/flowlint" ./cmd/flowlint) || exit 1

fail=0
for arg in "$@"; do
  dir=${arg%%:*}
  patterns=./...
  [ "$arg" != "$dir" ] && patterns=${arg#*:}
  name=$(echo "$dir" | tr '/' '_')
  run() { # label, then the environment and command
    local label=$1; shift
    (cd "$dir" && env GOTOOLCHAIN=local "$@") > "$out/$name.$label" 2>&1
    echo $? > "$out/$name.$label.rc"
    # -c adds source lines under each finding: compare the findings only.
    grep -E '^/.*:[0-9]+:[0-9]+: ' "$out/$name.$label" > "$out/$name.$label.findings" || true
  }
  # shellcheck disable=SC2086
  run a GOMAXPROCS=2 "$out/flowlint" $patterns
  # shellcheck disable=SC2086
  run b GOMAXPROCS=2 "$out/flowlint" $patterns
  # shellcheck disable=SC2086
  run p1 GOMAXPROCS=1 "$out/flowlint" $patterns
  # shellcheck disable=SC2086
  run c3 GOMAXPROCS=2 "$out/flowlint" -c=3 $patterns

  rc=$(cat "$out/$name.a.rc")
  findings=$(wc -l < "$out/$name.a.findings")
  status="ok"
  if [ "$rc" != 0 ] && [ "$rc" != 3 ]; then status="exit $rc"; fi
  if grep -q "internal error" "$out/$name.a"; then status="internal error"; fi
  if grep -q "^panic:\|goroutine [0-9]* \[running\]" "$out/$name.a"; then status="crash"; fi
  for other in b p1 c3; do
    if ! cmp -s "$out/$name.a.findings" "$out/$name.$other.findings"; then
      status="$status; findings differ ($other)"
      diff "$out/$name.a.findings" "$out/$name.$other.findings" | head -5
    fi
  done
  echo "$dir ($patterns): $findings findings, exit $rc: $status"
  case "$status" in ok) ;; *) fail=1 ;; esac
done
exit $fail
