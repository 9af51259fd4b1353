package server

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/client"
)

func ptr[T any](v T) *T { return &v }

func TestRESTHealthAndSpaces(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	c := client.New(ts.URL)
	ctx := context.Background()
	if err := c.Health(ctx); err != nil {
		t.Fatal(err)
	}
	list, err := c.Spaces(ctx)
	if err != nil {
		t.Fatal(err)
	}
	i := slices.IndexFunc(list, func(s api.SpaceSummary) bool { return s.ID == "sum-duel" })
	if i < 0 {
		t.Fatalf("no sum-duel in %+v", list)
	}
	sd := list[i]
	if sd.Players.Min != 2 || len(sd.Tiers) != 3 || len(sd.Queues) != 3 || sd.Currency == "" || sd.Rounds == 0 || sd.Name == "" {
		t.Fatalf("sum-duel summary %+v", sd)
	}
	sp, err := c.Space(ctx, "sum-duel")
	if err != nil {
		t.Fatal(err)
	}
	if sp.Spec == nil || sp.Spec.ID != "sum-duel" || sp.Spec.Task.Generator != "arithmetic" || len(sp.Queues) != 3 {
		t.Fatalf("space %+v", sp)
	}
	_, err = c.Space(ctx, "nowhere")
	wantClientError(t, err, 404, `no space "nowhere"`)
	_, err = c.Leaderboard(ctx, "nowhere", 0)
	wantClientError(t, err, 404, "nowhere")
}

