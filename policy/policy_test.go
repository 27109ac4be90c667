package policy

import (
	"strings"
	"testing"
	"time"
)

func TestBurstCapacity(t *testing.T) {
	for _, tc := range []struct {
		burst string
		want  int
	}{
		{"200/s*90s*1.5", 27000},
		{"1500/min*2m*1", 3000},
		{"1500/min*2m*1.1", 3300},
		{"10/s*1s*1", 10},
		{"10/s*1s*1.01", 11}, // 10.1 rounds up: a partial slot is a slot
		{"3/s*333ms*1", 1},   // 0.999 rounds up
		{"0.5/s*3s*1", 2},
		{"1_000/s*1s*2", 2000},
		{"100/ms*1s*1", 100000},
		{"none", 0},
	} {
		b, err := ParseBurst(tc.burst)
		if err != nil {
			t.Errorf("ParseBurst(%q): %v", tc.burst, err)
			continue
		}
		if got := b.Capacity(); got != tc.want {
			t.Errorf("ParseBurst(%q).Capacity() = %d, want %d", tc.burst, got, tc.want)
		}
		if got := b.String(); got != tc.burst {
			t.Errorf("String() = %q, want the text as written %q", got, tc.burst)
		}
	}
}

func TestBurstTooLarge(t *testing.T) {
	for _, burst := range []string{"99999999999999/s*2540400h*99999", "99999999999999999999/s*1h*1", "1000/ms*1h*1"} {
		_, err := ParseBurst(burst)
		if err == nil || !strings.Contains(err.Error(), "more than any channel can hold") {
			t.Errorf("ParseBurst(%q) error = %v, want it rejected as too large", burst, err)
		}
	}
	if b, err := ParseBurst("1000/s*1h*1"); err != nil || b.Capacity() != 3_600_000 {
		t.Errorf("a large but sane burst: %v, %v", b, err)
	}
}

func TestBurstErrors(t *testing.T) {
	for _, tc := range []struct{ burst, want string }{
		{"200/s*90s", "want GAP*DURATION*SAFETY"},
		{"200*90s*1.5", "want a rate"},
		{"200/fortnight*90s*1.5", `unknown unit "fortnight"`},
		{"-5/s*90s*1.5", `"-5" is not a decimal`},
		{"0/s*90s*1.5", "not a positive number"},
		{"200/s*ninety*1.5", "not a Go duration"},
		{"200/s*-1s*1.5", "must be positive"},
		{"200/s*90s*1e3", "exponents are not accepted"},
		{"1e3/s*90s*1", "exponents are not accepted"},
		{"200/fortnight*90s*1.5", "want ns, us, ms, s, sec, m, min or h"},
		{"200/s*90s*0", "must be positive"},
		{"", "want GAP*DURATION*SAFETY"},
		{"200/s*90s*1.5*2", "want GAP*DURATION*SAFETY"},
	} {
		_, err := ParseBurst(tc.burst)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ParseBurst(%q) error = %v, want it to mention %q", tc.burst, err, tc.want)
		}
	}
}

func TestParseDirective(t *testing.T) {
	spec, err := ParseDirective("//flow:edge name=ingest policy=timed timeout=50ms burst=200/s*90s*1.5 from=reader to=parser")
	if err != nil {
		t.Fatal(err)
	}
	if spec.Name != "ingest" || spec.Policy != Timed || spec.Timeout != 50*time.Millisecond ||
		spec.Capacity() != 27000 || spec.From != "reader" || spec.To != "parser" {
		t.Errorf("parsed %+v", spec)
	}
	if err := spec.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}
	if got, want := spec.String(), "name=ingest policy=timed timeout=50ms burst=200/s*90s*1.5 from=reader to=parser"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}

