package netguard

import (
	"net/netip"
	"testing"
)

// FuzzParseAllow feeds ParseAllow operator input of every shape: it must
// never panic, and what it accepts must print as entries it reads back the
// same, and must never allow a refused address it was not given.
func FuzzParseAllow(f *testing.F) {
	for _, s := range []string{"127.0.0.2", "10.0.0.0/8,fd00::/8", "[::1]", "vllm.internal.", "a,,b", "::ffff:127.0.0.1", "1.2.3.4/0", "fe80::1%eth0", "x/y", "ALLOWED.Host"} {
		f.Add(s)
	}
	probes := []netip.Addr{netip.MustParseAddr("169.254.169.254"), netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("fd00::1")}
	f.Fuzz(func(t *testing.T, s string) {
		a, err := ParseAllow(s)
		if err != nil {
			return
		}
		b, err := ParseAllow(a.String())
		if err != nil {
			t.Fatalf("ParseAllow(%q).String() = %q, which does not parse: %v", s, a.String(), err)
		}
		if a.String() != b.String() {
			t.Fatalf("ParseAllow(%q): %q then %q", s, a.String(), b.String())
		}
		if a.IsZero() {
			for _, ip := range probes {
				if a.Check(ip) == nil {
					t.Fatalf("ParseAllow(%q) allows nothing, yet %s passes", s, ip)
				}
			}
		}
	})
}
