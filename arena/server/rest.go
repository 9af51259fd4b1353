package server

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/common"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/auth"
	"github.com/rlfc/arena/spaces"
	"github.com/rlfc/arena/store"
)

// maxBody bounds a REST request's body; an agent's whole config is a few
// kilobytes.
const maxBody = 1 << 20

// Limits on GET /api/matches.
const (
	defaultMatchLimit = 50
	maxMatchLimit     = 500
)

// routeREST registers the REST API. Every error it answers is an
// api.Error whose message says what was wrong.
func (s *Server) routeREST(mux *http.ServeMux) {
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusOK, api.Health{OK: true})
	})

	mux.HandleFunc("POST /api/auth/challenge", s.challenge)
	mux.HandleFunc("POST /api/auth/signin", s.signIn)

	mux.HandleFunc("GET /api/spaces", s.listSpaces)
	mux.HandleFunc("GET /api/spaces/{id}", s.getSpace)
	mux.HandleFunc("GET /api/spaces/{id}/leaderboard", s.leaderboard)
	mux.HandleFunc("GET /api/spaces/{id}/queue", s.queue)
	mux.HandleFunc("POST /api/spaces/{id}/enter", s.enter)

	mux.HandleFunc("GET /api/agents", s.listAgents)
	mux.HandleFunc("POST /api/agents", s.createAgent)
	mux.HandleFunc("GET /api/agents/{id}", s.getAgent)
	mux.HandleFunc("PATCH /api/agents/{id}", s.updateAgent)
	mux.HandleFunc("GET /api/agents/{id}/pairs", s.agentPairs)
	mux.HandleFunc("GET /api/agents/{id}/adapters", s.agentAdapters)
	mux.HandleFunc("GET /api/agents/{id}/matches", s.agentMatches)
	mux.HandleFunc("GET /api/agents/{id}/evaluations", s.agentEvaluations)

	mux.HandleFunc("GET /api/matches", s.listMatches)
	mux.HandleFunc("GET /api/matches/{id}", s.getMatch)
	mux.HandleFunc("GET /api/matches/{id}/events", s.matchEvents)
	mux.HandleFunc("GET /api/matches/{id}/settlement", s.matchSettlement)
	mux.HandleFunc("GET /api/chain", s.chain)
	mux.HandleFunc("GET /api/stakes", s.stakes)

	// Anything else under /api/ gets a JSON 404 rather than the mux's
	// plain-text one, so clients always have an api.Error to read.
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no API route %s %s", r.Method, r.URL.Path))
	})
}

// errNoToken is caller's answer to a request without credentials.
var errNoToken = errors.New("sign in first: no \"Authorization: Bearer <token>\" header (POST /api/auth/challenge, then /api/auth/signin)")

// caller returns the signed-in address a request carries as
// "Authorization: Bearer <token>". Every error it returns means 401
// unauthorized; its message says what was wrong (no token, a malformed,
// forged or expired one).
func (s *Server) caller(r *http.Request) (common.Address, error) {
	h := r.Header.Get("Authorization")
	if h == "" {
		return common.Address{}, errNoToken
	}
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return common.Address{}, errors.New("the Authorization header must be \"Bearer <token>\"")
	}
	addr, err := s.auth.Check(strings.TrimSpace(token))
	if err != nil {
		var ae *auth.Error
		if errors.As(err, &ae) {
			return common.Address{}, errors.New(ae.Msg)
		}
		return common.Address{}, err
	}
	return addr, nil
}

// signedIn is caller for handlers: it answers 401 itself when there is no
// good token, and then returns false.
func (s *Server) signedIn(w http.ResponseWriter, r *http.Request) (common.Address, bool) {
	addr, err := s.caller(r)
	if err != nil {
		w.Header().Set("WWW-Authenticate", `Bearer realm="arena"`)
		writeError(w, http.StatusUnauthorized, "unauthorized", err.Error())
		return common.Address{}, false
	}
	return addr, true
}

// decodeBody reads a request's JSON body into v strictly: at most maxBody
// bytes, one JSON value, no fields v does not have. It answers 400 itself
// and returns false when the body is bad.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("request body is over %d bytes", maxBody))
			return false
		}
		writeError(w, http.StatusBadRequest, "bad_request", "reading the request body: "+err.Error())
		return false
	}
	if err := decodeJSON(body, v); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", err.Error())
		return false
	}
	return true
}

