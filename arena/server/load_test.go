package server

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/spaces"
)

// The load test: many spectators of one match, several other matches at
// once, and a few spectators that stop reading. It runs only when asked:
//
//	ARENA_LOAD=1 go test ./arena/server -run '^TestLoad$' -v -timeout 5m
//
// Settings (environment): ARENA_LOAD_SPECTATORS (10000), ARENA_LOAD_SLOW
// (5 clients that never read), ARENA_LOAD_MATCHES (8 other matches, 5
// spectators each), ARENA_LOAD_ROUNDS (16), ARENA_LOAD_TOKENS (3 deltas a
// reply), ARENA_LOAD_TOKEN_MS (500 between deltas), ARENA_LOAD_SEND_BUFFER
// (16), ARENA_LOAD_REPORT (a file for the report), ARENA_LOAD_CPUPROFILE
// (a file for the server process's CPU profile). The defaults make the
// watched match emit about 6 events a second, 60,000 messages a second
// to 10,000 spectators, which this 2-core machine sustains; the server's
// limit shows by raising the rate (ARENA_LOAD_TOKEN_MS=100): spectators
// that cannot be served in time are then dropped with 4008, as designed.
//
// The server runs in a process of its own (this test binary again, in
// TestLoadServerProcess), so that the spectators' sockets and the
// server's each stay under the per-process file limit, and so that the
// server's memory per connection is measured apart from the clients'.

// paced answers like scripted but streams each reply as tokens deltas,
// one every interval, the way a model writes; the second player (system
// prompt "off 1") is half an interval behind the first, so the events of
// a match are spread out rather than bunched.
type paced struct {
	tokens   int
	interval time.Duration
}

func (p paced) Reply(ctx context.Context, req agents.Request, onDelta func(agents.Delta)) ([]agents.Reply, error) {
	out, err := scripted{}.Reply(ctx, req, nil)
	if err != nil {
		return nil, err
	}
	wait := p.interval
	if strings.HasSuffix(req.Messages[0].Content, "1") {
		wait += p.interval / 2
	}
	for i := range out {
		// Pad the answer so each delta carries a character.
		text := out[i].Text + strings.Repeat(" ", max(0, p.tokens-len(out[i].Text)))
		step := (len(text) + p.tokens - 1) / p.tokens
		for j := 0; j < len(text); j += step {
			select {
			case <-time.After(wait):
			case <-ctx.Done():
				return nil, ctx.Err()
			}
			wait = p.interval
			if onDelta != nil {
				onDelta(agents.Delta{Sample: i, Text: text[j:min(len(text), j+step)]})
			}
		}
		out[i].Text, out[i].Tokens = text, p.tokens
	}
	return out, nil
}

// loadEnv reads an integer setting.
func loadEnv(t testing.TB, name string, def int) int {
	v := os.Getenv(name)
	if v == "" {
		return def
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		t.Fatalf("%s=%q: want a whole number", name, v)
	}
	return n
}

// loadHello is what the server process prints on its first line.
type loadHello struct {
	URL     string   `json:"url"`     // the arena server
	Control string   `json:"control"` // the test's control endpoints
	Watched string   `json:"watched"` // the match everyone watches
	Others  []string `json:"others"`  // the matches played alongside
}

// loadMem is the server process's memory, after a GC.
type loadMem struct {
	HeapInuse  uint64 `json:"heap_inuse"`
	StackInuse uint64 `json:"stack_inuse"`
	Sys        uint64 `json:"sys"`
	Goroutines int    `json:"goroutines"`
}

// loadStatus is how the matches and streams stand.
type loadStatus struct {
	Members  int      `json:"members"`  // connections of the watched match's topic
	Finished int      `json:"finished"` // matches played to the end
	Failed   []string `json:"failed"`
	Dropped  float64  `json:"dropped"` // arena_websocket_dropped_total
}

