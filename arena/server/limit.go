package server

// Limits on what one caller may ask of the server: rates per caller
// (token buckets) and requests in flight per caller and in all. A caller
// is a signed-in address or an operator API key on /v1, and a client
// address on sign-in.

import (
	"crypto/sha256"
	"crypto/subtle"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/netip"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"

	"github.com/rlfc/arena/internal/refusal"
)

// Limits bounds what callers may ask of the server. Zero values mean the
// defaults below; negative ones are an error.
type Limits struct {
	// V1Rate is the /v1 requests per second one caller may make on
	// average, and V1Burst how many it may make at once after a pause.
	V1Rate  float64
	V1Burst int
	// V1Concurrency is the chat completions one caller may have in flight
	// (waiting for the model or generating).
	V1Concurrency int
	// V1InFlight is the chat completions all callers together may have in
	// flight. Sign-ins are free, so one person can be many callers; this
	// bound holds whatever their number.
	V1InFlight int
	// SignInRate is the sign-in requests per second one client address may
	// make on average, and SignInBurst how many at once; challenges and
	// redemptions are counted apart, so a flood of challenges does not
	// stop the same address from redeeming one.
	SignInRate  float64
	SignInBurst int
	// TrustedProxies are the addresses of reverse proxies in front of
	// the server. A request from one of them is taken to come from the
	// last address in its X-Forwarded-For that is not a trusted proxy;
	// from any other address the header is ignored, since a client can
	// write anything in it. Empty means no proxy is trusted.
	TrustedProxies []netip.Prefix
}

// Defaults of Limits' zero values.
const (
	DefaultV1Rate        = 1.0
	DefaultV1Burst       = 10
	DefaultV1Concurrency = 2
	DefaultV1InFlight    = 8
	DefaultSignInRate    = 1.0
	DefaultSignInBurst   = 30
)

// withDefaults fills zero values with the defaults, or says which value
// is negative.
func (l Limits) withDefaults() (Limits, error) {
	for _, v := range []struct {
		name string
		v    float64
	}{
		{"V1Rate", l.V1Rate}, {"V1Burst", float64(l.V1Burst)}, {"V1Concurrency", float64(l.V1Concurrency)},
		{"V1InFlight", float64(l.V1InFlight)}, {"SignInRate", l.SignInRate}, {"SignInBurst", float64(l.SignInBurst)},
	} {
		if v.v < 0 || math.IsNaN(v.v) || math.IsInf(v.v, 0) {
			return l, fmt.Errorf("server: limit %s is %v; want a positive number (0 for the default)", v.name, v.v)
		}
	}
	l.V1Rate = or(l.V1Rate, DefaultV1Rate)
	l.V1Burst = or(l.V1Burst, DefaultV1Burst)
	l.V1Concurrency = or(l.V1Concurrency, DefaultV1Concurrency)
	l.V1InFlight = or(l.V1InFlight, DefaultV1InFlight)
	l.SignInRate = or(l.SignInRate, DefaultSignInRate)
	l.SignInBurst = or(l.SignInBurst, DefaultSignInBurst)
	return l, nil
}

// gate holds the server's limits and /v1's operator keys.
type gate struct {
	Limits
	// apiKeys are the SHA-256 of the operator's /v1 keys: comparing
	// fixed-length hashes in constant time says nothing of a key's length
	// or its first differing byte.
	apiKeys [][sha256.Size]byte
	// v1 limits /v1 requests per caller, v1Flight chat completions in
	// flight.
	v1       *rateLimiter
	v1Flight *inFlight
	// challenge and signIn limit POST /api/auth/challenge and
	// /api/auth/signin per client address.
	challenge, signIn *rateLimiter
}

// minAPIKey is the shortest operator key taken: shorter ones can be
// guessed.
const minAPIKey = 16

