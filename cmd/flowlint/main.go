// Command flowlint checks backpressure discipline in streaming Go code.
//
//	flowlint ./...                          # standalone
//	go vet -vettool=$(which flowlint) ./...  # as a vet tool
//	flowlint -fix ./...                     # apply suggested fixes
//	go fix -fixtool=$(which flowlint) ./...  # the same, as a fix tool
//	flowlint burst SCENARIO.toml            # simulate a burst (docs/burst.md)
//	flowlint -sarif ./... > flowlint.sarif  # SARIF 2.1.0 for code scanning
//	flowlint -baseline=flowlint.baseline.json ./...  # fail only on new findings
//	flowlint graph ./... | dot -Tpng >g.png  # draw the pressure chain
//
// Exit status: 0 when clean, 3 when there are findings, 1 on errors.
package main

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

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
	if len(os.Args) > 1 && os.Args[1] == "graph" {
		os.Exit(runGraph(os.Args[2:], os.Stdout, os.Stderr))
	}
	if wantsVersion(os.Args[1:]) {
		printVersion()
		return
	}
	checkConfig(os.Args[1:])
	if wantsReport(os.Args[1:]) {
		os.Exit(runReport(os.Args[1:], os.Stdout, os.Stderr))
	}
	singlechecker.Main(flowlint.Analyzer)
}

// checkConfig resolves the configuration that governs the current
// directory before any package is loaded, so that a broken flowlint.toml
// is reported once, with its file and line, rather than once per package.
//
// Under go vet it checks the configuration of the package in the vet.cfg it
// is handed, and fails the run on an error. go vet reads the tool's JSON
// output and caches a run that exited 0 even when that output holds an
// error, so an error reported only inside the JSON would be answered from
// the cache, as a pass, on the next run.
func checkConfig(args []string) {
	dir, err := os.Getwd()
	if err != nil {
		return
	}
	for _, a := range args {
		if a == "-flags" {
			return // go vet asking which flags exist
		}
		if strings.HasSuffix(a, ".cfg") {
			if dir = vetPackageDir(a); dir == "" {
				return // unitchecker will report the unreadable file
			}
		}
	}
	flags := config.NewFlags()
	for i, a := range args {
		a = strings.TrimPrefix(a, "-")
		a = strings.TrimPrefix(a, "-")
		switch {
		case strings.HasPrefix(a, "config="):
			flags.File.Set(strings.TrimPrefix(a, "config="))
		case a == "config" && i+1 < len(args):
			flags.File.Set(args[i+1])
		}
	}
	if _, err := flags.Resolve(dir); err != nil {
		fmt.Fprintf(os.Stderr, "flowlint: %v\n", err)
		os.Exit(1)
	}
}

func wantsVersion(args []string) bool {
	for _, a := range args {
		if a == "-V=full" || a == "--V=full" {
			return true
		}
	}
	return false
}

// vetPackageDir reads the package directory from go vet's vet.cfg.
func vetPackageDir(cfgFile string) string {
	data, err := os.ReadFile(cfgFile)
	if err != nil {
		return ""
	}
	var cfg struct{ Dir string }
	if json.Unmarshal(data, &cfg) != nil {
		return ""
	}
	return cfg.Dir
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
