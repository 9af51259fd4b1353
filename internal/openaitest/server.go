// Package openaitest runs a real HTTP server on 127.0.0.1 that speaks the
// OpenAI chat-completions protocol (JSON and server-sent events) with
// replies scripted by a test, so clients and LLM judges are tested against
// the wire format, not a mock of their own code.
package openaitest

import (
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/rlfc/arena/agents"
)

// Reply scripts the server's answer to one request.
type Reply struct {
	// Text is the assistant's content (every choice gets the same).
	Text string
	// Chunks splits Text for streaming; nil streams it word by word.
	Chunks []string
	// Status, when not 0 or 200, answers with that HTTP status and an
	// OpenAI error body carrying Text as the message.
	Status int
	// Delay holds the answer back (a slow or hung server); the wait ends
	// early when the client goes away.
	Delay time.Duration
	// Raw, when set, is written as the whole response body instead
	// (malformed JSON, a broken stream).
	Raw string
	// FinishReason defaults to "stop".
	FinishReason string
}

// Handler scripts replies; call counts requests from 1.
type Handler func(req agents.ChatRequest, call int) Reply

// Server is a running scripted server.
type Server struct {
	// URL is the API base, ending in "/v1".
	URL string

	srv     *http.Server
	handler Handler

	mu       sync.Mutex
	requests []agents.ChatRequest
}

// New starts a server on 127.0.0.1 that answers with h; it is shut down
// when the test ends.
func New(t testing.TB, h Handler) *Server {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("openaitest: listen: %v", err)
	}
	s := &Server{URL: "http://" + ln.Addr().String() + "/v1", handler: h}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/chat/completions", s.complete)
	s.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go s.srv.Serve(ln)
	t.Cleanup(func() { s.srv.Close() })
	return s
}

// Requests returns the requests received so far, in order.
func (s *Server) Requests() []agents.ChatRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]agents.ChatRequest(nil), s.requests...)
}

func (s *Server) complete(w http.ResponseWriter, r *http.Request) {
	var req agents.ChatRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
		writeError(w, http.StatusBadRequest, "bad request body: "+err.Error())
		return
	}
	s.mu.Lock()
	s.requests = append(s.requests, req)
	call := len(s.requests)
	s.mu.Unlock()

	rep := s.handler(req, call)
	if rep.Delay > 0 {
		select {
		case <-time.After(rep.Delay):
		case <-r.Context().Done():
			return
		}
	}
	switch {
	case rep.Raw != "":
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, rep.Raw)
		return
	case rep.Status != 0 && rep.Status != http.StatusOK:
		writeError(w, rep.Status, rep.Text)
		return
	}
	n := max(req.N, 1)
	finish := rep.FinishReason
	if finish == "" {
		finish = "stop"
	}
	id := fmt.Sprintf("chatcmpl-%d", call)
	if !req.Stream {
		resp := agents.ChatResponse{ID: id, Object: "chat.completion", Created: time.Now().Unix(), Model: req.Model}
		for i := range n {
			resp.Choices = append(resp.Choices, agents.ChatChoice{Index: i, Message: agents.Message{Role: "assistant", Content: rep.Text}, FinishReason: finish})
		}
		words := len(strings.Fields(rep.Text))
		resp.Usage = &agents.Usage{CompletionTokens: n * words, TotalTokens: n * words}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(resp)
		return
	}
	chunks := rep.Chunks
	if chunks == nil {
		chunks = splitWords(rep.Text)
	}
	w.Header().Set("Content-Type", "text/event-stream")
	flusher, _ := w.(http.Flusher)
	send := func(c agents.ChatChunk) {
		b, _ := json.Marshal(c)
		fmt.Fprintf(w, "data: %s\n\n", b)
		if flusher != nil {
			flusher.Flush()
		}
	}
	base := agents.ChatChunk{ID: id, Object: "chat.completion.chunk", Created: time.Now().Unix(), Model: req.Model}
	for i := range n {
		c := base
		c.Choices = []agents.ChunkChoice{{Index: i, Delta: agents.ChunkDelta{Role: "assistant"}}}
		send(c)
	}
	for _, piece := range chunks {
		for i := range n {
			c := base
			c.Choices = []agents.ChunkChoice{{Index: i, Delta: agents.ChunkDelta{Content: piece}}}
			send(c)
		}
	}
	for i := range n {
		c := base
		c.Choices = []agents.ChunkChoice{{Index: i, FinishReason: &finish}}
		send(c)
	}
	fmt.Fprint(w, "data: [DONE]\n\n")
}

// splitWords cuts text before each space, so the pieces join back to it.
func splitWords(text string) []string {
	var out []string
	for len(text) > 0 {
		i := strings.IndexByte(text[1:], ' ')
		if i < 0 {
			out = append(out, text)
			break
		}
		out = append(out, text[:i+1])
		text = text[i+1:]
	}
	return out
}

func writeError(w http.ResponseWriter, status int, msg string) {
	var e agents.APIError
	e.Error.Message = msg
	e.Error.Type = http.StatusText(status)
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(e)
}
