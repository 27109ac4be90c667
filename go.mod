module github.com/flowlint/flowlint

go 1.26.0
