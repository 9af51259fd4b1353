package server

import (
	"bytes"
	"context"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/auth"
	"github.com/rlfc/arena/arena/client"
)

// testClock is a clock tests move by hand; the server reads it from its
// handlers' goroutines, hence the lock.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// startAuthServer is startServer with a sign-in service on a test clock.
func startAuthServer(t *testing.T) (*testServer, *testClock) {
	t.Helper()
	clk := &testClock{t: time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)}
	svc, err := auth.NewService(auth.Options{Secret: []byte("test secret, 32 bytes long......"), TTL: time.Hour, Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	return startServer(t, Options{Auth: svc}, nil), clk
}

// call makes a raw JSON request and returns the status and body. body
// may be a string (sent as it is) or a value to encode.
func call(t *testing.T, method, url, token string, body any) (int, []byte) {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req, err := http.NewRequest(method, url, rd)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, data
}

// wantError checks that an answer is an api.Error with the status and
// code given and a message containing want.
func wantError(t *testing.T, status int, data []byte, wantStatus int, code, want string) {
	t.Helper()
	var e api.Error
	if err := json.Unmarshal(data, &e); err != nil {
		t.Fatalf("answer %d %q is not an api.Error: %v", status, data, err)
	}
	if status != wantStatus || e.Error.Code != code || !strings.Contains(e.Error.Message, want) {
		t.Fatalf("got %d %s %q, want %d %s containing %q", status, e.Error.Code, e.Error.Message, wantStatus, code, want)
	}
}

// wantClientError checks that err is a *client.Error with the status
// given and a message containing want.
func wantClientError(t *testing.T, err error, status int, want string) {
	t.Helper()
	ce, ok := err.(*client.Error)
	if !ok {
		t.Fatalf("error %v (%T), want a *client.Error", err, err)
	}
	if ce.Status != status || !strings.Contains(ce.Message, want) {
		t.Fatalf("error %d %s %q, want %d containing %q", ce.Status, ce.Code, ce.Message, status, want)
	}
}

func TestAuthSignIn(t *testing.T) {
	ts, clk := startAuthServer(t)
	key, addr := newKey(t)
	ctx := context.Background()

	// Through the client.
	c := client.New(ts.URL)
	tok, err := c.SignIn(ctx, key)
	if err != nil {
		t.Fatal(err)
	}
	if tok.Address != addr || c.Token != tok.Token || !tok.Expires.Equal(clk.Now().Add(time.Hour)) {
		t.Fatalf("token %+v for %s", tok, addr)
	}
	if got, err := ts.Server.caller(mustRequest(t, tok.Token)); err != nil || got.Hex() != addr {
		t.Fatalf("caller = %s, %v", got.Hex(), err)
	}

	// By hand, to replay.
	st, data := call(t, "POST", ts.URL+"/api/auth/challenge", "", api.ChallengeRequest{Address: addr})
	if st != http.StatusOK {
		t.Fatalf("challenge: %d %s", st, data)
	}
	var ch api.Challenge
	json.Unmarshal(data, &ch)
	if !strings.Contains(ch.Message, "Nonce: "+ch.Nonce) || !strings.Contains(ch.Message, addr) {
		t.Fatalf("challenge %+v", ch)
	}
	sig, _ := auth.Sign(key, ch.Message)
	req := api.SignInRequest{Message: ch.Message, Signature: "0x" + hex.EncodeToString(sig)}
	if st, data := call(t, "POST", ts.URL+"/api/auth/signin", "", req); st != http.StatusOK {
		t.Fatalf("signin: %d %s", st, data)
	}
	st, data = call(t, "POST", ts.URL+"/api/auth/signin", "", req)
	wantError(t, st, data, http.StatusUnauthorized, "unauthorized", "already used")

	// A challenge answered too late.
	st, data = call(t, "POST", ts.URL+"/api/auth/challenge", "", api.ChallengeRequest{Address: addr})
	json.Unmarshal(data, &ch)
	sig, _ = auth.Sign(key, ch.Message)
	clk.Add(10 * time.Minute)
	st, data = call(t, "POST", ts.URL+"/api/auth/signin", "", api.SignInRequest{Message: ch.Message, Signature: "0x" + hex.EncodeToString(sig)})
	wantError(t, st, data, http.StatusUnauthorized, "unauthorized", "expired")
}

func mustRequest(t *testing.T, token string) *http.Request {
	t.Helper()
	r, err := http.NewRequest("GET", "http://x/", nil)
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("Authorization", "Bearer "+token)
	return r
}

func TestAuthRefusals(t *testing.T) {
	ts, clk := startAuthServer(t)
	key, addr := newKey(t)
	_, other := newKey(t)
	c := client.New(ts.URL)
	tok, err := c.SignIn(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	// A fresh challenge, signed, for the signin cases.
	challenge := func() api.Challenge {
		st, data := call(t, "POST", ts.URL+"/api/auth/challenge", "", api.ChallengeRequest{Address: addr})
		if st != http.StatusOK {
			t.Fatalf("challenge: %d %s", st, data)
		}
		var ch api.Challenge
		json.Unmarshal(data, &ch)
		return ch
	}
	signed := func(ch api.Challenge) string {
		sig, _ := auth.Sign(key, ch.Message)
		return "0x" + hex.EncodeToString(sig)
	}
	tampered := []byte(tok.Token)
	// Swap one character for another base64url one, so the token still
	// decodes and only its MAC can catch the change.
	if tampered[10] == 'A' {
		tampered[10] = 'B'
	} else {
		tampered[10] = 'A'
	}

	for _, tc := range []struct {
		name, method, path, token string
		body                      any
		status                    int
		code, want                string
	}{
		{"challenge bad address", "POST", "/api/auth/challenge", "", api.ChallengeRequest{Address: "0x1234"}, 400, "bad_request", "not a 0x-prefixed"},
		{"challenge no address", "POST", "/api/auth/challenge", "", `{}`, 400, "bad_request", "address: missing"},
		{"challenge unknown field", "POST", "/api/auth/challenge", "", `{"address":"` + addr + `","chain":1}`, 400, "bad_request", `unknown field "chain"`},
		{"challenge not json", "POST", "/api/auth/challenge", "", `{"address":`, 400, "bad_request", "ends early"},
		{"challenge trailing data", "POST", "/api/auth/challenge", "", `{"address":"` + addr + `"} {}`, 400, "bad_request", "after the JSON object"},
		{"challenge too big", "POST", "/api/auth/challenge", "", `{"address":"` + strings.Repeat("0", maxBody) + `"}`, 413, "too_large", "over"},
		{"signin not hex", "POST", "/api/auth/signin", "", api.SignInRequest{Message: "x", Signature: "0xzz"}, 400, "bad_request", "signature: not hex"},
		{"signin short signature", "POST", "/api/auth/signin", "", func() any {
			ch := challenge()
			return api.SignInRequest{Message: ch.Message, Signature: signed(ch)[:100]}
		}(), 400, "bad_request", "signature is 49 bytes long"},
		{"signin garbled message", "POST", "/api/auth/signin", "", func() any {
			ch := challenge()
			return api.SignInRequest{Message: strings.Replace(ch.Message, "Version: 1", "Version: 2", 1), Signature: signed(ch)}
		}(), 400, "bad_request", "message: line 7: Version"},
		{"signin altered message", "POST", "/api/auth/signin", "", func() any {
			ch := challenge()
			return api.SignInRequest{Message: strings.Replace(ch.Message, addr, other, 1), Signature: signed(ch)}
		}(), 401, "unauthorized", "signature is by 0x"},
		{"signin wrong domain", "POST", "/api/auth/signin", "", func() any {
			ch := challenge()
			ch.Message = strings.Replace(ch.Message, auth.DefaultDomain+" wants", "evil.example wants", 1)
			return api.SignInRequest{Message: ch.Message, Signature: signed(ch)}
		}(), 401, "unauthorized", "domain"},
		{"no token", "POST", "/api/agents", "", `{}`, 401, "unauthorized", "sign in first"},
		{"tampered token", "POST", "/api/agents", string(tampered), `{}`, 401, "unauthorized", "tampered"},
		{"garbage token", "POST", "/api/agents", "hello", `{}`, 401, "unauthorized", "malformed"},
		{"unknown route", "GET", "/api/nothing", "", nil, 404, "not_found", "no API route GET /api/nothing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			st, data := call(t, tc.method, ts.URL+tc.path, tc.token, tc.body)
			wantError(t, st, data, tc.status, tc.code, tc.want)
		})
	}

	// A header that is not a bearer token.
	r, _ := http.NewRequest("POST", ts.URL+"/api/agents", strings.NewReader(`{}`))
	r.Header.Set("Authorization", "Basic dXNlcjpwYXNz")
	resp, err := http.DefaultClient.Do(r)
	if err != nil {
		t.Fatal(err)
	}
	data, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	wantError(t, resp.StatusCode, data, 401, "unauthorized", "Bearer <token>")
	if resp.Header.Get("WWW-Authenticate") == "" {
		t.Error("401 without WWW-Authenticate")
	}

	// The token expires.
	if _, err := c.Agents(context.Background()); err != nil {
		t.Fatal(err)
	}
	clk.Add(time.Hour)
	_, err = c.CreateAgent(context.Background(), api.AgentConfig{Name: "late", Model: "test"})
	wantClientError(t, err, 401, "token expired")
}
