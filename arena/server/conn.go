package server

import (
	"bufio"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/gorilla/websocket"
)

// Websocket close codes the server sends beyond RFC 6455's usual ones.
const (
	// CloseTooSlow: the client fell SendBuffer messages behind and was
	// dropped so it could not slow the match or grow the server's memory;
	// it should reconnect with its last seq.
	CloseTooSlow = 4008
)

// maxMessage bounds what a client may send in one websocket message.
const maxMessage = 1 << 20

// conn is one websocket with gorilla's rules kept: one goroutine writes
// (the writer, fed by send), one reads, reads are size-limited, pings go
// out on a timer and a missing pong closes the connection, and a client
// that cannot keep up is dropped rather than buffered without bound.
type conn struct {
	ws   *websocket.Conn
	net  *batchConn // ws's network connection
	send chan *websocket.PreparedMessage
	// closing carries the close frame to send before the writer stops.
	closing   chan websocket.CloseError
	closeOnce sync.Once
	done      chan struct{} // closed when the writer has stopped
	ping      time.Duration
}

// upgrade turns a request into a tracked websocket; it has written the
// HTTP error when it returns nil.
func (s *Server) upgrade(w http.ResponseWriter, r *http.Request) *conn {
	up := websocket.Upgrader{
		ReadBufferSize:  4096,
		WriteBufferSize: 4096,
		CheckOrigin:     s.checkOrigin,
	}
	s.connsMu.Lock()
	closing := s.closing
	s.connsMu.Unlock()
	if closing {
		writeError(w, http.StatusServiceUnavailable, "shutting_down", "the server is shutting down")
		return nil
	}
	var bc *batchConn
	hw := hijackWrap{w, func(nc net.Conn) net.Conn { bc = &batchConn{Conn: nc}; return bc }}
	ws, err := up.Upgrade(hw, r, nil)
	if err != nil {
		return nil // Upgrade has answered
	}
	ws.SetReadLimit(maxMessage)
	c := &conn{
		ws:      ws,
		net:     bc,
		send:    make(chan *websocket.PreparedMessage, or(s.opts.SendBuffer, 256)),
		closing: make(chan websocket.CloseError, 1),
		done:    make(chan struct{}),
		ping:    or(s.opts.PingInterval, 20*time.Second),
	}
	s.connsMu.Lock()
	s.conns[c] = struct{}{}
	s.connsWG.Add(1)
	s.connsMu.Unlock()
	s.metrics.wsClients.Inc()
	ws.SetReadDeadline(time.Now().Add(2 * c.ping))
	ws.SetPongHandler(func(string) error {
		return ws.SetReadDeadline(time.Now().Add(2 * c.ping))
	})
	go c.writer()
	go func() {
		<-c.done
		ws.Close()
		s.connsMu.Lock()
		delete(s.conns, c)
		s.connsMu.Unlock()
		s.metrics.wsClients.Dec()
		s.connsWG.Done()
	}()
	return c
}

// checkOrigin allows requests without an Origin (non-browser clients),
// same-host origins, and those in Options.Origins.
func (s *Server) checkOrigin(r *http.Request) bool {
	origin := r.Header.Get("Origin")
	if origin == "" || slices.Contains(s.opts.Origins, "*") || slices.Contains(s.opts.Origins, origin) {
		return true
	}
	host := strings.TrimPrefix(strings.TrimPrefix(origin, "http://"), "https://")
	return strings.EqualFold(host, r.Host)
}

// writer is the connection's only writer: queued messages, pings, and the
// final close frame.
func (c *conn) writer() {
	defer close(c.done)
	ticker := time.NewTicker(c.ping)
	defer ticker.Stop()
	for {
		select {
		case m, ok := <-c.send:
			if !ok {
				c.writeClose(websocket.CloseError{Code: websocket.CloseNormalClosure})
				return
			}
			c.ws.SetWriteDeadline(time.Now().Add(c.ping))
			more, err := c.writeBatch(m)
			if err != nil {
				return
			}
			if !more {
				c.writeClose(websocket.CloseError{Code: websocket.CloseNormalClosure})
				return
			}
		case <-ticker.C:
			if err := c.ws.WriteControl(websocket.PingMessage, nil, time.Now().Add(c.ping)); err != nil {
				return
			}
		case ce := <-c.closing:
			c.writeClose(ce)
			return
		}
	}
}

// maxBatch bounds the messages gathered into one write.
const maxBatch = 64

// writeBatch writes m and whatever else is queued already (up to maxBatch
// messages) in one write to the socket: with many spectators the system
// call per message is what costs most, and a burst of events or a client
// catching up then costs one. It reports false once send is closed.
func (c *conn) writeBatch(m *websocket.PreparedMessage) (more bool, err error) {
	c.net.begin()
	err = c.ws.WritePreparedMessage(m)
	more = true
gather:
	for n := 1; err == nil && n < maxBatch; n++ {
		select {
		case m, more = <-c.send:
			if !more {
				break gather
			}
			err = c.ws.WritePreparedMessage(m)
		default:
			break gather
		}
	}
	if ferr := c.net.flush(); err == nil {
		err = ferr
	}
	return more, err
}

func (c *conn) writeClose(ce websocket.CloseError) {
	msg := websocket.FormatCloseMessage(ce.Code, ce.Text)
	c.ws.WriteControl(websocket.CloseMessage, msg, time.Now().Add(time.Second))
}

// offer queues m without blocking; a full queue drops the client.
func (c *conn) offer(m *websocket.PreparedMessage) bool {
	select {
	case c.send <- m:
		return true
	default:
		c.close(CloseTooSlow, "too slow: reconnect with your last seq")
		return false
	}
}

// close ends the connection with a close frame (once).
func (c *conn) close(code int, text string) {
	c.closeOnce.Do(func() {
		c.closing <- websocket.CloseError{Code: code, Text: text}
	})
}

// goAway closes the connection because the server is shutting down.
func (c *conn) goAway() { c.close(websocket.CloseGoingAway, "server shutting down") }

// prepare encodes a text message once for any number of connections.
func prepare(v []byte) (*websocket.PreparedMessage, error) {
	return websocket.NewPreparedMessage(websocket.TextMessage, v)
}

// batchConn is a websocket's network connection that can gather writes:
// between begin and flush, what gorilla writes (whole frames) is kept and
// then sent in one system call. Outside a batch it writes through, so the
// handshake and control frames go out at once.
type batchConn struct {
	net.Conn
	mu       sync.Mutex // gorilla serialises its writes; pongs come from the reader
	batching bool
	buf      []byte
}

func (b *batchConn) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.batching {
		b.buf = append(b.buf, p...)
		return len(p), nil
	}
	return b.Conn.Write(p)
}

func (b *batchConn) begin() {
	b.mu.Lock()
	b.batching = true
	b.mu.Unlock()
}

func (b *batchConn) flush() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.batching = false
	if len(b.buf) == 0 {
		return nil
	}
	_, err := b.Conn.Write(b.buf)
	if cap(b.buf) > 8<<10 {
		b.buf = nil // an idle connection should not keep a burst's buffer
	} else {
		b.buf = b.buf[:0]
	}
	return err
}

// hijackWrap hands gorilla's Upgrader a wrapped network connection.
type hijackWrap struct {
	http.ResponseWriter
	wrap func(net.Conn) net.Conn
}

func (h hijackWrap) Hijack() (net.Conn, *bufio.ReadWriter, error) {
	nc, brw, err := http.NewResponseController(h.ResponseWriter).Hijack()
	if err != nil {
		return nil, nil, err
	}
	return h.wrap(nc), brw, nil
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