// TestLoadServerProcess is the server half of TestLoad, which starts it
// in a child process.
func TestLoadServerProcess(t *testing.T) {
	if os.Getenv("ARENA_LOAD_SERVER") != "1" {
		t.Skip("the server half of TestLoad; it runs it")
	}
	policy := paced{
		tokens:   loadEnv(t, "ARENA_LOAD_TOKENS", 3),
		interval: time.Duration(loadEnv(t, "ARENA_LOAD_TOKEN_MS", 500)) * time.Millisecond,
	}
	ts := startServer(t, Options{SendBuffer: loadEnv(t, "ARENA_LOAD_SEND_BUFFER", 16)}, policy)

	// A Space like Sum Duel with one sample a reply and as many rounds as
	// asked, so a match's length and event rate are set here.
	base, err := spaces.Lookup("sum-duel")
	if err != nil {
		t.Fatal(err)
	}
	spec := *base
	spec.ID, spec.Name, spec.Rounds, spec.Samples = "load-duel", "Load Duel", loadEnv(t, "ARENA_LOAD_ROUNDS", 16), 1
	if err := ts.Arena.AddSpace(&spec); err != nil {
		t.Fatal(err)
	}
	hello := loadHello{URL: ts.URL}
	plans := make([]*arena.Plan, 1+loadEnv(t, "ARENA_LOAD_MATCHES", 8))
	for i := range plans {
		plans[i] = ts.planMatch(t, spec.ID, ts.agentIDs(t, 2)...)
		if i == 0 {
			hello.Watched = plans[i].ID
		} else {
			hello.Others = append(hello.Others, plans[i].ID)
		}
	}

	var (
		mu       sync.Mutex
		finished int
		failed   []string
		once     sync.Once
	)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /mem", func(w http.ResponseWriter, r *http.Request) {
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		writeJSON(w, http.StatusOK, loadMem{HeapInuse: ms.HeapInuse, StackInuse: ms.StackInuse, Sys: ms.Sys, Goroutines: runtime.NumGoroutine()})
	})
	mux.HandleFunc("GET /status", func(w http.ResponseWriter, r *http.Request) {
		st := loadStatus{}
		s := ts.Server.streams
		s.mu.Lock()
		if tp := s.topics["match:"+hello.Watched]; tp != nil {
			tp.mu.Lock()
			st.Members = len(tp.members)
			tp.mu.Unlock()
		}
		s.mu.Unlock()
		mu.Lock()
		st.Finished, st.Failed = finished, slices.Clone(failed)
		mu.Unlock()
		st.Dropped = counterValue(t, ts, "arena_websocket_dropped_total")
		writeJSON(w, http.StatusOK, st)
	})
	mux.HandleFunc("POST /play", func(w http.ResponseWriter, r *http.Request) {
		once.Do(func() {
			for _, p := range plans {
				go func() {
					_, err := ts.Arena.Play(context.Background(), p)
					mu.Lock()
					defer mu.Unlock()
					if err != nil {
						failed = append(failed, p.ID+": "+err.Error())
					} else {
						finished++
					}
				}()
			}
		})
		w.WriteHeader(http.StatusNoContent)
	})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go http.Serve(ln, mux)
	hello.Control = "http://" + ln.Addr().String()
	line, _ := json.Marshal(hello)
	fmt.Printf("LOAD %s\n", line)
	// Serve until the test closes our stdin (or dies, which closes it).
	io.Copy(io.Discard, os.Stdin)
}

// startLoadServer runs TestLoadServerProcess in a child process.
func startLoadServer(t *testing.T) loadHello {
	ctx, cancel := context.WithCancel(context.Background())
	args := []string{"-test.run=^TestLoadServerProcess$", "-test.v=false"}
	if path := os.Getenv("ARENA_LOAD_CPUPROFILE"); path != "" {
		args = append(args, "-test.cpuprofile="+path) // the server's, written when it stops
	}
	cmd := exec.CommandContext(ctx, os.Args[0], args...)
	cmd.Env = append(os.Environ(), "ARENA_LOAD_SERVER=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		stdin.Close() // ask it to stop; the context kills it if it hangs
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cancel()
			<-done
		}
		cancel()
	})
	sc := bufio.NewScanner(stdout)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "LOAD "); ok {
			var h loadHello
			if err := json.Unmarshal([]byte(rest), &h); err != nil {
				t.Fatal(err)
			}
			go io.Copy(io.Discard, stdout)
			return h
		}
	}
	t.Fatalf("the server process said nothing: %v", sc.Err())
	return loadHello{}
}

// getJSON fetches a control endpoint.
func getJSON(t testing.TB, method, url string, v any) {
	t.Helper()
	req, _ := http.NewRequest(method, url, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if v != nil {
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			t.Fatal(err)
		}
	}
}

