package spawn_test

import (
	"path/filepath"
	"testing"

	"golang.org/x/tools/go/analysis"
	"golang.org/x/tools/go/analysis/analysistest"

	"github.com/flowlint/flowlint/analyzers/spawn"
)

// jobs reports each per-event start with the job that decides which rule
// owns it, so that one start is never two rules' finding.
var jobs = &analysis.Analyzer{
	Name:     "jobs",
	Doc:      "report the job of each per-event start",
	Requires: []*analysis.Analyzer{spawn.Analyzer},
	Run: func(pass *analysis.Pass) (any, error) {
		names := map[spawn.Job]string{spawn.Work: "work", spawn.Send: "send", spawn.Log: "log"}
		for _, st := range pass.ResultOf[spawn.Analyzer].(*spawn.Info).PerEvent {
			pass.ReportRangef(st.Report, "%s", names[st.Job])
		}
		return nil, nil
	},
}

func TestJobs(t *testing.T) {
	dir, err := filepath.Abs(filepath.Join("..", "..", "testdata"))
	if err != nil {
		t.Fatal(err)
	}
	analysistest.Run(t, dir, jobs, "spawn")
}
