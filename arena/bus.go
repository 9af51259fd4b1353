package arena

import (
	"sync"

	"github.com/rlfc/arena/arena/api"
)

// Bus hands events to subscribers as they happen. Publishing never
// blocks: a subscriber whose buffer is full is dropped (its channel is
// closed and Dropped reports true), so a slow reader cannot slow a match
// or grow memory. A dropped reader catches up from the stored event log.
type Bus struct {
	mu   sync.Mutex
	subs map[*Subscription]struct{}
}

// Subscription receives the events its filter accepts on C, until it is
// closed or dropped.
type Subscription struct {
	C       <-chan api.Event
	ch      chan api.Event
	filter  func(api.Event) bool
	bus     *Bus
	dropped bool
}

// Subscribe starts a subscription with room for buffer events (at least
// one); filter nil accepts every event.
func (b *Bus) Subscribe(filter func(api.Event) bool, buffer int) *Subscription {
	ch := make(chan api.Event, max(buffer, 1))
	s := &Subscription{C: ch, ch: ch, filter: filter, bus: b}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.subs == nil {
		b.subs = make(map[*Subscription]struct{})
	}
	b.subs[s] = struct{}{}
	return s
}

// Publish hands ev to every subscriber that wants it.
func (b *Bus) Publish(ev api.Event) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for s := range b.subs {
		if s.filter != nil && !s.filter(ev) {
			continue
		}
		select {
		case s.ch <- ev:
		default:
			s.dropped = true
			delete(b.subs, s)
			close(s.ch)
		}
	}
}

// Subscribers counts the live subscriptions.
func (b *Bus) Subscribers() int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return len(b.subs)
}

// Close ends the subscription; C is closed. Closing twice is harmless.
func (s *Subscription) Close() {
	s.bus.mu.Lock()
	defer s.bus.mu.Unlock()
	if _, ok := s.bus.subs[s]; ok {
		delete(s.bus.subs, s)
		close(s.ch)
	}
}

// Dropped reports whether the bus dropped the subscription for falling
// behind.
func (s *Subscription) Dropped() bool {
	s.bus.mu.Lock()
	defer s.bus.mu.Unlock()
	return s.dropped
}

// ForMatch accepts the events of one match.
func ForMatch(id string) func(api.Event) bool {
	return func(ev api.Event) bool { return ev.Match == id }
}

// ForSpace accepts the events of every match in one Space.
func ForSpace(id string) func(api.Event) bool {
	return func(ev api.Event) bool { return ev.Space == id }
}