// decodeJSON decodes one JSON value from body into v, refusing unknown
// fields and trailing data, with errors that say where the problem is.
func decodeJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return errors.New("request body is empty (want a JSON object)")
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var syn *json.SyntaxError
		var typ *json.UnmarshalTypeError
		switch {
		case errors.As(err, &syn):
			return fmt.Errorf("request body is not valid JSON at byte %d: %v", syn.Offset, err)
		case errors.As(err, &typ):
			if typ.Field != "" {
				return fmt.Errorf("request body: field %q: want %s, got a JSON %s", typ.Field, typ.Type, typ.Value)
			}
			return fmt.Errorf("request body: want a JSON object, got a JSON %s", typ.Value)
		case errors.Is(err, io.ErrUnexpectedEOF):
			return errors.New("request body: JSON ends early")
		}
		// Unknown fields come here as `json: unknown field "x"`.
		return fmt.Errorf("request body: %v", strings.TrimPrefix(err.Error(), "json: "))
	}
	if _, err := dec.Token(); err != io.EOF {
		return errors.New("request body: unexpected data after the JSON object")
	}
	return nil
}

// authFailed answers an auth error with its status: 400 for a malformed
// request, 401 for one that proves nothing, 503 when the service cannot
// work.
func authFailed(w http.ResponseWriter, err error) {
	status, code := authStatus(err)
	msg := err.Error()
	var ae *auth.Error
	if errors.As(err, &ae) {
		msg = ae.Msg
		if ae.Op == "parse" {
			msg = "message: " + ae.Msg
		}
	}
	writeError(w, status, code, msg)
}

// authStatus maps an auth error to its HTTP status and code.
func authStatus(err error) (int, string) {
	switch auth.KindOf(err) {
	case auth.Invalid:
		return http.StatusBadRequest, "bad_request"
	case auth.Unauthorized, auth.Expired:
		return http.StatusUnauthorized, "unauthorized"
	case auth.Unavailable:
		return http.StatusServiceUnavailable, "unavailable"
	}
	return http.StatusInternalServerError, "internal"
}

// internal answers 500 and logs the cause; the client learns only that
// the server failed, not its insides.
func (s *Server) internal(w http.ResponseWriter, r *http.Request, err error) {
	s.log.Error("request failed", "method", r.Method, "path", r.URL.Path, "err", err)
	writeError(w, http.StatusInternalServerError, "internal", "the server failed to answer; see its log")
}

// Sign-in

func (s *Server) challenge(w http.ResponseWriter, r *http.Request) {
	if s.signInThrottled(w, r, s.gate.challenge, "challenges") {
		return
	}
	var req api.ChallengeRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if req.Address == "" {
		writeError(w, http.StatusBadRequest, "bad_request", "address: missing (want the wallet's 0x address)")
		return
	}
	m, err := s.auth.Challenge(req.Address)
	if err != nil {
		authFailed(w, err)
		return
	}
	writeJSON(w, http.StatusOK, api.Challenge{Message: m.String(), Nonce: m.Nonce, Expires: m.ExpirationTime})
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request) {
	if s.signInThrottled(w, r, s.gate.signIn, "sign-ins") {
		return
	}
	var req api.SignInRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if req.Message == "" || req.Signature == "" {
		writeError(w, http.StatusBadRequest, "bad_request", "message and signature are both required")
		return
	}
	sig, err := hex.DecodeString(strings.TrimPrefix(strings.TrimPrefix(req.Signature, "0x"), "0X"))
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "signature: not hex (want 0x and 130 hex digits)")
		return
	}
	tok, err := s.auth.SignIn(req.Message, sig)
	if err != nil {
		authFailed(w, err)
		return
	}
	s.log.Info("signed in", "address", tok.Address)
	writeJSON(w, http.StatusOK, api.Token{Token: tok.Token, Address: tok.Address, Expires: tok.Expires})
}

// Spaces

