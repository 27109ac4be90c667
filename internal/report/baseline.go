package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"slices"
	"strings"
)

// Fingerprints sets the Fingerprint of each finding that stands. It hashes
// what survives unrelated edits: the rule and message, the file relative to
// its module root, the enclosing declaration, the offending line with its
// spacing normalized, and the finding's rank among those alike in all of
// these. Line numbers stay out, so code added above a finding does not make
// it look new. The message stays in, so a different complaint about the
// same line is not hidden by the old one's entry. Silenced findings get no
// fingerprint: they never enter a baseline.
func Fingerprints(list []*Finding) {
	rank := map[string]int{}
	for _, f := range list { // list is in source order, so ranks are too
		if f.Suppression != nil {
			continue
		}
		line := strings.Join(strings.Fields(f.LineText), " ")
		key := strings.Join([]string{f.Rule, f.Message, f.Path(), f.Func, line}, "\x00")
		n := rank[key]
		rank[key] = n + 1
		sum := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d", key, n))
		f.Fingerprint = hex.EncodeToString(sum[:16])
	}
}

// BaselineVersion is the format version this package reads and writes.
const BaselineVersion = 1

// A Baseline is the set of findings a project has accepted for now. Only
// findings missing from it fail a run; entries no finding matches any more
// are stale and should be dropped, so the baseline only ever shrinks.
type Baseline struct {
	Version  int     `json:"version"`
	Findings []Entry `json:"findings"`
}

// An Entry is one accepted finding. Everything but the fingerprint is there
// for the people who review the file.
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	Rule        string `json:"rule"`
	File        string `json:"file"`
	Func        string `json:"func,omitempty"`
	Message     string `json:"message"`
}

// NewBaseline records the standing findings of list.
func NewBaseline(list []*Finding) *Baseline {
	b := &Baseline{Version: BaselineVersion, Findings: []Entry{}}
	for _, f := range list {
		if f.Suppression != nil {
			continue
		}
		b.Findings = append(b.Findings, Entry{
			Fingerprint: f.Fingerprint,
			Rule:        f.Rule,
			File:        f.Path(),
			Func:        f.Func,
			Message:     f.Message,
		})
	}
	slices.SortStableFunc(b.Findings, func(x, y Entry) int {
		return strings.Compare(x.File+"\x00"+x.Fingerprint, y.File+"\x00"+y.Fingerprint)
	})
	return b
}

// ReadBaseline reads a baseline file, with one-line errors that name it.
func ReadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("baseline %s does not exist; create it with -baseline-write", path)
	}
	if err != nil {
		return nil, fmt.Errorf("cannot read baseline: %v", err)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("baseline %s is not valid: %s", path, jsonProblem(data, err))
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("baseline %s has version %d; this flowlint reads version %d",
			path, b.Version, BaselineVersion)
	}
	if b.Findings == nil {
		return nil, fmt.Errorf("baseline %s has no findings list; write it with -baseline-write", path)
	}
	for i, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("baseline %s: entry %d has no fingerprint", path, i+1)
		}
		if e.Rule == "" || e.File == "" {
			return nil, fmt.Errorf("baseline %s: entry %d lacks its rule or file; "+
				"rewrite the baseline with -baseline-write", path, i+1)
		}
	}
	return &b, nil
}

// jsonProblem says where in data a decoding error lies, by line.
func jsonProblem(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		return fmt.Sprintf("line %d: %v", lineOf(data, syn.Offset), syn)
	case errors.As(err, &typ):
		line := lineOf(data, typ.Offset)
		field := typ.Field
		if field == "" {
			field = "the file" // the top level: {"version": ..., "findings": [...]} expected
		}
		return fmt.Sprintf("line %d: %s holds a JSON %s", line, field, typ.Value)
	}
	return strings.TrimPrefix(err.Error(), "json: ")
}

func lineOf(data []byte, offset int64) int {
	offset = min(max(offset, 0), int64(len(data)))
	return 1 + strings.Count(string(data[:offset]), "\n")
}

// Write stores the baseline at path, one entry a line group, in an order
// that keeps diffs of the file small.
func (b *Baseline) Write(path string) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("cannot write baseline: %v", err)
	}
	return nil
}

// Compare splits the standing findings of list into those the baseline
// does not hold, and returns as well the entries no finding matched. Each
// entry absorbs one finding, so a second copy of an accepted finding is new.
// inScope, when not nil, says which entries the run could have matched: a
// run over some packages cannot tell whether the others' entries are stale.
func (b *Baseline) Compare(list []*Finding, inScope func(Entry) bool) (
	fresh []*Finding, stale []Entry) {
	left := map[string]int{}
	for _, e := range b.Findings {
		left[e.Fingerprint]++
	}
	for _, f := range list {
		if f.Suppression != nil {
			continue
		}
		if left[f.Fingerprint] > 0 {
			left[f.Fingerprint]--
			continue
		}
		fresh = append(fresh, f)
	}
	for _, e := range b.Findings {
		if left[e.Fingerprint] > 0 {
			left[e.Fingerprint]--
			if inScope == nil || inScope(e) {
				stale = append(stale, e)
			}
		}
	}
	return fresh, stale
}

// String describes a stale entry for the person who will remove it.
func (e Entry) String() string {
	where := e.File
	if e.Func != "" {
		where += " (" + e.Func + ")"
	}
	return fmt.Sprintf("stale baseline entry %s: %s; it no longer matches a finding, "+
		"so drop it or rewrite the baseline with -baseline-write", where, e.Message)
}
