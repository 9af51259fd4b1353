package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/gorilla/websocket"

	"github.com/rlfc/arena/arena/api"
)

// Reconnection backoff: it starts small so a dropped spectator is back
// at once, doubles so a server that is down is not hammered, and carries
// jitter so thousands of dropped spectators do not return in lockstep.
const (
	streamMinBackoff = 100 * time.Millisecond
	streamMaxBackoff = 5 * time.Second
)

// streamIdle is how long a stream may be silent before the client takes
// the connection for dead. The server pings every 20s by default, and a
// ping counts as traffic.
const streamIdle = 90 * time.Second

// maxEventMessage bounds one stream message, so a broken server cannot
// make the client buffer without limit.
const maxEventMessage = 8 << 20

// Watch streams a match's events after seq after (0 for all of them) to
// fn, in order and each once, until the match ends: it returns nil after
// fn has seen match.result or match.aborted (or when the server closes the
// stream normally, as it does for a match that ended at or before after).
// A dropped connection (network trouble, the server dropping a client
// that fell behind, a server restart) is redialled with backoff from the
// last seq delivered, so fn misses nothing. Watch returns ctx's error when
// ctx ends, fn's error as it is when fn fails, and an error naming the
// problem when the server refuses the stream (an unknown match, say) or
// sends something that is not an event.
func (c *Client) Watch(ctx context.Context, match string, after uint64, fn func(api.Event) error) error {
	if match == "" {
		return errors.New("client: watch: no match id")
	}
	last := after
	query := func() url.Values {
		return url.Values{"match": {match}, "after": {strconv.FormatUint(last, 10)}}
	}
	return c.stream(ctx, "match "+match, query, func(ev api.Event) (bool, error) {
		if ev.Match != match || ev.Seq <= last {
			return false, nil // replayed already, or not ours
		}
		if err := fn(ev); err != nil {
			return false, err
		}
		last = ev.Seq
		return ev.Type == api.MatchResult || ev.Type == api.MatchAborted, nil
	})
}

// WatchSpace streams the live events of every match in a Space to fn
// until ctx ends or fn fails (returning ctx's or fn's error), redialling
// a dropped connection with backoff. Events emitted while it is
// disconnected are not replayed; use Watch on a match for that.
func (c *Client) WatchSpace(ctx context.Context, space string, fn func(api.Event) error) error {
	if space == "" {
		return errors.New("client: watch: no space id")
	}
	query := func() url.Values { return url.Values{"space": {space}} }
	return c.stream(ctx, "space "+space, query, func(ev api.Event) (bool, error) { return false, fn(ev) })
}

// WatchAgent streams the live events of the matches an agent plays, from
// the next match that starts with it, like WatchSpace.
func (c *Client) WatchAgent(ctx context.Context, agent string, fn func(api.Event) error) error {
	if agent == "" {
		return errors.New("client: watch: no agent id")
	}
	query := func() url.Values { return url.Values{"agent": {agent}} }
	return c.stream(ctx, "agent "+agent, query, func(ev api.Event) (bool, error) { return false, fn(ev) })
}

// DecodeEvent parses one stream message: a JSON object with at least a
// type, a match and a seq (which count from 1). Anything else is an error
// that says what was wrong; unknown fields are ignored, so newer servers
// may add some.
func DecodeEvent(data []byte) (api.Event, error) {
	var ev api.Event
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return ev, errors.New("client: empty stream message; want a JSON event object")
	}
	if trimmed[0] != '{' {
		return ev, fmt.Errorf("client: stream message is not a JSON object: it starts %q", eventSnippet(trimmed))
	}
	if err := json.Unmarshal(data, &ev); err != nil {
		return api.Event{}, fmt.Errorf("client: bad stream message %q: %w", eventSnippet(trimmed), err)
	}
	switch {
	case ev.Type == "":
		return api.Event{}, fmt.Errorf("client: stream message %q has no type", eventSnippet(trimmed))
	case ev.Match == "":
		return api.Event{}, fmt.Errorf("client: %s event has no match", ev.Type)
	case ev.Seq == 0:
		return api.Event{}, fmt.Errorf("client: %s event of match %s has no seq", ev.Type, ev.Match)
	}
	return ev, nil
}

// eventSnippet is the start of a bad message, for error text.
func eventSnippet(b []byte) string {
	const n = 40
	if len(b) > n {
		return string(b[:n]) + "…"
	}
	return string(b)
}

// streamFnError marks the caller's own error, which ends a stream as it is.
type streamFnError struct{ err error }

func (e streamFnError) Error() string { return e.err.Error() }

// streamPermanent marks what redialling cannot fix: a refused stream, a
// message that is not an event, a close code that means "do not retry".
type streamPermanent struct{ err error }

func (e streamPermanent) Error() string { return e.err.Error() }
func (e streamPermanent) Unwrap() error { return e.err }