// space finds the Space named in the path, answering 404 itself when
// there is none.
func (s *Server) space(w http.ResponseWriter, r *http.Request) (*spaces.Spec, bool) {
	id := r.PathValue("id")
	spec, err := s.arena.Space(id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) || strings.Contains(err.Error(), "no space") {
			writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no space %q (GET /api/spaces lists them)", id))
		} else {
			s.internal(w, r, err)
		}
		return nil, false
	}
	return spec, true
}

// queues counts the agents waiting in each of a Space's tiers.
func (s *Server) queues(spec *spaces.Spec) ([]int, error) {
	out := make([]int, len(spec.Entry.Tiers))
	for i := range out {
		q, err := s.arena.Queue(spec.ID, i)
		if err != nil {
			return nil, err
		}
		out[i] = len(q)
	}
	return out, nil
}

// queue lists the tickets waiting in a Space's queues, every tier's in
// tier order, oldest first within a tier.
func (s *Server) queue(w http.ResponseWriter, r *http.Request) {
	spec, ok := s.space(w, r)
	if !ok {
		return
	}
	out := []api.Ticket{}
	for i := range spec.Entry.Tiers {
		q, err := s.arena.Queue(spec.ID, i)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		out = append(out, q...)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) listSpaces(w http.ResponseWriter, r *http.Request) {
	specs, err := s.arena.Spaces()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	out := make([]api.SpaceSummary, 0, len(specs))
	for _, spec := range specs {
		q, err := s.queues(spec)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		out = append(out, api.SpaceSummary{
			ID: spec.ID, Name: spec.Name, Description: spec.Description, Mode: string(spec.Mode),
			Players: api.Players{Min: spec.Players.Min, Max: spec.Players.Max}, Rounds: spec.Rounds,
			Tiers: spec.Entry.Tiers, Currency: spec.Entry.Currency, Queues: q,
		})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) getSpace(w http.ResponseWriter, r *http.Request) {
	spec, ok := s.space(w, r)
	if !ok {
		return
	}
	q, err := s.queues(spec)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, api.Space{Spec: spec, Queues: q, OwnerCap: s.arena.OwnerCap()})
}

func (s *Server) leaderboard(w http.ResponseWriter, r *http.Request) {
	spec, ok := s.space(w, r)
	if !ok {
		return
	}
	var seed uint64
	if v := r.URL.Query().Get("seed"); v != "" {
		var err error
		if seed, err = strconv.ParseUint(v, 10, 64); err != nil {
			writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("seed %q is not an unsigned integer", v))
			return
		}
	}
	rep, err := s.arena.Report(spec.ID, seed)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	all, err := s.arena.Agents()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	byID := make(map[string]agents.Agent, len(all))
	for _, ag := range all {
		byID[ag.ID] = ag
	}
	out := api.Leaderboard{Space: spec.ID, Matches: rep.Matches, Method: rep.Method, Seed: seed, Pairs: rep.Pairs,
		Standings: make([]api.Standing, 0, len(rep.Standings)), Agreement: make([]api.JudgeAgreement, 0, len(rep.Agreement))}
	for _, st := range rep.Standings {
		earned := "0"
		if e := rep.Earnings[st.Player]; e != nil {
			earned = e.String()
		}
		ag := byID[st.Player]
		out.Standings = append(out.Standings, api.Standing{
			Agent: st.Player, Name: ag.Name, Owner: ag.Owner, Rating: st.Rating, Lo: st.Lo, Hi: st.Hi,
			Wins: st.Wins, Matches: st.Matches, Provisional: st.Provisional, Live: rep.Live[st.Player], Earnings: earned,
		})
	}
	for _, a := range rep.Agreement {
		out.Agreement = append(out.Agreement, api.JudgeAgreement{A: a.A, B: a.B, Tau: a.Tau, Rounds: a.Rounds})
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) enter(w http.ResponseWriter, r *http.Request) {
	who, ok := s.signedIn(w, r)
	if !ok {
		return
	}
	spec, ok := s.space(w, r)
	if !ok {
		return
	}
	var req api.EnterRequest
	if !decodeBody(w, r, &req) {
		return
	}
	if req.Agent == "" {
		writeError(w, http.StatusBadRequest, "bad_request", "agent: missing (want the agent's id)")
		return
	}
	ag, ok := s.ownAgent(w, r, req.Agent, who, "enter")
	if !ok {
		return
	}
	fee, err := spec.Fee(req.Tier)
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("tier %d: %v (space %s has tiers 0 to %d)", req.Tier, err, spec.ID, len(spec.Entry.Tiers)-1))
		return
	}
	if fee.Sign() != 0 {
		how := "this arena takes no stakes"
		if cs, ok := s.chainSpace(spec.ID, req.Tier); ok {
			how = fmt.Sprintf("call enter(%d, agent) on contract %s with %s wei", cs.ID, s.opts.Chain.Contract, cs.Fee)
		}
		writeError(w, http.StatusPaymentRequired, "payment_required", fmt.Sprintf("tier %d of space %s costs %s %s; paid entry is made by staking on chain: %s (free tiers: %s)",
			req.Tier, spec.ID, spec.Entry.Tiers[req.Tier], spec.Entry.Currency, how, freeTiers(spec)))
		return
	}
	// Check the queues first so that the usual refusal is a clean 409;
	// arena.Enter checks again in its transaction, which settles races.
	for tier := range spec.Entry.Tiers {
		q, err := s.arena.Queue(spec.ID, tier)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		if slices.ContainsFunc(q, func(t arena.Ticket) bool { return t.Agent == ag.ID }) {
			writeError(w, http.StatusConflict, "conflict", fmt.Sprintf("agent %s is already queued in space %s (tier %d)", ag.ID, spec.ID, tier))
			return
		}
	}
	t, err := s.arena.Enter(spec.ID, req.Tier, ag.ID)
	if err != nil {
		switch {
		case errors.Is(err, arena.ErrOwnerCap):
			writeError(w, http.StatusTooManyRequests, "owner_cap", err.Error())
		case errors.Is(err, arena.ErrBenched):
			if wait := ag.BenchedUntil.Sub(s.arena.Now()); wait > 0 {
				retryAfter(w, wait)
			}
			writeError(w, http.StatusConflict, "benched", err.Error())
		case errors.Is(err, arena.ErrAlreadyQueued):
			writeError(w, http.StatusConflict, "conflict", err.Error())
		case errors.Is(err, arena.ErrRollouts):
			writeError(w, http.StatusConflict, "rollouts", err.Error())
		default:
			s.internal(w, r, err)
		}
		return
	}
	writeJSON(w, http.StatusCreated, t)
}

