package policydoc

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/types"
	"time"

	"golang.org/x/tools/go/analysis"

	"github.com/flowlint/flowlint/analyzers/syntax"
	"github.com/flowlint/flowlint/policy"
)

// measuredRemark ends an inferred annotation whose burst only restates
// the capacity: the code knows how big the buffer is, not why, so the
// annotation says so until someone measures the burst it must absorb.
const measuredRemark = " // TODO: replace with the measured burst"

// inferredFix suggests the annotation an unannotated channel's sends
// already imply: backpressure when every send blocks (cancellably or
// not), shed when every send's default counts the drop, timed when every
// send waits on a timer of one constant duration. There is no fix when
// the sends disagree, when there are none, or when the capacity is not a
// constant the burst could document.
func (k *checker) inferredFix(m *channelMake) (analysis.SuggestedFix, bool) {
	if !m.capKnown || m.capVal < 0 || m.capVal > 1<<31 || m.storage == nil {
		return analysis.SuggestedFix{}, false
	}
	spec, ok := k.agreedPolicy(m.storage)
	if !ok {
		return analysis.SuggestedFix{}, false
	}
	burst := "none"
	if m.capVal > 0 {
		burst = fmt.Sprintf("%d/s*1s*1", m.capVal)
	}
	text := fmt.Sprintf("%s policy=%s", policy.Directive, spec.Policy)
	if spec.Timeout > 0 {
		text += " timeout=" + spec.Timeout.String()
	}
	text += " burst=" + burst
	if m.capVal > 0 {
		text += measuredRemark
	}
	return k.annotateAbove(m, text)
}

// annotateAbove inserts a line above the statement holding a make, at the
// statement's indentation. A make that shares its line with other code
// before it (return &T{ch: make(...)}) gets no fix: an annotation above
// that line would describe the wrong thing.
func (k *checker) annotateAbove(m *channelMake, text string) (analysis.SuggestedFix, bool) {
	holder, _, _ := enclosingLines(k.pass.Fset, m.cur)
	tf := k.pass.Fset.File(holder.Pos())
	src, err := k.pass.ReadFile(tf.Name())
	if err != nil {
		return analysis.SuggestedFix{}, false
	}
	start := tf.LineStart(tf.PositionFor(holder.Pos(), false).Line)
	indent := src[tf.Offset(start):tf.Offset(holder.Pos())]
	if len(bytes.TrimLeft(indent, " \t")) > 0 {
		return analysis.SuggestedFix{}, false
	}
	line := string(indent) + text + "\n"
	return analysis.SuggestedFix{
		Message:   "annotate the channel as its sends use it: " + text,
		TextEdits: []analysis.TextEdit{{Pos: start, End: start, NewText: []byte(line)}},
	}, true
}

// agreedPolicy classifies every send on a channel, through the locals and
// parameters it is passed to, and returns the policy they all follow.
func (k *checker) agreedPolicy(storage types.Object) (policy.Spec, bool) {
	held := k.aliases(storage)
	var agreed policy.Spec
	n := 0
	for _, cur := range k.sends {
		if !held[objectOf(k.pass.TypesInfo, cur.Node().(*ast.SendStmt).Chan)] {
			continue
		}
		spec, ok := k.sendPolicy(k.site(cur), cur)
		if !ok || (n > 0 && (spec.Policy != agreed.Policy || spec.Timeout != agreed.Timeout)) {
			return policy.Spec{}, false
		}
		agreed = spec
		n++
	}
	return agreed, n > 0
}

// sendPolicy is the policy one send follows, if it follows one clearly.
func (k *checker) sendPolicy(s sendSite, cur syntax.Cursor) (policy.Spec, bool) {
	switch {
	case s.sel == nil:
		return policy.Spec{Policy: policy.Backpressure}, true
	case s.deflt != nil:
		if len(s.timers) > 0 || k.keepsValue(cur, s) || !countsDrop(k.pass.TypesInfo, s.deflt.Body) {
			return policy.Spec{}, false // a retry, a spill or a silent drop: no policy to infer
		}
		return policy.Spec{Policy: policy.Shed}, true
	}
	var wait time.Duration
	for _, t := range s.timers {
		switch {
		case t.what == "context":
			// a context from elsewhere: a cancellation, not a timeout
		case t.duration == 0 || (wait != 0 && t.duration != wait):
			return policy.Spec{}, false // a wait of unknown or mixed length
		default:
			wait = t.duration
		}
	}
	if wait == 0 {
		return policy.Spec{Policy: policy.Backpressure}, true
	}
	return policy.Spec{Policy: policy.Timed, Timeout: wait}, true
}

// aliases is the set of variables, fields and parameters a channel
// reaches from where it is stored, by assignment or as an argument.
func (k *checker) aliases(obj types.Object) map[types.Object]bool {
	held := map[types.Object]bool{obj: true}
	for round := 0; round < 8; round++ {
		changed := false
		for _, m := range k.moves() {
			if !held[m.to] && held[m.from] {
				held[m.to] = true
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	return held
}
