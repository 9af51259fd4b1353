package tui

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"

	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/lipgloss"
	"github.com/charmbracelet/x/ansi"
	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/arena/api"
)

// matchPage follows a match live: the players' replies streaming side by
// side, the judges' scores and ranking of each round, and the final
// ranking with the payouts. The stream redials by itself from the last
// event it saw, so a dropped connection loses nothing.
type matchPage struct {
	s      *session
	id     string
	cancel context.CancelFunc
	events chan api.Event
	ended  chan error

	names   map[string]string
	space   string
	players []string

	round   int
	task    string
	replies map[string]*strings.Builder // this round's reply (or moves) per player
	scores  []float64                   // this round's
	ranks   []int                       // this round's ranking
	totals  []float64
	void    string
	final   *api.Event
	aborted string
	problem string
}

type (
	matchInfoMsg struct {
		match api.Match
		names map[string]string
	}
	matchEventMsg api.Event
	matchEndMsg   struct{ err error }
)

func newMatchPage(s *session, id string) (page, tea.Cmd) {
	ctx, cancel := context.WithCancel(s.ctx)
	p := &matchPage{s: s, id: id, cancel: cancel, events: make(chan api.Event, 64), ended: make(chan error, 1),
		replies: map[string]*strings.Builder{}, names: map[string]string{}}
	go func() {
		p.ended <- s.api.Watch(ctx, id, 0, func(ev api.Event) error {
			select {
			case p.events <- ev:
				return nil
			case <-ctx.Done():
				return ctx.Err()
			}
		})
		close(p.events)
	}()
	info := s.do(func(ctx context.Context) (tea.Msg, error) {
		m, err := s.api.Match(ctx, id)
		if err != nil {
			return nil, err
		}
		names := map[string]string{}
		for _, pl := range m.Players {
			a, err := s.api.Agent(ctx, pl)
			if err != nil {
				return nil, err
			}
			names[pl] = a.Name
		}
		return matchInfoMsg{m.Match, names}, nil
	})
	return p, tea.Batch(info, p.next())
}

// next waits for the stream's next event.
func (p *matchPage) next() tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-p.events
		if !ok {
			return matchEndMsg{<-p.ended}
		}
		return matchEventMsg(ev)
	}
}

// close stops the stream when the page is left.
func (p *matchPage) close() { p.cancel() }

func (p *matchPage) typing() bool { return false }

func (p *matchPage) help() []key.Binding { return nil }

func (p *matchPage) update(msg tea.Msg) (page, tea.Cmd) {
	switch msg := msg.(type) {
	case matchInfoMsg:
		for id, n := range msg.names {
			p.names[id] = n
		}
		if p.players == nil {
			p.players, p.space = msg.match.Players, msg.match.Space
		}
	case matchEndMsg:
		if msg.err != nil && p.final == nil && p.aborted == "" {
			p.problem = explain(msg.err)
		}
	case matchEventMsg:
		p.apply(api.Event(msg))
		return p, p.next()
	}
	return p, nil
}

func (p *matchPage) seat(player string) int {
	for i, id := range p.players {
		if id == player {
			return i
		}
	}
	return -1
}

// apply folds one event into the page.
func (p *matchPage) apply(ev api.Event) {
	switch ev.Type {
	case api.MatchStarted:
		p.players, p.space = ev.Players, ev.Space
		p.totals = make([]float64, len(ev.Players))
	case api.RoundTask:
		p.round, p.task, p.scores, p.ranks, p.void = ev.Round, ev.Text, nil, nil, ""
		p.replies = map[string]*strings.Builder{}
	case api.ReplyDelta:
		if ev.Sample == 0 {
			p.reply(ev.Player).WriteString(ev.Text)
		}
	case api.ReplyDone:
		if ev.Sample == 0 {
			b := p.reply(ev.Player)
			b.Reset()
			b.WriteString(ev.Text)
			switch {
			case ev.Error != "":
				b.WriteString(" [" + ev.Error + "]")
			case ev.Check != nil && ev.Check.Status != agents.Verified:
				// Verified is the norm; anything less is worth a mark.
				b.WriteString(" [" + ev.Check.Status + "]")
			}
		}
	case api.GameMove:
		if ev.Round != p.round {
			p.round, p.task, p.scores, p.ranks, p.void = ev.Round, "", nil, nil, ""
			p.replies = map[string]*strings.Builder{}
		}
		b := p.reply(ev.Player)
		if b.Len() > 0 {
			b.WriteString(" ")
		}
		b.WriteString(ev.Text)
		if ev.Error != "" {
			b.WriteString(" [illegal: " + ev.Error + "]")
		}
	case api.RoundScores:
		p.scores = ev.Scores
		for i, s := range ev.Scores {
			if i < len(p.totals) {
				p.totals[i] += s
			}
		}
	case api.RoundVoid:
		p.void = ev.Error
	case api.RoundRanking:
		p.ranks = ev.Ranks
	case api.MatchResult:
		p.final = &ev
	case api.MatchAborted:
		p.aborted = ev.Error
	}
}