// spectator is one client of the load test.
type spectator struct {
	ws        *websocket.Conn
	slow      bool
	latencies []time.Duration
	last      uint64 // last seq, in order from 1
	gaps      bool
	ended     bool // saw the match's last event
	closeErr  error
}

// watch reads until the stream ends, timing each event from its emission.
func (s *spectator) watch() {
	var ev struct {
		Type string    `json:"type"`
		Seq  uint64    `json:"seq"`
		Time time.Time `json:"time"`
	}
	for {
		_, data, err := s.ws.ReadMessage()
		if err != nil {
			s.closeErr = err
			return
		}
		now := time.Now()
		if err := json.Unmarshal(data, &ev); err != nil {
			s.closeErr = err
			return
		}
		s.latencies = append(s.latencies, now.Sub(ev.Time))
		if ev.Seq != s.last+1 {
			s.gaps = true
		}
		s.last = ev.Seq
		if ev.Type == api.MatchResult || ev.Type == api.MatchAborted {
			s.ended = true
		}
	}
}

// endName names how a stream ended, for the report.
func endName(err error) string {
	if c := closeCode(err); c >= 0 {
		return strconv.Itoa(c)
	}
	if err == nil {
		return "nothing"
	}
	return "network error"
}

// dialSpectators opens n streams of match with up to 32 handshakes at a
// time; slow ones get a tiny receive buffer and are not read.
func dialSpectators(t *testing.T, url, match string, n int, slow bool) []*spectator {
	d := websocket.Dialer{ReadBufferSize: 2048, WriteBufferSize: 256, HandshakeTimeout: 30 * time.Second}
	if slow {
		d.NetDialContext = (&net.Dialer{Control: func(_, _ string, rc syscall.RawConn) error {
			return rc.Control(func(fd uintptr) {
				syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 1024)
			})
		}}).DialContext
	}
	u := "ws" + strings.TrimPrefix(url, "http") + "/api/stream?match=" + match
	out := make([]*spectator, n)
	var next atomic.Int64
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range min(32, n) {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				ws, _, err := d.Dial(u, nil)
				if err != nil {
					errs <- fmt.Errorf("spectator %d: %w", i, err)
					return
				}
				out[i] = &spectator{ws: ws, slow: slow}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for _, s := range out {
			s.ws.Close()
		}
	})
	return out
}

