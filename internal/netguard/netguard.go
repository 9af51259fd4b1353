// Package netguard is the one way out for requests the arena makes on a
// player's behalf (agent endpoints). A player names the URL, so without a
// guard the server would POST to its own loopback services, the private
// network it sits in, or a cloud's metadata service at 169.254.169.254, and
// publish what they answer.
//
// The guard checks the address a connection is actually made to, after
// name resolution, in the dialer's Control hook: a host name that resolves
// to a public address when the agent is saved and to 127.0.0.1 when it
// plays (DNS rebinding) is still refused. Loopback, private, link-local,
// CGNAT, multicast, unspecified, broadcast and reserved addresses are
// refused, in IPv4, IPv6 and the IPv6 forms that carry an IPv4 address
// (IPv4-mapped, NAT64, 6to4), unless the operator allows them (Allow).
package netguard

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/rlfc/arena/internal/refusal"
)

// ErrBlocked is the kind of every refusal: a connection to an address the
// operator has not allowed. Match it with errors.Is.
var ErrBlocked = errors.New("address not allowed for agent endpoints")

// blockedError is one refusal: the address and the range it is in.
type blockedError struct {
	addr  netip.Addr
	why   string // the range's name, as in "loopback"
	embed string // for an address carried in IPv6, how: "NAT64", "6to4"
}

func (e *blockedError) Error() string {
	via := ""
	if e.embed != "" {
		via = " (in " + e.embed + ")"
	}
	return fmt.Sprintf("netguard: %s is %s%s, which agent endpoints may not reach unless the operator allows it (--allow-endpoint)", e.addr, e.why, via)
}

func (e *blockedError) Is(target error) bool { return target == ErrBlocked }

// refused is a range of addresses the guard refuses, and what it is.
type refused struct {
	prefix netip.Prefix
	why    string
}

// refusedRanges are the addresses no agent endpoint reaches by default.
// IPv4-mapped addresses (::ffff:0:0/96) are unmapped before the check, and
// the IPv4 address inside NAT64 and 6to4 addresses is checked too (see
// embeddedIPv4), so the IPv4 rows cover those forms.
var refusedRanges = func() []refused {
	rows := []struct{ cidr, why string }{
		// IPv4
		{"0.0.0.0/8", "unspecified (this network)"},
		{"10.0.0.0/8", "private"},
		{"100.64.0.0/10", "shared address space (CGNAT)"},
		{"127.0.0.0/8", "loopback"},
		{"169.254.0.0/16", "link-local (cloud metadata lives here)"},
		{"172.16.0.0/12", "private"},
		{"192.0.0.0/24", "reserved (IETF protocol assignments)"},
		{"192.0.2.0/24", "reserved (documentation)"},
		{"192.88.99.0/24", "reserved (6to4 relay anycast)"},
		{"192.168.0.0/16", "private"},
		{"198.18.0.0/15", "reserved (benchmarking)"},
		{"198.51.100.0/24", "reserved (documentation)"},
		{"203.0.113.0/24", "reserved (documentation)"},
		{"224.0.0.0/4", "multicast"},
		{"240.0.0.0/4", "reserved (255.255.255.255 is broadcast)"},
		// IPv6
		{"::/128", "unspecified"},
		{"::1/128", "loopback"},
		{"::/96", "IPv4-compatible (deprecated)"},
		{"64:ff9b:1::/48", "local-use NAT64"},
		{"100::/64", "discard-only"},
		{"2001::/32", "Teredo (a tunnel to an IPv4 address)"},
		{"2001:db8::/32", "reserved (documentation)"},
		{"::ffff:0:0:0/96", "IPv4-translated (SIIT)"},
		{"fc00::/7", "unique local (private)"},
		{"fe80::/10", "link-local"},
		{"fec0::/10", "site-local (deprecated)"},
		{"ff00::/8", "multicast"},
	}
	out := make([]refused, len(rows))
	for i, r := range rows {
		out[i] = refused{netip.MustParsePrefix(r.cidr), r.why}
	}
	return out
}()

