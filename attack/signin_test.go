package attack

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/arena/auth"
	"github.com/rlfc/arena/arena/client"
)

// TestAttackSigninFlood: a player takes a sign-in challenge; before it
// signs, a flood of challenges for random addresses hits the server from
// the same address. The player's sign-in must still work: a flood can
// never evict a live nonce (the server stores none), and it is
// rate-limited per client address, counted in arena_refusals_total.
//
// An arena that kept issued nonces in a table bounded at 100,000 forgot
// the player's once that many more were issued, so the flood is sent past
// that bound; -short sends 20,000, which shows the rate limit but cannot
// overflow such a table.
func TestAttackSigninFlood(t *testing.T) {
	s := start(t)
	ctx := t.Context()
	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	player := client.New(s.URL)
	ch, err := player.Challenge(ctx, crypto.PubkeyToAddress(key.PublicKey).Hex())
	if err != nil {
		t.Fatal(err)
	}

	flood := 110_000
	if testing.Short() {
		flood = 20_000
	}
	const workers = 64
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: workers, MaxConnsPerHost: workers}, Timeout: 30 * time.Second}
	defer hc.CloseIdleConnections()
	var next, issued, limited, other atomic.Int64
	var firstOther atomic.Value
	var wg sync.WaitGroup
	started := time.Now()
	for range workers {
		wg.Go(func() {
			addr := make([]byte, 20)
			for next.Add(1) <= int64(flood) {
				rand.Read(addr)
				body := `{"address":"0x` + hex.EncodeToString(addr) + `"}`
				resp, err := hc.Post(s.URL+"/api/auth/challenge", "application/json", bytes.NewBufferString(body))
				if err != nil {
					other.Add(1)
					firstOther.CompareAndSwap(nil, err.Error())
					continue
				}
				io.Copy(io.Discard, resp.Body) // read to the end, so the connection is reused
				resp.Body.Close()
				switch resp.StatusCode {
				case http.StatusOK:
					issued.Add(1)
				case http.StatusTooManyRequests:
					limited.Add(1)
				default:
					other.Add(1)
					firstOther.CompareAndSwap(nil, resp.Status)
				}
			}
		})
	}
	wg.Wait()
	t.Logf("flood of %d challenges in %v: %d issued, %d refused with 429, %d other (first: %v)",
		flood, time.Since(started).Round(time.Millisecond), issued.Load(), limited.Load(), other.Load(), firstOther.Load())

	sig, err := auth.Sign(key, ch.Message)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := player.Redeem(ctx, ch, sig); err != nil {
		t.Fatalf("the player's sign-in after a flood of %d challenges (%d of them issued): %v", flood, issued.Load(), err)
	}
	if n := s.metric(t, `arena_refusals_total{reason="signin_rate_limited"}`); n == 0 {
		t.Fatalf("the flood was not rate-limited: arena_refusals_total{reason=\"signin_rate_limited\"} is 0 (%d challenges issued)", issued.Load())
	} else {
		t.Logf("arena_refusals_total{reason=\"signin_rate_limited\"} %v", n)
	}
}
