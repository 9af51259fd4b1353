package agents

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/rlfc/arena/internal/netguard"
)

// OpenAIOptions configures an OpenAI-compatible backend. Zero fields take
// the defaults named on each.
type OpenAIOptions struct {
	// BaseURL is the API's base, before /chat/completions, as in
	// "https://api.openai.com/v1" or "http://127.0.0.1:11434/v1".
	BaseURL string
	// Model is the model to ask for.
	Model string
	// APIKey, when set, is sent as "Authorization: Bearer <key>". It never
	// appears in errors.
	APIKey string
	// Timeout bounds each attempt's wait for the server: for the response
	// to begin, and then for each further piece of it, so a long stream
	// that keeps arriving is never cut. Zero means 60s.
	Timeout time.Duration
	// Retries is how many times a failed attempt is retried; zero means 3
	// and a negative value means none.
	Retries int
	// Backoff is the wait before the first retry; it doubles for each
	// further one, with random jitter, up to 10s. A Retry-After header
	// (seconds or a date, at most a minute) replaces it. Zero means 500ms.
	Backoff time.Duration
	// Client sends the requests; nil means a plain http.Client. Its own
	// Timeout, if any, applies on top of ours.
	Client *http.Client
	// Stream asks for server-sent events, so that text arrives as it is
	// written; nil means true.
	Stream *bool
	// UserAgent is the User-Agent header; empty means "rlfc-arena".
	UserAgent string
}

// Defaults of OpenAIOptions.
const (
	defaultTimeout   = 60 * time.Second
	defaultRetries   = 3
	defaultBackoff   = 500 * time.Millisecond
	maxBackoff       = 10 * time.Second
	maxRetryAfter    = time.Minute
	defaultUserAgent = "rlfc-arena"

	// maxBodyBytes bounds a non-streamed response to Complete, so a broken
	// server cannot exhaust memory. Replies are bounded tighter, by their
	// request's MaxTokens (see ReplyByteCap and sample.bodyLimit).
	maxBodyBytes = 16 << 20
	// maxErrorBytes is how much of an error response is read for its
	// message.
	maxErrorBytes = 64 << 10
)

// Operations named in errors.
const (
	opComplete = "chat completion"
	opStream   = "chat completion stream"
)

// OpenAI is the Policy of a model behind an OpenAI-compatible chat
// completions API (OpenAI, vLLM, llama.cpp's server, Ollama, our own
// server). It is safe for concurrent use.
type OpenAI struct {
	url       string // the chat completions URL
	model     string
	apiKey    string
	timeout   time.Duration
	retries   int
	backoff   time.Duration
	client    *http.Client
	stream    bool
	userAgent string
	// noLogprobs is set once the server refused the logprobs field, so
	// that later requests leave it out rather than fail first.
	noLogprobs atomic.Bool
}

// NewOpenAI returns a backend for opts, after checking that BaseURL is an
// http or https URL with a host and that Model is set.
func NewOpenAI(opts OpenAIOptions) (*OpenAI, error) {
	if err := checkBaseURL(opts.BaseURL); err != nil {
		return nil, fmt.Errorf("agents: openai: base URL %w", err)
	}
	if strings.TrimSpace(opts.Model) == "" {
		return nil, errors.New("agents: openai: no model given")
	}
	o := &OpenAI{
		url:       strings.TrimRight(opts.BaseURL, "/") + "/chat/completions",
		model:     opts.Model,
		apiKey:    opts.APIKey,
		timeout:   opts.Timeout,
		retries:   opts.Retries,
		backoff:   opts.Backoff,
		client:    opts.Client,
		stream:    opts.Stream == nil || *opts.Stream,
		userAgent: opts.UserAgent,
	}
	if o.timeout <= 0 {
		o.timeout = defaultTimeout
	}
	switch {
	case o.retries == 0:
		o.retries = defaultRetries
	case o.retries < 0:
		o.retries = 0
	}
	if o.backoff <= 0 {
		o.backoff = defaultBackoff
	}
	if o.client == nil {
		o.client = &http.Client{}
	}
	if o.userAgent == "" {
		o.userAgent = defaultUserAgent
	}
	return o, nil
}

