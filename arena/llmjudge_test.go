package arena

import (
	"strings"
	"testing"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/internal/openaitest"
	"github.com/rlfc/arena/judges"
)

// TestSloganWithAnLLMJudge plays the creative Space with its LLM judge
// configured against a real OpenAI-protocol server on loopback: the judge
// joins the format judge on the panel, and both are recorded.
func TestSloganWithAnLLMJudge(t *testing.T) {
	srv := openaitest.New(t, func(req agents.ChatRequest, _ int) openaitest.Reply {
		// The judge likes slogans with "love" in them.
		if strings.Contains(req.Messages[len(req.Messages)-1].Content, "love") {
			return openaitest.Reply{Text: `{"score": 9, "reason": "warm"}`}
		}
		return openaitest.Reply{Text: `{"score": 4, "reason": "flat"}`}
	})
	writer := instant(func(req agents.Request, sample int) (string, error) {
		if req.Messages[0].Content == "loving" && sample == 0 {
			return "Made with love for you.", nil
		}
		if sample == 1 {
			return "come in and look around, maybe", nil // breaks the format
		}
		return "Come in and look around.", nil
	})
	a, err := Open(Options{InMemory: true,
		Backends: agents.Backends{Embedded: writer, Model: "test"},
		Judges:   judges.Env{Endpoint: srv.URL, Model: "judge"},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	ags := createAgents(t, a, "loving", "plain")
	for _, ag := range ags {
		a.Enter("slogan", 0, ag.ID)
	}
	plan, err := a.NextMatch("slogan", 0, Matchmaking{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	res, err := a.Play(t.Context(), plan)
	if err != nil {
		t.Fatal(err)
	}
	if res.Match.Ranks[0] != 0 || res.Match.Ranks[1] != 1 {
		t.Errorf("ranks %v, scores %v", res.Match.Ranks, res.Match.Scores)
	}
	r := res.Rounds[0]
	if len(r.Judges) != 2 || !strings.HasPrefix(r.Judges[1].Judge, "llm") || r.Judges[1].Err != "" {
		t.Fatalf("judges %+v", r.Judges)
	}
	if len(srv.Requests()) == 0 {
		t.Fatal("the LLM judge was never asked")
	}
	rep, err := a.Report("slogan", 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Agreement) != 1 || rep.Agreement[0].Rounds == 0 {
		t.Errorf("agreement %+v", rep.Agreement)
	}
}
