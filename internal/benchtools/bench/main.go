// Command bench times flowlint against the floor (a go/analysis tool that
// does nothing) and against go vet's default suite on one Go module, in the
// two ways users run a vet tool, and prints each tool's wall time and peak
// memory as ratios to the floor measured in the same round.
//
//	bench -flowlint BIN -noop BIN -vetsuite BIN [-n 3] [-modes standalone,vet] DIR
//
// Standalone mode runs TOOL ./... in DIR. Vet mode runs
// go vet -vettool=TOOL ./... in DIR with go vet's result cache missed: the
// go command keys cached vet results on the tool's -V=full answer, so every
// run gets a fresh copy of the tool under a new name with random bytes
// appended, which changes that answer (the name for cmd/vet, whose answer
// is its name and release; the hash of the executable for tools built with
// x/tools). Compile results are keyed without the vet tool, so the export
// data a warm-up run built stay cached: what is timed is the tools' work
// plus the go command's own, not the compiler's.
//
// Each round runs every tool once, in an order that rotates from round to
// round; the ratios reported are the medians over rounds of the ratio to
// the floor of the same round, so drift in the machine's load between
// rounds cancels.
package main

import (
	"crypto/rand"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

var (
	runs     = flag.Int("n", 3, "measured rounds per mode (after one warm-up round)")
	modes    = flag.String("modes", "standalone,vet", "comma-separated modes: standalone, vet")
	pattern  = flag.String("pattern", "./...", "package pattern to analyze")
	flowlint = flag.String("flowlint", "", "flowlint binary")
	noop     = flag.String("noop", "", "floor binary: an analysis tool whose Run does nothing")
	vetsuite = flag.String("vetsuite", "", "go vet's default suite as a standalone tool")
	label    = flag.String("label", "", "name of the codebase in the output (default: DIR's base)")
	verbose  = flag.Bool("v", false, "print every run")
)

// A tool is one program under test, as each mode runs it.
type tool struct {
	name       string
	standalone string // binary run as TOOL ./...
	vettool    string // binary handed to go vet -vettool
}

// A sample is one timed run.
type sample struct {
	wall float64 // seconds
	rss  float64 // peak resident set of the largest process, MB
}

func main() {
	flag.Parse()
	if flag.NArg() != 1 || *flowlint == "" || *noop == "" {
		fmt.Fprintln(os.Stderr, "usage: bench -flowlint BIN -noop BIN [-vetsuite BIN] [-n N] [-modes standalone,vet] DIR")
		os.Exit(2)
	}
	dir, err := filepath.Abs(flag.Arg(0))
	check(err)
	name := *label
	if name == "" {
		name = filepath.Base(dir)
	}
	work, err := os.MkdirTemp("", "flowlint-bench-")
	check(err)
	defer os.RemoveAll(work)

	vet, err := exec.Command("go", "env", "GOTOOLDIR").Output()
	check(err)
	tools := []tool{
		{name: "noop", standalone: *noop, vettool: *noop},
		{name: "flowlint", standalone: *flowlint, vettool: *flowlint},
		{name: "go vet", standalone: *vetsuite, vettool: filepath.Join(strings.TrimSpace(string(vet)), "vet")},
	}

	for _, mode := range strings.Split(*modes, ",") {
		results := measure(mode, dir, work, tools)
		report(name, mode, tools, results)
	}
}

// measure runs a warm-up round and then *runs rounds of every tool, and
// returns each tool's samples by round.
func measure(mode, dir, work string, tools []tool) map[string][]sample {
	results := map[string][]sample{}
	for round := 0; round <= *runs; round++ {
		order := slices.Clone(tools)
		rotate(order, round)
		for _, t := range order {
			s, ok := runOnce(mode, dir, work, t, round)
			if !ok {
				continue
			}
			if round == 0 {
				continue // the warm-up fills the build cache and the page cache
			}
			results[t.name] = append(results[t.name], s)
		}
	}
	return results
}

func rotate(list []tool, by int) {
	by %= len(list)
	tmp := append(slices.Clone(list[by:]), list[:by]...)
	copy(list, tmp)
}

// runOnce times one run of t in mode; it reports false when the tool is
// not available in that mode.
func runOnce(mode, dir, work string, t tool, round int) (sample, bool) {
	var argv []string
	switch mode {
	case "standalone":
		if t.standalone == "" {
			return sample{}, false
		}
		argv = []string{t.standalone, *pattern}
	case "vet":
		argv = []string{"go", "vet", "-vettool=" + freshCopy(work, t.vettool), *pattern}
	default:
		check(fmt.Errorf("unknown mode %q", mode))
	}

	timing := filepath.Join(work, "time.out")
	output := filepath.Join(work, "tool.out")
	out, err := os.Create(output)
	check(err)
	cmd := exec.Command("/usr/bin/time", append([]string{"-f", "%e %M", "-o", timing}, argv...)...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = out, out
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	runErr := cmd.Run()
	out.Close()

	data, err := os.ReadFile(timing)
	check(err)
	s := parseTime(string(data))
	if *verbose {
		fmt.Fprintf(os.Stderr, "%-10s %-8s round %d: %.2fs %.0fMB (%v)\n", mode, t.name, round, s.wall, s.rss, runErr)
	}
	if crashed(output) {
		fmt.Fprintf(os.Stderr, "warning: %s in %s mode crashed or failed; output kept in %s.crash\n", t.name, mode, output)
		os.Rename(output, output+".crash")
	}
	return s, true
}

// crashed reports whether a run's output shows a panic or a rule's
// internal error rather than findings.
func crashed(output string) bool {
	data, err := os.ReadFile(output)
	if err != nil {
		return false
	}
	text := string(data)
	return strings.Contains(text, "panic:") || strings.Contains(text, "internal error")
}

// freshCopy copies bin to a new name with random bytes appended, so that
// its -V=full answer is one go vet has never cached results under.
func freshCopy(work, bin string) string {
	salt := make([]byte, 8)
	rand.Read(salt)
	tag := hex.EncodeToString(salt)
	dst := filepath.Join(work, filepath.Base(bin)+"-"+tag)
	in, err := os.Open(bin)
	check(err)
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o755)
	check(err)
	_, err = io.Copy(out, in)
	check(err)
	_, err = out.Write([]byte("\nbench-salt " + tag + "\n"))
	check(err)
	check(out.Close())
	return dst
}

// parseTime reads the last line of /usr/bin/time -f '%e %M' output; lines
// before it are the command's exit status, when it failed.
func parseTime(text string) sample {
	lines := strings.Split(strings.TrimSpace(text), "\n")
	f := strings.Fields(lines[len(lines)-1])
	if len(f) != 2 {
		check(fmt.Errorf("unexpected time output %q", text))
	}
	wall, err := strconv.ParseFloat(f[0], 64)
	check(err)
	kb, err := strconv.ParseFloat(f[1], 64)
	check(err)
	return sample{wall: wall, rss: kb / 1024}
}

// report prints one line per mode: the floor's medians, and the other
// tools' median ratios to the floor of the same round.
func report(name, mode string, tools []tool, results map[string][]sample) {
	floor := results["noop"]
	if len(floor) == 0 {
		return
	}
	walls := func(ss []sample) []float64 { return mapf(ss, func(s sample) float64 { return s.wall }) }
	rsses := func(ss []sample) []float64 { return mapf(ss, func(s sample) float64 { return s.rss }) }
	line := fmt.Sprintf("%-14s %-10s noop %6.2fs %6.0fMB", name, mode, median(walls(floor)), median(rsses(floor)))
	for _, t := range tools[1:] {
		ss := results[t.name]
		if len(ss) != len(floor) {
			line += fmt.Sprintf(" | %s n/a", t.name)
			continue
		}
		var wr, mr []float64
		for i := range ss {
			wr = append(wr, ss[i].wall/floor[i].wall)
			mr = append(mr, ss[i].rss/floor[i].rss)
		}
		line += fmt.Sprintf(" | %s wall ×%.2f mem ×%.2f (%.2fs %.0fMB)", t.name, median(wr), median(mr),
			median(walls(ss)), median(rsses(ss)))
	}
	fmt.Println(line)
}

func mapf(ss []sample, f func(sample) float64) []float64 {
	out := make([]float64, len(ss))
	for i, s := range ss {
		out[i] = f(s)
	}
	return out
}

func median(xs []float64) float64 {
	s := slices.Clone(xs)
	slices.Sort(s)
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