func TestRESTAgents(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ctx := context.Background()
	key, addr := newKey(t)
	otherKey, otherAddr := newKey(t)
	owner, other, anon := client.New(ts.URL), client.New(ts.URL), client.New(ts.URL)
	if _, err := owner.SignIn(ctx, key); err != nil {
		t.Fatal(err)
	}
	if _, err := other.SignIn(ctx, otherKey); err != nil {
		t.Fatal(err)
	}

	cfg := api.AgentConfig{Name: "adder", Model: "test", System: "off 0 (secret sauce)",
		Sampling: agents.Sampling{Temperature: 0.7, MaxTokens: 8}}
	ag, err := owner.CreateAgent(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if ag.Owner != addr || !ag.Full || ag.System != cfg.System || ag.Sampling == nil || ag.Sampling.Temperature != 0.7 || ag.ID == "" {
		t.Fatalf("created %+v", ag)
	}

	// Creating: the owner is the signer, whatever the body says.
	st, data := call(t, "POST", ts.URL+"/api/agents", owner.Token, `{"name":"x","model":"test","owner":"`+otherAddr+`"}`)
	wantError(t, st, data, 400, "bad_request", `unknown field "owner"`)
	_, err = owner.CreateAgent(ctx, api.AgentConfig{Name: "", Model: "test"})
	wantClientError(t, err, 400, "agent name: is empty")
	_, err = anon.CreateAgent(ctx, cfg)
	wantClientError(t, err, 401, "sign in first")

	// Views: the owner sees the private fields, others do not.
	for _, tc := range []struct {
		name string
		c    *client.Client
		full bool
	}{{"owner", owner, true}, {"other", other, false}, {"anonymous", anon, false}} {
		t.Run("view "+tc.name, func(t *testing.T) {
			got, err := tc.c.Agent(ctx, ag.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Full != tc.full || (got.System != "") != tc.full || (got.Sampling != nil) != tc.full || got.Name != "adder" {
				t.Fatalf("view %+v", got)
			}
			// The raw JSON must not carry the secret either.
			_, data := call(t, "GET", ts.URL+"/api/agents/"+ag.ID, tc.c.Token, nil)
			if strings.Contains(string(data), "secret sauce") != tc.full {
				t.Fatalf("raw view %s", data)
			}
			list, err := tc.c.Agents(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if len(list) != 1 || list[0].Full != tc.full {
				t.Fatalf("list %+v", list)
			}
		})
	}
	_, err = anon.Agent(ctx, "00000000-0000-0000-0000-000000000000")
	wantClientError(t, err, 404, "no agent")

	// Editing: only the owner, only valid changes.
	_, err = other.UpdateAgent(ctx, ag.ID, api.AgentPatch{Name: ptr("stolen")})
	wantClientError(t, err, 403, "only the owner of agent "+ag.ID)
	_, err = anon.UpdateAgent(ctx, ag.ID, api.AgentPatch{Name: ptr("stolen")})
	wantClientError(t, err, 401, "sign in first")
	_, err = owner.UpdateAgent(ctx, ag.ID, api.AgentPatch{Sampling: &agents.Sampling{Temperature: 9}})
	wantClientError(t, err, 400, "sampling.temperature")
	st, data = call(t, "PATCH", ts.URL+"/api/agents/"+ag.ID, owner.Token, `{"name": 5}`)
	wantError(t, st, data, 400, "bad_request", `field "name"`)
	st, data = call(t, "PATCH", ts.URL+"/api/agents/"+ag.ID, owner.Token, `{"house": true}`)
	wantError(t, st, data, 400, "bad_request", `unknown field "house"`)

	up, err := owner.UpdateAgent(ctx, ag.ID, api.AgentPatch{Name: ptr("adder-2"), Sampling: &agents.Sampling{Temperature: 0.2}})
	if err != nil {
		t.Fatal(err)
	}
	// A merge: what the patch left out keeps its value.
	if up.Name != "adder-2" || up.System != cfg.System || up.Sampling.Temperature != 0.2 || up.Sampling.MaxTokens != 8 || up.Model != "test" {
		t.Fatalf("updated %+v", up)
	}
	stored, err := ts.Arena.Agent(ag.ID)
	if err != nil || stored.Name != "adder-2" || stored.Owner != addr {
		t.Fatalf("stored %+v, %v", stored, err)
	}

	// Pairs are private; adapters and matches are public.
	_, err = other.Pairs(ctx, ag.ID, "")
	wantClientError(t, err, 403, "preference pairs")
	_, err = anon.Pairs(ctx, ag.ID, "")
	wantClientError(t, err, 401, "sign in")
	if ps, err := owner.Pairs(ctx, ag.ID, ""); err != nil || len(ps) != 0 {
		t.Fatalf("pairs %v, %v", ps, err)
	}
	if err := ts.Arena.AddAdapter(arena.AdapterVersion{Agent: ag.ID, Version: "v1", Pairs: 3}); err != nil {
		t.Fatal(err)
	}
	if vs, err := anon.Adapters(ctx, ag.ID); err != nil || len(vs) != 1 || vs[0].Version != "v1" || vs[0].Pairs != 3 {
		t.Fatalf("adapters %+v, %v", vs, err)
	}
	if ms, err := anon.AgentMatches(ctx, ag.ID, 0); err != nil || len(ms) != 0 {
		t.Fatalf("matches %+v, %v", ms, err)
	}

	// A version's proof-of-learning status is its training job's.
	j, err := ts.Arena.AddJob(arena.Job{Agent: ag.ID, Space: "sum-duel", Version: "v2", Upto: "p"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ts.Arena.UpdateJob(j.ID, func(j *arena.Job) error {
		j.Anchor, j.Check = "0xabc", "verified"
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if err := ts.Arena.AddAdapter(arena.AdapterVersion{Agent: ag.ID, Version: "v2", Parent: "v1", Record: "0x12"}); err != nil {
		t.Fatal(err)
	}
	if vs, err := anon.Adapters(ctx, ag.ID); err != nil || len(vs) != 2 || vs[1].Anchor != "0xabc" || vs[1].Check != "verified" || vs[0].Check != "" {
		t.Fatalf("adapters with their checks %+v, %v", vs, err)
	}
	if evs, err := anon.Evaluations(ctx, ag.ID, ""); err != nil || len(evs) != 0 {
		t.Fatalf("evaluations %+v, %v", evs, err)
	}

	// Auto-entry: the Spaces must be served here, with the tier asked for.
	_, err = owner.UpdateAgent(ctx, ag.ID, api.AgentPatch{AutoEnter: &agents.AutoEnter{Spaces: []string{"nowhere"}, Sessions: 1}})
	wantClientError(t, err, 400, `auto_enter.spaces: no Space "nowhere" here`)
	_, err = owner.UpdateAgent(ctx, ag.ID, api.AgentPatch{AutoEnter: &agents.AutoEnter{Spaces: []string{"sum-duel"}, Tier: 9, Sessions: 1}})
	wantClientError(t, err, 400, "auto_enter.tier: 9 is not a tier of sum-duel")
	_, err = owner.UpdateAgent(ctx, ag.ID, api.AgentPatch{AutoEnter: &agents.AutoEnter{Spaces: []string{"sum-duel"}, Sessions: 99}})
	wantClientError(t, err, 400, "auto_enter.sessions: 99 is not 1 to 16")
	auto := &agents.AutoEnter{Spaces: []string{"sum-duel", "nim"}, Tier: 1, Sessions: 2}
	if up, err = owner.UpdateAgent(ctx, ag.ID, api.AgentPatch{AutoEnter: auto}); err != nil || up.AutoEnter == nil || len(up.AutoEnter.Spaces) != 2 || up.AutoEnter.Sessions != 2 {
		t.Fatalf("auto-entry on: %+v, %v", up.AutoEnter, err)
	}
	if pub, _ := anon.Agent(ctx, ag.ID); pub.AutoEnter != nil {
		t.Errorf("others see the auto-entry settings: %+v", pub.AutoEnter)
	}
	if up, err = owner.UpdateAgent(ctx, ag.ID, api.AgentPatch{AutoEnter: &agents.AutoEnter{}}); err != nil || up.AutoEnter != nil {
		t.Fatalf("auto-entry off: %+v, %v", up.AutoEnter, err)
	}
}

func TestRESTEnter(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ctx := context.Background()
	key, _ := newKey(t)
	otherKey, _ := newKey(t)
	owner, other := client.New(ts.URL), client.New(ts.URL)
	owner.SignIn(ctx, key)
	other.SignIn(ctx, otherKey)
	ag, err := owner.CreateAgent(ctx, api.AgentConfig{Name: "a", Model: "test"})
	if err != nil {
		t.Fatal(err)
	}

	_, err = other.Enter(ctx, "sum-duel", ag.ID, 0)
	wantClientError(t, err, 403, "may enter it")
	_, err = owner.Enter(ctx, "sum-duel", ag.ID, 1)
	wantClientError(t, err, 402, "tier 1 of space sum-duel costs 0.001")
	_, err = owner.Enter(ctx, "sum-duel", ag.ID, 7)
	wantClientError(t, err, 400, "tier 7")
	_, err = owner.Enter(ctx, "nowhere", ag.ID, 0)
	wantClientError(t, err, 404, "nowhere")
	_, err = owner.Enter(ctx, "sum-duel", "no-such-agent", 0)
	wantClientError(t, err, 404, "no agent")

	tk, err := owner.Enter(ctx, "sum-duel", ag.ID, 0)
	if err != nil {
		t.Fatal(err)
	}
	if tk.Agent != ag.ID || tk.Space != "sum-duel" || tk.Tier != 0 || tk.Fee != "0" || tk.Owner != ag.Owner {
		t.Fatalf("ticket %+v", tk)
	}
	_, err = owner.Enter(ctx, "sum-duel", ag.ID, 0)
	wantClientError(t, err, 409, "already queued")
	sp, err := owner.Space(ctx, "sum-duel")
	if err != nil || sp.Queues[0] != 1 {
		t.Fatalf("queues %v, %v", sp.Queues, err)
	}
	q, err := other.Queue(ctx, "sum-duel")
	if err != nil || len(q) != 1 || q[0].ID != tk.ID || q[0].Agent != ag.ID {
		t.Fatalf("queue %+v, %v", q, err)
	}
	_, err = other.Queue(ctx, "nowhere")
	wantClientError(t, err, 404, "nowhere")
}

func TestRESTMatches(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	ctx := context.Background()
	key, addr := newKey(t)
	otherKey, otherAddr := newKey(t)
	owner, other, anon := client.New(ts.URL), client.New(ts.URL), client.New(ts.URL)
	owner.SignIn(ctx, key)
	other.SignIn(ctx, otherKey)
	good := ts.addAgent(t, addr, "good", 0)
	bad := ts.addAgent(t, otherAddr, "bad", 1)
	res := ts.playMatch(t, "sum-duel", good.ID, bad.ID)
	if res == nil || res.Match.Status != arena.StatusFinished {
		t.Fatalf("match %+v", res)
	}
	id := res.Match.ID

	ms, err := anon.Matches(ctx, "sum-duel", 0)
	if err != nil || len(ms) != 1 || ms[0].ID != id || ms[0].Status != "finished" || len(ms[0].Ranks) != 2 {
		t.Fatalf("matches %+v, %v", ms, err)
	}
	if ms, err := anon.Matches(ctx, "", 1); err != nil || len(ms) != 1 {
		t.Fatalf("all matches %+v, %v", ms, err)
	}
	if ms, err := anon.Matches(ctx, "nim", 0); err != nil || len(ms) != 0 {
		t.Fatalf("nim matches %+v, %v", ms, err)
	}
	_, err = anon.Matches(ctx, "", 501)
	wantClientError(t, err, 400, "1 to 500")
	_, err = anon.Matches(ctx, "nowhere", 0)
	wantClientError(t, err, 404, "nowhere")
	if ms, err := anon.AgentMatches(ctx, good.ID, 0); err != nil || len(ms) != 1 || ms[0].ID != id {
		t.Fatalf("agent matches %+v, %v", ms, err)
	}

	m, err := anon.Match(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if m.ID != id || len(m.Rounds) != len(res.Rounds) || len(m.Rounds) == 0 || m.Rounds[0].Task == nil || len(m.Rounds[0].Replies) != 2 {
		t.Fatalf("match detail %+v", m)
	}
	// The good agent answered right and so ranked first.
	if m.Ranks[0] != 0 || m.Ranks[1] != 1 {
		t.Fatalf("ranks %v", m.Ranks)
	}
	_, err = anon.Match(ctx, "no-such-match")
	wantClientError(t, err, 404, `no match "no-such-match"`)

	evs, err := anon.Events(ctx, id, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(evs) < 3 || evs[0].Type != api.MatchStarted || evs[len(evs)-1].Type != api.MatchResult {
		t.Fatalf("events %+v", evs)
	}
	for i, ev := range evs {
		if ev.Seq != uint64(i+1) || ev.Match != id {
			t.Fatalf("event %d: %+v", i, ev)
		}
	}
	tail, err := anon.Events(ctx, id, 2)
	if err != nil || len(tail) != len(evs)-2 || tail[0].Seq != 3 {
		t.Fatalf("events after 2: %d, %v", len(tail), err)
	}
	st, data := call(t, "GET", ts.URL+"/api/matches/"+id+"/events?after=-1", "", nil)
	wantError(t, st, data, 400, "bad_request", `after "-1"`)
	if _, data := call(t, "GET", ts.URL+"/api/matches/"+id+"/events?after=100000", "", nil); strings.TrimSpace(string(data)) != "[]" {
		t.Fatalf("no events should be [], got %s", data)
	}

	lb, err := anon.Leaderboard(ctx, "sum-duel", 7)
	if err != nil {
		t.Fatal(err)
	}
	if lb.Matches != 1 || lb.Seed != 7 || len(lb.Standings) != 2 || lb.Pairs == 0 {
		t.Fatalf("leaderboard %+v", lb)
	}
	top := lb.Standings[0]
	if top.Agent != good.ID || top.Name != "good" || top.Wins != 1 || top.Matches != 1 || top.Earnings != "0" ||
		top.Lo > top.Hi || top.Live.Matches != 1 {
		t.Fatalf("top standing %+v", top)
	}
	st, data = call(t, "GET", ts.URL+"/api/spaces/sum-duel/leaderboard?seed=x", "", nil)
	wantError(t, st, data, 400, "bad_request", `seed "x"`)

	// Pairs: each owner sees their own agent's, no one else's.
	ps, err := owner.Pairs(ctx, good.ID, "sum-duel")
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) == 0 || ps[0].Match != id || ps[0].Chosen == "" || ps[0].Space != "sum-duel" {
		t.Fatalf("pairs %+v", ps)
	}
	if all, err := owner.Pairs(ctx, good.ID, ""); err != nil || len(all) != len(ps) {
		t.Fatalf("pairs of every space: %d, %v", len(all), err)
	}
	_, err = other.Pairs(ctx, good.ID, "")
	wantClientError(t, err, 403, "preference pairs")
	_, err = owner.Pairs(ctx, good.ID, "nowhere")
	wantClientError(t, err, 404, "nowhere")

	// The wire form keeps the pair's flattened provenance, as TRL reads it.
	_, data = call(t, "GET", ts.URL+"/api/agents/"+good.ID+"/pairs", owner.Token, nil)
	var raw []map[string]any
	if err := json.Unmarshal(data, &raw); err != nil || raw[0]["chosen"] == nil || raw[0]["match"] != id {
		t.Fatalf("raw pairs %s (%v)", data, err)
	}
}

func TestRESTErrorsAreJSON(t *testing.T) {
	ts := startServer(t, Options{}, nil)
	for _, path := range []string{"/api/agents/x/y/z", "/api/spaces/sum-duel/nothing"} {
		st, data := call(t, "GET", ts.URL+path, "", nil)
		wantError(t, st, data, http.StatusNotFound, "not_found", "no API route")
	}
	st, data := call(t, "GET", ts.URL+"/healthz", "", nil)
	if st != 200 || strings.TrimSpace(string(data)) != `{"ok":true}` {
		t.Fatalf("healthz %d %s", st, data)
	}
}
