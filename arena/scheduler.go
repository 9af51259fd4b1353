package arena

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Scheduler plays matches as queues fill: it looks at every Space's queues
// when an agent enters one (and every Interval, for matches that wait),
// forms what matches it can, and plays each in its own goroutine, at most
// Concurrency at a time.
//
// Paid tiers come first: their matches are formed before free ones, and
// when Concurrency is over one, one slot is kept for them alone. Anyone
// may enter a free tier, so free matches whose players hang must never
// keep a paying player waiting for a slot.
type Scheduler struct {
	Arena       *Arena
	Matchmaking Matchmaking
	// Reproducible derives each match's seed from Matchmaking.Seed and
	// the number of matches formed before it alone; otherwise the clock
	// is mixed in, so that a restarted server never replays its seeds.
	Reproducible bool
	// Interval is how often queues are looked at without a wake-up; zero
	// means one second.
	Interval time.Duration
	// Concurrency bounds the matches played at once; zero means 4. Free
	// tiers' matches may take all but one of them.
	Concurrency int
	// Grace is how long Run lets running matches finish once its context
	// ends; the ones still running then are cancelled, which aborts them
	// and refunds their entries. Zero means 30 seconds.
	Grace time.Duration
	// OnResult, when set, hears of each match played.
	OnResult func(*Result, error)
	Log      *slog.Logger
}

// Run schedules matches until ctx ends, then waits for the running ones
// (see Grace) and returns.
func (s *Scheduler) Run(ctx context.Context) {
	interval := or(s.Interval, time.Second)
	grace := or(s.Grace, 30*time.Second)
	concurrency := or(s.Concurrency, 4)
	sl := slots{
		all:  make(chan struct{}, concurrency),
		free: make(chan struct{}, max(concurrency-1, 1)),
	}
	log := s.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	// Matches run on their own context, so that ending ctx stops new
	// matches but lets running ones finish within the grace period.
	playCtx, cancelPlay := context.WithCancel(context.WithoutCancel(ctx))
	defer cancelPlay()
	var wg sync.WaitGroup
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for n := uint64(0); ; {
		for _, plan := range s.form(log, &n, sl) {
			wg.Go(func() {
				defer sl.release(plan.paid)
				res, err := s.Arena.Play(playCtx, plan.Plan)
				if err != nil {
					log.Warn("match failed", "match", plan.ID, "space", plan.Spec.ID, "err", err)
				}
				if s.OnResult != nil {
					s.OnResult(res, err)
				}
			})
		}
		select {
		case <-ctx.Done():
			done := make(chan struct{})
			go func() { wg.Wait(); close(done) }()
			select {
			case <-done:
			case <-time.After(grace):
				log.Warn("cancelling matches still running after the grace period", "grace", grace)
				cancelPlay()
				<-done
			}
			return
		case <-s.Arena.kick:
		case <-ticker.C:
		}
	}
}

// slots are the scheduler's places for matches being played: every match
// holds one of all, and a free tier's match one of free too, which has a
// place less than all (when all has more than one), so that one is kept
// for paid tiers.
type slots struct {
	all, free chan struct{}
}

// take holds a slot for a match of a paid or free tier, if one is open.
func (sl slots) take(paid bool) bool {
	if !paid {
		select {
		case sl.free <- struct{}{}:
		default:
			return false
		}
	}
	select {
	case sl.all <- struct{}{}:
		return true
	default:
		if !paid {
			<-sl.free
		}
		return false
	}
}

// release gives back what take held.
func (sl slots) release(paid bool) {
	<-sl.all
	if !paid {
		<-sl.free
	}
}

// scheduled is a formed match and the kind of slot it holds.
type scheduled struct {
	*Plan
	paid bool
}

// form takes every match the queues can make now, as far as open slots
// allow, paid tiers first; each taken plan holds a slot.
func (s *Scheduler) form(log *slog.Logger, n *uint64, sl slots) []scheduled {
	specs, err := s.Arena.Spaces()
	if err != nil {
		log.Error("listing spaces", "err", err)
		return nil
	}
	var plans []scheduled
	for _, paid := range []bool{true, false} {
		for _, spec := range specs {
			for tier := range spec.Entry.Tiers {
				if fee, err := spec.Fee(tier); err != nil || (fee.Sign() > 0) != paid {
					continue
				}
				for sl.take(paid) {
					mm := s.Matchmaking
					clock := uint64(time.Now().UnixNano())
					if s.Reproducible {
						clock = 0
					}
					mm.Seed = Derive(s.Matchmaking.Seed, clock, *n+1)
					plan, err := s.Arena.NextMatch(spec.ID, tier, mm)
					if err != nil {
						sl.release(paid)
						if !errors.Is(err, ErrNoMatch) {
							log.Warn("matchmaking", "space", spec.ID, "tier", tier, "err", err)
						}
						break
					}
					*n++
					plans = append(plans, scheduled{plan, paid})
				}
			}
		}
	}
	return plans
}

func or[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}