// freeTiers lists the tiers of a Space that cost nothing.
func freeTiers(spec *spaces.Spec) string {
	var out []string
	for i := range spec.Entry.Tiers {
		if fee, err := spec.Fee(i); err == nil && fee.Sign() == 0 {
			out = append(out, strconv.Itoa(i))
		}
	}
	if len(out) == 0 {
		return "none"
	}
	return strings.Join(out, ", ")
}

// Agents

// agent finds the agent a reference names (its id, a unique prefix of
// it, or its name; see arena.Agent), answering itself when it cannot: 404
// for none, 409 listing the candidates for a reference that fits several.
func (s *Server) agent(w http.ResponseWriter, r *http.Request, ref string) (agents.Agent, bool) {
	return s.agentOf(w, r, ref, "")
}

// agentOf is agent from owner's side (see arena.AgentOf): a name that
// strangers' agents share means owner's own agent.
func (s *Server) agentOf(w http.ResponseWriter, r *http.Request, ref, owner string) (agents.Agent, bool) {
	ag, err := s.arena.AgentOf(ref, owner)
	switch {
	case err == nil:
		return ag, true
	case errors.Is(err, arena.ErrAmbiguous):
		writeError(w, http.StatusConflict, "ambiguous", strings.TrimPrefix(err.Error(), "arena: "))
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no agent %q", ref))
	default:
		s.internal(w, r, err)
	}
	return agents.Agent{}, false
}