// nat64 is the well-known NAT64 prefix (RFC 6052): its last 32 bits are an
// IPv4 address that a NAT64 gateway connects to.
var (
	nat64  = netip.MustParsePrefix("64:ff9b::/96")
	sixTo4 = netip.MustParsePrefix("2002::/16")
)

// refusedRange returns the name of the refused range ip is in, or "".
func refusedRange(ip netip.Addr) string {
	for _, r := range refusedRanges {
		if r.prefix.Contains(ip) {
			return r.why
		}
	}
	return ""
}

// embeddedIPv4 returns the IPv4 address that an IPv6 address stands for,
// where one does: NAT64 (the last 32 bits) and 6to4 (bits 16 to 47).
func embeddedIPv4(ip netip.Addr) (v4 netip.Addr, how string, ok bool) {
	b := ip.As16()
	switch {
	case nat64.Contains(ip):
		return netip.AddrFrom4([4]byte(b[12:16])), "NAT64", true
	case sixTo4.Contains(ip):
		return netip.AddrFrom4([4]byte(b[2:6])), "6to4", true
	}
	return netip.Addr{}, "", false
}

// Allow is what the operator lets agent endpoints reach despite the
// refused ranges: networks and addresses, and host names whose every
// address is then allowed. The zero Allow allows nothing more.
type Allow struct {
	nets  []netip.Prefix
	hosts map[string]bool // lower case, without a trailing dot
}

// ParseAllow reads allow entries: each a CIDR ("10.0.0.0/8"), an IP
// address ("127.0.0.1", "::1") or a host name ("vllm.internal"); an entry
// may hold several, separated by commas, as an environment variable would.
// Empty entries are skipped. Anything else is an error naming the entry.
func ParseAllow(entries ...string) (Allow, error) {
	var a Allow
	for _, entry := range entries {
		for e := range strings.SplitSeq(entry, ",") {
			e = strings.TrimSpace(e)
			if e == "" {
				continue
			}
			if err := a.add(e); err != nil {
				return Allow{}, err
			}
		}
	}
	return a, nil
}

func (a *Allow) add(e string) error {
	if strings.Contains(e, "/") {
		p, err := netip.ParsePrefix(e)
		if err != nil {
			return fmt.Errorf("netguard: allow %q: not a CIDR (as in 10.0.0.0/8 or fd00::/8): %v", e, err)
		}
		a.nets = append(a.nets, p.Masked())
		return nil
	}
	// Brackets are how URLs write IPv6 addresses; accept them.
	if ip, err := netip.ParseAddr(strings.TrimSuffix(strings.TrimPrefix(e, "["), "]")); err == nil {
		if ip.Zone() != "" {
			return fmt.Errorf("netguard: allow %q: give an address without a zone", e)
		}
		ip = ip.Unmap()
		a.nets = append(a.nets, netip.PrefixFrom(ip, ip.BitLen()))
		return nil
	}
	host := strings.ToLower(strings.TrimSuffix(e, "."))
	if !validHostName(host) {
		return fmt.Errorf("netguard: allow %q: not a CIDR, an IP address or a host name", e)
	}
	if a.hosts == nil {
		a.hosts = make(map[string]bool)
	}
	a.hosts[host] = true
	return nil
}

// validHostName reports whether s is a DNS host name: dot-separated labels
// of letters, digits, hyphens and underscores, 1 to 63 bytes each, not
// starting or ending with a hyphen, 253 bytes in all.
func validHostName(s string) bool {
	if s == "" || len(s) > 253 {
		return false
	}
	for label := range strings.SplitSeq(s, ".") {
		if label == "" || len(label) > 63 || label[0] == '-' || label[len(label)-1] == '-' {
			return false
		}
		for _, c := range []byte(label) {
			if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
				return false
			}
		}
	}
	return true
}

// Loopback allows 127.0.0.0/8 and ::1, for a developer's own model servers.
func Loopback() Allow {
	return Allow{nets: []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}}
}

// IsZero reports whether a allows nothing beyond public addresses.
func (a Allow) IsZero() bool { return len(a.nets) == 0 && len(a.hosts) == 0 }

// String lists the entries, comma-separated, in the form ParseAllow reads.
func (a Allow) String() string {
	var parts []string
	for _, p := range a.nets {
		if p.IsSingleIP() {
			parts = append(parts, p.Addr().String())
		} else {
			parts = append(parts, p.String())
		}
	}
	return strings.Join(append(parts, slices.Sorted(maps.Keys(a.hosts))...), ",")
}

