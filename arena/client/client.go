// Package client talks to an arena server through its public API: REST,
// sign-in with a wallet key, websocket event streams that reconnect
// without losing events, and the remote-runner protocol. The player's
// terminal UI and `arena runner` use it.
package client

import (
	"net/http"
	"strings"
	"time"
)

// Client is a connection to one arena server. Its methods are safe for
// concurrent use once signed in.
type Client struct {
	// BaseURL is the server's root, such as "http://127.0.0.1:7070".
	BaseURL string
	// HTTP makes REST requests; nil means a client with a 30s timeout.
	HTTP *http.Client
	// Token is the bearer token from SignIn (or set directly).
	Token string
}

// New makes a client for the server at baseURL.
func New(baseURL string) *Client {
	return &Client{BaseURL: strings.TrimRight(baseURL, "/"), HTTP: &http.Client{Timeout: 30 * time.Second}}
}
