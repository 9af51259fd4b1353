package tui

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/spaces"
)

// spacesPage lists the Spaces: fees, players, a match's pool and the
// queues.
type spacesPage struct {
	s      *session
	list   []api.SpaceSummary
	cursor int
}

type spacesMsg []api.SpaceSummary

func newSpaces(s *session) (page, tea.Cmd) {
	p := &spacesPage{s: s}
	return p, p.load()
}

func (p *spacesPage) load() tea.Cmd {
	return p.s.do(func(ctx context.Context) (tea.Msg, error) {
		l, err := p.s.api.Spaces(ctx)
		return spacesMsg(l), err
	})
}

func (p *spacesPage) typing() bool { return false }

func (p *spacesPage) help() []key.Binding {
	return []key.Binding{keys.Move, bind("enter", "details"), keys.Refresh}
}

func (p *spacesPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case spacesMsg:
		p.list = msg
		p.cursor = min(p.cursor, max(len(p.list)-1, 0))
	case tea.KeyMsg:
		if c, ok := move(msg, p.cursor, len(p.list)); ok {
			p.cursor = c
			return p, nil
		}
		switch {
		case key.Matches(msg, keys.Refresh):
			return p, p.load()
		case key.Matches(msg, keys.Select) && p.cursor < len(p.list):
			return p, push(newSpaceDetail(p.s, p.list[p.cursor].ID))
		}
	}
	return p, nil
}

func (p *spacesPage) view(w, h int) string {
	var b strings.Builder
	b.WriteString(headerStyle.Render("Spaces") + dimStyle.Render("  fees and a full match's pool per tier") + "\n\n")
	if p.list == nil {
		return b.String() + dimStyle.Render("loading…")
	}
	rows := make([][]string, len(p.list))
	for i, s := range p.list {
		var pools []string
		for _, t := range s.Tiers {
			pools = append(pools, pool(t, s.Players.Max))
		}
		rows[i] = []string{s.ID, string(s.Mode), fmt.Sprintf("%d-%d", s.Players.Min, s.Players.Max),
			strings.Join(s.Tiers, " / ") + " " + s.Currency, strings.Join(pools, " / "), joinInts(s.Queues, "/")}
	}
	b.WriteString(table([]string{"space", "mode", "players", "fee", "pool", "queued"}, rows, p.cursor))
	if p.cursor < len(p.list) {
		b.WriteString("\n" + dimStyle.Width(w).Render(p.list[p.cursor].Description) + "\n")
	}
	return b.String()
}

// pool is a full match's pool at a fee given in whole units.
func pool(fee string, players int) string {
	r, ok := new(big.Rat).SetString(fee)
	if !ok {
		return "?"
	}
	r.Mul(r, new(big.Rat).SetInt64(int64(players)))
	return strings.TrimSuffix(strings.TrimRight(r.FloatString(18), "0"), ".")
}

func joinInts(v []int, sep string) string {
	s := make([]string, len(v))
	for i, n := range v {
		s[i] = strconv.Itoa(n)
	}
	return strings.Join(s, sep)
}

// spaceDetail shows one Space's rules and payouts, and enters an agent.
type spaceDetail struct {
	s      *session
	id     string
	space  *api.Space
	mine   []api.Agent
	agent  int
	tier   int
	entry  *entry // the entry under way, if any
	choose bool   // choosing the agent and tier to enter
}

type spaceMsg struct {
	space api.Space
	mine  []api.Agent
}

var keyEnter = bind("e", "enter a match")

func newSpaceDetail(s *session, id string) (page, tea.Cmd) {
	p := &spaceDetail{s: s, id: id}
	return p, p.load()
}

func (p *spaceDetail) load() tea.Cmd {
	return p.s.do(func(ctx context.Context) (tea.Msg, error) {
		sp, err := p.s.api.Space(ctx, p.id)
		if err != nil {
			return nil, err
		}
		mine, err := p.s.myAgents(ctx)
		return spaceMsg{sp, mine}, err
	})
}

func (p *spaceDetail) typing() bool { return false }

func (p *spaceDetail) help() []key.Binding {
	switch {
	case p.entry != nil:
		return p.entry.help()
	case p.choose:
		return []key.Binding{bind("↑/↓", "agent"), bind("←/→", "fee tier"), bind("enter", "continue"), bind("esc", "cancel")}
	}
	return []key.Binding{keyEnter, bind("b", "leaderboard"), keys.Refresh}
}