// ownAgent is agent for actions only the owner may take: it answers 403
// itself when who does not own the agent. action names the refused
// action in the message. A name is looked up among who's agents first.
func (s *Server) ownAgent(w http.ResponseWriter, r *http.Request, ref string, who common.Address, action string) (agents.Agent, bool) {
	ag, ok := s.agentOf(w, r, ref, who.Hex())
	if !ok {
		return agents.Agent{}, false
	}
	if !owns(who, ag) {
		writeError(w, http.StatusForbidden, "forbidden", fmt.Sprintf("only the owner of agent %s (%s) may %s it; you are signed in as %s", ag.ID, ag.Owner, action, who.Hex()))
		return agents.Agent{}, false
	}
	return ag, true
}

// owns reports whether addr owns ag. Owners are stored in checksum case,
// but compare as addresses so that case can never matter.
func owns(addr common.Address, ag agents.Agent) bool {
	return common.IsHexAddress(ag.Owner) && common.HexToAddress(ag.Owner) == addr
}

// viewAgent is the API's view of an agent: full for its owner, public for
// everyone else.
func viewAgent(ag agents.Agent, full bool) api.Agent {
	v := api.Agent{ID: ag.ID, Owner: ag.Owner, Name: ag.Name, Model: ag.Model, Adapter: ag.Adapter,
		Remote: ag.Remote, House: ag.House, Ratings: ag.Ratings, Created: ag.Created, BenchedUntil: ag.BenchedUntil}
	v.AgentKey = agentKey(ag.ID)
	if full {
		sampling := ag.Sampling
		v.Full, v.Endpoint, v.System, v.Sampling, v.AutoEnter = true, ag.Endpoint, ag.System, &sampling, ag.AutoEnter
	}
	return v
}

// configOf returns an agent's editable fields.
func configOf(ag agents.Agent) api.AgentConfig {
	return api.AgentConfig{Name: ag.Name, Model: ag.Model, Endpoint: ag.Endpoint, System: ag.System,
		Sampling: ag.Sampling, Adapter: ag.Adapter, Remote: ag.Remote, AutoEnter: ag.AutoEnter}
}

// applyConfig sets an agent's editable fields.
func applyConfig(ag *agents.Agent, c api.AgentConfig) {
	ag.Name, ag.Model, ag.Endpoint, ag.System = c.Name, c.Model, c.Endpoint, c.System
	ag.Sampling, ag.Adapter, ag.Remote = c.Sampling, c.Adapter, c.Remote
	ag.AutoEnter = c.AutoEnter
	if ag.AutoEnter != nil && len(ag.AutoEnter.Spaces) == 0 {
		ag.AutoEnter = nil
	}
}

// checkAutoEnter checks that auto-entry names Spaces served here and a
// fee tier each of them has.
func (s *Server) checkAutoEnter(ae *agents.AutoEnter) error {
	if ae == nil {
		return nil
	}
	for _, id := range ae.Spaces {
		spec, err := s.arena.Space(id)
		if err != nil {
			return &agents.FieldError{Field: "auto_enter.spaces", Problem: fmt.Sprintf("no Space %q here", id)}
		}
		if ae.Tier >= len(spec.Entry.Tiers) {
			return &agents.FieldError{Field: "auto_enter.tier", Problem: fmt.Sprintf("%d is not a tier of %s (it has %d)", ae.Tier, id, len(spec.Entry.Tiers))}
		}
	}
	return nil
}

// isValidation reports whether err is an agent that failed validation, as
// opposed to the store failing.
func isValidation(err error) bool {
	var fe *agents.FieldError
	return errors.As(err, &fe)
}

// viewer is the caller of a public route, for the private fields it may
// see: signedIn is false for an anonymous caller. Credentials are
// optional there, but bad ones are refused (as on every route) so that
// their holder learns to sign in again rather than wonder where the
// private fields went; ok is false when it has answered so.
func (s *Server) viewer(w http.ResponseWriter, r *http.Request) (who common.Address, signedIn, ok bool) {
	if r.Header.Get("Authorization") == "" {
		return common.Address{}, false, true
	}
	who, ok = s.signedIn(w, r)
	return who, ok, ok
}

