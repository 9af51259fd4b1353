package netguard

import (
	"context"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// TestRefusedRanges checks one address at each end of every refused range,
// and public neighbours that must pass.
func TestRefusedRanges(t *testing.T) {
	refused := []string{
		// IPv4
		"0.0.0.0", "0.255.255.255",
		"10.0.0.1", "10.255.255.255",
		"100.64.0.1", "100.127.255.255",
		"127.0.0.1", "127.0.0.2", "127.255.255.254",
		"169.254.169.254", "169.254.0.1",
		"172.16.0.1", "172.31.255.255",
		"192.0.0.8", "192.0.2.1", "192.88.99.1",
		"192.168.0.1", "192.168.255.255",
		"198.18.0.1", "198.19.255.255", "198.51.100.7", "203.0.113.9",
		"224.0.0.1", "239.255.255.250",
		"240.0.0.1", "255.255.255.255",
		// IPv6
		"::", "::1", "fe80::1", "fe80::1%eth0", "febf::1", "fec0::1",
		"fc00::1", "fd00:ec2::254", "ff02::1", "ff0e::1",
		"100::1", "2001:db8::1", "64:ff9b:1::1",
		"2001:0:4136:e378:8000:63bf:3fff:fdd2", "::ffff:0:7f00:1",
		// IPv4 inside IPv6
		"::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.0.0.1", "::ffff:0.0.0.0",
		"::127.0.0.1",            // IPv4-compatible
		"64:ff9b::7f00:1",        // NAT64 for 127.0.0.1
		"64:ff9b::a9fe:a9fe",     // NAT64 for 169.254.169.254
		"64:ff9b::c0a8:101",      // NAT64 for 192.168.1.1
		"2002:7f00:1::1",         // 6to4 for 127.0.0.1
		"2002:a9fe:a9fe::",       // 6to4 for 169.254.169.254
		"2002:0a00:0001:ffff::1", // 6to4 for 10.0.0.1
		"::ffff:100.64.0.1",      // mapped CGNAT
		"::ffff:255.255.255.255", // mapped broadcast
		"64:ff9b::ffff:ffff",     // NAT64 broadcast
		"64:ff9b::e000:1",        // NAT64 multicast
		"::ffff:224.0.0.1",       // mapped multicast
		"64:ff9b::ac10:1",        // NAT64 172.16.0.1
		"2002:c0a8:0101::",       // 6to4 192.168.1.1
		"2002:6440:0001::",       // 6to4 100.64.0.1
		"2002:0000:0001::",       // 6to4 0.0.0.1
		"64:ff9b::0:1",           // NAT64 0.0.0.1
		"::ffff:192.168.255.255", // mapped private
	}
	allowed := []string{
		"8.8.8.8", "1.1.1.1", "9.255.255.255", "11.0.0.0",
		"100.63.255.255", "100.128.0.0", "126.255.255.255", "128.0.0.0",
		"169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0",
		"192.167.255.255", "192.169.0.0", "223.255.255.255",
		"2606:4700:4700::1111", "2001:4860:4860::8888",
		"::ffff:8.8.8.8", "64:ff9b::808:808", "2002:0808:0808::1",
	}
	var none Allow
	for _, s := range refused {
		ip := netip.MustParseAddr(s)
		err := none.Check(ip)
		if !errors.Is(err, ErrBlocked) {
			t.Errorf("%s: %v, want ErrBlocked", s, err)
		}
	}
	for _, s := range allowed {
		if err := none.Check(netip.MustParseAddr(s)); err != nil {
			t.Errorf("%s: %v, want it allowed", s, err)
		}
	}
}

func TestAllowEntries(t *testing.T) {
	a, err := ParseAllow("127.0.0.2", "10.1.0.0/16, fd00::/8", "[::1]", "VLLM.internal.")
	if err != nil {
		t.Fatal(err)
	}
	cases := map[string]bool{
		"127.0.0.2":        true,
		"::ffff:127.0.0.2": true, // the mapped form of an allowed address
		"64:ff9b::7f00:2":  true, // NAT64 for an allowed address
		"127.0.0.1":        false,
		"10.1.200.3":       true,
		"10.2.0.1":         false,
		"fd12::1":          true,
		"fc00::1":          false,
		"::1":              true,
		"169.254.169.254":  false,
		"8.8.8.8":          true,
	}
	for s, want := range cases {
		err := a.Check(netip.MustParseAddr(s))
		if got := err == nil; got != want {
			t.Errorf("%s: allowed %v (%v), want %v", s, got, err, want)
		}
	}
	if !a.allowsHost("vllm.Internal") || a.allowsHost("other.internal") {
		t.Error("host names are matched whole and in any case")
	}
	if got, want := a.String(), "127.0.0.2,10.1.0.0/16,fd00::/8,::1,vllm.internal"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if lo := Loopback(); lo.Check(netip.MustParseAddr("127.0.0.1")) != nil || lo.Check(netip.MustParseAddr("::1")) != nil ||
		lo.Check(netip.MustParseAddr("10.0.0.1")) == nil {
		t.Error("Loopback allows loopback only")
	}
}

func TestParseAllowErrors(t *testing.T) {
	for _, bad := range []string{"10.0.0.0/33", "10.0.0.0/", "fe80::1%eth0", "-bad.host", "a..b", "http://x", "host name", "1.2.3.4:80", strings.Repeat("a", 64) + ".com"} {
		if _, err := ParseAllow(bad); err == nil {
			t.Errorf("ParseAllow(%q) accepted it", bad)
		} else if !strings.Contains(err.Error(), bad) {
			t.Errorf("ParseAllow(%q): %v does not name the entry", bad, err)
		}
	}
	a, err := ParseAllow("", " , ")
	if err != nil || !a.IsZero() {
		t.Errorf("empty entries: %v, %v", a, err)
	}
}

// listen accepts connections on 127.0.0.1 and counts them.
func listen(t *testing.T) (addr string, accepted *atomic.Int32) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	accepted = new(atomic.Int32)
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			accepted.Add(1)
			c.Close()
		}
	}()
	return ln.Addr().String(), accepted
}