func (p *spaceDetail) update(msg tea.Msg) (page, tea.Cmd) {
	if p.entry != nil {
		var cmd tea.Cmd
		var done bool
		if p.entry, cmd, done = p.entry.update(msg); done {
			p.entry = nil
			return p, tea.Batch(cmd, p.load())
		}
		return p, cmd
	}
	switch msg := msg.(type) {
	case spaceMsg:
		p.space, p.mine = &msg.space, msg.mine
		p.agent = min(p.agent, max(len(p.mine)-1, 0))
	case tea.KeyMsg:
		if p.space == nil {
			return p, nil
		}
		if p.choose {
			if c, ok := move(msg, p.agent, len(p.mine)); ok {
				p.agent = c
				return p, nil
			}
			switch {
			case key.Matches(msg, keys.Left):
				p.tier = max(p.tier-1, 0)
			case key.Matches(msg, keys.Right):
				p.tier = min(p.tier+1, len(p.space.Spec.Entry.Tiers)-1)
			case msg.String() == "esc":
				p.choose = false
			case key.Matches(msg, keys.Select) && p.agent < len(p.mine):
				p.choose = false
				var cmd tea.Cmd
				p.entry, cmd = newEntry(p.s, p.space.Spec, p.mine[p.agent], p.tier)
				return p, cmd
			}
			return p, nil
		}
		switch {
		case key.Matches(msg, keyEnter):
			if len(p.mine) == 0 {
				return p, func() tea.Msg { return statusMsg("create an agent first (1, then n)") }
			}
			p.choose = true
		case msg.String() == "b":
			return p, push(newLeaderboard(p.s, p.id))
		case key.Matches(msg, keys.Refresh):
			return p, p.load()
		}
	}
	return p, nil
}

func (p *spaceDetail) view(w, h int) string {
	if p.space == nil {
		return dimStyle.Render("loading " + p.id + "…")
	}
	sp := p.space.Spec
	var b strings.Builder
	b.WriteString(headerStyle.Render(sp.Name) + dimStyle.Render("  "+sp.ID) + "\n")
	if p.entry == nil && !p.choose {
		p.rules(&b, w)
	} else {
		b.WriteString("\n")
	}
	rows := make([][]string, len(sp.Entry.Tiers))
	for i, t := range sp.Entry.Tiers {
		q := 0
		if i < len(p.space.Queues) {
			q = p.space.Queues[i]
		}
		rows[i] = []string{strconv.Itoa(i), t + " " + sp.Entry.Currency, pool(t, sp.Players.Max) + " " + sp.Entry.Currency, strconv.Itoa(q)}
	}
	sel := -1
	if p.choose {
		sel = p.tier
	}
	b.WriteString(table([]string{"tier", "fee", "pool", "queued"}, rows, sel))
	switch {
	case p.entry != nil:
		b.WriteString("\n" + p.entry.view(w))
	case p.choose:
		b.WriteString("\nEnter which agent?\n")
		for i, a := range p.mine {
			b.WriteString(cursorLine(i == p.agent, a.Name) + "\n")
		}
	}
	return b.String()
}

// rules writes a Space's description, format, judges and payouts.
func (p *spaceDetail) rules(b *strings.Builder, w int) {
	sp := p.space.Spec
	b.WriteString(lipgloss.NewStyle().Width(w).Render(sp.Description) + "\n\n")
	rounds := "rounds"
	if sp.Mode == spaces.Turns {
		rounds = "games"
	}
	fmt.Fprintf(b, "%s, %d-%d players, %d %s", sp.Mode, sp.Players.Min, sp.Players.Max, sp.Rounds, rounds)
	if sp.Samples > 1 {
		fmt.Fprintf(b, ", best of %d samples", sp.Samples)
	}
	b.WriteString("\n")
	var panel []string
	for _, j := range sp.Judges {
		panel = append(panel, j.Kind)
	}
	fmt.Fprintf(b, "judges: %s\n", strings.Join(panel, ", "))
	var shares []string
	for i, s := range sp.Payout.Shares {
		shares = append(shares, fmt.Sprintf("%s %g%%", ordinal(i+1), 100*s))
	}
	fmt.Fprintf(b, "payout: %s; rake %g%%\n\n", strings.Join(shares, ", "), float64(sp.Payout.RakeBPS)/100)
}

func ordinal(n int) string {
	switch n {
	case 1:
		return "1st"
	case 2:
		return "2nd"
	case 3:
		return "3rd"
	}
	return strconv.Itoa(n) + "th"
}