// allowsHost reports whether host (as in a URL) is an allowed host name.
func (a Allow) allowsHost(host string) bool {
	return a.hosts[strings.ToLower(strings.TrimSuffix(host, "."))]
}

// allowsAddr reports whether ip is in an allowed network.
func (a Allow) allowsAddr(ip netip.Addr) bool {
	for _, p := range a.nets {
		if p.Contains(ip) {
			return true
		}
	}
	return false
}

// Check returns an ErrBlocked error if a connection to ip is refused under
// a, and nil if it may be made.
func (a Allow) Check(ip netip.Addr) error {
	// A zone (fe80::1%eth0) would keep Prefix.Contains from matching, and
	// an IPv4-mapped address reaches its IPv4 address.
	ip = ip.WithZone("").Unmap()
	if a.allowsAddr(ip) {
		return nil
	}
	if why := refusedRange(ip); why != "" {
		return &blockedError{addr: ip, why: why}
	}
	if v4, how, ok := embeddedIPv4(ip); ok && !a.allowsAddr(v4) {
		if why := refusedRange(v4); why != "" {
			return &blockedError{addr: ip, why: why, embed: how + " for " + v4.String()}
		}
	}
	return nil
}

// Options configures a guard. The zero value refuses every non-public
// address.
type Options struct {
	// Allow is what the operator allows beyond public addresses.
	Allow Allow
	// Resolver resolves host names; nil means net.DefaultResolver.
	Resolver *net.Resolver
}

// Guard dials only to addresses its Allow permits. It is safe for
// concurrent use.
type Guard struct {
	allow  Allow
	dialer net.Dialer // checks each address it connects to
	open   net.Dialer // for allowed host names: no check
}

// New returns a guard.
func New(opts Options) *Guard {
	g := &Guard{allow: opts.Allow}
	g.dialer = net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Resolver: opts.Resolver, Control: g.control}
	g.open = net.Dialer{Timeout: 30 * time.Second, KeepAlive: 30 * time.Second, Resolver: opts.Resolver}
	return g
}

// control runs just before each connect, with the resolved address: the
// only place where the address checked is the address reached.
func (g *Guard) control(network, address string, _ syscall.RawConn) error {
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		// Not an IP address and port: nothing to check, so nothing goes.
		refusal.Count(refusal.EndpointBlocked)
		return fmt.Errorf("netguard: %s address %q: %w", network, address, ErrBlocked)
	}
	if err := g.allow.Check(ap.Addr()); err != nil {
		refusal.Count(refusal.EndpointBlocked)
		return err
	}
	return nil
}

// DialContext connects as net.Dialer.DialContext does, refusing addresses
// the guard does not allow. A host name the operator allowed connects to
// whatever it resolves to.
func (g *Guard) DialContext(ctx context.Context, network, address string) (net.Conn, error) {
	if host, _, err := net.SplitHostPort(address); err == nil && g.allow.allowsHost(host) {
		return g.open.DialContext(ctx, network, address)
	}
	return g.dialer.DialContext(ctx, network, address)
}

// maxResponseHeader bounds a response's headers, which a hostile endpoint
// could otherwise make as large as it likes before the body's caps apply.
const maxResponseHeader = 64 << 10

// Client returns an HTTP client whose connections go through the guard. It
// ignores the proxy environment variables (a proxy would make the
// connection that the guard must check), and it does not follow redirects:
// the caller gets the 3xx response, so a redirect can neither lead to a
// refused address nor turn a POST into a GET elsewhere.
func (g *Guard) Client() *http.Client {
	return &http.Client{
		Transport: &http.Transport{
			Proxy:                  nil,
			DialContext:            g.DialContext,
			ForceAttemptHTTP2:      true,
			MaxIdleConns:           100,
			IdleConnTimeout:        90 * time.Second,
			TLSHandshakeTimeout:    10 * time.Second,
			ExpectContinueTimeout:  time.Second,
			MaxResponseHeaderBytes: maxResponseHeader,
		},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
