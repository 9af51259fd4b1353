package tui

import (
	"math/big"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestFormatting(t *testing.T) {
	for _, tc := range []struct{ got, want string }{
		{eth(big.NewInt(855_000_000_000_000)), "0.000855"},
		{eth(new(big.Int).Mul(big.NewInt(100), big.NewInt(1e18))), "100"},
		{eth(big.NewInt(1)), "0"}, // below a millionth of an ETH
		{eth(nil), "0"},
		{ethString("-145000000000000"), "-0.000145"},
		{ethString("junk"), "junk"},
		{gwei(big.NewInt(912_000_000)), "0.912"},
		{thousands(71697), "71,697"},
		{thousands(999), "999"},
		{thousands(1_000_000), "1,000,000"},
		{pool("0.001", 4), "0.004"},
		{pool("0", 2), "0"},
		{short("0x8231A2194223cb9a87F6c8A724a5f0427e6a115d"), "0x8231…115d"},
		{ordinal(1) + ordinal(2) + ordinal(3) + ordinal(11), "1st2nd3rd11th"},
		{versionName("agent-v3", "agent"), "v3"},
	} {
		if tc.got != tc.want {
			t.Errorf("got %q, want %q", tc.got, tc.want)
		}
	}
}

func TestFitCutsToTheFrame(t *testing.T) {
	got := fit("a long line that does not fit\nshort\nthree\nfour", 10, 3)
	lines := strings.Split(got, "\n")
	if len(lines) != 3 || lines[1] != "short" {
		t.Fatalf("fit = %q", got)
	}
	for _, l := range lines {
		if ansi.StringWidth(l) > 10 {
			t.Errorf("%q is wider than 10", l)
		}
	}
	if got := fit("one", 10, 3); strings.Count(got, "\n") != 2 {
		t.Errorf("fit pads to the height: %q", got)
	}
}

func TestProblemsByField(t *testing.T) {
	p := problemsByField("agent name: is empty\nagent sampling.temperature: 3 is outside [0, 2]\nagent auto_enter.tier: 9 is not a tier\nagent name: second\nsomething else")
	if p[fieldName] != "is empty" || p[fieldTemperature] != "3 is outside [0, 2]" || p[fieldAutoTier] != "9 is not a tier" {
		t.Errorf("problems %q", p)
	}
}

func TestTableAlignsColumns(t *testing.T) {
	got := table([]string{"a", "bb"}, [][]string{{"xxx", "y"}, {"z", "wwww"}}, 1)
	want := "  a    bb\n  xxx  y\n> z    wwww\n"
	if got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
}