// stream dials the stream that query selects, again and again with
// backoff, handing each event to handle until handle says it was the
// last, ctx ends, or an error is permanent.
func (c *Client) stream(ctx context.Context, what string, query func() url.Values, handle func(api.Event) (bool, error)) error {
	backoff := streamMinBackoff
	for {
		progressed, done, err := c.streamOnce(ctx, query(), handle)
		if done {
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		var fe streamFnError
		if errors.As(err, &fe) {
			return fe.err
		}
		var pe streamPermanent
		if errors.As(err, &pe) {
			return fmt.Errorf("client: stream of %s: %w", what, pe.err)
		}
		if progressed {
			backoff = streamMinBackoff
		}
		// Jitter: wait between half and all of the backoff.
		wait := backoff/2 + rand.N(backoff/2+1)
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
		backoff = min(2*backoff, streamMaxBackoff)
	}
}

// streamOnce runs one connection of a stream. It reports whether any
// event reached handle, and done when the stream is over (the last event,
// or the server's normal close).
func (c *Client) streamOnce(ctx context.Context, q url.Values, handle func(api.Event) (bool, error)) (progressed, done bool, err error) {
	u, err := streamURL(c.BaseURL, q)
	if err != nil {
		return false, false, streamPermanent{err}
	}
	dialer := websocket.Dialer{Proxy: http.ProxyFromEnvironment, HandshakeTimeout: 30 * time.Second}
	ws, resp, err := dialer.DialContext(ctx, u, nil)
	if err != nil {
		return false, false, streamRefused(resp, err)
	}
	defer ws.Close()
	// Closing the connection is what interrupts a blocked read.
	stop := context.AfterFunc(ctx, func() { ws.Close() })
	defer stop()

	ws.SetReadLimit(maxEventMessage)
	ws.SetPingHandler(func(data string) error {
		ws.SetReadDeadline(time.Now().Add(streamIdle))
		err := ws.WriteControl(websocket.PongMessage, []byte(data), time.Now().Add(10*time.Second))
		if errors.Is(err, websocket.ErrCloseSent) {
			return nil
		}
		var ne net.Error
		if errors.As(err, &ne) && ne.Timeout() {
			return nil
		}
		return err
	})
	for {
		ws.SetReadDeadline(time.Now().Add(streamIdle))
		kind, data, err := ws.ReadMessage()
		if err != nil {
			if websocket.IsCloseError(err, websocket.CloseNormalClosure) {
				return progressed, true, nil
			}
			return progressed, false, streamReadError(err)
		}
		if kind != websocket.TextMessage {
			return progressed, false, streamPermanent{errors.New("binary message where a JSON event was expected")}
		}
		ev, err := DecodeEvent(data)
		if err != nil {
			return progressed, false, streamPermanent{err}
		}
		last, err := handle(ev)
		if err != nil {
			streamGoodbye(ws)
			return progressed, false, streamFnError{err}
		}
		progressed = true
		if last {
			streamGoodbye(ws)
			return true, true, nil
		}
	}
}

// streamGoodbye tells the server the client is leaving, without waiting long.
func streamGoodbye(ws *websocket.Conn) {
	msg := websocket.FormatCloseMessage(websocket.CloseNormalClosure, "")
	ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
}

// streamReadError sorts a failed read: close codes that mean "try again" (too
// slow, going away, a broken connection, server trouble) and network
// errors are worth a redial; other close codes are not.
func streamReadError(err error) error {
	var ce *websocket.CloseError
	if !errors.As(err, &ce) {
		return err // a network error: redial
	}
	switch ce.Code {
	case 4008, // the server dropped us for falling behind
		websocket.CloseGoingAway,
		websocket.CloseAbnormalClosure,
		websocket.CloseInternalServerErr,
		websocket.CloseServiceRestart,
		websocket.CloseTryAgainLater:
		return err
	}
	return streamPermanent{err}
}

// streamRefused turns a failed dial into an error: the server's own message
// when it answered with an HTTP error (permanent unless it is a 5xx or
// 429, which may pass), or the network error (worth a redial).
func streamRefused(resp *http.Response, err error) error {
	if resp == nil {
		return err
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	msg := strings.TrimSpace(string(body))
	var apiErr api.Error
	if json.Unmarshal(body, &apiErr) == nil && apiErr.Error.Message != "" {
		msg = apiErr.Error.Message
	}
	if msg == "" {
		msg = err.Error()
	}
	out := fmt.Errorf("server refused the stream: %s: %s", resp.Status, msg)
	if resp.StatusCode >= 500 || resp.StatusCode == http.StatusTooManyRequests {
		return out
	}
	return streamPermanent{out}
}

// streamURL is the websocket URL of /api/stream on the server at base.
func streamURL(base string, q url.Values) (string, error) {
	u, err := url.Parse(base)
	if err != nil {
		return "", fmt.Errorf("bad server URL %q: %w", base, err)
	}
	switch u.Scheme {
	case "http", "ws":
		u.Scheme = "ws"
	case "https", "wss":
		u.Scheme = "wss"
	default:
		return "", fmt.Errorf("bad server URL %q: want http(s):// or ws(s)://", base)
	}
	u.Path = strings.TrimRight(u.Path, "/") + "/api/stream"
	u.RawQuery = q.Encode()
	return u.String(), nil
}