func (p *matchPage) reply(player string) *strings.Builder {
	b := p.replies[player]
	if b == nil {
		b = &strings.Builder{}
		p.replies[player] = b
	}
	return b
}

func (p *matchPage) name(player string) string {
	if n := p.names[player]; n != "" {
		return n
	}
	return short(player)
}

func (p *matchPage) view(w, h int) string {
	var b strings.Builder
	state := "live"
	switch {
	case p.final != nil:
		state = "finished"
	case p.aborted != "":
		state = "aborted"
	}
	fmt.Fprintf(&b, "%s %s  %s · round %d · %s\n", headerStyle.Render("Match"), p.id, p.space, p.round+1, state)
	if p.task != "" {
		b.WriteString(dimStyle.Render("task: ") + oneLine(p.task) + "\n")
	}
	if len(p.players) > 0 {
		b.WriteString("\n" + p.columns(w, max(h-12, 3)) + "\n")
	}
	if p.void != "" {
		b.WriteString(errorStyle.Render("round void: "+p.void) + "\n")
	}
	if p.ranks != nil {
		b.WriteString("round ranking: " + p.ranking(p.ranks) + "\n")
	}
	if len(p.totals) > 0 {
		var parts []string
		for i, id := range p.players {
			parts = append(parts, fmt.Sprintf("%s %.2f", p.name(id), p.totals[i]))
		}
		b.WriteString("totals: " + strings.Join(parts, ", ") + "\n")
	}
	if f := p.final; f != nil {
		b.WriteString("\n" + headerStyle.Render("Final ranking") + "\n")
		for i, id := range p.players {
			rank, pay := 0, "0"
			if i < len(f.Ranks) {
				rank = f.Ranks[i]
			}
			if i < len(f.Payouts) {
				pay = f.Payouts[i]
			}
			paid := ""
			if wei, ok := new(big.Int).SetString(pay, 10); ok && wei.Sign() > 0 {
				paid = goodStyle.Render("  paid " + eth(wei) + " ETH")
			}
			fmt.Fprintf(&b, "  %s %-16s%s\n", ordinal(rank+1), p.name(id), paid)
		}
	}
	if p.aborted != "" {
		b.WriteString(errorStyle.Render("aborted: "+p.aborted+" (entries are refunded)") + "\n")
	}
	if p.problem != "" {
		b.WriteString(errorStyle.Render(p.problem) + "\n")
	}
	return b.String()
}

// columns draws the players' current replies side by side, each cut to
// its last lines so that the newest text shows.
func (p *matchPage) columns(w, lines int) string {
	n := len(p.players)
	colW := max((w-(n-1)*2)/n, 8)
	cols := make([]string, n)
	for i, id := range p.players {
		head := p.name(id)
		if i < len(p.scores) {
			head += fmt.Sprintf("  %.2f", p.scores[i])
		}
		text := ""
		if r := p.replies[id]; r != nil {
			text = r.String()
		}
		body := strings.Split(ansi.Wrap(text, colW, " "), "\n")
		if len(body) > lines {
			body = body[len(body)-lines:]
		}
		cols[i] = lipgloss.NewStyle().Width(colW).Render(headerStyle.Render(ansi.Truncate(head, colW, "…")) + "\n" + strings.Join(body, "\n"))
	}
	return lipgloss.JoinHorizontal(lipgloss.Top, intersperse(cols, "  ")...)
}

func intersperse(cols []string, sep string) []string {
	out := make([]string, 0, 2*len(cols))
	for i, c := range cols {
		if i > 0 {
			out = append(out, sep)
		}
		out = append(out, c)
	}
	return out
}

// ranking lists players by rank: "1st ada, 2nd bob".
func (p *matchPage) ranking(ranks []int) string {
	type placed struct {
		rank int
		name string
	}
	var ps []placed
	for i, id := range p.players {
		if i < len(ranks) {
			ps = append(ps, placed{ranks[i], p.name(id)})
		}
	}
	slices.SortStableFunc(ps, func(a, b placed) int { return a.rank - b.rank })
	parts := make([]string, len(ps))
	for i, x := range ps {
		parts[i] = ordinal(x.rank+1) + " " + x.name
	}
	return strings.Join(parts, ", ")
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }
