package spaces

import (
	"errors"
	"flag"
	"math/big"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/rlfc/arena/judges"
)

var update = flag.Bool("update", false, "rewrite the .err files of testdata/bad from the errors Parse returns")

// TestBadSpecs parses each spec in testdata/bad and compares the error
// with the .err file beside it, so that every rule's message, line and key
// is pinned down and reviewable as text.
func TestBadSpecs(t *testing.T) {
	files, err := filepath.Glob("testdata/bad/*.toml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no bad specs: %v", err)
	}
	for _, file := range files {
		t.Run(strings.TrimSuffix(filepath.Base(file), ".toml"), func(t *testing.T) {
			_, err := Load(file)
			if err == nil {
				t.Fatal("Load accepted a bad spec")
			}
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("error %T is not an *Error: %v", err, err)
			}
			errFile := strings.TrimSuffix(file, ".toml") + ".err"
			if *update {
				if err := os.WriteFile(errFile, []byte(err.Error()+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, rerr := os.ReadFile(errFile)
			if rerr != nil {
				t.Fatal(rerr)
			}
			if got := err.Error(); got != strings.TrimSuffix(string(want), "\n") {
				t.Errorf("error:\n%s\nwant:\n%s", got, want)
			}
			for _, p := range allErrors(err) {
				if p.File != file || p.Line < 1 || p.Col < 1 {
					t.Errorf("%q does not locate its problem (file %q, line %d, col %d)", p.Error(), p.File, p.Line, p.Col)
				}
			}
		})
	}
}

// allErrors lists the *Errors in err: one, or an ErrorList's.
func allErrors(err error) []*Error {
	var l ErrorList
	if errors.As(err, &l) {
		return l
	}
	var e *Error
	if errors.As(err, &e) {
		return []*Error{e}
	}
	return nil
}

func TestGoodSpecs(t *testing.T) {
	files, _ := filepath.Glob("testdata/good/*.toml")
	if len(files) == 0 {
		t.Fatal("no good specs")
	}
	for _, file := range files {
		s, err := Load(file)
		if err != nil {
			t.Errorf("%s: %v", file, err)
			continue
		}
		roundTrip(t, s)
	}
}

// TestInlineForms checks that inline tables and dotted keys decode as
// table headers do.
func TestInlineForms(t *testing.T) {
	s, err := Load("testdata/good/inline.toml")
	if err != nil {
		t.Fatal(err)
	}
	want := &Spec{
		ID: "inline", Name: "Inline", Mode: Parallel, Rounds: 1,
		Players: Players{Min: 2, Max: 2},
		Task:    TaskConfig{Generator: "pitch"},
		Judges: []judges.Config{
			{Kind: "format", MaxWords: 12, EndsWith: "."},
			{Kind: "llm", Optional: true},
		},
		Entry:  Entry{Currency: "ETH", Tiers: []string{"0"}},
		Payout: Payout{Shares: []float64{0.5, 0.5}, ZeroSum: true},
	}
	if !reflect.DeepEqual(s, want) {
		t.Errorf("got %+v\nwant %+v", s, want)
	}
}

// TestProblemPlaces checks that problems in inline tables and dotted keys
// are placed on the line and key where they are written.
func TestProblemPlaces(t *testing.T) {
	base := "id = \"x\"\nname = \"X\"\nmode = \"parallel\"\nrounds = 1\nplayers = { min = 2, max = 2 }\n" +
		"task.generator = \"slogan\"\nentry = { currency = \"ETH\", tiers = [\"0\"] }\n"
	for _, tc := range []struct {
		name, doc, want string
	}{
		{"inline judge key", base + "payout = { shares = [1], zero_sum = true }\njudges = [{ kind = \"format\" }, { kind = \"format\", wieght = 1 }]\n",
			"x.toml:9: judges[1].wieght: unknown key, did you mean \"weight\"?"},
		{"inline judge check", base + "payout = { shares = [1], zero_sum = true }\njudges = [{ kind = \"format\" },\n  { kind = \"format\", max_words = -1 }]\n",
			"x.toml:10: judges[1].max_words: -1 is negative; use 0 (or leave it out) for no limit"},
		{"dotted key", base + "payout.shares = [0.5]\npayout.zero_sum = true\njudges = [{ kind = \"format\" }]\n",
			"x.toml:8: payout.shares: shares sum to 0.5, want 1"},
		{"array over lines", base + "judges = [{ kind = \"format\" }]\n[payout]\nzero_sum = true\nshares = [\n  0.5,\n  2,\n]\n",
			"x.toml:13: payout.shares[1]: 2, want 0 to 1"},
		{"unknown in inline table", strings.Replace(base, "max = 2 }", "max = 2, most = 3 }", 1) + "payout = { shares = [1], zero_sum = true }\njudges = [{ kind = \"format\" }]\n",
			"x.toml:5: players.most: unknown key; known keys here: max, min"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse("x.toml", []byte(tc.doc))
			if err == nil || err.Error() != tc.want {
				t.Errorf("error:\n%v\nwant:\n%s", err, tc.want)
			}
		})
	}
}

func TestBuiltin(t *testing.T) {
	specs := Builtin()
	var ids []string
	for _, s := range specs {
		ids = append(ids, s.ID)
		if err := s.Validate(); err != nil {
			t.Errorf("%s: %v", s.ID, err)
		}
		data, err := builtinFS.ReadFile("builtin/" + s.ID + ".toml")
		if err != nil {
			t.Errorf("%s: the file is not named after the id: %v", s.ID, err)
		} else if p, err := Parse(s.ID, data); err != nil || !reflect.DeepEqual(p, s) {
			t.Errorf("%s: parsed again: %v", s.ID, err)
		}
		roundTrip(t, s)
		if got := s.SharesPPM(); sum(got) != PPM {
			t.Errorf("%s: shares %v sum to %d ppm", s.ID, got, sum(got))
		}
		for i := range s.Entry.Tiers {
			if _, err := s.Fee(i); err != nil {
				t.Errorf("%s: %v", s.ID, err)
			}
		}
		switch s.Mode {
		case Parallel:
			if _, err := s.Generator(1); err != nil {
				t.Errorf("%s: %v", s.ID, err)
			}
		case Turns:
			if _, err := s.NewGame(1, 0); err != nil {
				t.Errorf("%s: %v", s.ID, err)
			}
		}
	}
	if want := []string{"nim", "slogan", "sum-duel", "tic-tac-toe"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("built-in ids %v, want %v", ids, want)
	}

	// The brief's promises about the built-ins that the engine relies on.
	duel, _ := Lookup("sum-duel")
	if duel.Mode != Parallel || duel.Task.Generator != "arithmetic" || duel.Players != (Players{2, 4}) ||
		duel.Rounds != 8 || duel.SamplesPerTask() != 2 || !duel.Payout.ZeroSum || !duel.House ||
		duel.PairMargin() != 0.25 || duel.Payout.RakeBPS != 500 || len(duel.Judges) != 2 ||
		duel.Judges[0].Kind != "numeric" || duel.Judges[1].Kind != "format" || duel.Judges[1].MaxWords != 1 {
		t.Errorf("sum-duel: %+v", duel)
	}
	for _, id := range []string{"tic-tac-toe", "nim"} {
		g, _ := Lookup(id)
		if g.Mode != Turns || g.Players != (Players{2, 2}) || g.Rounds != 2 || g.Judges[0].Kind != "outcome" ||
			!reflect.DeepEqual(g.SharesPPM(), []int64{PPM, 0}) {
			t.Errorf("%s: %+v", id, g)
		}
	}
	slogan, _ := Lookup("slogan")
	if len(slogan.Judges) != 2 || slogan.Judges[1].Kind != "llm" || !slogan.Judges[1].Optional ||
		slogan.Judges[1].Rubric == "" || slogan.QuorumOrDefault() != 1 {
		t.Errorf("slogan: %+v", slogan)
	}
}

func TestBuiltinCopies(t *testing.T) {
	a := Builtin()
	a[0].Name = "changed"
	a[0].Entry.Tiers[0] = "99"
	a[0].Payout.Shares[0] = 0
	a[0].Judges[0].Kind = "changed"
	b := Builtin()
	if b[0].Name == "changed" || b[0].Entry.Tiers[0] == "99" || b[0].Payout.Shares[0] == 0 || b[0].Judges[0].Kind == "changed" {
		t.Error("Builtin shares its specs with its callers")
	}
	s, _ := Lookup(b[0].ID)
	s.Entry.Tiers[0] = "99"
	if again, _ := Lookup(b[0].ID); again.Entry.Tiers[0] == "99" {
		t.Error("Lookup shares its specs with its callers")
	}
}

func TestLookupUnknown(t *testing.T) {
	_, err := Lookup("chess")
	want := `spaces: no built-in Space "chess"; the built-in Spaces are nim, slogan, sum-duel, tic-tac-toe`
	if err == nil || err.Error() != want {
		t.Errorf("error %v, want %s", err, want)
	}
}

func TestValidateWithoutDocument(t *testing.T) {
	s, _ := Lookup("sum-duel")
	s.Rounds = 0
	s.Payout.Shares = []float64{0.5, 0.4}
	err := s.Validate()
	want := "rounds: 0, want 1 to 1000\npayout.shares: shares sum to 0.9, want 1"
	if err == nil || err.Error() != want {
		t.Errorf("error:\n%v\nwant:\n%s", err, want)
	}
	var l ErrorList
	if !errors.As(err, &l) || len(l) != 2 || l[0].Key != "rounds" || l[1].Key != "payout.shares" {
		t.Errorf("error list %#v", l)
	}
}

func TestErrorFormat(t *testing.T) {
	for _, tc := range []struct {
		e    Error
		want string
	}{
		{Error{File: "spaces/sum-duel.toml", Line: 12, Col: 1, Key: "payout.shares", Msg: "shares sum to 0.9, want 1"},
			"spaces/sum-duel.toml:12: payout.shares: shares sum to 0.9, want 1"},
		{Error{File: "a.toml", Line: 3, Msg: "expected ']'"}, "a.toml:3: expected ']'"},
		{Error{Key: "rounds", Msg: "0, want 1 to 1000"}, "rounds: 0, want 1 to 1000"},
	} {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("got %q, want %q", got, tc.want)
		}
	}
}

func TestLoadMissingFile(t *testing.T) {
	if _, err := Load("testdata/no-such.toml"); err == nil || !errors.Is(err, os.ErrNotExist) {
		t.Errorf("error %v, want one wrapping os.ErrNotExist", err)
	}
}

func TestMoney(t *testing.T) {
	duel, _ := Lookup("sum-duel")
	for tier, want := range []string{"0", "1000000000000000", "10000000000000000"} {
		fee, err := duel.Fee(tier)
		if err != nil || fee.String() != want {
			t.Errorf("Fee(%d) = %v, %v; want %s wei", tier, fee, err, want)
		}
	}
	if _, err := duel.Fee(3); err == nil {
		t.Error("Fee(3) of three tiers did not fail")
	}
	for fee, want := range map[string]int{"0": 0, "0.001": 1, "0.010": 2, "0.01": 2} {
		if got, err := duel.TierIndex(fee); err != nil || got != want {
			t.Errorf("TierIndex(%q) = %d, %v; want %d", fee, got, err, want)
		}
	}
	for _, fee := range []string{"0.5", "abc", "-1", ""} {
		if _, err := duel.TierIndex(fee); err == nil {
			t.Errorf("TierIndex(%q) did not fail", fee)
		}
	}
	if p, err := duel.PrizeBase(); err != nil || p.Sign() != 0 {
		t.Errorf("PrizeBase of a zero-sum Space = %v, %v", p, err)
	}

	usdc, err := Load("testdata/good/parallel.toml")
	if err != nil {
		t.Fatal(err)
	}
	if fee, _ := usdc.Fee(1); fee.Cmp(big.NewInt(500_000)) != 0 {
		t.Errorf("0.5 USDC = %v base units, want 500000", fee)
	}
	duel2, err := Load("testdata/good/turns.toml")
	if err != nil {
		t.Fatal(err)
	}
	if p, err := duel2.PrizeBase(); err != nil || p.String() != "10000000000000000" {
		t.Errorf("PrizeBase = %v, %v; want 1e16 wei", p, err)
	}
	if got := duel.SharesPPM(); !reflect.DeepEqual(got, []int64{600_000, 300_000, 100_000, 0}) {
		t.Errorf("SharesPPM = %v", got)
	}
	thirds := &Spec{Payout: Payout{Shares: []float64{0.333334, 0.333333, 0.333333}}}
	if got := thirds.SharesPPM(); sum(got) != PPM {
		t.Errorf("SharesPPM = %v", got)
	}
}

func TestSettings(t *testing.T) {
	var zero Spec
	zero.Judges = []judges.Config{{Kind: "format"}, {Kind: "llm", Optional: true}, {Kind: "numeric"}}
	if zero.SamplesPerTask() != 1 || zero.QuorumOrDefault() != 2 || zero.ReplyTimeout() != 30*time.Second ||
		zero.MaxTokens() != 32 || zero.PairMargin() != 0.1 {
		t.Errorf("defaults: samples %d, quorum %d, timeout %v, tokens %d, margin %v",
			zero.SamplesPerTask(), zero.QuorumOrDefault(), zero.ReplyTimeout(), zero.MaxTokens(), zero.PairMargin())
	}
	allOptional := Spec{Judges: []judges.Config{{Kind: "llm", Optional: true}}}
	if allOptional.QuorumOrDefault() != 1 {
		t.Errorf("quorum of an all-optional panel = %d, want 1", allOptional.QuorumOrDefault())
	}
	set := Spec{Samples: 3, Quorum: 1, Limits: Limits{ReplySeconds: 1.5, MaxTokens: 7}, Margin: 0.3}
	if set.SamplesPerTask() != 3 || set.QuorumOrDefault() != 1 || set.ReplyTimeout() != 1500*time.Millisecond ||
		set.MaxTokens() != 7 || set.PairMargin() != 0.3 {
		t.Error("set values are not used")
	}
}

// roundTrip checks that s marshals to TOML that parses back to s.
func roundTrip(t *testing.T, s *Spec) {
	t.Helper()
	data, err := s.Marshal()
	if err != nil {
		t.Fatalf("%s: %v", s.ID, err)
	}
	back, err := Parse(s.ID+".toml", data)
	if err != nil {
		t.Fatalf("%s: marshalled spec does not parse: %v\n%s", s.ID, err, data)
	}
	if !reflect.DeepEqual(back, s) {
		t.Errorf("%s: round trip changed the spec:\n%+v\n%+v", s.ID, s, back)
	}
}

func sum(xs []int64) int64 {
	var n int64
	for _, x := range xs {
		n += x
	}
	return n
}

// TestMarshalAwkward round-trips values that TOML must quote or escape.
func TestMarshalAwkward(t *testing.T) {
	for _, text := range []string{
		"it's \"quoted\"", "tab\there", "line\nbreak\r\nand crlf", "nul\x00byte", "del\x7f", "é ünïcode ✓",
		"'''", `"""`, "back\\slash", "\u2028separator", "# not a comment", "trailing space ",
	} {
		s := mustLookup(t, "slogan")
		s.Description = text
		s.Name = text
		s.Judges[1].Rubric = text
		s.Entry.Currency = text
		s.Margin = 1e-300
		s.Payout.Shares = []float64{0.999999, 0.000001}
		roundTrip(t, s)
	}
}