func newGate(l Limits, keys []string) (*gate, error) {
	l, err := l.withDefaults()
	if err != nil {
		return nil, err
	}
	g := &gate{
		Limits:    l,
		v1:        newRateLimiter(l.V1Rate, l.V1Burst),
		v1Flight:  newInFlight(l.V1Concurrency, l.V1InFlight),
		challenge: newRateLimiter(l.SignInRate, l.SignInBurst),
		signIn:    newRateLimiter(l.SignInRate, l.SignInBurst),
	}
	for i, k := range keys {
		switch {
		case len(k) < minAPIKey:
			return nil, fmt.Errorf("server: API key %d is %d characters long; want %d or more", i+1, len(k), minAPIKey)
		case strings.IndexFunc(k, func(r rune) bool { return r <= ' ' || r == 0x7f }) >= 0:
			return nil, fmt.Errorf("server: API key %d has a space or control character", i+1)
		}
		g.apiKeys = append(g.apiKeys, sha256.Sum256([]byte(k)))
	}
	return g, nil
}

// apiKey returns the number (from 1) of the operator key that key is, or
// 0 when it is none. It compares with every key, in constant time.
func (g *gate) apiKey(key string) int {
	h := sha256.Sum256([]byte(key))
	found := 0
	for i, k := range g.apiKeys {
		if subtle.ConstantTimeCompare(h[:], k[:]) == 1 {
			found = i + 1
		}
	}
	return found
}

// maxBuckets bounds the callers a rateLimiter remembers at once.
const maxBuckets = 1 << 16

// rateLimiter is a token bucket per caller. Buckets are made on a
// caller's first request and forgotten when the table is full: first
// those that have refilled (their callers have paused, and a new bucket
// would be the same), then, if callers from more than maxBuckets/2
// addresses are all busy at once, any, which at worst hands them a fresh
// burst.
type rateLimiter struct {
	every rate.Limit
	burst int

	mu      sync.Mutex
	buckets map[string]*rate.Limiter
}

func newRateLimiter(perSecond float64, burst int) *rateLimiter {
	return &rateLimiter{every: rate.Limit(perSecond), burst: burst, buckets: make(map[string]*rate.Limiter)}
}

// allow takes a token from key's bucket. When there is none it takes
// nothing and returns false and how long until there is one.
func (l *rateLimiter) allow(key string, now time.Time) (bool, time.Duration) {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) >= maxBuckets {
			l.prune(now)
		}
		b = rate.NewLimiter(l.every, l.burst)
		l.buckets[key] = b
	}
	r := b.ReserveN(now, 1)
	if d := r.DelayFrom(now); d > 0 {
		r.CancelAt(now)
		return false, d
	}
	return true, 0
}

// prune forgets the buckets that are full again, then any, until the
// table is at most half full; it costs one pass over the table per
// maxBuckets/2 new callers. l.mu must be held.
func (l *rateLimiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if b.TokensAt(now) >= float64(l.burst) {
			delete(l.buckets, k)
		}
	}
	for k := range l.buckets {
		if len(l.buckets) <= maxBuckets/2 {
			break
		}
		delete(l.buckets, k)
	}
}

// inFlight counts requests in flight per caller and in all, within
// bounds.
type inFlight struct {
	perCaller, total int

	mu  sync.Mutex
	n   map[string]int
	all int
}

func newInFlight(perCaller, total int) *inFlight {
	return &inFlight{perCaller: perCaller, total: total, n: make(map[string]int)}
}

// Why inFlight.acquire refused.
const (
	inFlightOK = iota
	inFlightCaller
	inFlightAll
)

// acquire counts a request of key's in, and returns inFlightOK; or, when
// key or everyone is at the bound, counts nothing and says which bound.
// Every acquire that returned inFlightOK needs a release.
func (f *inFlight) acquire(key string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.n[key] >= f.perCaller:
		return inFlightCaller
	case f.all >= f.total:
		return inFlightAll
	}
	f.n[key]++
	f.all++
	return inFlightOK
}

