package tui

import (
	"context"
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/rlfc/arena/arena/api"
)

// leaderboardPage ranks a Space's agents: Bradley-Terry rating with its
// 95% interval, wins and earnings. ←/→ switch Spaces.
type leaderboardPage struct {
	s      *session
	spaces []string
	at     int
	board  *api.Leaderboard
	cursor int
}

type (
	spaceIDsMsg []string
	// boardMsg is a Space's leaderboard; one that comes back after the
	// player has moved to another Space is dropped.
	boardMsg api.Leaderboard
)

func newLeaderboard(s *session, space string) (page, tea.Cmd) {
	p := &leaderboardPage{s: s}
	if space != "" {
		p.spaces = []string{space}
		return p, p.load()
	}
	return p, s.do(func(ctx context.Context) (tea.Msg, error) {
		l, err := s.api.Spaces(ctx)
		ids := make([]string, len(l))
		for i, sp := range l {
			ids[i] = sp.ID
		}
		return spaceIDsMsg(ids), err
	})
}

func (p *leaderboardPage) load() tea.Cmd {
	id := p.spaces[p.at]
	return p.s.do(func(ctx context.Context) (tea.Msg, error) {
		lb, err := p.s.api.Leaderboard(ctx, id, 0)
		return boardMsg(lb), err
	})
}

func (p *leaderboardPage) typing() bool { return false }

func (p *leaderboardPage) help() []key.Binding {
	return []key.Binding{bind("←/→", "space"), keys.Move, bind("enter", "agent history"), keys.Refresh}
}

func (p *leaderboardPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case spaceIDsMsg:
		p.spaces = msg
		if len(p.spaces) > 0 {
			return p, p.load()
		}
	case boardMsg:
		if len(p.spaces) == 0 || msg.Space != p.spaces[p.at] {
			return p, nil
		}
		b := api.Leaderboard(msg)
		p.board = &b
		p.cursor = min(p.cursor, max(len(b.Standings)-1, 0))
	case tea.KeyMsg:
		if len(p.spaces) == 0 {
			return p, nil
		}
		switch {
		case key.Matches(msg, keys.Left):
			p.at, p.board, p.cursor = (p.at+len(p.spaces)-1)%len(p.spaces), nil, 0
			return p, p.load()
		case key.Matches(msg, keys.Right):
			p.at, p.board, p.cursor = (p.at+1)%len(p.spaces), nil, 0
			return p, p.load()
		case key.Matches(msg, keys.Up), key.Matches(msg, keys.Down):
			if p.board != nil {
				p.cursor, _ = move(msg, p.cursor, len(p.board.Standings))
			}
		case key.Matches(msg, keys.Refresh):
			return p, p.load()
		case key.Matches(msg, keys.Select) && p.board != nil && p.cursor < len(p.board.Standings):
			st := p.board.Standings[p.cursor]
			return p, push(newHistory(p.s, api.Agent{ID: st.Agent, Name: st.Name, Owner: st.Owner}))
		}
	}
	return p, nil
}

func (p *leaderboardPage) view(w, h int) string {
	var b strings.Builder
	if len(p.spaces) == 0 {
		return dimStyle.Render("loading…")
	}
	var tabs []string
	for i, id := range p.spaces {
		tabs = append(tabs, tabLabel(id, i == p.at))
	}
	b.WriteString(headerStyle.Render("Leaderboard") + "  " + strings.Join(tabs, "") + "\n\n")
	lb := p.board
	if lb == nil {
		return b.String() + dimStyle.Render("loading…")
	}
	if len(lb.Standings) == 0 {
		return b.String() + "No rated matches here yet.\n"
	}
	rows := make([][]string, len(lb.Standings))
	for i, st := range lb.Standings {
		name := st.Name
		if p.s.owns(st.Owner) {
			name += " *"
		}
		wins := fmt.Sprintf("%d/%d", st.Wins, st.Matches)
		if st.Provisional {
			wins += " ?"
		}
		rows[i] = []string{strconv.Itoa(i + 1), name, fmt.Sprintf("%6.1f [%6.1f, %6.1f]", st.Rating, st.Lo, st.Hi),
			wins, ethString(st.Earnings)}
	}
	b.WriteString(table([]string{"#", "agent", "rating [95% interval]", "wins", "earned ETH"}, rows, p.cursor))
	fmt.Fprintf(&b, "\n%s\n", dimStyle.Render(fmt.Sprintf("%d rated matches, %d preference pairs; * yours, ? provisional, by low end", lb.Matches, lb.Pairs)))
	return b.String()
}

// ethString formats a decimal wei string as ETH.
func ethString(wei string) string {
	v, ok := new(big.Int).SetString(wei, 10)
	if !ok {
		return orDash(wei)
	}
	return eth(v)
}
