package main

import (
	"errors"
	"io"
	"net/netip"
	"testing"
)

// TestAllowEndpoint checks --allow-endpoint's wiring: loopback by default
// for local commands and serve --dev, nothing for serve, and exactly the
// entries given (flag or ARENA_ALLOW_ENDPOINT, comma-separated) otherwise.
func TestAllowEndpoint(t *testing.T) {
	lo, priv, pub := netip.MustParseAddr("127.0.0.1"), netip.MustParseAddr("10.1.2.3"), netip.MustParseAddr("8.8.8.8")
	for _, tc := range []struct {
		name     string
		args     []string
		env      string
		loopback bool // as serve --dev and the local commands ask
		allowed  []netip.Addr
		refused  []netip.Addr
	}{
		{"serve", nil, "", false, []netip.Addr{pub}, []netip.Addr{lo, priv}},
		{"serve --dev", nil, "", true, []netip.Addr{pub, lo}, []netip.Addr{priv}},
		{"given replaces loopback", []string{"--allow-endpoint", "10.0.0.0/8"}, "", true, []netip.Addr{priv, pub}, []netip.Addr{lo}},
		{"repeatable", []string{"--allow-endpoint", "10.0.0.0/8", "--allow-endpoint", "127.0.0.1"}, "", false, []netip.Addr{priv, lo}, nil},
		{"env, comma-separated", nil, "127.0.0.1, 10.0.0.0/8", false, []netip.Addr{priv, lo}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("ARENA_ALLOW_ENDPOINT", tc.env)
			f := newFlags("test", "", "")
			sf := addStoreFlags(f)
			if err := f.parse(tc.args, io.Discard); err != nil {
				t.Fatal(err)
			}
			allow, err := sf.allowed(tc.loopback)
			if err != nil {
				t.Fatal(err)
			}
			for _, ip := range tc.allowed {
				if err := allow.Check(ip); err != nil {
					t.Errorf("%s refused: %v", ip, err)
				}
			}
			for _, ip := range tc.refused {
				if allow.Check(ip) == nil {
					t.Errorf("%s allowed", ip)
				}
			}
		})
	}

	f := newFlags("test", "", "")
	sf := addStoreFlags(f)
	if err := f.parse([]string{"--allow-endpoint", "10.0.0.0/99"}, io.Discard); err != nil {
		t.Fatal(err)
	}
	var usage usageError
	if _, err := sf.allowed(false); !errors.As(err, &usage) {
		t.Errorf("a bad entry: %v, want a usage error naming it", err)
	}
}
