package tui

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/rlfc/arena/arena/api"
)

// autoEvery is how often auto-entry looks at the player's agents.
const autoEvery = 5 * time.Second

// autoSettle is how long an entry the autopilot made is counted before
// the server shows it: a stake takes a block and a bridge poll to queue.
const autoSettle = 30 * time.Second

// autopilot keeps the player's agents entered as their AutoEnter settings
// ask, while the UI runs: free tiers by request, paid ones by a stake
// from the unlocked wallet (the settings cap how many at a time).
type autopilot struct {
	s       *session
	mu      sync.Mutex
	running bool
	recent  map[string][]time.Time // agent/space: entries made, not yet seen
}

type (
	autoTickMsg struct{}
	// autoDoneMsg reports a run: entries made, or why it stopped. It is
	// the root's alone, so that no page takes it for its own.
	autoDoneMsg struct {
		notes []string
		err   error
	}
)

func (a *autopilot) tick() tea.Cmd {
	return tea.Tick(autoEvery, func(time.Time) tea.Msg { return autoTickMsg{} })
}

// run enters what the settings ask for, once; it is skipped while an
// earlier run is still going.
func (a *autopilot) run() tea.Cmd {
	a.mu.Lock()
	if a.running || !a.s.signedIn() {
		a.mu.Unlock()
		return nil
	}
	a.running = true
	a.mu.Unlock()
	return func() tea.Msg {
		defer func() { a.mu.Lock(); a.running = false; a.mu.Unlock() }()
		ctx, cancel := context.WithTimeout(a.s.ctx, 2*time.Minute)
		defer cancel()
		notes, err := a.enter(ctx)
		return autoDoneMsg{notes, err}
	}
}

func (a *autopilot) enter(ctx context.Context) ([]string, error) {
	mine, err := a.s.myAgents(ctx)
	if err != nil {
		return nil, err
	}
	var notes []string
	owned := make(map[string]bool)
	for _, ag := range mine {
		owned[ag.ID] = true
	}
	room := make(map[string]int) // Space → entries the owner cap still allows, this run
	for _, ag := range mine {
		ae := ag.AutoEnter
		if ae == nil {
			continue
		}
		recent, err := a.s.api.AgentMatches(ctx, ag.ID, 32)
		if err != nil {
			return notes, err
		}
		for _, space := range ae.Spaces {
			busy, err := a.sessions(ctx, ag.ID, space, recent)
			if err != nil {
				return notes, err
			}
			if _, ok := room[space]; !ok {
				if room[space], err = a.ownerRoom(ctx, space, owned); err != nil {
					return notes, err
				}
			}
			// Past the server's cap an entry is refused and a stake
			// refunded (its gas lost), so the autopilot stops at it.
			for ; busy < ae.Sessions && room[space] != 0; busy++ {
				note, err := a.enterOne(ctx, ag, space, ae.Tier)
				if err != nil {
					return notes, fmt.Errorf("%s in %s: %w", ag.Name, space, err)
				}
				notes = append(notes, note)
				room[space]--
			}
		}
	}
	return notes, nil
}

// ownerRoom is how many more entries the server's cap per owner lets the
// player have queued or playing in space, over all their agents, counting
// the entries made lately that the server may not show yet; -1 when the
// server has no cap.
func (a *autopilot) ownerRoom(ctx context.Context, space string, owned map[string]bool) (int, error) {
	sp, err := a.s.api.Space(ctx, space)
	if err != nil {
		return 0, err
	}
	if sp.OwnerCap <= 0 {
		return -1, nil
	}
	q, err := a.s.api.Queue(ctx, space)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, t := range q {
		if owned[t.Agent] {
			n++
		}
	}
	ms, err := a.s.api.Matches(ctx, space, 100)
	if err != nil {
		return 0, err
	}
	for _, m := range ms {
		if m.Status != "running" {
			continue
		}
		for _, p := range m.Players {
			if owned[p] {
				n++
			}
		}
	}
	a.mu.Lock()
	for k, made := range a.recent {
		if strings.HasSuffix(k, "/"+space) {
			for _, t := range made {
				if time.Since(t) < autoSettle {
					n++
				}
			}
		}
	}
	a.mu.Unlock()
	return max(sp.OwnerCap-n, 0), nil
}

// sessions counts an agent's entries in a Space: queued, playing, and
// made in the last autoSettle (which the server may not show yet).
func (a *autopilot) sessions(ctx context.Context, agent, space string, recent []api.Match) (int, error) {
	q, err := a.s.api.Queue(ctx, space)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, t := range q {
		if t.Agent == agent {
			n++
		}
	}
	for _, m := range recent {
		if m.Space == space && m.Status == "running" {
			n++
		}
	}
	a.mu.Lock()
	defer a.mu.Unlock()
	k := agent + "/" + space
	var keep []time.Time
	for _, t := range a.recent[k] {
		if time.Since(t) < autoSettle {
			keep = append(keep, t)
		}
	}
	a.recent[k] = keep
	// An entry made lately may already be in n or not yet: counting it
	// in both can only wait a little longer before the next entry, while
	// counting it in neither would stake twice for one session.
	return n + len(keep), nil
}

func (a *autopilot) enterOne(ctx context.Context, ag api.Agent, space string, tier int) (string, error) {
	sp, err := a.s.api.Space(ctx, space)
	if err != nil {
		return "", err
	}
	fee, err := sp.Spec.Fee(tier)
	if err != nil {
		return "", err
	}
	if fee.Sign() == 0 {
		if _, err := a.s.api.Enter(ctx, space, ag.ID, tier); err != nil {
			return "", err
		}
	} else if _, _, err := a.s.stake(ctx, space, tier, ag.ID, fee); err != nil {
		return "", err
	}
	a.mu.Lock()
	a.recent[ag.ID+"/"+space] = append(a.recent[ag.ID+"/"+space], time.Now())
	a.mu.Unlock()
	return fmt.Sprintf("auto-entered %s in %s (tier %d, %s %s)", ag.Name, space, tier, sp.Spec.Entry.Tiers[tier], sp.Spec.Entry.Currency), nil
}