// checkBaseURL accepts an http or https URL with a host and without
// credentials, query or fragment (they would break appending the path, or
// leak a secret into stored agents and logs).
func checkBaseURL(s string) error {
	u, err := url.Parse(s)
	switch {
	case s == "":
		return errors.New("is empty")
	case err != nil:
		return fmt.Errorf("%q is not a URL: %v", clip(s), errors.Unwrap(err))
	case u.Scheme != "http" && u.Scheme != "https":
		return fmt.Errorf("%q is not an http or https URL", clip(s))
	case u.Host == "" || u.Hostname() == "":
		return fmt.Errorf("%q has no host", clip(s))
	case u.User != nil:
		return fmt.Errorf("%q carries credentials; give an API key instead", clip(u.Redacted()))
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return fmt.Errorf("%q has a query or fragment; give the base URL only, as in http://host:port/v1", clip(s))
	}
	return nil
}

// Error is a failed call to an OpenAI-compatible API.
type Error struct {
	// Op is the operation: "chat completion" or "chat completion stream".
	Op string
	// URL is the URL called.
	URL string
	// Status is the HTTP status, or 0 when no response arrived.
	Status int
	// Msg is the server's error message, or what was wrong with its
	// answer.
	Msg string
	// Err is the underlying error, if any (a network error, a timeout, a
	// decoding error).
	Err error

	kind       error         // ErrUnreachable, ErrBadStream, ...; nil for a status
	attempts   int           // how many attempts were made, when more than one
	retryAfter time.Duration // the server's Retry-After, or -1
}

// Error names the operation, the URL, the status and the server's message.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("agents: ")
	b.WriteString(e.Op)
	b.WriteString(" ")
	b.WriteString(e.URL)
	if e.Status != 0 {
		fmt.Fprintf(&b, ": status %d %s", e.Status, http.StatusText(e.Status))
	}
	if e.Msg != "" {
		b.WriteString(": ")
		b.WriteString(e.Msg)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.attempts > 1 {
		fmt.Fprintf(&b, " (after %d attempts)", e.attempts)
	}
	return b.String()
}

// Unwrap returns the underlying error.
func (e *Error) Unwrap() error { return e.Err }

// Is matches the error's kind (ErrUnreachable, ErrBadStream, ...).
func (e *Error) Is(target error) bool { return e.kind != nil && target == e.kind }

// Temporary reports whether trying again might succeed: network errors,
// timeouts, cut-off responses, and the statuses 408, 409, 429 and 5xx.
// Other 4xx statuses (a bad request or key, an unknown model) and
// malformed answers would fail the same way again.
func (e *Error) Temporary() bool {
	if e.Status >= 300 {
		switch s := e.Status; {
		case s == http.StatusRequestTimeout, s == http.StatusConflict, s == http.StatusTooManyRequests, s >= 500:
			return true
		}
		return false
	}
	var certErr *tls.CertificateVerificationError
	switch {
	case e.Err == nil:
		return false
	case errors.Is(e.Err, context.Canceled), errors.As(e.Err, &certErr):
		return false
	case errors.Is(e.Err, netguard.ErrBlocked):
		return false // the address stays refused
	case errors.Is(e.Err, io.ErrUnexpectedEOF), errors.Is(e.Err, errStreamCut), e.Timeout():
		return true
	}
	var netErr net.Error
	return errors.As(e.Err, &netErr)
}

// Timeout reports whether the call failed for want of an answer in time.
func (e *Error) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.Is(e.Err, context.DeadlineExceeded) || errors.As(e.Err, &t) && t.Timeout()
}

var (
	// errStreamCut is a stream that ended with neither [DONE] nor a
	// finish_reason: the reply may be incomplete.
	errStreamCut = errors.New("the stream ended before data: [DONE] or a finish_reason")
	// errTooLarge is a response body beyond its limit.
	errTooLarge = fmt.Errorf("%w: the answer is past its limit", ErrTooLarge)
)

// timeoutError is an attempt that got no answer within the timeout. It
// matches context.DeadlineExceeded for errors.Is.
type timeoutError struct{ d time.Duration }

func (e timeoutError) Error() string {
	return fmt.Sprintf("no answer within %v (the per-attempt timeout)", e.d)
}
func (timeoutError) Timeout() bool        { return true }
func (timeoutError) Is(target error) bool { return target == context.DeadlineExceeded }

// newError starts an error of operation op on the backend's URL.
func (o *OpenAI) newError(op string) *Error { return &Error{Op: op, URL: o.url, retryAfter: -1} }

// watchdog cancels an attempt that waits longer than the timeout for the
// next piece of its answer.
type watchdog struct {
	d     time.Duration
	timer *time.Timer
	fired atomic.Bool
}

