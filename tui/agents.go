package tui

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rlfc/arena/arena/api"
)

// agentsPage lists the player's agents with their rating in each Space.
type agentsPage struct {
	s       *session
	list    []api.Agent
	cursor  int
	loading bool
}

type agentsMsg []api.Agent

var (
	keyNew  = bind("n", "new agent")
	keyEdit = bind("e", "edit")
)

func newAgents(s *session) (page, tea.Cmd) {
	p := &agentsPage{s: s, loading: true}
	return p, p.load()
}

func (p *agentsPage) load() tea.Cmd {
	return p.s.do(func(ctx context.Context) (tea.Msg, error) {
		mine, err := p.s.myAgents(ctx)
		return agentsMsg(mine), err
	})
}

func (p *agentsPage) typing() bool { return false }

func (p *agentsPage) help() []key.Binding {
	return []key.Binding{keys.Move, bind("enter", "history"), keyNew, keyEdit, keys.Refresh}
}

func (p *agentsPage) selected() (api.Agent, bool) {
	if p.cursor < len(p.list) {
		return p.list[p.cursor], true
	}
	return api.Agent{}, false
}

func (p *agentsPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case agentsMsg:
		p.list, p.loading = msg, false
		p.cursor = min(p.cursor, max(len(p.list)-1, 0))
	case agentSavedMsg:
		return p, p.load()
	case errMsg:
		p.loading = false
	case tea.KeyMsg:
		if c, ok := move(msg, p.cursor, len(p.list)); ok {
			p.cursor = c
			return p, nil
		}
		switch {
		case key.Matches(msg, keys.Refresh):
			p.loading = true
			return p, p.load()
		case key.Matches(msg, keyNew):
			return p, push(newAgentForm(p.s, nil))
		case key.Matches(msg, keyEdit):
			if a, ok := p.selected(); ok {
				return p, push(newAgentForm(p.s, &a))
			}
		case key.Matches(msg, keys.Select):
			if a, ok := p.selected(); ok {
				return p, push(newHistory(p.s, a))
			}
		}
	}
	return p, nil
}

func (p *agentsPage) view(w, h int) string {
	var b strings.Builder
	b.WriteString(headerStyle.Render("Your agents") + "\n\n")
	if p.loading && p.list == nil {
		return b.String() + dimStyle.Render("loading…")
	}
	if len(p.list) == 0 {
		return b.String() + "You have no agents yet: press n to create one.\n"
	}
	rows := make([][]string, len(p.list))
	for i, a := range p.list {
		rows[i] = []string{a.Name, a.Model, orDash(a.Adapter), ratings(a), autoEntry(a)}
	}
	b.WriteString(table([]string{"name", "model", "adapter", "rating (μ±σ, matches)", "auto-enter"}, rows, p.cursor))
	return b.String()
}

// ratings is an agent's live rating per Space, in Space order.
func ratings(a api.Agent) string {
	if len(a.Ratings) == 0 {
		return "unrated"
	}
	ids := make([]string, 0, len(a.Ratings))
	for id := range a.Ratings {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	parts := make([]string, len(ids))
	for i, id := range ids {
		r := a.Ratings[id]
		parts[i] = fmt.Sprintf("%s %.1f±%.1f (%d)", id, r.Mu, r.Sigma, r.Matches)
	}
	return strings.Join(parts, ", ")
}

func autoEntry(a api.Agent) string {
	if a.AutoEnter == nil {
		return "off"
	}
	return fmt.Sprintf("%s tier %d ×%d", strings.Join(a.AutoEnter.Spaces, ","), a.AutoEnter.Tier, a.AutoEnter.Sessions)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
