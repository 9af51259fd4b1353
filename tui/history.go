package tui

import (
	"context"
	"fmt"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/internal/progress"
)

// historyPage is an agent's record: its recent matches, its learning
// curve per Space (held-out scores, one per evaluated version) and its
// adapter versions with their proof-of-learning status.
type historyPage struct {
	s        *session
	agent    api.Agent
	matches  []api.Match
	evals    []api.Evaluation
	versions []api.AdapterVersion
	loaded   bool
}

type historyMsg struct {
	matches  []api.Match
	evals    []api.Evaluation
	versions []api.AdapterVersion
}

// historyMatches is how many recent matches the page lists.
const historyMatches = 8

func newHistory(s *session, a api.Agent) (page, tea.Cmd) {
	p := &historyPage{s: s, agent: a}
	return p, p.load()
}

func (p *historyPage) load() tea.Cmd {
	id := p.agent.ID
	return p.s.do(func(ctx context.Context) (tea.Msg, error) {
		var m historyMsg
		var err error
		if m.matches, err = p.s.api.AgentMatches(ctx, id, historyMatches); err != nil {
			return nil, err
		}
		if m.evals, err = p.s.api.Evaluations(ctx, id, ""); err != nil {
			return nil, err
		}
		m.versions, err = p.s.api.Adapters(ctx, id)
		return m, err
	})
}

func (p *historyPage) typing() bool { return false }

func (p *historyPage) help() []key.Binding { return []key.Binding{keys.Refresh} }

func (p *historyPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case historyMsg:
		p.matches, p.evals, p.versions, p.loaded = msg.matches, msg.evals, msg.versions, true
	case tea.KeyMsg:
		if key.Matches(msg, keys.Refresh) {
			return p, p.load()
		}
	}
	return p, nil
}

func (p *historyPage) view(w, h int) string {
	var b strings.Builder
	b.WriteString(headerStyle.Render(p.agent.Name) + dimStyle.Render("  "+p.agent.ID) + "\n\n")
	if !p.loaded {
		return b.String() + dimStyle.Render("loading…")
	}
	b.WriteString(headerStyle.Render("Recent matches") + "\n")
	if len(p.matches) == 0 {
		b.WriteString("  none yet\n")
	}
	for _, m := range p.matches {
		place, paid := "-", ""
		for i, pl := range m.Players {
			if pl != p.agent.ID {
				continue
			}
			if i < len(m.Ranks) {
				place = fmt.Sprintf("%s of %d", ordinal(m.Ranks[i]+1), len(m.Players))
			}
			if i < len(m.Payouts) && m.Payouts[i] != "0" {
				paid = "  +" + ethString(m.Payouts[i]) + " ETH"
			}
		}
		fmt.Fprintf(&b, "  %s  %-12s %-9s %s%s\n", m.Started.UTC().Format("01-02 15:04"), m.Space, m.Status, place, paid)
	}

	b.WriteString("\n" + headerStyle.Render("Learning curve") + dimStyle.Render("  held-out score per version") + "\n")
	bySpace := map[string][]api.Evaluation{}
	var order []string
	for _, ev := range p.evals {
		if bySpace[ev.Space] == nil {
			order = append(order, ev.Space)
		}
		bySpace[ev.Space] = append(bySpace[ev.Space], ev)
	}
	if len(order) == 0 {
		b.WriteString("  not evaluated yet\n")
	}
	for _, sp := range order {
		evs := bySpace[sp]
		scores := make([]float64, len(evs))
		for i, ev := range evs {
			scores[i] = ev.Score
		}
		first, last := evs[0], evs[len(evs)-1]
		fmt.Fprintf(&b, "  %-12s %s  %s %.2f → %.2f [%.2f, %.2f]\n", sp, progress.Sparkline(scores), last.Metric, first.Score, last.Score, last.Lo, last.Hi)
	}

	b.WriteString("\n" + headerStyle.Render("Adapter versions") + "\n")
	if len(p.versions) == 0 {
		b.WriteString("  none: it plays the base model\n")
	}
	for _, v := range p.versions {
		mark := "  "
		if v.Version == p.agent.Adapter {
			mark = "▸ "
		}
		fmt.Fprintf(&b, "%s%-10s %4d pairs%s  record %s  %s\n", mark, versionName(v.Version, p.agent.ID), v.Pairs, staleness(v), short(v.Record), proofStatus(v))
	}
	return b.String()
}

// versionName drops the agent id a trained version's name starts with.
func versionName(version, agent string) string {
	if s, ok := strings.CutPrefix(version, agent+"-"); ok {
		return s
	}
	return version
}

// staleness says how many versions behind the pairs a version trained on
// were, mean and most; nothing for on-policy data.
func staleness(v api.AdapterVersion) string {
	if v.StaleMax == 0 {
		return ""
	}
	return fmt.Sprintf(" (%.1f/%d versions stale)", v.StaleMean, v.StaleMax)
}

// proofStatus says where a version's proof-of-learning record stands.
func proofStatus(v api.AdapterVersion) string {
	anchored := "not anchored"
	if v.Anchor != "" {
		anchored = "anchored " + short(v.Anchor)
	}
	switch {
	case v.Record == "":
		return dimStyle.Render("no record")
	case v.Check == "verified":
		return goodStyle.Render("verified") + ", " + anchored
	case strings.HasPrefix(v.Check, "flagged"):
		return errorStyle.Render("out of play, " + v.Check)
	case v.OutOfPlay:
		return errorStyle.Render("out of play") + ": rolled back past with a flagged version"
	case v.Check == "":
		return "unchecked, " + anchored
	}
	return v.Check + ", " + anchored
}
