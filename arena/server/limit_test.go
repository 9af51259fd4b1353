package server

import (
	"context"
	"encoding/json"
	"net/http"
	"net/netip"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/auth"
	"github.com/rlfc/arena/arena/client"
	"github.com/rlfc/arena/internal/refusal"
)

// refusals reads arena_refusals_total{reason} from the server's /metrics.
// The counter is the process's, shared by every test server: compare
// readings, not absolute values.
func (ts *testServer) refusals(t *testing.T, reason refusal.Reason) float64 {
	t.Helper()
	_, body := ts.doAs(t, "", "GET", "/metrics", "")
	m := regexp.MustCompile(`(?m)^arena_refusals_total\{reason="` + string(reason) + `"\} (\S+)$`).FindSubmatch(body)
	if m == nil {
		return 0
	}
	v, err := strconv.ParseFloat(string(m[1]), 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestRateLimiter(t *testing.T) {
	l := newRateLimiter(2, 3)
	now := time.Unix(1000, 0)
	for i := range 3 {
		if ok, _ := l.allow("a", now); !ok {
			t.Fatalf("request %d of a burst of 3 refused", i+1)
		}
	}
	ok, wait := l.allow("a", now)
	if ok || wait != 500*time.Millisecond {
		t.Fatalf("the 4th request at once: allowed %v, wait %v; want refused, 500ms (2 a second)", ok, wait)
	}
	if ok, _ := l.allow("b", now); !ok {
		t.Fatal("another caller was refused for a's requests")
	}
	// A refusal takes no token: half a second later one is back.
	if ok, _ := l.allow("a", now.Add(500*time.Millisecond)); !ok {
		t.Fatal("refused after waiting the time it was told")
	}
}

func TestRateLimiterBound(t *testing.T) {
	l := newRateLimiter(1, 2)
	now := time.Unix(1000, 0)
	for i := range maxBuckets + 10 {
		l.allow(strconv.Itoa(i), now)
	}
	if n := len(l.buckets); n > maxBuckets {
		t.Fatalf("%d buckets, more than the bound %d", n, maxBuckets)
	}
	// Callers that paused long enough are forgotten first: the table
	// fills again within maxBuckets/2 new callers, and the prune then
	// finds the idle callers enough to forget.
	later := now.Add(time.Hour)
	l.allow("busy", later)
	l.allow("busy", later)
	for i := range maxBuckets / 2 {
		l.allow("new"+strconv.Itoa(i), later)
	}
	if ok, _ := l.allow("busy", later); ok {
		t.Fatal("a busy caller's empty bucket was forgotten while idle ones were kept")
	}
}

func TestInFlight(t *testing.T) {
	f := newInFlight(2, 3)
	for _, tc := range []struct {
		key  string
		want int
	}{{"a", inFlightOK}, {"a", inFlightOK}, {"a", inFlightCaller}, {"b", inFlightOK}, {"c", inFlightAll}} {
		if got := f.acquire(tc.key); got != tc.want {
			t.Fatalf("acquire(%s) = %d, want %d", tc.key, got, tc.want)
		}
	}
	f.release("a")
	if got := f.acquire("c"); got != inFlightOK {
		t.Fatalf("after a release: %d", got)
	}
	f.release("a")
	f.release("b")
	f.release("c")
	if f.all != 0 || len(f.n) != 0 {
		t.Fatalf("after every release: %d in flight, %d callers", f.all, len(f.n))
	}
}

func TestClientKey(t *testing.T) {
	proxy := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	for _, tc := range []struct {
		name, remote, xff string
		trusted           []netip.Prefix
		want              string
	}{
		{"ipv4", "192.0.2.7:5555", "", nil, "192.0.2.7"},
		{"ipv6 by /64", "[2001:db8:1:2:3:4:5:6]:5555", "", nil, "2001:db8:1:2::/64"},
		{"mapped ipv4", "[::ffff:192.0.2.7]:5555", "", nil, "192.0.2.7"},
		{"header from a stranger is ignored", "192.0.2.7:5555", "198.51.100.1", nil, "192.0.2.7"},
		{"header from an untrusted address is ignored", "192.0.2.7:5555", "198.51.100.1", proxy, "192.0.2.7"},
		{"trusted proxy", "10.1.2.3:5555", "198.51.100.1", proxy, "198.51.100.1"},
		{"client-written entries are skipped", "10.1.2.3:5555", "203.0.113.9, 198.51.100.1, 10.9.9.9", proxy, "198.51.100.1"},
		{"garbage stops at the last good hop", "10.1.2.3:5555", "nonsense", proxy, "10.1.2.3"},
		{"not an IP", "@", "", nil, "@"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, _ := http.NewRequest("GET", "http://x/", nil)
			r.RemoteAddr = tc.remote
			if tc.xff != "" {
				r.Header.Set("X-Forwarded-For", tc.xff)
			}
			if got := clientKey(r, tc.trusted); got != tc.want {
				t.Fatalf("clientKey = %q, want %q", got, tc.want)
			}
		})
	}
}

func TestGateOptions(t *testing.T) {
	for _, tc := range []struct {
		name   string
		limits Limits
		keys   []string
	}{
		{"negative rate", Limits{V1Rate: -1}, nil},
		{"negative burst", Limits{SignInBurst: -1}, nil},
		{"short key", Limits{}, []string{"short"}},
		{"key with a space", Limits{}, []string{"a key with spaces in it"}},
	} {
		if _, err := newGate(tc.limits, tc.keys); err == nil {
			t.Errorf("%s: accepted", tc.name)
		}
	}
	g, err := newGate(Limits{}, []string{"first-key-0123456789", "second-key-0123456789"})
	if err != nil {
		t.Fatal(err)
	}
	if g.V1Burst != DefaultV1Burst || g.SignInRate != DefaultSignInRate {
		t.Errorf("defaults not filled in: %+v", g.Limits)
	}
	for key, want := range map[string]int{"first-key-0123456789": 1, "second-key-0123456789": 2, "second-key-012345678": 0, "": 0} {
		if got := g.apiKey(key); got != want {
			t.Errorf("apiKey(%q) = %d, want %d", key, got, want)
		}
	}
}

// TestSignInRateLimit floods challenges from one address: past the burst
// they get 429 with a Retry-After, counted; the address's sign-ins have
// their own budget, so a challenge taken before the flood is still
// redeemed.
func TestSignInRateLimit(t *testing.T) {
	ts := startServer(t, Options{Limits: Limits{SignInRate: 0.01, SignInBurst: 3}}, nil)
	key, addr := newKey(t)
	c := client.New(ts.URL)
	ch, err := c.Challenge(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	before := ts.refusals(t, refusal.SigninRateLimited)
	ok, limited := 0, 0
	for range 10 {
		st, data := call(t, "POST", ts.URL+"/api/auth/challenge", "", api.ChallengeRequest{Address: addr})
		switch st {
		case http.StatusOK:
			ok++
		case http.StatusTooManyRequests:
			limited++
			var e api.Error
			if err := json.Unmarshal(data, &e); err != nil || e.Error.Code != "rate_limited" {
				t.Fatalf("429 body %s", data)
			}
		default:
			t.Fatalf("challenge: %d %s", st, data)
		}
	}
	if ok != 2 || limited != 8 {
		t.Fatalf("%d challenges answered and %d refused, want 2 (the burst of 3 less the first) and 8", ok, limited)
	}
	if d := ts.refusals(t, refusal.SigninRateLimited) - before; d != 8 {
		t.Errorf("signin_rate_limited rose by %v, want 8", d)
	}
	resp, err := http.Post(ts.URL+"/api/auth/challenge", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if ra, _ := strconv.Atoi(resp.Header.Get("Retry-After")); resp.StatusCode != http.StatusTooManyRequests || ra < 1 {
		t.Errorf("%s with Retry-After %q, want 429 with a positive one", resp.Status, resp.Header.Get("Retry-After"))
	}
	sig, err := auth.Sign(key, ch.Message)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Redeem(context.Background(), ch, sig); err != nil {
		t.Fatalf("redeeming a challenge after the flood: %v", err)
	}
}
