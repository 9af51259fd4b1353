package store

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// money is a Durable table: its writes are synced before they return.
var money = NewTable[agent]("money").Durable()

// countingSyncer counts syncs and fails them with err.
type countingSyncer struct {
	n   int
	err error
}

func (s *countingSyncer) Sync() error {
	s.n++
	return s.err
}

// openCounted opens a database on disk whose syncs are counted instead of
// done: a real power cut cannot be staged in a test, so this shows that
// the durable path asks for the sync, and when.
func openCounted(t *testing.T) (*DB, *countingSyncer) {
	t.Helper()
	db := openDisk(t, t.TempDir())
	t.Cleanup(func() { db.Close() })
	if got, ok := db.sync.(*badger.DB); !ok || got != db.bdb {
		t.Fatalf("a database on disk without SyncWrites syncs with %T, want badger's Sync", db.sync)
	}
	s := &countingSyncer{}
	db.sync = s
	return db, s
}

func TestDurableTablesSync(t *testing.T) {
	db, s := openCounted(t)
	steps := []struct {
		what string
		fn   func(*Tx) error
		want int // syncs after the step
	}{
		{"put to a plain table", func(tx *Tx) error { return agents.Put(tx, "a", agent{}) }, 0},
		{"read a durable table", func(tx *Tx) error { _, err := money.Has(tx, "a"); return err }, 0},
		{"put to a durable table", func(tx *Tx) error { return money.Put(tx, "a", agent{Elo: 1}) }, 1},
		{"both in one transaction", func(tx *Tx) error {
			if err := agents.Put(tx, "b", agent{}); err != nil {
				return err
			}
			return money.Put(tx, "b", agent{})
		}, 2},
		{"delete from a durable table", func(tx *Tx) error { return money.Delete(tx, "b") }, 3},
		{"a durable write rolled back", func(tx *Tx) error {
			if err := money.Put(tx, "c", agent{}); err != nil {
				return err
			}
			return errors.New("changed my mind")
		}, 3},
	}
	for _, st := range steps {
		_ = db.Update(st.fn)
		if s.n != st.want {
			t.Errorf("after %s: %d syncs, want %d", st.what, s.n, st.want)
		}
	}
	mustView(t, db, func(tx *Tx) error { _, err := money.Get(tx, "a"); return err })
	if s.n != 3 {
		t.Errorf("a View synced (%d syncs)", s.n)
	}

	// A batch with durable records syncs once, at Flush; one without, never.
	b := db.NewBatch()
	for i := range 100 {
		if err := money.PutBatch(b, fmt.Sprint(i), agent{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Flush(); err != nil || s.n != 4 {
		t.Errorf("durable batch: %v, %d syncs, want 4", err, s.n)
	}
	b = db.NewBatch()
	if err := agents.PutBatch(b, "x", agent{}); err != nil {
		t.Fatal(err)
	}
	if err := b.Flush(); err != nil || s.n != 4 {
		t.Errorf("plain batch: %v, %d syncs, want 4", err, s.n)
	}
}

// TestDurableSyncFailure: when the sync fails, the caller hears of it (an
// IO error) even though the commit is done and seen by later reads.
func TestDurableSyncFailure(t *testing.T) {
	db, s := openCounted(t)
	s.err = errors.New("disk on fire")
	err := db.Update(func(tx *Tx) error { return money.Put(tx, "a", agent{Elo: 7}) })
	wantKind(t, err, IO, ErrIO)
	mustView(t, db, func(tx *Tx) error {
		if got, err := money.Get(tx, "a"); err != nil || got.Elo != 7 {
			t.Errorf("after a failed sync: %+v, %v", got, err)
		}
		return nil
	})
}

// TestNoExtraSync: in memory there is no disk to sync, and with SyncWrites
// badger syncs every commit itself.
func TestNoExtraSync(t *testing.T) {
	if db := openMem(t); db.sync != nil {
		t.Errorf("in memory: syncs with %T", db.sync)
	}
	db, err := Open(t.TempDir(), Options{SyncWrites: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.sync != nil {
		t.Errorf("with SyncWrites: syncs again with %T", db.sync)
	}
	mustUpdate(t, db, func(tx *Tx) error { return money.Put(tx, "a", agent{}) })
}

// BenchmarkCommit prices a small transaction on disk three ways: a plain
// table (no sync), a Durable table (one sync per commit), and a plain table
// in a database opened with SyncWrites (badger syncs every commit). Run the
// variants interleaved, e.g. a test binary run 6 times with -count 1.
func BenchmarkCommit(b *testing.B) {
	for _, v := range []struct {
		name       string
		table      Table[agent]
		syncWrites bool
	}{
		{"plain", agents, false},
		{"durable", money, false},
		{"syncwrites", agents, true},
	} {
		b.Run(v.name, func(b *testing.B) {
			db, err := Open(b.TempDir(), Options{SyncWrites: v.syncWrites, GCInterval: -1})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			a := agent{Name: "ledger entry", Elo: 1500}
			var i uint64
			for b.Loop() {
				i++
				if err := db.Update(func(tx *Tx) error { return v.table.Put(tx, SeqKey(i), a) }); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// stallSyncer holds each sync open until release is closed, and says when
// one has begun.
type stallSyncer struct {
	begun   chan struct{}
	release chan struct{}
}

func (s *stallSyncer) Sync() error {
	close(s.begun)
	<-s.release
	return nil
}

// No commit of ours lands between a durable commit and its sync: one
// could fill badger's active memtable and push the durable records into a
// memtable whose log the sync does not cover. A plain commit started
// while a durable one is syncing waits for the sync.
func TestDurableSyncHasNoCommitBetween(t *testing.T) {
	db := openDisk(t, t.TempDir())
	t.Cleanup(func() { db.Close() })
	s := &stallSyncer{begun: make(chan struct{}), release: make(chan struct{})}
	db.sync = s
	durable := make(chan error)
	go func() { durable <- db.Update(func(tx *Tx) error { return money.Put(tx, "m", agent{}) }) }()
	<-s.begun
	plain := make(chan error)
	go func() { plain <- db.Update(func(tx *Tx) error { return agents.Put(tx, "p", agent{}) }) }()
	landed := false
	select {
	case err := <-plain:
		t.Errorf("a plain commit landed while a durable one was syncing (%v)", err)
		landed = true
	case <-time.After(200 * time.Millisecond):
	}
	close(s.release)
	if err := <-durable; err != nil {
		t.Fatal(err)
	}
	if !landed {
		if err := <-plain; err != nil {
			t.Fatal(err)
		}
	}
}