func newWatchdog(ctx context.Context, d time.Duration) (context.Context, *watchdog, func()) {
	ctx, cancel := context.WithCancel(ctx)
	w := &watchdog{d: d}
	w.timer = time.AfterFunc(d, func() {
		w.fired.Store(true)
		cancel()
	})
	return ctx, w, func() {
		w.timer.Stop()
		cancel()
	}
}

// reader passes reads through r, restarting the timer on each piece read.
func (w *watchdog) reader(r io.Reader) io.Reader {
	return readerFunc(func(p []byte) (int, error) {
		n, err := r.Read(p)
		if n > 0 {
			w.timer.Reset(w.d)
		}
		return n, err
	})
}

// explain replaces the cancellation error of an attempt the watchdog
// stopped by a timeout error that says so.
func (w *watchdog) explain(e *Error) *Error {
	if w.fired.Load() {
		e.Err = timeoutError{w.d}
	}
	return e
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

// limitReader fails with errTooLarge past n bytes, where io.LimitReader
// would end silently and leave a truncated answer looking merely malformed.
type limitReader struct {
	r io.Reader
	n int64
}

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errTooLarge
	}
	if int64(len(p)) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= int64(n)
	return n, err
}

// send posts body and returns a 2xx response; any other status is an
// *Error carrying the server's message and Retry-After.
func (o *OpenAI) send(ctx context.Context, op string, body []byte, stream bool) (*http.Response, *Error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, o.url, bytes.NewReader(body))
	if err != nil {
		e := o.newError(op)
		e.Err = err
		return nil, e
	}
	req.Header.Set("Content-Type", "application/json")
	if stream {
		req.Header.Set("Accept", "text/event-stream")
	} else {
		req.Header.Set("Accept", "application/json")
	}
	if o.apiKey != "" {
		req.Header.Set("Authorization", "Bearer "+o.apiKey)
	}
	req.Header.Set("User-Agent", o.userAgent)
	resp, err := o.client.Do(req)
	if err != nil {
		e := o.newError(op)
		// Error already names the URL, which *url.Error would repeat.
		var uerr *url.Error
		if errors.As(err, &uerr) {
			err = uerr.Err
		}
		e.Err, e.kind = err, ErrUnreachable
		return nil, e
	}
	if resp.StatusCode/100 == 2 {
		return resp, nil
	}
	defer resp.Body.Close()
	e := o.newError(op)
	e.Status = resp.StatusCode
	data, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorBytes))
	e.Msg = errorMessage(data)
	if d, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
		e.retryAfter = d
	}
	return nil, e
}

// errorMessage extracts the message of an error response: OpenAI's
// {"error":{"message":...}}, some servers' {"error":"..."}, or else the
// start of the body as text.
func errorMessage(body []byte) string {
	if msg, ok := apiErrorMessage(body); ok {
		return msg
	}
	return clip(strings.TrimSpace(strings.ToValidUTF8(string(body), "\uFFFD")))
}

// apiErrorMessage returns the message of a JSON error object, if body is
// one.
func apiErrorMessage(body []byte) (string, bool) {
	var withObject APIError
	if json.Unmarshal(body, &withObject) == nil && withObject.Error.Message != "" {
		return withObject.Error.Message, true
	}
	var withString struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &withString) == nil && withString.Error != "" {
		return withString.Error, true
	}
	return "", false
}

// parseRetryAfter reads a Retry-After header: delay seconds or an HTTP
// date, capped at maxRetryAfter.
func parseRetryAfter(h string, now time.Time) (time.Duration, bool) {
	h = strings.TrimSpace(h)
	if h == "" {
		return 0, false
	}
	var d time.Duration
	if secs, err := strconv.ParseInt(h, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		d = time.Duration(min(secs, int64(maxRetryAfter/time.Second))) * time.Second
	} else if t, err := http.ParseTime(h); err == nil {
		d = max(t.Sub(now), 0)
	} else {
		return 0, false
	}
	return min(d, maxRetryAfter), true
}

// wait returns the pause before retry number retry (from 0): the backoff
// doubled per retry, capped, with "equal jitter" (half fixed, half random)
// so that clients failing together do not retry together.
func (o *OpenAI) wait(retry int) time.Duration {
	d := o.backoff
	for range retry {
		if d >= maxBackoff {
			break
		}
		d *= 2
	}
	d = min(d, maxBackoff)
	return d/2 + rand.N(d/2+1)
}

// withRetries runs try until it succeeds, fails for good, or the retries
// are spent. try reports whether the answer had started to reach the
// caller (streamed text): then a failure is final, since text was shown.
// When ctx is done, ctx's error is returned.
func (o *OpenAI) withRetries(ctx context.Context, try func(ctx context.Context) (started bool, err *Error)) error {
	for attempt := 0; ; attempt++ {
		started, e := try(ctx)
		if e == nil {
			return nil
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		e.attempts = attempt + 1
		if started || !e.Temporary() || attempt >= o.retries {
			return e
		}
		d := o.wait(attempt)
		if e.retryAfter >= 0 {
			d = e.retryAfter
		}
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		}
	}
}

// Complete makes one non-streaming chat completion, with the backend's
// timeout and retry policy. An empty req.Model means the backend's model;
// req.Stream is ignored. A response without choices is an error.
func (o *OpenAI) Complete(ctx context.Context, req ChatRequest) (ChatResponse, error) {
	if req.Model == "" {
		req.Model = o.model
	}
	req.Stream = false
	body, err := json.Marshal(req)
	if err != nil {
		return ChatResponse{}, fmt.Errorf("agents: %s %s: encoding the request: %w", opComplete, o.url, err)
	}
	var resp ChatResponse
	err = o.withRetries(ctx, func(ctx context.Context) (bool, *Error) {
		var e *Error
		resp, e = o.completeOnce(ctx, body, maxBodyBytes)
		return false, e
	})
	if err != nil {
		return ChatResponse{}, err
	}
	return resp, nil
}

// completeOnce makes one attempt at a non-streamed completion whose body
// may be up to limit bytes.
func (o *OpenAI) completeOnce(ctx context.Context, body []byte, limit int64) (ChatResponse, *Error) {
	ctx, wd, stop := newWatchdog(ctx, o.timeout)
	defer stop()
	resp, e := o.send(ctx, opComplete, body, false)
	if e != nil {
		return ChatResponse{}, wd.explain(e)
	}
	defer resp.Body.Close()
	cr, e := o.decodeResponse(opComplete, resp, bufio.NewReader(wd.reader(resp.Body)), limit)
	if e != nil {
		return ChatResponse{}, wd.explain(e)
	}
	return cr, nil
}

// decodeResponse decodes a non-streamed completion of at most limit bytes
// from r.
func (o *OpenAI) decodeResponse(op string, resp *http.Response, r io.Reader, limit int64) (ChatResponse, *Error) {
	var body struct {
		ChatResponse
		// Some servers answer 200 with an error object.
		Error json.RawMessage `json:"error"`
	}
	err := json.NewDecoder(&limitReader{r: r, n: limit}).Decode(&body)
	e := o.newError(op)
	e.Status = resp.StatusCode
	switch {
	case err != nil:
		var syntax *json.SyntaxError
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &syntax) || errors.As(err, &typeErr) {
			e.Msg = "malformed response body"
		}
		e.Err, e.kind = err, ErrBadResponse
		if errors.Is(err, ErrTooLarge) {
			e.kind = ErrTooLarge
		}
		return ChatResponse{}, e
	case len(body.Choices) == 0:
		e.Msg, e.kind = "the response has no choices", ErrBadResponse
		if msg, ok := apiErrorMessage([]byte(`{"error":` + string(body.Error) + `}`)); ok && len(body.Error) > 0 {
			e.Msg, e.kind = "the server reported: "+msg, ErrUpstream
		}
		return ChatResponse{}, e
	}
	return body.ChatResponse, nil
}

// sample is one reply as it comes in.
type sample struct {
	text      strings.Builder
	finish    string
	tokens    int
	maxTokens int  // the request's MaxTokens
	limit     int  // the most bytes of text kept (ReplyByteCap)
	full      bool // text reached limit: the reply is cut
	// model is the model the server says answered.
	model string
	// logprobs asks for, and then holds, the tokens' log-probabilities;
	// badLogprobs says they cannot be kept (see addLogprobs).
	logprobs    bool
	lps         []float64
	badLogprobs bool
}

// newSample starts a sample of a request for at most maxTokens tokens,
// with the tokens' log-probabilities when logprobs is set.
func newSample(maxTokens int, logprobs bool) *sample {
	return &sample{maxTokens: maxTokens, limit: ReplyByteCap(maxTokens), logprobs: logprobs}
}