func (s *Server) listAgents(w http.ResponseWriter, r *http.Request) {
	all, err := s.arena.Agents()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	// Owners see their own agents in full here too.
	who, signedIn, ok := s.viewer(w, r)
	if !ok {
		return
	}
	out := make([]api.Agent, 0, len(all))
	for _, ag := range all {
		out = append(out, viewAgent(ag, signedIn && owns(who, ag)))
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) createAgent(w http.ResponseWriter, r *http.Request) {
	who, ok := s.signedIn(w, r)
	if !ok {
		return
	}
	var cfg api.AgentConfig
	if !decodeBody(w, r, &cfg) {
		return
	}
	var ag agents.Agent
	applyConfig(&ag, cfg)
	ag.Owner = who.Hex()
	if err := s.checkAutoEnter(ag.AutoEnter); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", err.Error())
		return
	}
	ag, err := s.arena.CreateAgent(ag)
	if err != nil {
		switch {
		case errors.Is(err, arena.ErrAgentCap):
			// Waiting never helps: the owner edits an agent it has.
			writeError(w, http.StatusConflict, "agent_cap", strings.TrimPrefix(err.Error(), "arena: "))
		case isValidation(err):
			writeError(w, http.StatusBadRequest, "bad_request", err.Error())
		default:
			s.internal(w, r, err)
		}
		return
	}
	s.log.Info("agent created", "agent", ag.ID, "owner", ag.Owner)
	writeJSON(w, http.StatusCreated, viewAgent(ag, true))
}

