#!/usr/bin/env bash
# Builds golangci-lint with the flowlint plugin the way `golangci-lint
# custom` does, but from the Go module proxy's copy of golangci-lint instead
# of a git clone, then checks that it reports what flowlint reports and
# that //nolint:flowlint silences it.
#
#   scripts/golangci-plugin-test.sh            # build into a temp dir, test
#   GCL_OUT=/tmp/custom-gcl scripts/golangci-plugin-test.sh   # keep the binary
#   GCL_BIN=/tmp/custom-gcl scripts/golangci-plugin-test.sh   # only test it
#
# Needs the module proxy (or a warm module cache) and several minutes.
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
version=${GOLANGCI_LINT_VERSION:-v2.15.0}
tools_want=$(cd "$repo" && go list -m -f '{{.Version}}' golang.org/x/tools)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
out=${GCL_OUT:-$work/custom-gcl}
export GOWORK=off GOFLAGS=-mod=mod

step() { printf '== %s (%ds)\n' "$1" "$SECONDS"; }

build() {
  step "fetch golangci-lint $version from the module proxy"
  src=$(go mod download -json "github.com/golangci/golangci-lint/v2@$version" |
    sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
  [ -d "$src" ] || { echo "no module directory for golangci-lint $version" >&2; exit 1; }
  cp -r "$src" "$work/golangci-lint"
  chmod -R u+w "$work/golangci-lint"
  cd "$work/golangci-lint"

  step "add the plugin import and the replace directive"
  # What golangci-lint custom writes into cmd/golangci-lint/plugins.go.
  cat > cmd/golangci-lint/plugins.go <<'GO'
package main

import (
	_ "github.com/flowlint/flowlint/plugin"
)
GO
  go mod edit -replace "github.com/flowlint/flowlint=$repo" \
    -require "github.com/flowlint/flowlint@v0.0.0-00010101000000-000000000000"

  step "go mod tidy"
  go mod tidy
  tools_got=$(go list -m -f '{{.Version}}' golang.org/x/tools)
  if [ "$tools_got" != "$tools_want" ]; then
    echo "golangci-lint $version with flowlint needs golang.org/x/tools $tools_got;" \
      "flowlint pins $tools_want" >&2
    exit 1
  fi

  step "go build ./cmd/golangci-lint"
  go build -trimpath -ldflags "-s -w -X main.version=$version-custom-gcl-flowlint" \
    -o "$out" ./cmd/golangci-lint
  step "built $out"
}

if [ -n "${GCL_BIN:-}" ]; then
  out=$GCL_BIN
else
  build
fi

step "compare with flowlint on a testdata module"
mod="$work/mod"
cp -r "$repo/testdata/modules/pipeline" "$mod"
cp "$repo/docs/golangci/.golangci.yml" "$mod/.golangci.yml"
export GOLANGCI_LINT_CACHE="$work/gcl-cache"
cd "$mod"
(cd "$repo" && go build -o "$work/flowlint" ./cmd/flowlint)

# Both as "path:line:col: message", sorted.
want=$("$work/flowlint" ./... 2>&1 | sed "s|^$mod/||" | sort || true)
got=$("$out" run --output.text.print-issued-lines=false --output.text.colors=false ./... 2>&1 |
  sed -n 's/ (flowlint)$//p' | sort || true)
if [ -z "$want" ] || [ "$want" != "$got" ]; then
  printf 'flowlint reports:\n%s\n\ngolangci-lint reports:\n%s\n' "$want" "$got" >&2
  exit 1
fi
echo "$got"

step "//nolint:flowlint silences the findings"
sed -i -e 's|^var queue = make(chan Event, 64)$|& //nolint:flowlint // fixture|' \
  -e 's|^\tdefault:$|& //nolint:flowlint // fixture|' leaky/leaky.go
if ! quiet=$("$out" run --output.text.colors=false ./... 2>&1) ||
  grep -q '(flowlint)$' <<<"$quiet"; then
  printf 'golangci-lint still reports after //nolint:flowlint:\n%s\n' "$quiet" >&2
  exit 1
fi

step "a misspelt setting stops golangci-lint with a one-line reason"
sed -i 's/strict: false/stirct: false/' .golangci.yml
if bad=$("$out" run ./... 2>&1); then
  echo "golangci-lint accepted an unknown setting" >&2
  exit 1
fi
grep -q 'flowlint settings: unknown key "stirct"' <<<"$bad" ||
  { printf 'unexpected error for an unknown setting:\n%s\n' "$bad" >&2; exit 1; }

step "ok"
