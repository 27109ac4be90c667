package report

import (
	"encoding/json"
	"io"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"

	"github.com/flowlint/flowlint"
)

// SARIF 2.1.0, the part of it flowlint fills in. Field names follow the
// specification; omitempty keeps absent optional properties absent rather
// than null, which the schema rejects.
type (
	sarifLog struct {
		Schema  string     `json:"$schema"`
		Version string     `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool              sarifTool                   `json:"tool"`
		OriginalURIBaseID map[string]sarifArtifactLoc `json:"originalUriBaseIds,omitempty"`
		Results           []sarifResult               `json:"results"`
		ColumnKind        string                      `json:"columnKind"`
	}
	sarifTool struct {
		Driver sarifDriver `json:"driver"`
	}
	sarifDriver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Rules          []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID               string       `json:"id"`
		ShortDescription sarifMessage `json:"shortDescription"`
		FullDescription  sarifMessage `json:"fullDescription"`
		HelpURI          string       `json:"helpUri,omitempty"`
	}
	sarifMessage struct {
		Text string `json:"text"`
	}
	sarifResult struct {
		RuleID              string             `json:"ruleId"`
		RuleIndex           int                `json:"ruleIndex"`
		Level               string             `json:"level"`
		Message             sarifMessage       `json:"message"`
		Locations           []sarifLocation    `json:"locations"`
		PartialFingerprints map[string]string  `json:"partialFingerprints,omitempty"`
		BaselineState       string             `json:"baselineState,omitempty"`
		Fixes               []sarifFix         `json:"fixes,omitempty"`
		Suppressions        []sarifSuppression `json:"suppressions,omitempty"`
	}
	sarifLocation struct {
		PhysicalLocation sarifPhysical `json:"physicalLocation"`
	}
	sarifPhysical struct {
		ArtifactLocation sarifArtifactLoc `json:"artifactLocation"`
		Region           sarifRegion      `json:"region"`
	}
	sarifArtifactLoc struct {
		URI       string `json:"uri"`
		URIBaseID string `json:"uriBaseId,omitempty"`
	}
	sarifRegion struct {
		StartLine   int `json:"startLine"`
		StartColumn int `json:"startColumn"`
		EndLine     int `json:"endLine"`
		EndColumn   int `json:"endColumn"`
	}
	sarifFix struct {
		Description     sarifMessage          `json:"description"`
		ArtifactChanges []sarifArtifactChange `json:"artifactChanges"`
	}
	sarifArtifactChange struct {
		ArtifactLocation sarifArtifactLoc   `json:"artifactLocation"`
		Replacements     []sarifReplacement `json:"replacements"`
	}
	sarifReplacement struct {
		DeletedRegion   sarifRegion   `json:"deletedRegion"`
		InsertedContent *sarifContent `json:"insertedContent,omitempty"`
	}
	sarifContent struct {
		Text string `json:"text"`
	}
	sarifSuppression struct {
		Kind          string `json:"kind"`
		Justification string `json:"justification,omitempty"`
	}
)

const (
	sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/" +
		"sarif-schema-2.1.0.json"
	srcRoot      = "%SRCROOT%"
	toolInfoURI  = "https://github.com/flowlint/flowlint"
	fingerprintK = "flowlint/v1"
)

// SARIFOptions shape a SARIF report.
type SARIFOptions struct {
	// Root is the directory result URIs are relative to, usually the main
	// module's root; it becomes the %SRCROOT% base. Files outside it keep
	// absolute file URIs.
	Root string

	// Baseline, when set, marks each standing result "new" or "unchanged"
	// against it.
	Baseline *Baseline
}

// WriteSARIF writes list as a SARIF 2.1.0 log with one run. Every rule in
// rules is described, whether or not it found anything; silenced findings
// appear with an inSource suppression carrying the comment's reason.
func WriteSARIF(w io.Writer, list []*Finding, rules []flowlint.Rule, opts SARIFOptions) error {
	run := sarifRun{
		Tool:       sarifTool{Driver: sarifDriver{Name: "flowlint", InformationURI: toolInfoURI}},
		Results:    []sarifResult{},
		ColumnKind: "utf16CodeUnits",
	}
	index := map[string]int{}
	for i, r := range rules {
		index[r.Name] = i
		summary, _, _ := strings.Cut(r.Doc, "\n")
		run.Tool.Driver.Rules = append(run.Tool.Driver.Rules, sarifRule{
			ID:               r.Name,
			ShortDescription: sarifMessage{Text: summary},
			FullDescription:  sarifMessage{Text: r.Doc},
			HelpURI:          r.URL,
		})
	}
	if opts.Root != "" {
		run.OriginalURIBaseID = map[string]sarifArtifactLoc{srcRoot: {URI: dirURI(opts.Root)}}
	}

	var fresh map[*Finding]bool
	if opts.Baseline != nil {
		news, _ := opts.Baseline.Compare(list, nil)
		fresh = map[*Finding]bool{}
		for _, f := range news {
			fresh[f] = true
		}
	}

	src := newSources()
	for _, f := range list {
		res := sarifResult{
			RuleID:    f.Rule,
			RuleIndex: index[f.Rule],
			Level:     "warning",
			Message:   sarifMessage{Text: f.Message},
			Locations: []sarifLocation{{PhysicalLocation: sarifPhysical{
				ArtifactLocation: artifact(opts.Root, f.File),
				Region:           region(src, f.File, f.Start, f.End),
			}}},
		}
		if _, ok := index[f.Rule]; !ok {
			res.RuleIndex = -1 // not in the catalog: the schema allows -1 for unknown
		}
		if f.Fingerprint != "" {
			res.PartialFingerprints = map[string]string{fingerprintK: f.Fingerprint}
		}
		if opts.Baseline != nil && f.Suppression == nil {
			res.BaselineState = "unchanged"
			if fresh[f] {
				res.BaselineState = "new"
			}
		}
		if s := f.Suppression; s != nil {
			res.Suppressions = []sarifSuppression{{Kind: "inSource", Justification: s.Reason}}
		}
		for _, fix := range f.Fixes {
			res.Fixes = append(res.Fixes, sarifFixOf(src, opts.Root, fix))
		}
		run.Results = append(run.Results, res)
	}

	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}})
}

// sarifFixOf groups a fix's edits by file, as SARIF's artifactChanges do.
func sarifFixOf(src *sources, root string, fix Fix) sarifFix {
	out := sarifFix{Description: sarifMessage{Text: fix.Message}}
	byFile := map[string]int{}
	for _, e := range fix.Edits {
		i, ok := byFile[e.File]
		if !ok {
			i = len(out.ArtifactChanges)
			byFile[e.File] = i
			out.ArtifactChanges = append(out.ArtifactChanges,
				sarifArtifactChange{ArtifactLocation: artifact(root, e.File)})
		}
		rep := sarifReplacement{DeletedRegion: region(src, e.File, e.Start, e.End)}
		if e.NewText != "" {
			rep.InsertedContent = &sarifContent{Text: e.NewText}
		}
		out.ArtifactChanges[i].Replacements = append(out.ArtifactChanges[i].Replacements, rep)
	}
	return out
}

// artifact locates file relative to root when it lies below it, so the
// report does not depend on where the checkout was.
func artifact(root, file string) sarifArtifactLoc {
	if root != "" {
		if rel, err := filepath.Rel(root, file); err == nil && filepath.IsLocal(rel) {
			return sarifArtifactLoc{URI: pathURI(filepath.ToSlash(rel)), URIBaseID: srcRoot}
		}
	}
	return sarifArtifactLoc{URI: fileURI(file)}
}

// region converts byte columns, which go/token counts, into the UTF-16 code
// units SARIF counts by default; they differ on any line with non-ASCII
// text before the finding.
func region(src *sources, file string, start, end Position) sarifRegion {
	return sarifRegion{
		StartLine:   start.Line,
		StartColumn: utf16Col(src.line(file, start.Line), start.Col),
		EndLine:     end.Line,
		EndColumn:   utf16Col(src.line(file, end.Line), end.Col),
	}
}

func utf16Col(line string, byteCol int) int {
	if byteCol < 1 {
		return 1
	}
	if byteCol-1 > len(line) {
		return byteCol // the line could not be read; bytes are the best guess
	}
	return 1 + len(utf16.Encode([]rune(line[:byteCol-1])))
}

func pathURI(p string) string {
	return (&url.URL{Path: p}).EscapedPath()
}

func fileURI(path string) string {
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(path)}).String()
}

func dirURI(dir string) string {
	u := fileURI(dir)
	if !strings.HasSuffix(u, "/") {
		u += "/"
	}
	return u
}
