package arena

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/rlfc/arena/agents"
	"github.com/rlfc/arena/store"
)

// What a stranger may hold of the arena's capacity. Every free sign-in can
// make agents, so each owner's entries in flight in a Space are capped;
// an agent whose endpoint hangs forfeits the rest of its match at the
// first reply that runs out of the reply limit (see Engine.Run), and an
// agent that keeps doing it is benched: it may not enter any queue for a
// while, each bench twice as long as the one before.
const (
	// DefaultOwnerCap is Options.OwnerCap's default.
	DefaultOwnerCap = 2
	// BenchAfter is how many matches in a row an agent forfeits before it
	// is benched.
	BenchAfter = 3
	// BenchFirst is how long a first bench lasts; each later one lasts
	// twice as long as the one before, up to BenchMost.
	BenchFirst = 10 * time.Minute
	// BenchMost bounds a bench.
	BenchMost = 24 * time.Hour
)

// ErrOwnerCap says that an entry was refused because its owner already has
// as many entries queued or playing in the Space as Options.OwnerCap
// allows.
var ErrOwnerCap = errors.New("arena: owner's entries in flight at the cap")

// ErrBenched says that an entry was refused because the agent is benched
// for forfeiting; the error's text says until when.
var ErrBenched = errors.New("arena: agent benched")

// runningTable indexes the matches being played by Space, with the owners
// of their seats, so an entry can count its owner's matches in flight
// without reading every match ever played. begin adds a match; settle,
// abandon and recover take it out in the transaction that ends it.
var runningTable = store.NewTable[[]string]("running") // space id/match id → owners of its non-house seats

// exempt reports whether an agent is the house's, which fills matches
// for the arena and so is never capped or benched.
func exempt(ag agents.Agent) bool {
	return ag.House || strings.EqualFold(ag.Owner, HouseOwner)
}

// admit checks that an agent may enter a queue of spaceID now: it is not
// benched, and its owner is under the cap on entries in flight there.
// queued is the owner's tickets in the Space's queues, which the caller
// has just counted.
func (a *Arena) admit(tx *store.Tx, spaceID string, ag agents.Agent, queued int) error {
	if exempt(ag) {
		return nil
	}
	now := a.now()
	if ag.BenchedUntil.After(now) {
		return fmt.Errorf("%w: agent %s forfeited %d matches in a row (a reply ran out of the Space's reply limit) and may not enter a queue until %s (in %s)",
			ErrBenched, ag.ID, BenchAfter, ag.BenchedUntil.UTC().Format(time.RFC3339), ag.BenchedUntil.Sub(now).Round(time.Second))
	}
	if a.ownerCap < 0 {
		return nil
	}
	n := queued
	err := runningTable.Scan(tx, spaceID+"/", func(_ string, owners []string) error {
		for _, o := range owners {
			if strings.EqualFold(o, ag.Owner) {
				n++
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	if n >= a.ownerCap {
		return fmt.Errorf("%w: owner %s already has %d entries queued or playing in space %s, and the cap is %d per owner; enter again when one ends",
			ErrOwnerCap, ag.Owner, n, spaceID, a.ownerCap)
	}
	return nil
}

// OwnerCap is how many entries one owner may have queued or playing in a
// Space at once; zero or less means no cap.
func (a *Arena) OwnerCap() int { return max(a.ownerCap, 0) }

// markRunning adds a match that begins to the index of matches in flight.
func markRunning(tx *store.Tx, p *Plan) error {
	var owners []string
	for _, ag := range p.Players {
		if !exempt(ag) {
			owners = append(owners, ag.Owner)
		}
	}
	return runningTable.Put(tx, store.Key(p.Spec.ID, p.ID), owners)
}

// putEnded stores a match that ended (finished or aborted) and takes it
// out of the index of matches in flight.
func putEnded(tx *store.Tx, m Match) error {
	if err := matchTable.Put(tx, m.ID, m); err != nil {
		return err
	}
	return runningTable.Delete(tx, store.Key(m.Space, m.ID))
}

// noteForfeit updates an agent's forfeit record at the end of a match it
// played: a forfeit extends its run of forfeits and the last of BenchAfter
// benches it, taking its tickets that cost nothing out of every queue; a
// match played to the end clears the run. The caller stores ag.
func (a *Arena) noteForfeit(tx *store.Tx, ag *agents.Agent, forfeited bool) error {
	if exempt(*ag) {
		return nil
	}
	// Only players on a backend their owner runs can forfeit (see
	// limitWatch), judged by the agent as it played, not as it is now.
	if !forfeited {
		ag.Forfeits = 0
		return nil
	}
	ag.Forfeits++
	if ag.Forfeits < BenchAfter {
		return nil
	}
	bench := BenchFirst
	for range ag.Benches {
		if bench >= BenchMost {
			break
		}
		bench *= 2
	}
	ag.Forfeits, ag.Benches = 0, ag.Benches+1
	ag.BenchedUntil = a.now().UTC().Add(min(bench, BenchMost))
	a.log.Warn("agent benched for forfeiting", "agent", ag.ID, "owner", ag.Owner, "until", ag.BenchedUntil, "benches", ag.Benches)
	// Staked tickets stay: their fee is escrowed on chain, and taking them
	// out of the queue would lock it there.
	_, err := unqueue(tx, func(t Ticket) bool { return t.Agent == ag.ID && t.Stake == "" })
	return err
}
