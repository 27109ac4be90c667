// Command flowlint checks backpressure discipline in streaming Go code.
//
//	flowlint ./...                          # standalone
//	go vet -vettool=$(which flowlint) ./...  # as a vet tool
//	flowlint burst SCENARIO.toml            # simulate a burst (docs/burst.md)
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
	// The simulator is a subcommand of its own, not an analyzer flag:
	// singlechecker would read its scenario file as a package pattern.
	if len(os.Args) > 1 && os.Args[1] == "burst" {
		os.Exit(runBurst(os.Args[2:], os.Stdout, os.Stderr))
	}
	if wantsVersion(os.Args[1:]) {
		printVersion()
		return
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