// logprobBytesPerToken is the body limits' allowance per token for its
// entry in logprobs.content, apart from its text: {"token":"",
// "logprob":-0.12345678901234567,"bytes":[],"top_logprobs":[]} is about
// 70 bytes; a server may add an alternative or two unasked.
const logprobBytesPerToken = 256

// logprobsLimit is what the log-probs of a reply add to its body when
// asked for: per token an entry, and the reply's bytes once more as the
// tokens' text (escaped, up to 6 bytes each) and once as their bytes
// (up to 4 each, "255,").
func (s *sample) logprobsLimit() int64 {
	if !s.logprobs {
		return 0
	}
	return 10*int64(s.limit) + int64(replyTokens(s.maxTokens))*logprobBytesPerToken
}

// setModel keeps the model a response names, the first one given, cut to
// MaxModelBytes: it is the server's claim, stored with the reply.
func (s *sample) setModel(model string) {
	if s.model == "" && model != "" {
		if len(model) > MaxModelBytes {
			model = wholeRunes(model[:MaxModelBytes])
		}
		s.model = model
	}
}

// addLogprobs takes the log-probabilities of the next tokens. The reply
// keeps them only if every one is a log-probability (finite, at most 0)
// and there are at most MaxReplyTokens+1 of them (a reply's tokens and
// the one that ended it): a server that sends anything else has its
// log-probs for this reply dropped, not its reply.
func (s *sample) addLogprobs(lp *ChoiceLogprobs) {
	if !s.logprobs || lp == nil || s.badLogprobs {
		return
	}
	if len(s.lps)+len(lp.Content) > MaxReplyTokens+1 {
		s.lps, s.badLogprobs = nil, true
		return
	}
	for _, t := range lp.Content {
		if math.IsNaN(t.Logprob) || math.IsInf(t.Logprob, 0) || t.Logprob > 0 {
			s.lps, s.badLogprobs = nil, true
			return
		}
		s.lps = append(s.lps, t.Logprob)
	}
}

// logProbs returns the log-probabilities the reply keeps: none when they
// were dropped, or when the text was cut here (they would describe
// tokens the reply no longer holds).
func (s *sample) logProbs() []float64 {
	if s.badLogprobs || s.full || len(s.lps) == 0 {
		return nil
	}
	return s.lps
}

// add appends text up to the sample's limit, where it cuts the reply (at a
// whole character, finish reason "length"), and returns what it kept.
func (s *sample) add(text string) string {
	if s.full {
		return ""
	}
	if room := s.limit - s.text.Len(); len(text) > room {
		text = wholeRunes(text[:room])
		s.full, s.finish = true, "length"
	}
	s.text.WriteString(text)
	return text
}

// bodyLimit bounds the body of a non-streamed reply of at most s.limit
// bytes: JSON may spell each byte of the text as six (\u00XX), and 64 KiB
// is ample for the rest.
func (s *sample) bodyLimit() int64 { return 6*int64(s.limit) + 64<<10 + s.logprobsLimit() }

// sseBytesPerDelta is streamLimit's allowance for the framing of one
// delta: "data: ", the chunk's JSON around its text (id, model, created,
// index, finish_reason, a usage object where a server sends one with every
// chunk) and the blank line. Servers send 150 to 400 bytes. The log-probs
// of the delta's tokens are allowed for apart (logprobsLimit, within
// bodyLimit).
const sseBytesPerDelta = 1 << 10

// streamLimit bounds the bytes read from the stream of one sample: the
// text, escaped (bodyLimit), and the framing of MaxDeltas deltas, more
// than an honest server sends for maxTokens tokens (a delta holds at least
// one, and the rest are a role, a finish_reason and a usage chunk).
// Without it a server could send without end what streamOnce reads but
// does not keep: chunks for other choices, role-only or empty deltas,
// comments, data lines that never end an event. For max_tokens 48 it is
// about 180 KiB.
func (s *sample) streamLimit() int64 {
	return s.bodyLimit() + int64(MaxDeltas(s.maxTokens))*sseBytesPerDelta
}

// Reply asks for req.N samples as N concurrent single-choice requests,
// since many servers (Ollama, llama.cpp) ignore n. Sample i asks for seed
// req.Seed+i when req.Seed is set. Each sample is retried on its own while
// none of its text has been passed to onDelta; once text was shown, a
// failure ends the reply. The first failure cancels the other samples and
// is returned. A sample's text is cut at ReplyByteCap(Sampling.MaxTokens)
// bytes (finish reason "length"), and a stream is not read past it, since
// a server may ignore max_tokens. Sampling.TopK has no field in OpenAI's
// API and is not sent; req.Adapter is ignored (the endpoint serves one
// model).
//
// Each request asks for logprobs, and a reply keeps its tokens'
// log-probabilities (Reply.LogProbs) when the server gives them all
// within bounds (see sample.addLogprobs) and the text was not cut here;
// Reply.Model is the model the server's answer names. Both are the
// server's claims, for the arena's checks. A server that refuses the
// logprobs field (a 400 or 422 that names it, as OpenAI's reasoning models
// answer) is asked again without it, once, and never again with it.
func (o *OpenAI) Reply(ctx context.Context, req Request, onDelta func(Delta)) ([]Reply, error) {
	n, err := checkRequest(req)
	if err != nil {
		return nil, fmt.Errorf("agents: %s %s: %w", opComplete, o.url, err)
	}
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	var (
		mu       sync.Mutex // serializes onDelta and guards firstErr
		firstErr error
		wg       sync.WaitGroup
	)
	replies := make([]Reply, n)
	for i := range n {
		wg.Go(func() {
			var emit func(string)
			if onDelta != nil {
				emit = func(text string) {
					mu.Lock()
					defer mu.Unlock()
					onDelta(Delta{Sample: i, Text: text})
				}
			}
			rep, err := o.replyOne(ctx, req, i, emit)
			if err != nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
				cancel() // the reply as a whole has failed
				return
			}
			replies[i] = rep
		})
	}
	wg.Wait()
	if err := parent.Err(); err != nil {
		return nil, err
	}
	if firstErr != nil {
		return nil, firstErr
	}
	return replies, nil
}

// replyOne gets sample i of a reply. Its text is cut at
// ReplyByteCap(req.Sampling.MaxTokens) bytes: a stream is not read further.
func (o *OpenAI) replyOne(ctx context.Context, req Request, i int, emit func(string)) (Reply, error) {
	for {
		asked := !o.noLogprobs.Load()
		rep, err := o.replyOnce(ctx, req, i, emit, asked)
		if asked && logprobsRefused(err) {
			o.noLogprobs.Store(true)
			continue
		}
		return rep, err
	}
}

// logprobsRefused reports whether err is a server's refusal of the
// logprobs field: a 400 or 422 whose message names it.
func logprobsRefused(err error) bool {
	var e *Error
	return errors.As(err, &e) && (e.Status == http.StatusBadRequest || e.Status == http.StatusUnprocessableEntity) &&
		strings.Contains(strings.ToLower(e.Msg), "logprob")
}

// replyOnce is replyOne, asking for log-probs or not.
func (o *OpenAI) replyOnce(ctx context.Context, req Request, i int, emit func(string), logprobs bool) (Reply, error) {
	cr := ChatRequest{
		Model:     o.model,
		Messages:  req.Messages,
		MaxTokens: req.Sampling.MaxTokens,
		Stop:      req.Stop,
		Stream:    o.stream,
	}
	if logprobs {
		cr.Logprobs = &logprobs
	}
	// Always sent: zero means greedy here, while servers default to 1.
	temp := req.Sampling.Temperature
	cr.Temperature = &temp
	if p := req.Sampling.TopP; p > 0 {
		cr.TopP = &p
	}
	if req.Seed != 0 {
		// Kept non-negative: servers read the seed as a signed integer.
		seed := int64((req.Seed + uint64(i)) & (1<<63 - 1))
		cr.Seed = &seed
	}
	body, err := json.Marshal(cr)
	if err != nil {
		return Reply{}, fmt.Errorf("agents: %s %s: encoding the request: %w", opComplete, o.url, err)
	}
	start := time.Now()
	var s *sample
	err = o.withRetries(ctx, func(ctx context.Context) (bool, *Error) {
		s = newSample(req.Sampling.MaxTokens, logprobs)
		if o.stream {
			return o.streamOnce(ctx, body, s, emit)
		}
		resp, e := o.completeOnce(ctx, body, s.bodyLimit())
		if e != nil {
			return false, e
		}
		s.whole(resp, emit)
		return false, nil
	})
	if err != nil {
		return Reply{}, err
	}
	// The server's finish reason is its own text: only a known one is
	// kept (see finishReasons).
	return Reply{Text: s.text.String(), Tokens: s.tokens, FinishReason: finishReason(s.finish), Latency: time.Since(start),
		LogProbs: s.logProbs(), Model: s.model}, nil
}

// streamOnce makes one attempt at a streamed completion, filling s and
// passing text to emit. It reports whether any text was emitted. It reads
// at most s.streamLimit() bytes, whatever the server sends: a stream that
// goes on past them ends the sample there, cut (finish reason "length"),
// or, with no text yet, fails as ErrTooLarge.
func (o *OpenAI) streamOnce(ctx context.Context, body []byte, s *sample, emit func(string)) (started bool, _ *Error) {
	ctx, wd, stop := newWatchdog(ctx, o.timeout)
	defer stop()
	resp, e := o.send(ctx, opStream, body, true)
	if e != nil {
		return false, wd.explain(e)
	}
	defer resp.Body.Close()
	r := bufio.NewReader(&limitReader{r: wd.reader(resp.Body), n: s.streamLimit()})

	// A server may answer a streaming request with a plain completion
	// (some do for errors, some ignore stream): take it whole.
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/event-stream") && startsWithBrace(r) {
		cr, e := o.decodeResponse(opStream, resp, r, s.bodyLimit())
		if e != nil {
			return false, wd.explain(e)
		}
		s.whole(cr, emit)
		return false, nil
	}

	fail := func(kind error, msg string, err error) (bool, *Error) {
		e := o.newError(opStream)
		e.Status = resp.StatusCode
		e.Msg, e.Err, e.kind = msg, err, kind
		return started, wd.explain(e)
	}
	events := newSSEReader(r)
	for {
		data, err := events.Next()
		switch {
		case err == io.EOF:
			if s.finish == "" {
				return fail(ErrBadStream, "", errStreamCut)
			}
			return started, nil // a finish_reason but no [DONE]: complete
		case errors.Is(err, ErrTooLarge):
			if s.text.Len() == 0 {
				return fail(ErrTooLarge, "reading the stream", err)
			}
			// The stream went on past what the request allows: the
			// reply is what came before, cut.
			s.full, s.finish = true, "length"
			return started, nil
		case err != nil:
			return fail(ErrBadStream, "reading the stream", err)
		case data == "[DONE]":
			return started, nil
		}
		var chunk ChatChunk
		if err := json.Unmarshal([]byte(data), &chunk); err != nil {
			return fail(ErrBadStream, fmt.Sprintf("malformed event %q", clip(data)), err)
		}
		if len(chunk.Choices) == 0 {
			// An error reported inside the stream, or a usage-only chunk.
			if msg, ok := apiErrorMessage([]byte(data)); ok {
				return fail(ErrUpstream, "the server reported: "+msg, nil)
			}
		}
		if chunk.Usage != nil {
			s.tokens = chunk.Usage.CompletionTokens
		}
		s.setModel(chunk.Model)
		for _, c := range chunk.Choices {
			if c.Index != 0 {
				continue // we asked for one choice; ignore extras
			}
			if c.FinishReason != nil && *c.FinishReason != "" {
				s.finish = *c.FinishReason
			}
			s.addLogprobs(c.Logprobs)
			if text := s.add(c.Delta.Content); text != "" {
				if emit != nil {
					emit(text)
				}
				started = true
			}
			if s.full {
				// The reply is as long as the request allows: whatever
				// else the server would send is not read.
				return started, nil
			}
		}
	}
}

// whole takes a non-streamed completion as the sample.
func (s *sample) whole(cr ChatResponse, emit func(string)) {
	c := cr.Choices[0]
	s.finish = c.FinishReason
	if cr.Usage != nil {
		s.tokens = cr.Usage.CompletionTokens
	}
	s.setModel(cr.Model)
	s.addLogprobs(c.Logprobs)
	if text := s.add(c.Message.Content); emit != nil && text != "" {
		emit(text)
	}
}

// startsWithBrace reports whether the first non-space byte of r is '{',
// without consuming it.
func startsWithBrace(r *bufio.Reader) bool {
	for i := 1; i <= 512; i++ {
		b, _ := r.Peek(i)
		if len(b) < i {
			return false
		}
		switch b[i-1] {
		case ' ', '\t', '\r', '\n':
			continue
		case '{':
			return true
		default:
			return false
		}
	}
	return false
}