func TestLoad(t *testing.T) {
	if os.Getenv("ARENA_LOAD") != "1" {
		t.Skip("set ARENA_LOAD=1 to run the load test")
	}
	n := loadEnv(t, "ARENA_LOAD_SPECTATORS", 10000)
	nSlow := loadEnv(t, "ARENA_LOAD_SLOW", 5)
	perOther := 5
	h := startLoadServer(t)

	var before loadMem
	getJSON(t, "GET", h.Control+"/mem", &before)
	start := time.Now()
	specs := dialSpectators(t, h.URL, h.Watched, n, false)
	slow := dialSpectators(t, h.URL, h.Watched, nSlow, true)
	var others []*spectator
	for _, m := range h.Others {
		others = append(others, dialSpectators(t, h.URL, m, perOther, false)...)
	}
	// Handshakes end before the server's handlers join the topic.
	var st loadStatus
	for i := 0; ; i++ {
		getJSON(t, "GET", h.Control+"/status", &st)
		if st.Members == n+nSlow {
			break
		}
		if i == 3000 {
			t.Fatalf("only %d of %d spectators joined", st.Members, n+nSlow)
		}
		time.Sleep(10 * time.Millisecond)
	}
	connectTime := time.Since(start)
	var after loadMem
	getJSON(t, "GET", h.Control+"/mem", &after)
	conns := n + nSlow + len(others)

	var wg sync.WaitGroup
	for _, s := range append(slices.Clone(specs), others...) {
		wg.Go(s.watch)
	}
	playStart := time.Now()
	getJSON(t, "POST", h.Control+"/play", nil)

	// Bounded: everything should be over long before this.
	finished := make(chan struct{})
	go func() { wg.Wait(); close(finished) }()
	select {
	case <-finished:
	case <-time.After(3 * time.Minute):
		t.Fatal("the spectators were still watching after 3 minutes")
	}
	watchTime := time.Since(playStart)
	for i := 0; ; i++ {
		getJSON(t, "GET", h.Control+"/status", &st)
		if st.Finished+len(st.Failed) == 1+len(h.Others) || i == 1000 {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Now read what the slow clients were sent before they were dropped.
	for _, s := range slow {
		s.watch()
	}

	var lat []time.Duration
	var delivered, incomplete int
	var lastEvents uint64
	for _, s := range specs {
		lat = append(lat, s.latencies...)
		delivered += len(s.latencies)
		if !s.ended || s.gaps || closeCode(s.closeErr) != websocket.CloseNormalClosure {
			incomplete++
		}
		lastEvents = max(lastEvents, s.last)
	}
	otherIncomplete := 0
	for _, s := range others {
		delivered += len(s.latencies)
		if !s.ended || s.gaps {
			otherIncomplete++
		}
	}
	slowDropped, slowGot := 0, 0
	slowEnds := map[string]int{}
	for _, s := range slow {
		// Dropped: cut off before the match's end (with 4008, or 1006 when
		// the server gave up writing to it before it read again).
		if !s.ended {
			slowDropped++
		}
		slowGot += len(s.latencies)
		slowEnds[endName(s.closeErr)]++
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration {
		if len(lat) == 0 {
			return 0
		}
		return lat[min(len(lat)-1, int(p*float64(len(lat))))]
	}
	perConn := func(a, b uint64) float64 { return (float64(b) - float64(a)) / float64(conns) / 1024 }

	var r strings.Builder
	fmt.Fprintf(&r, "arena websocket load test (%s, %d CPUs, GOMAXPROCS %d)\n", runtime.GOOS+"/"+runtime.GOARCH, runtime.NumCPU(), runtime.GOMAXPROCS(0))
	fmt.Fprintf(&r, "  spectators of one match   %d (+%d that never read, +%d on %d other matches)\n", n, nSlow, len(others), len(h.Others))
	fmt.Fprintf(&r, "  connect time              %v (%.0f handshakes/s)\n", connectTime.Round(time.Millisecond), float64(conns)/connectTime.Seconds())
	fmt.Fprintf(&r, "  match events              %d (watched match) in %v: %.1f events/s, %.0f messages/s to its spectators\n",
		lastEvents, watchTime.Round(time.Millisecond), float64(lastEvents)/watchTime.Seconds(), float64(lastEvents)*float64(n)/watchTime.Seconds())
	fmt.Fprintf(&r, "  events delivered          %d (%.0f events/s)\n", delivered, float64(delivered)/watchTime.Seconds())
	fmt.Fprintf(&r, "  delivery latency          p50 %v  p99 %v  max %v (emission to client read, %d samples)\n",
		pct(0.50).Round(10*time.Microsecond), pct(0.99).Round(10*time.Microsecond), pct(1).Round(10*time.Microsecond), len(lat))
	fmt.Fprintf(&r, "  server memory/connection  %.1f KiB heap + %.1f KiB stacks (%.1f KiB of Sys); %d goroutines for %d conns\n",
		perConn(before.HeapInuse, after.HeapInuse), perConn(before.StackInuse, after.StackInuse), perConn(before.Sys, after.Sys),
		after.Goroutines-before.Goroutines, conns)
	fmt.Fprintf(&r, "  incomplete spectators     %d of %d (watched), %d of %d (others)\n", incomplete, n, otherIncomplete, len(others))
	fmt.Fprintf(&r, "  slow clients dropped      %d of %d (they got %d events between them, ended by %v; server counted %v drops)\n", slowDropped, nSlow, slowGot, slowEnds, st.Dropped)
	fmt.Fprintf(&r, "  matches                   %d finished, %d failed %v\n", st.Finished, len(st.Failed), st.Failed)
	report := r.String()
	t.Log("\n" + report)
	if path := os.Getenv("ARENA_LOAD_REPORT"); path != "" {
		if err := os.WriteFile(path, []byte(report), 0o644); err != nil {
			t.Error(err)
		}
	}

	if incomplete > 0 || otherIncomplete > 0 {
		t.Errorf("%d spectators missed events", incomplete+otherIncomplete)
	}
	if slowDropped != nSlow {
		t.Errorf("%d of %d slow clients dropped", slowDropped, nSlow)
	}
	if len(st.Failed) > 0 {
		t.Errorf("matches failed: %v", st.Failed)
	}
}
