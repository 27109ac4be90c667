// Command flowlint checks backpressure discipline in streaming Go code.
//
//	flowlint ./...                          # standalone
//	go vet -vettool=$(which flowlint) ./...  # as a vet tool
//	flowlint -sarif ./... > flowlint.sarif  # SARIF 2.1.0 for code scanning
//	flowlint -baseline=flowlint.baseline.json ./...  # fail only on new findings
//
// Exit status: 0 when clean, 3 when there are findings, 1 on errors.
package main

import (
	"crypto/sha256"
	"fmt"
	"io"
	"os"

	"golang.org/x/tools/go/analysis/singlechecker"

	"github.com/flowlint/flowlint"
	"github.com/flowlint/flowlint/config"
)

func main() {
	if wantsVersion(os.Args[1:]) {
		printVersion()
		return
	}
	if wantsReport(os.Args[1:]) {
		os.Exit(runReport(os.Args[1:], os.Stdout, os.Stderr))
	}
	singlechecker.Main(flowlint.Analyzer)
}

func wantsVersion(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "--V=full" {
			return true
		}
	}
	return false
}

// printVersion answers go vet's -V=full question. go vet keys its result
// cache on this line, so it hashes the flowlint.toml files that govern the
// packages as well as the binary: an edited configuration is never
// answered with findings cached under the old one.
func printVersion() {
	exe, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "flowlint: cannot find own executable: %v\n", err)
		os.Exit(1)
	}
	h := sha256.New()
	f, err := os.Open(exe)
	if err != nil {
		fmt.Fprintf(os.Stderr, "flowlint: cannot read own executable: %v\n", err)
		os.Exit(1)
	}
	_, err = io.Copy(h, f)
	f.Close()
	if err != nil {
		fmt.Fprintf(os.Stderr, "flowlint: cannot read own executable: %v\n", err)
		os.Exit(1)
	}
	if dir, err := os.Getwd(); err == nil {
		h.Write(config.Fingerprint(dir))
	}
	fmt.Printf("%s version devel comments-go-here buildID=%02x\n", exe, string(h.Sum(nil)))
}
