package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/flowlint/flowlint/runtime/flow"
	"github.com/flowlint/flowlint/sim"
)

const burstUsage = `usage: flowlint burst [-svg FILE] [-progress] SCENARIO.toml

Runs a burst scenario on the simulator and prints what each edge did.
Exit status: 0 when High items met their SLO and none was dropped, 3 when
not, 1 on errors (such as a bad scenario). See docs/burst.md.
`

// runBurst is the burst subcommand. It returns the exit status.
func runBurst(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("burst", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, burstUsage); fs.PrintDefaults() }
	svg := fs.String("svg", "", "write an SVG chart of each edge's occupancy to `FILE`")
	progress := fs.Bool("progress", isTerminal(os.Stderr),
		"show progress on stderr (default: when stderr is a terminal)")
	files, err := parseInterleaved(fs, args)
	if err != nil {
		return 1
	}
	if len(files) != 1 {
		fs.Usage()
		return 1
	}
	sc, err := sim.Load(files[0])
	if err != nil {
		fmt.Fprintf(stderr, "flowlint burst: %v\n", err)
		return 1
	}
	var report func(time.Duration)
	if *progress {
		report = progressLine(stderr, sc.Duration)
	}
	r := sim.Model(sc, report)
	if *progress {
		fmt.Fprintf(stderr, "\r%-60s\r", "")
	}
	if err := r.WriteTable(stdout); err != nil {
		fmt.Fprintf(stderr, "flowlint burst: %v\n", err)
		return 1
	}
	if *svg != "" {
		if err := writeChart(*svg, r); err != nil {
			fmt.Fprintf(stderr, "flowlint burst: %v\n", err)
			return 1
		}
	}
	if !r.MeetsSLO() || r.Drops()[flow.High] > 0 {
		return 3
	}
	return 0
}

// parseInterleaved lets flags come after the scenario too, as people type
// them: flowlint burst reference.toml -svg out.svg.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		if fs.NArg() == 0 {
			return files, nil
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
}

// progressLine redraws one line on w, at most five times a second of wall
// time however fast the simulation runs, and always at the end.
func progressLine(w io.Writer, total time.Duration) func(time.Duration) {
	var last time.Time
	return func(at time.Duration) {
		if at < total && time.Since(last) < 200*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintf(w, "\rsimulated %v of %v (%d%%)", at.Truncate(time.Second), total,
			int(100*at/max(total, 1)))
	}
}

func writeChart(path string, r *sim.Report) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write chart: %w", err)
	}
	err = r.WriteSVG(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write chart %s: %w", path, errors.Unwrap(err))
	}
	return nil
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
