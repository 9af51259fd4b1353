package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/rlfc/arena/arena/api"
)

// Error is an error answer from the server: its HTTP status and the
// api.Error it carried.
type Error struct {
	Status int
	// Code is the api.Error code ("unauthorized", "forbidden",
	// "not_found", "bad_request", "payment_required", "conflict", ...).
	Code    string
	Message string
}

// Error returns the server's message with its status and code.
func (e *Error) Error() string {
	return fmt.Sprintf("arena server: %s (%d %s)", e.Message, e.Status, e.Code)
}

// maxResponse bounds what the client reads of one answer, so a broken or
// hostile server cannot exhaust its memory.
const maxResponse = 64 << 20

// httpClient is c.HTTP or, when that is nil, a default client.
func (c *Client) httpClient() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return defaultHTTP
}

var defaultHTTP = New("").HTTP

// call makes a REST request: body (if not nil) goes as JSON, the answer
// is decoded into out (if not nil), and an error answer comes back as
// *Error. The bearer token goes along whenever the client has one.
func (c *Client) call(ctx context.Context, method, path string, query url.Values, body, out any) error {
	u := strings.TrimRight(c.BaseURL, "/") + path
	if len(query) > 0 {
		u += "?" + query.Encode()
	}
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return fmt.Errorf("client: %s %s: encoding the request: %w", method, path, err)
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, rd)
	if err != nil {
		return fmt.Errorf("client: %s %s: %w", method, path, err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	req.Header.Set("Accept", "application/json")
	if c.Token != "" {
		req.Header.Set("Authorization", "Bearer "+c.Token)
	}
	resp, err := c.httpClient().Do(req)
	if err != nil {
		return fmt.Errorf("client: %s %s: %w", method, path, err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxResponse))
	if err != nil {
		return fmt.Errorf("client: %s %s: reading the answer: %w", method, path, err)
	}
	if resp.StatusCode >= 300 {
		return answerError(resp.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	if err := json.Unmarshal(data, out); err != nil {
		return fmt.Errorf("client: %s %s: decoding the answer: %w", method, path, err)
	}
	return nil
}

// answerError turns an error answer into *Error, keeping what a non-JSON
// answer (a proxy's error page) said.
func answerError(status int, data []byte) *Error {
	var e api.Error
	if json.Unmarshal(data, &e) == nil && e.Error.Code != "" {
		return &Error{Status: status, Code: e.Error.Code, Message: e.Error.Message}
	}
	msg := strings.TrimSpace(string(data))
	if len(msg) > 200 {
		msg = msg[:200] + "..."
	}
	if msg == "" {
		msg = http.StatusText(status)
	}
	code := strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_")
	return &Error{Status: status, Code: code, Message: msg}
}

// IsStatus reports whether err is an *Error with the given HTTP status.
func IsStatus(err error, status int) bool {
	var e *Error
	return errors.As(err, &e) && e.Status == status
}

func esc(s string) string { return url.PathEscape(s) }

// Health asks whether the server is up.
func (c *Client) Health(ctx context.Context) error {
	var h api.Health
	if err := c.call(ctx, http.MethodGet, "/healthz", nil, nil, &h); err != nil {
		return err
	}
	if !h.OK {
		return errors.New("client: the server says it is not healthy")
	}
	return nil
}

// Spaces lists the server's Spaces with their queue lengths.
func (c *Client) Spaces(ctx context.Context) ([]api.SpaceSummary, error) {
	var out []api.SpaceSummary
	return out, c.call(ctx, http.MethodGet, "/api/spaces", nil, nil, &out)
}

// Space returns one Space's spec and queue lengths.
func (c *Client) Space(ctx context.Context, id string) (api.Space, error) {
	var out api.Space
	return out, c.call(ctx, http.MethodGet, "/api/spaces/"+esc(id), nil, nil, &out)
}

// Leaderboard returns a Space's standings. The intervals no longer come
// from a bootstrap, so seed changes nothing; it is sent for servers that
// still use one.
func (c *Client) Leaderboard(ctx context.Context, space string, seed uint64) (api.Leaderboard, error) {
	var out api.Leaderboard
	q := url.Values{"seed": {strconv.FormatUint(seed, 10)}}
	return out, c.call(ctx, http.MethodGet, "/api/spaces/"+esc(space)+"/leaderboard", q, nil, &out)
}

// Enter queues one of the signed-in player's agents in a Space's tier.
func (c *Client) Enter(ctx context.Context, space, agent string, tier int) (api.Ticket, error) {
	var out api.Ticket
	return out, c.call(ctx, http.MethodPost, "/api/spaces/"+esc(space)+"/enter", nil, api.EnterRequest{Agent: agent, Tier: tier}, &out)
}

// Agents lists every agent: in full for the signed-in player's own, the
// public view of the others.
func (c *Client) Agents(ctx context.Context) ([]api.Agent, error) {
	var out []api.Agent
	return out, c.call(ctx, http.MethodGet, "/api/agents", nil, nil, &out)
}

// Agent returns an agent by id (or unique id prefix or name): in full if
// the signed-in player owns it.
func (c *Client) Agent(ctx context.Context, id string) (api.Agent, error) {
	var out api.Agent
	return out, c.call(ctx, http.MethodGet, "/api/agents/"+esc(id), nil, nil, &out)
}

// CreateAgent makes an agent owned by the signed-in player.
func (c *Client) CreateAgent(ctx context.Context, cfg api.AgentConfig) (api.Agent, error) {
	var out api.Agent
	return out, c.call(ctx, http.MethodPost, "/api/agents", nil, cfg, &out)
}

// UpdateAgent edits one of the signed-in player's agents: the patch's
// non-nil fields replace the stored ones.
func (c *Client) UpdateAgent(ctx context.Context, id string, patch api.AgentPatch) (api.Agent, error) {
	var out api.Agent
	return out, c.call(ctx, http.MethodPatch, "/api/agents/"+esc(id), nil, patch, &out)
}

// Pairs returns the preference pairs one of the signed-in player's agents
// took part in, those of one Space when space is not "".
func (c *Client) Pairs(ctx context.Context, agent, space string) ([]api.Pair, error) {
	var out []api.Pair
	var q url.Values
	if space != "" {
		q = url.Values{"space": {space}}
	}
	return out, c.call(ctx, http.MethodGet, "/api/agents/"+esc(agent)+"/pairs", q, nil, &out)
}

// Adapters lists an agent's adapter versions.
func (c *Client) Adapters(ctx context.Context, agent string) ([]api.AdapterVersion, error) {
	var out []api.AdapterVersion
	return out, c.call(ctx, http.MethodGet, "/api/agents/"+esc(agent)+"/adapters", nil, nil, &out)
}

// AgentMatches lists the matches an agent played, newest first; limit 0
// means the server's default (50).
func (c *Client) AgentMatches(ctx context.Context, agent string, limit int) ([]api.Match, error) {
	var out []api.Match
	return out, c.call(ctx, http.MethodGet, "/api/agents/"+esc(agent)+"/matches", limitQuery(nil, limit), nil, &out)
}

// Matches lists matches, newest first: a Space's, or all when space is
// "". limit 0 means the server's default (50); it allows up to 500.
func (c *Client) Matches(ctx context.Context, space string, limit int) ([]api.Match, error) {
	var out []api.Match
	q := url.Values{}
	if space != "" {
		q.Set("space", space)
	}
	return out, c.call(ctx, http.MethodGet, "/api/matches", limitQuery(q, limit), nil, &out)
}

// Settlement returns what a match owes on chain and how far its
// settlement has got; a 404 *Error when no entry was staked.
func (c *Client) Settlement(ctx context.Context, match string) (api.Settlement, error) {
	var out api.Settlement
	return out, c.call(ctx, http.MethodGet, "/api/matches/"+esc(match)+"/settlement", nil, nil, &out)
}

// Chain describes the contract that takes the arena's stakes; a 404
// *Error when the arena takes none.
func (c *Client) Chain(ctx context.Context) (api.Chain, error) {
	var out api.Chain
	return out, c.call(ctx, http.MethodGet, "/api/chain", nil, nil, &out)
}

// Stakes lists what became of an owner's entries staked on chain, newest
// first, at most limit of them (0: the server's default): queued, or
// refused with the reason and refunded.
func (c *Client) Stakes(ctx context.Context, owner string, limit int) ([]api.Stake, error) {
	var out []api.Stake
	return out, c.call(ctx, http.MethodGet, "/api/stakes", limitQuery(url.Values{"owner": {owner}}, limit), nil, &out)
}

func limitQuery(q url.Values, limit int) url.Values {
	if limit == 0 {
		return q
	}
	if q == nil {
		q = url.Values{}
	}
	q.Set("limit", strconv.Itoa(limit))
	return q
}

// Match returns a match with its rounds.
func (c *Client) Match(ctx context.Context, id string) (api.MatchDetail, error) {
	var out api.MatchDetail
	return out, c.call(ctx, http.MethodGet, "/api/matches/"+esc(id), nil, nil, &out)
}

// Events returns a match's events with seq greater than after, in order.
// (Watch follows a running match live.)
func (c *Client) Events(ctx context.Context, match string, after uint64) ([]api.Event, error) {
	var out []api.Event
	q := url.Values{"after": {strconv.FormatUint(after, 10)}}
	return out, c.call(ctx, http.MethodGet, "/api/matches/"+esc(match)+"/events", q, nil, &out)
}

// Queue returns the tickets waiting in a Space's queues, every tier's.
func (c *Client) Queue(ctx context.Context, space string) ([]api.Ticket, error) {
	var out []api.Ticket
	return out, c.call(ctx, http.MethodGet, "/api/spaces/"+esc(space)+"/queue", nil, nil, &out)
}

// Evaluations returns an agent's held-out evaluations, of one Space when
// space is not "": its learning curve.
func (c *Client) Evaluations(ctx context.Context, agent, space string) ([]api.Evaluation, error) {
	var q url.Values
	if space != "" {
		q = url.Values{"space": {space}}
	}
	var out []api.Evaluation
	return out, c.call(ctx, http.MethodGet, "/api/agents/"+esc(agent)+"/evaluations", q, nil, &out)
}
