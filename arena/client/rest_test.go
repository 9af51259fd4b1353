package client

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/auth"
)

func TestErrorAnswers(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/spaces/json":
			w.WriteHeader(http.StatusPaymentRequired)
			json.NewEncoder(w).Encode(api.Error{Error: api.ErrorBody{Code: "payment_required", Message: "stake first"}})
		case "/api/spaces/html":
			w.WriteHeader(http.StatusBadGateway)
			io.WriteString(w, "<html>bad gateway</html>")
		default:
			w.WriteHeader(http.StatusServiceUnavailable)
		}
	}))
	defer srv.Close()
	c := New(srv.URL)
	for _, tc := range []struct {
		path   string
		status int
		code   string
		msg    string
	}{
		{"json", 402, "payment_required", "stake first"},
		{"html", 502, "bad_gateway", "<html>bad gateway</html>"},
		{"empty", 503, "service_unavailable", "Service Unavailable"},
	} {
		_, err := c.Space(context.Background(), tc.path)
		var e *Error
		if !errors.As(err, &e) || e.Status != tc.status || e.Code != tc.code || e.Message != tc.msg {
			t.Errorf("%s: %#v", tc.path, err)
		}
		if !IsStatus(err, tc.status) {
			t.Errorf("%s: IsStatus false", tc.path)
		}
	}
}

func TestRequests(t *testing.T) {
	var mu sync.Mutex
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		defer mu.Unlock()
		got = append(got, r.Method+" "+r.URL.RequestURI()+" "+r.Header.Get("Authorization")+" "+string(body))
		switch {
		case strings.HasSuffix(r.URL.Path, "/events"):
			io.WriteString(w, `[{"type":"match.started","match":"m/1","seq":1}]`)
		case r.Method == http.MethodPatch:
			io.WriteString(w, `{"id":"a b","name":"n","full":true}`)
		default:
			io.WriteString(w, `[]`)
		}
	}))
	defer srv.Close()
	c := New(srv.URL + "/")
	c.Token = "tok"
	ctx := context.Background()
	evs, err := c.Events(ctx, "m/1", 4)
	if err != nil || len(evs) != 1 || evs[0].Match != "m/1" {
		t.Fatalf("events %+v, %v", evs, err)
	}
	name := "n"
	if ag, err := c.UpdateAgent(ctx, "a b", api.AgentPatch{Name: &name}); err != nil || !ag.Full {
		t.Fatalf("update %+v, %v", ag, err)
	}
	if _, err := c.Matches(ctx, "sum-duel", 5); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"GET /api/matches/m%2F1/events?after=4 Bearer tok ",
		`PATCH /api/agents/a%20b Bearer tok {"name":"n"}`,
		"GET /api/matches?limit=5&space=sum-duel Bearer tok ",
	}
	mu.Lock()
	defer mu.Unlock()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Fatalf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSignInChecksChallenge: the client signs only a sign-in message for
// its own address, so a server cannot get it to sign anything else.
func TestSignInChecksChallenge(t *testing.T) {
	key, _ := crypto.GenerateKey()
	otherKey, _ := crypto.GenerateKey()
	other := crypto.PubkeyToAddress(otherKey.PublicKey).Hex()
	svc, err := auth.NewService(auth.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mu sync.Mutex
	var challenge func(addr string) string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/auth/challenge":
			var req api.ChallengeRequest
			json.NewDecoder(r.Body).Decode(&req)
			mu.Lock()
			msg := challenge(req.Address)
			mu.Unlock()
			json.NewEncoder(w).Encode(api.Challenge{Message: msg, Expires: time.Now().Add(time.Minute)})
		case "/api/auth/signin":
			t.Error("the client signed a bad challenge")
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	defer srv.Close()
	for _, tc := range []struct {
		name string
		msg  func(addr string) string
		want string
	}{
		{"not a message", func(string) string { return "send 1 ETH to me" }, "not a sign-in message"},
		{"another address", func(string) string {
			m, _ := svc.Challenge(other)
			return m.String()
		}, "is for " + other},
	} {
		mu.Lock()
		challenge = tc.msg
		mu.Unlock()
		c := New(srv.URL)
		_, err := c.SignIn(context.Background(), key)
		if err == nil || !strings.Contains(err.Error(), tc.want) || c.Token != "" {
			t.Errorf("%s: %v (token %q)", tc.name, err, c.Token)
		}
	}
}