// release counts a request of key's out.
func (f *inFlight) release(key string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.n[key] <= 1 {
		delete(f.n, key) // the map holds only callers with requests in flight
	} else {
		f.n[key]--
	}
	f.all--
}

// retryAfter writes a Retry-After header of d, in whole seconds rounded
// up, at least 1.
func retryAfter(w http.ResponseWriter, d time.Duration) {
	secs := max(int64(math.Ceil(d.Seconds())), 1)
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
}

// clientKey is the key of the client a request comes from, for rate
// limits: its IP address, or for IPv6 its /64 (one host commonly has a
// whole /64 to pick addresses from). Behind a trusted proxy it is the
// client the proxy names (see Limits.TrustedProxies).
func clientKey(r *http.Request, trusted []netip.Prefix) string {
	addr := remoteIP(r.RemoteAddr)
	if addr.IsValid() && isTrusted(addr, trusted) {
		// The header's last entries were added by our proxies; the first
		// one from the right that is not a proxy is the client. What is
		// left of it was written by the client and proves nothing.
		hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
		for i := len(hops) - 1; i >= 0; i-- {
			hop, err := netip.ParseAddr(strings.TrimSpace(hops[i]))
			if err != nil {
				break // garbage: keep the last address we could trust
			}
			addr = hop.Unmap()
			if !isTrusted(addr, trusted) {
				break
			}
		}
	}
	if !addr.IsValid() {
		return r.RemoteAddr // not IP (a unix socket, a test): as it is
	}
	if addr.Is6() {
		p, _ := addr.Prefix(64)
		return p.String()
	}
	return addr.String()
}

// remoteIP reads the IP of a RemoteAddr ("host:port"), or returns the
// zero Addr.
func remoteIP(remote string) netip.Addr {
	host, _, err := net.SplitHostPort(remote)
	if err != nil {
		host = remote
	}
	a, err := netip.ParseAddr(host)
	if err != nil {
		return netip.Addr{}
	}
	return a.Unmap()
}

func isTrusted(a netip.Addr, trusted []netip.Prefix) bool {
	for _, p := range trusted {
		if p.Contains(a) {
			return true
		}
	}
	return false
}

// signInThrottled answers 429 with a Retry-After, and counts the refusal,
// when the request's client address is past lim's rate; what names the
// requests in the message ("challenges").
func (s *Server) signInThrottled(w http.ResponseWriter, r *http.Request, lim *rateLimiter, what string) bool {
	ok, wait := lim.allow(clientKey(r, s.gate.TrustedProxies), time.Now())
	if ok {
		return false
	}
	refusal.Count(refusal.SigninRateLimited)
	retryAfter(w, wait)
	writeError(w, http.StatusTooManyRequests, "rate_limited",
		fmt.Sprintf("too many sign-in %s from your address (at most %d at once, then %g a second); wait %s",
			what, s.gate.SignInBurst, s.gate.SignInRate, wait.Round(time.Millisecond)))
	return true
}

// ReadAPIKeys reads operator API keys from a file, one a line; blank
// lines and lines that start with # are skipped, and spaces around a key
// are trimmed.
func ReadAPIKeys(path string) ([]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("server: API keys: %w", err)
	}
	var keys []string
	for line := range strings.Lines(string(data)) {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		keys = append(keys, line)
	}
	if len(keys) == 0 {
		return nil, fmt.Errorf("server: API keys: %s holds no key", path)
	}
	return keys, nil
}

// ParseProxies reads trusted proxies for Limits.TrustedProxies: each a
// CIDR ("10.0.0.0/8") or one address ("127.0.0.1").
func ParseProxies(ss []string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, s := range ss {
		if p, err := netip.ParsePrefix(s); err == nil {
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return nil, fmt.Errorf("server: trusted proxy %q is neither an address nor a CIDR such as 10.0.0.0/8", s)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}
