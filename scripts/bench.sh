#!/usr/bin/env bash
# Times flowlint against the floor (an analysis tool that does nothing) and
# against go vet's default suite on each Go module given, standalone and
# under go vet with its result cache missed. Prints, per module and mode,
# the floor's median wall time and peak memory and each tool's median
# ratio to the floor measured in the same round. See docs/performance.md.
#
#   scripts/bench.sh [-n N] [-modes standalone,vet] DIR...
#   scripts/bench.sh -corpus 1,10,100 [-n N]     # generated corpora
#   scripts/bench.sh -no-vetsuite ...            # skip standalone go vet suite
#
# N (default 3) is the number of measured rounds after one warm-up round.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)

n=3
modes=standalone,vet
corpus=
vetsuite=yes
dirs=()
while [ $# -gt 0 ]; do
  case "$1" in
    -n) n=$2; shift 2 ;;
    -modes) modes=$2; shift 2 ;;
    -corpus) corpus=$2; shift 2 ;;
    -no-vetsuite) vetsuite=; shift ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) dirs+=("$1"); shift ;;
  esac
done

bin=$(mktemp -d "${TMPDIR:-/tmp}/flowlint-bench-bin.XXXXXX")
trap 'rm -rf "$bin"' EXIT
(
  cd "$repo"
  go build -o "$bin/flowlint" ./cmd/flowlint
  go build -o "$bin/noop" ./internal/benchtools/noop
  go build -o "$bin/vetsuite" ./internal/benchtools/vetsuite
  go build -o "$bin/bench" ./internal/benchtools/bench
  go build -o "$bin/gencorpus" ./internal/benchtools/gencorpus
)

labels=()
if [ -n "$corpus" ]; then
  for scale in ${corpus//,/ }; do
    dir="$bin/corpus-$scale"
    "$bin/gencorpus" -scale "$scale" -o "$dir"
    dirs+=("$dir")
  done
fi

echo "# $(go version), $(nproc) cores, $n rounds; ratios are medians of per-round tool/noop"
for dir in "${dirs[@]}"; do
  label=$(basename "$dir")
  [ "$dir" = "$(go env GOROOT)/src" ] && label=std
  "$bin/bench" -n "$n" -modes "$modes" -label "$label" \
    -flowlint "$bin/flowlint" -noop "$bin/noop" -vetsuite "${vetsuite:+$bin/vetsuite}" "$dir"
done