func (s *Server) getAgent(w http.ResponseWriter, r *http.Request) {
	ag, ok := s.agent(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	who, signedIn, ok := s.viewer(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, viewAgent(ag, signedIn && owns(who, ag)))
}

// patchError carries a refusal out of UpdateAgent's edit function with
// its status.
type patchError struct {
	status int
	code   string
	msg    string
}

func (e *patchError) Error() string { return e.msg }

func (s *Server) updateAgent(w http.ResponseWriter, r *http.Request) {
	who, ok := s.signedIn(w, r)
	if !ok {
		return
	}
	ag, ok := s.ownAgent(w, r, r.PathValue("id"), who, "edit")
	if !ok {
		return
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
	if err != nil {
		writeError(w, http.StatusRequestEntityTooLarge, "too_large", fmt.Sprintf("request body is over %d bytes", maxBody))
		return
	}
	// The patch is decoded onto the stored fields inside the update's
	// transaction (a JSON merge: fields left out keep their values), so
	// two edits of different fields cannot undo each other.
	updated, err := s.arena.UpdateAgent(ag.ID, func(cur *agents.Agent) error {
		if !owns(who, *cur) {
			return &patchError{http.StatusForbidden, "forbidden", fmt.Sprintf("only the owner of agent %s may edit it", cur.ID)}
		}
		cfg := configOf(*cur)
		if err := decodeJSON(body, &cfg); err != nil {
			return &patchError{http.StatusBadRequest, "bad_request", err.Error()}
		}
		applyConfig(cur, cfg)
		if err := s.checkAutoEnter(cur.AutoEnter); err != nil {
			return &patchError{http.StatusBadRequest, "bad_request", err.Error()}
		}
		return nil
	})
	if err != nil {
		var pe *patchError
		switch {
		case errors.As(err, &pe):
			writeError(w, pe.status, pe.code, pe.msg)
		case isValidation(err):
			writeError(w, http.StatusBadRequest, "bad_request", err.Error())
		case errors.Is(err, store.ErrNotFound):
			writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no agent %q", ag.ID))
		default:
			s.internal(w, r, err)
		}
		return
	}
	s.log.Info("agent edited", "agent", updated.ID, "owner", updated.Owner)
	writeJSON(w, http.StatusOK, viewAgent(updated, true))
}

func (s *Server) agentPairs(w http.ResponseWriter, r *http.Request) {
	who, ok := s.signedIn(w, r)
	if !ok {
		return
	}
	// Pairs are the owner's training data: private. Their prompts show
	// no one else's system prompt either: a pair of two agents' replies
	// carries the Space's own view of the task, and only a pair of one
	// agent's own samples carries that agent's prompt (see arena's
	// parallelPairs and gamePairs), and these are the owner's agent's.
	ag, ok := s.ownAgent(w, r, r.PathValue("id"), who, "read the preference pairs of")
	if !ok {
		return
	}
	ids, ok := s.spaceIDs(w, r)
	if !ok {
		return
	}
	out := []api.Pair{}
	for _, id := range ids {
		pairs, err := s.arena.Pairs(id, ag.ID)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		out = append(out, pairs...)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) agentAdapters(w http.ResponseWriter, r *http.Request) {
	ag, ok := s.agent(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	vs, err := s.arena.Adapters(ag.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if vs == nil {
		vs = []arena.AdapterVersion{} // [] rather than null
	}
	// Each version's anchor, check and data staleness are its training
	// job's.
	jobs, err := s.arena.Jobs()
	if err != nil {
		s.internal(w, r, err)
		return
	}
	byVersion := make(map[string]arena.Job, len(jobs))
	for _, j := range jobs {
		if j.Agent == ag.ID {
			byVersion[j.Version] = j
		}
	}
	for i, v := range vs {
		if j, ok := byVersion[v.Version]; ok {
			vs[i].Anchor, vs[i].Check = j.Anchor, j.Check
			vs[i].StaleMean, vs[i].StaleMax = j.StaleMean, j.StaleMax
			vs[i].OutOfPlay = vs[i].OutOfPlay || j.OutOfPlay
		}
	}
	writeJSON(w, http.StatusOK, vs)
}

// spaceIDs is the Space that ?space= names (404 when there is none), or
// every Space without it.
func (s *Server) spaceIDs(w http.ResponseWriter, r *http.Request) ([]string, bool) {
	if sp := r.URL.Query().Get("space"); sp != "" {
		spec, err := s.arena.Space(sp)
		if err != nil {
			writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no space %q", sp))
			return nil, false
		}
		return []string{spec.ID}, true
	}
	specs, err := s.arena.Spaces()
	if err != nil {
		s.internal(w, r, err)
		return nil, false
	}
	ids := make([]string, len(specs))
	for i, spec := range specs {
		ids[i] = spec.ID
	}
	return ids, true
}

// agentEvaluations lists an agent's held-out evaluations, oldest first
// within a Space (its learning curve there), of one Space with ?space=.
func (s *Server) agentEvaluations(w http.ResponseWriter, r *http.Request) {
	ag, ok := s.agent(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	ids, ok := s.spaceIDs(w, r)
	if !ok {
		return
	}
	out := []api.Evaluation{}
	for _, id := range ids {
		evs, err := s.arena.Evaluations(ag.ID, id)
		if err != nil {
			s.internal(w, r, err)
			return
		}
		out = append(out, evs...)
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) agentMatches(w http.ResponseWriter, r *http.Request) {
	ag, ok := s.agent(w, r, r.PathValue("id"))
	if !ok {
		return
	}
	limit, ok := matchLimit(w, r)
	if !ok {
		return
	}
	all, err := s.arena.Matches("")
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newestFirst(all, limit, func(m arena.Match) bool { return slices.Contains(m.Players, ag.ID) }))
}

// Matches

// matchLimit reads the limit query parameter, answering 400 itself when
// it is bad.
func matchLimit(w http.ResponseWriter, r *http.Request) (int, bool) {
	v := r.URL.Query().Get("limit")
	if v == "" {
		return defaultMatchLimit, true
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > maxMatchLimit {
		writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("limit %q: want a whole number from 1 to %d", v, maxMatchLimit))
		return 0, false
	}
	return n, true
}

// newestFirst returns up to limit of the matches keep accepts, newest
// first (ms is oldest first, as the store keeps them).
func newestFirst(ms []arena.Match, limit int, keep func(arena.Match) bool) []api.Match {
	out := []api.Match{}
	for i := len(ms) - 1; i >= 0 && len(out) < limit; i-- {
		if keep == nil || keep(ms[i]) {
			out = append(out, ms[i])
		}
	}
	return out
}

func (s *Server) listMatches(w http.ResponseWriter, r *http.Request) {
	limit, ok := matchLimit(w, r)
	if !ok {
		return
	}
	space := r.URL.Query().Get("space")
	if space != "" {
		if _, err := s.arena.Space(space); err != nil {
			writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no space %q (GET /api/spaces lists them)", space))
			return
		}
	}
	all, err := s.arena.Matches(space)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, newestFirst(all, limit, nil))
}

// match finds the match named in the path, answering 404 itself when
// there is none.
func (s *Server) match(w http.ResponseWriter, r *http.Request) (arena.Match, bool) {
	id := r.PathValue("id")
	m, err := s.arena.Match(id)
	if err != nil {
		if errors.Is(err, store.ErrNotFound) {
			writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("no match %q", id))
		} else {
			s.internal(w, r, err)
		}
		return arena.Match{}, false
	}
	return m, true
}

func (s *Server) getMatch(w http.ResponseWriter, r *http.Request) {
	m, ok := s.match(w, r)
	if !ok {
		return
	}
	who, signedIn, ok := s.viewer(w, r)
	if !ok {
		return
	}
	rounds, err := s.arena.Rounds(m.ID)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if rounds == nil {
		rounds = []arena.Round{} // [] rather than null
	}
	seen := make([]bool, len(m.Players))
	if signedIn {
		for i, id := range m.Players {
			if ag, err := s.arena.Agent(id); err == nil {
				seen[i] = owns(who, ag)
			}
		}
	}
	writeJSON(w, http.StatusOK, api.MatchDetail{Match: m, Rounds: viewRounds(rounds, seen)})
}

// viewRounds is the public view of a match's rounds: each move's prompt
// loses its system messages unless the caller owns the seat that
// played it (seen[seat]), since an agent's system prompt is its owner's
// work, as on GET /api/agents/{id}. The task and the replies stay: they
// are what spectators watch. Rounds are changed in place; they are the
// request's own copy, read from the store for it.
func viewRounds(rounds []arena.Round, seen []bool) []arena.Round {
	for _, r := range rounds {
		for i, mv := range r.Moves {
			if mv.Player >= 0 && mv.Player < len(seen) && seen[mv.Player] {
				continue
			}
			prompt := make([]agents.Message, 0, len(mv.Prompt))
			for _, msg := range mv.Prompt {
				if msg.Role == "system" || msg.Role == "developer" {
					r.Moves[i].SystemHidden = true
					continue
				}
				prompt = append(prompt, msg)
			}
			r.Moves[i].Prompt = prompt
		}
	}
	return rounds
}

func (s *Server) matchEvents(w http.ResponseWriter, r *http.Request) {
	m, ok := s.match(w, r)
	if !ok {
		return
	}
	var after uint64
	if v := r.URL.Query().Get("after"); v != "" {
		var err error
		if after, err = strconv.ParseUint(v, 10, 64); err != nil {
			writeError(w, http.StatusBadRequest, "bad_request", fmt.Sprintf("after %q: want the last seq seen, an unsigned integer", v))
			return
		}
	}
	// Events carry tasks, replies and scores, never a prompt (api.Event
	// has no field for one), so they are public as they are, as the
	// websocket streams send them.
	evs, err := s.arena.Events(m.ID, after)
	if err != nil {
		s.internal(w, r, err)
		return
	}
	if evs == nil {
		evs = []api.Event{}
	}
	writeJSON(w, http.StatusOK, evs)
}

// chainSpace finds the contract Space of a Space's tier.
func (s *Server) chainSpace(space string, tier int) (api.ChainSpace, bool) {
	if s.opts.Chain == nil {
		return api.ChainSpace{}, false
	}
	for _, cs := range s.opts.Chain.Spaces {
		if cs.Space == space && cs.Tier == tier {
			return cs, true
		}
	}
	return api.ChainSpace{}, false
}

func (s *Server) chain(w http.ResponseWriter, r *http.Request) {
	if s.opts.Chain == nil {
		writeError(w, http.StatusNotFound, "not_found", "this arena takes no stakes on chain: only free tiers are open")
		return
	}
	writeJSON(w, http.StatusOK, s.opts.Chain)
}

func (s *Server) matchSettlement(w http.ResponseWriter, r *http.Request) {
	m, ok := s.match(w, r)
	if !ok {
		return
	}
	st, err := s.arena.Settlement(m.ID)
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, http.StatusNotFound, "not_found", fmt.Sprintf("match %s owes nothing on chain (no entry was staked)", m.ID))
	case err != nil:
		s.internal(w, r, err)
	default:
		writeJSON(w, http.StatusOK, st)
	}
}
