package contracts

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"reflect"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/ethclient/simulated"
	"github.com/ethereum/go-ethereum/rpc"
)

// ServeRPC serves the dev chain's JSON-RPC over HTTP on addr, a loopback
// address ("" means 127.0.0.1 on a free port), and returns its URL. Wallets
// and the arena's own commands can then use the dev chain like any node:
// only the eth, net and web3 namespaces are served, and a transaction sent
// with eth_sendRawTransaction is mined at once, like one sent through the
// Client. It stops when the Dev is closed.
//
// The dev keys are public, so the endpoint refuses to listen anywhere but on
// the loopback interface.
func (d *Dev) ServeRPC(addr string) (string, error) {
	if addr == "" {
		addr = "127.0.0.1:0"
	}
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("dev chain RPC address %q: %w", addr, err)
	}
	if ip := net.ParseIP(host); host != "localhost" && (ip == nil || !ip.IsLoopback()) {
		return "", fmt.Errorf("dev chain RPC address %q: not a loopback address (the dev keys are public, so the dev chain is served to this machine only)", addr)
	}
	rc, err := inprocRPC(d.Sim.Client())
	if err != nil {
		return "", err
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", fmt.Errorf("dev chain RPC: %w", err)
	}
	srv := &http.Server{Handler: &devRPC{rpc: rc, miner: d.miner}, ReadHeaderTimeout: 10 * time.Second}
	d.mu.Lock()
	d.servers = append(d.servers, srv)
	d.mu.Unlock()
	go srv.Serve(ln) // returns when Close closes the server
	return "http://" + ln.Addr().String(), nil
}

// inprocRPC digs the node's in-process RPC connection out of the simulated
// client. simulated.Backend exposes neither its node nor that connection,
// but its client is a struct embedding the *ethclient.Client made on it
// (under the field name Client, which hides ethclient's Client method), and
// reflection may read an exported field. TestDialDevRPC fails if a
// go-ethereum upgrade changes this.
func inprocRPC(c simulated.Client) (*rpc.Client, error) {
	v := reflect.ValueOf(c)
	if v.Kind() == reflect.Struct {
		if f := v.FieldByName("Client"); f.IsValid() && f.CanInterface() {
			if ec, ok := f.Interface().(*ethclient.Client); ok && ec != nil {
				return ec.Client(), nil
			}
		}
	}
	return nil, fmt.Errorf("dev chain RPC: the simulated backend's client (%T) does not hold an *ethclient.Client", c)
}

// devRPC forwards JSON-RPC 2.0 requests to the node's in-process RPC
// connection. The node's own HTTP server cannot be used: the simulated
// backend does not expose the node, so the port it picked would be unknown,
// and it would not mine sent transactions.
type devRPC struct {
	rpc   *rpc.Client
	miner *autoMiner
}

type rpcRequest struct {
	ID     json.RawMessage `json:"id"`
	Method string          `json:"method"`
	Params json.RawMessage `json:"params"`
}

type rpcResponse struct {
	JSONRPC string          `json:"jsonrpc"`
	ID      json.RawMessage `json:"id"`
	Result  json.RawMessage `json:"result,omitempty"`
	Error   *rpcError       `json:"error,omitempty"`
}

type rpcError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
	Data    any    `json:"data,omitempty"`
}

// maxRPCBody is geth's own limit on a request body.
const maxRPCBody = 5 << 20

func (h *devRPC) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "JSON-RPC takes POST requests", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRPCBody))
	if err != nil {
		http.Error(w, err.Error(), http.StatusRequestEntityTooLarge)
		return
	}
	var out any
	body = bytes.TrimSpace(body)
	if len(body) > 0 && body[0] == '[' {
		var batch []json.RawMessage
		if err := json.Unmarshal(body, &batch); err != nil || len(batch) == 0 {
			out = errorResponse(nil, -32600, "invalid batch request")
		} else {
			var rs []*rpcResponse
			for _, msg := range batch {
				if resp := h.handle(r, msg); resp != nil {
					rs = append(rs, resp)
				}
			}
			out = rs
		}
	} else if resp := h.handle(r, body); resp != nil {
		out = resp
	}
	w.Header().Set("Content-Type", "application/json")
	if out == nil { // only notifications
		w.WriteHeader(http.StatusNoContent)
		return
	}
	json.NewEncoder(w).Encode(out)
}

// handle answers one request, or returns nil for a notification (no id).
func (h *devRPC) handle(r *http.Request, msg json.RawMessage) *rpcResponse {
	var req rpcRequest
	if err := json.Unmarshal(msg, &req); err != nil {
		return errorResponse(nil, -32700, "parse error: "+err.Error())
	}
	if req.Method == "" {
		return errorResponse(req.ID, -32600, "invalid request: no method")
	}
	if !devRPCAllowed(req.Method) {
		return errorResponse(req.ID, -32601, fmt.Sprintf("the method %s does not exist/is not available", req.Method))
	}
	var params []json.RawMessage
	if p := bytes.TrimSpace(req.Params); len(p) > 0 && !bytes.Equal(p, []byte("null")) {
		if err := json.Unmarshal(p, &params); err != nil {
			return errorResponse(req.ID, -32602, "invalid params: want an array")
		}
	}
	args := make([]any, len(params))
	for i, p := range params {
		args[i] = p
	}
	var result json.RawMessage
	call := func() error { return h.rpc.CallContext(r.Context(), &result, req.Method, args...) }
	var err error
	if req.Method == "eth_sendRawTransaction" || req.Method == "eth_sendTransaction" {
		err = h.miner.mined(call)
	} else {
		err = call()
	}
	if len(req.ID) == 0 {
		return nil
	}
	if err != nil {
		code := -32603
		var re rpc.Error
		if errors.As(err, &re) {
			code = re.ErrorCode()
		}
		resp := errorResponse(req.ID, code, err.Error())
		var de rpc.DataError
		if errors.As(err, &de) {
			resp.Error.Data = de.ErrorData()
		}
		return resp
	}
	return &rpcResponse{JSONRPC: "2.0", ID: req.ID, Result: result}
}

// devRPCAllowed is what geth serves with --http.api eth,net,web3, less
// subscriptions, which need a websocket.
func devRPCAllowed(method string) bool {
	if method == "eth_subscribe" || method == "eth_unsubscribe" {
		return false
	}
	for _, ns := range []string{"eth_", "net_", "web3_"} {
		if strings.HasPrefix(method, ns) {
			return true
		}
	}
	return false
}

func errorResponse(id json.RawMessage, code int, msg string) *rpcResponse {
	if len(id) == 0 {
		id = json.RawMessage("null")
	}
	return &rpcResponse{JSONRPC: "2.0", ID: id, Error: &rpcError{Code: code, Message: msg}}
}