func TestDialRefusesLoopback(t *testing.T) {
	addr, accepted := listen(t)
	_, err := New(Options{}).DialContext(t.Context(), "tcp", addr)
	if !errors.Is(err, ErrBlocked) {
		t.Fatalf("dial %s: %v, want ErrBlocked", addr, err)
	}
	allowed, err := ParseAllow("127.0.0.1")
	if err != nil {
		t.Fatal(err)
	}
	c, err := New(Options{Allow: allowed}).DialContext(t.Context(), "tcp", addr)
	if err != nil {
		t.Fatalf("allowed dial: %v", err)
	}
	c.Close()
	// The refused dial never connected: only the allowed one arrives (the
	// accept loop may lag behind it, hence the wait).
	for i := 0; i < 2000 && accepted.Load() == 0; i++ {
		time.Sleep(time.Millisecond)
	}
	if n := accepted.Load(); n != 1 {
		t.Errorf("the listener accepted %d connections, want 1 (the allowed one)", n)
	}
}

// TestRebindingHostName is DNS rebinding: a host name the guard has never
// seen resolves, at connect time, to 127.0.0.1. The check is on the
// resolved address, so the request never reaches the loopback server.
func TestRebindingHostName(t *testing.T) {
	var hits atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits.Add(1)
		io.WriteString(w, "internal secret")
	}))
	defer srv.Close()
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	resolver := fakeDNS("rebind.test.", [4]byte{127, 0, 0, 1})

	for _, host := range []string{"rebind.test", "localhost"} {
		c := New(Options{Resolver: resolver}).Client()
		resp, err := c.Post("http://"+net.JoinHostPort(host, port)+"/v1/chat/completions", "application/json", strings.NewReader("{}"))
		if err == nil {
			resp.Body.Close()
			t.Errorf("%s: got %s, want a refusal", host, resp.Status)
		} else if !errors.Is(err, ErrBlocked) {
			t.Errorf("%s: %v, want ErrBlocked", host, err)
		}
	}
	if n := hits.Load(); n != 0 {
		t.Fatalf("the loopback server got %d requests", n)
	}

	// The operator may allow the name itself.
	allow, err := ParseAllow("rebind.test")
	if err != nil {
		t.Fatal(err)
	}
	resp, err := New(Options{Allow: allow, Resolver: resolver}).Client().Get("http://" + net.JoinHostPort("rebind.test", port) + "/")
	if err != nil {
		t.Fatalf("allowed host name: %v", err)
	}
	resp.Body.Close()
	if hits.Load() != 1 {
		t.Errorf("the allowed host name did not reach its server")
	}
}

