# Shortcuts for working on flowlint. CI runs .ci/run.
.PHONY: test ci golangci-plugin-test

test:
	go test ./...

ci:
	.ci/run

# Builds golangci-lint v2.15.0 with the flowlint plugin from the module
# proxy and checks it on a testdata module. Several minutes: not in .ci/run.
golangci-plugin-test:
	scripts/golangci-plugin-test.sh