func TestParseDirectiveErrors(t *testing.T) {
	for _, tc := range []struct {
		text   string
		want   string
		offset int
	}{
		{"//flow:edge", "empty annotation", 11},
		{"//flow:edge // policy=shed burst=10/s*1s*1", "empty annotation", 11},
		{"//flow:edge policy=drop burst=none", `unknown policy "drop"`, 12},
		{"//flow:edge policy=shed  burst", `field "burst" is not key=value`, 25},
		{"//flow:edge policy=shed policy=shed", `key "policy" given twice`, 24},
		{"//flow:edge polcy=shed", `unknown key "polcy"`, 12},
		{"//flow:edge policy=", `key "policy" has no value`, 12},
		{"//flow:edge name=a/b", `name "a/b"`, 12},
		{`//flow:edge from=a"b`, `from "a\"b": name an operator`, 12},
		{"//flow:edge policy=shed to=sink!", `to "sink!"`, 24},
		{"//flow:edge policy=timed timeout=soon", `timeout "soon"`, 25},
		{"//flow:edge policy=timed timeout=-1s", `must be positive`, 25},
		{"//flow:edgy policy=shed", "not a //flow:edge directive", 0},
	} {
		_, err := ParseDirective(tc.text)
		se, ok := err.(*SyntaxError)
		if !ok {
			t.Errorf("ParseDirective(%q) = %v, want a *SyntaxError", tc.text, err)
			continue
		}
		if !strings.Contains(se.Msg, tc.want) || se.Offset != tc.offset {
			t.Errorf("ParseDirective(%q) = %q at %d, want %q at %d", tc.text, se.Msg, se.Offset, tc.want, tc.offset)
		}
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"//flow:edge policy=shed burst=10/s*1s*1", ""},
		{"//flow:edge policy=shed burst=10/s*1s*1 // sized for the nightly replay", ""},
		{"//flow:edge policy=backpressure burst=none", ""},
		{"//flow:edge burst=none", "no policy"},
		{"//flow:edge name=x", `edge "x" has no policy`},
		{"//flow:edge policy=shed", "no burst profile"},
		{"//flow:edge policy=timed burst=none", "needs timeout"},
		{"//flow:edge policy=shed timeout=1s burst=none", "applies only to policy=timed"},
	} {
		spec, err := ParseDirective(tc.text)
		if err != nil {
			t.Fatalf("ParseDirective(%q): %v", tc.text, err)
		}
		err = spec.Validate()
		if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
			t.Errorf("Validate(%q) = %v, want %q", tc.text, err, tc.want)
		}
	}
}

func TestMerge(t *testing.T) {
	reg, _ := ParseFields("policy=timed timeout=10ms burst=100/s*1s*1")
	withEnds, _ := ParseFields("policy=timed timeout=10ms burst=100/s*1s*1 from=reader to=sink")
	bare, _ := ParseDirective("//flow:edge name=alerts")
	merged, err := bare.Merge(reg)
	if err != nil || merged.Validate() != nil || merged.Policy != Timed || merged.Capacity() != 100 {
		t.Errorf("Merge = %+v, %v", merged, err)
	}
	for _, tc := range []struct{ text, want string }{
		{"//flow:edge name=alerts policy=shed", "the registry says timed"},
		{"//flow:edge name=alerts burst=50/s*2s*1", "the registry says 100/s*1s*1"},
		{"//flow:edge name=alerts from=parser", "from=parser, the registry says reader"},
		{"//flow:edge name=alerts to=elsewhere", "to=elsewhere, the registry says sink"},
	} {
		clash, _ := ParseDirective(tc.text)
		if _, err := clash.Merge(withEnds); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Merge(%q): err = %v, want %q", tc.text, err, tc.want)
		}
	}
}

func FuzzParseDirective(f *testing.F) {
	f.Add("//flow:edge policy=shed burst=200/s*90s*1.5")
	f.Add("//flow:edge name=x policy=timed timeout=5ms burst=none")
	f.Add("//flow:edge burst=1/h*1ns*0.0001")
	f.Fuzz(func(t *testing.T, text string) {
		spec, err := ParseDirective(text)
		if err != nil {
			se, ok := err.(*SyntaxError)
			if !ok || se.Offset < 0 || se.Offset > len(text) || se.Msg == "" {
				t.Fatalf("bad error %#v for %q", err, text)
			}
			return
		}
		if spec.Capacity() < 0 {
			t.Fatalf("negative capacity for %q", text)
		}
		again, err := ParseFields(spec.String())
		if err != nil || again.String() != spec.String() {
			t.Fatalf("round trip of %q: %q, %v", text, spec.String(), err)
		}
	})
}