func TestClientRefusesRedirectsAndProxies(t *testing.T) {
	var inner atomic.Int32
	target := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { inner.Add(1) }))
	defer target.Close()
	redirector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+"/admin", http.StatusTemporaryRedirect)
	}))
	defer redirector.Close()
	allow, err := ParseAllow("127.0.0.1") // where httptest listens
	if err != nil {
		t.Fatal(err)
	}
	c := New(Options{Allow: allow}).Client()
	resp, err := c.Post(redirector.URL, "application/json", strings.NewReader("{}"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTemporaryRedirect || inner.Load() != 0 {
		t.Errorf("status %s, target hit %d times: a redirect must come back as it is, unfollowed", resp.Status, inner.Load())
	}
	if tr := c.Transport.(*http.Transport); tr.Proxy != nil {
		t.Error("the client would use a proxy from the environment, which would make the connection the guard checks")
	}
}

// fakeDNS is a resolver whose DNS server answers every A question with ip
// for name and with nothing for anything else (AAAA included), over an
// in-memory connection (DNS over TCP framing: each message after its
// 2-byte length).
func fakeDNS(name string, ip [4]byte) *net.Resolver {
	return &net.Resolver{PreferGo: true, Dial: func(ctx context.Context, _, _ string) (net.Conn, error) {
		client, server := net.Pipe()
		go func() {
			defer server.Close()
			for {
				var n [2]byte
				if _, err := io.ReadFull(server, n[:]); err != nil {
					return
				}
				q := make([]byte, binary.BigEndian.Uint16(n[:]))
				if _, err := io.ReadFull(server, q); err != nil || len(q) < 12 {
					return
				}
				resp := answer(q, name, ip)
				binary.BigEndian.PutUint16(n[:], uint16(len(resp)))
				if _, err := server.Write(append(n[:], resp...)); err != nil {
					return
				}
			}
		}()
		return client, nil
	}}
}

// answer builds the response to DNS query q.
func answer(q []byte, name string, ip [4]byte) []byte {
	// The question: labels up to a zero byte, then type and class.
	i := 12
	var labels []string
	for i < len(q) && q[i] != 0 {
		l := int(q[i])
		if i+1+l > len(q) {
			return nil
		}
		labels = append(labels, string(q[i+1:i+1+l]))
		i += 1 + l
	}
	if i+5 > len(q) {
		return nil
	}
	qtype := binary.BigEndian.Uint16(q[i+1:])
	question := q[12 : i+5]
	match := qtype == 1 && strings.EqualFold(strings.Join(labels, ".")+".", name)

	resp := make([]byte, 12, 64)
	copy(resp, q[:2])                            // id
	binary.BigEndian.PutUint16(resp[2:], 0x8180) // a response, recursion desired and available, no error
	binary.BigEndian.PutUint16(resp[4:], 1)      // one question
	if match {
		binary.BigEndian.PutUint16(resp[6:], 1) // one answer
	}
	resp = append(resp, question...)
	if match {
		resp = append(resp, 0xc0, 12, 0, 1, 0, 1, 0, 0, 0, 60, 0, 4) // name at 12, A, IN, TTL 60, 4 bytes
		resp = append(resp, ip[:]...)
	}
	return resp
}
