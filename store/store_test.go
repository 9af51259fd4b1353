package store

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
	"github.com/google/uuid"
)

type agent struct {
	Name string `json:"name"`
	Elo  int    `json:"elo"`
}

var agents = NewTable[agent]("agent")

func openMem(t testing.TB) *DB {
	t.Helper()
	db, err := Open("", Options{InMemory: true})
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { _ = db.Close() })
	return db
}

func openDisk(t testing.TB, dir string) *DB {
	t.Helper()
	db, err := Open(dir, Options{})
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	return db
}

func mustUpdate(t testing.TB, db *DB, fn func(*Tx) error) {
	t.Helper()
	if err := db.Update(fn); err != nil {
		t.Fatalf("Update: %v", err)
	}
}

func mustView(t testing.TB, db *DB, fn func(*Tx) error) {
	t.Helper()
	if err := db.View(fn); err != nil {
		t.Fatalf("View: %v", err)
	}
}

// scanKeys returns the keys Scan (or ScanReverse) visits.
func scanKeys[T any](t *testing.T, db *DB, tbl Table[T], prefix string, reverse bool) []string {
	t.Helper()
	var keys []string
	mustView(t, db, func(tx *Tx) error {
		fn := func(k string, _ T) error { keys = append(keys, k); return nil }
		if reverse {
			return tbl.ScanReverse(tx, prefix, fn)
		}
		return tbl.Scan(tx, prefix, fn)
	})
	return keys
}

func wantKind(t *testing.T, err error, kind Kind, sentinel error) {
	t.Helper()
	if err == nil {
		t.Fatalf("got nil error, want kind %v", kind)
	}
	if KindOf(err) != kind || !errors.Is(err, sentinel) {
		t.Fatalf("got %v (kind %v), want kind %v", err, KindOf(err), kind)
	}
}

func TestRoundTripNotFoundDelete(t *testing.T) {
	db := openMem(t)
	want := agent{Name: "bob", Elo: 1500}
	mustUpdate(t, db, func(tx *Tx) error { return agents.Put(tx, "bob", want) })

	mustView(t, db, func(tx *Tx) error {
		got, err := agents.Get(tx, "bob")
		if err != nil {
			return err
		}
		if got != want {
			t.Errorf("Get = %+v, want %+v", got, want)
		}
		if ok, err := agents.Has(tx, "bob"); err != nil || !ok {
			t.Errorf("Has(bob) = %v, %v; want true", ok, err)
		}
		if ok, err := agents.Has(tx, "nobody"); err != nil || ok {
			t.Errorf("Has(nobody) = %v, %v; want false", ok, err)
		}
		_, err = agents.Get(tx, "nobody")
		wantKind(t, err, NotFound, ErrNotFound)
		if errors.Is(err, ErrInvalid) {
			t.Errorf("NotFound error matches ErrInvalid")
		}
		if msg := err.Error(); msg != "store: get agent/nobody: not found" {
			t.Errorf("message = %q", msg)
		}
		return nil
	})

	mustUpdate(t, db, func(tx *Tx) error {
		if err := agents.Delete(tx, "bob"); err != nil {
			return err
		}
		return agents.Delete(tx, "never-existed")
	})
	mustView(t, db, func(tx *Tx) error {
		_, err := agents.Get(tx, "bob")
		wantKind(t, err, NotFound, ErrNotFound)
		return nil
	})
}

func TestFnErrorRollsBack(t *testing.T) {
	db := openMem(t)
	boom := errors.New("boom")
	err := db.Update(func(tx *Tx) error {
		if err := agents.Put(tx, "a", agent{Name: "a"}); err != nil {
			return err
		}
		return boom
	})
	if err != boom {
		t.Fatalf("Update returned %v, want the callback's error unchanged", err)
	}
	mustView(t, db, func(tx *Tx) error {
		if ok, _ := agents.Has(tx, "a"); ok {
			t.Errorf("record written by a failed Update is visible")
		}
		return nil
	})
}

func TestScanOrderPrefixAndReverse(t *testing.T) {
	db := openMem(t)
	others := NewTable[agent]("ag") // "ag/" must not see "agent/" records and vice versa
	keys := []string{"b2", "a", "b1", "c", "b", "ba", "a1", "\xff", "\xff\xff", "\xffa"}
	mustUpdate(t, db, func(tx *Tx) error {
		for _, i := range rand.Perm(len(keys)) {
			if err := agents.Put(tx, keys[i], agent{Name: keys[i]}); err != nil {
				return err
			}
		}
		return others.Put(tx, "zz", agent{})
	})
	sorted := slices.Sorted(slices.Values(keys))

	if got := scanKeys(t, db, agents, "", false); !slices.Equal(got, sorted) {
		t.Errorf("Scan all = %q, want %q", got, sorted)
	}
	if got, want := scanKeys(t, db, agents, "b", false), []string{"b", "b1", "b2", "ba"}; !slices.Equal(got, want) {
		t.Errorf("Scan b = %q, want %q", got, want)
	}
	if got := scanKeys(t, db, agents, "x", false); len(got) != 0 {
		t.Errorf("Scan x = %q, want none", got)
	}
	if got := scanKeys(t, db, others, "", false); !slices.Equal(got, []string{"zz"}) {
		t.Errorf("Scan of table ag = %q", got)
	}

	rev := slices.Clone(sorted)
	slices.Reverse(rev)
	if got := scanKeys(t, db, agents, "", true); !slices.Equal(got, rev) {
		t.Errorf("ScanReverse all = %q, want %q", got, rev)
	}
	// The key right after prefix "a" is "b", which exists: it must be skipped.
	if got, want := scanKeys(t, db, agents, "a", true), []string{"a1", "a"}; !slices.Equal(got, want) {
		t.Errorf("ScanReverse a = %q, want %q", got, want)
	}
	if got, want := scanKeys(t, db, agents, "b", true), []string{"ba", "b2", "b1", "b"}; !slices.Equal(got, want) {
		t.Errorf("ScanReverse b = %q, want %q", got, want)
	}
	if got, want := scanKeys(t, db, agents, "\xff", true), []string{"\xff\xff", "\xffa", "\xff"}; !slices.Equal(got, want) {
		t.Errorf("ScanReverse \\xff = %q, want %q", got, want)
	}
	if got := scanKeys(t, db, agents, "0", true); len(got) != 0 {
		t.Errorf("ScanReverse 0 = %q, want none", got)
	}
}

func TestScanStopAndErrors(t *testing.T) {
	db := openMem(t)
	mustUpdate(t, db, func(tx *Tx) error {
		for i := range 10 {
			if err := agents.Put(tx, SeqKey(uint64(i)), agent{Elo: i}); err != nil {
				return err
			}
		}
		return nil
	})
	mustView(t, db, func(tx *Tx) error {
		var seen []int
		err := agents.Scan(tx, "", func(_ string, a agent) error {
			seen = append(seen, a.Elo)
			if len(seen) == 3 {
				return Stop
			}
			return nil
		})
		if err != nil || !slices.Equal(seen, []int{0, 1, 2}) {
			t.Errorf("Scan with Stop = %v, %v", seen, err)
		}
		seen = nil
		err = agents.ScanReverse(tx, "", func(_ string, a agent) error {
			seen = append(seen, a.Elo)
			if len(seen) == 2 {
				return fmt.Errorf("wrapped: %w", Stop)
			}
			return nil
		})
		if err != nil || !slices.Equal(seen, []int{9, 8}) {
			t.Errorf("ScanReverse with Stop = %v, %v", seen, err)
		}
		boom := errors.New("boom")
		if err := agents.Scan(tx, "", func(string, agent) error { return boom }); err != boom {
			t.Errorf("Scan returned %v, want the callback's error", err)
		}
		return nil
	})
}

func TestCount(t *testing.T) {
	db := openMem(t)
	mustUpdate(t, db, func(tx *Tx) error {
		for i := range 25 {
			if err := agents.Put(tx, Key(fmt.Sprint(i%5), SeqKey(uint64(i))), agent{}); err != nil {
				return err
			}
		}
		return agents.Delete(tx, Key("0", SeqKey(0)))
	})
	mustView(t, db, func(tx *Tx) error {
		for prefix, want := range map[string]int{"": 24, "0/": 4, "1/": 5, "9": 0} {
			if n, err := agents.Count(tx, prefix); err != nil || n != want {
				t.Errorf("Count(%q) = %d, %v; want %d", prefix, n, err, want)
			}
		}
		return nil
	})
}

func TestCompositeKeysSeqKeyOrder(t *testing.T) {
	db := openMem(t)
	type round struct{ N uint64 }
	rounds := NewTable[round]("round")
	mustUpdate(t, db, func(tx *Tx) error {
		for _, n := range rand.Perm(1000) {
			n := uint64(n + 1)
			if err := rounds.Put(tx, Key("m1", SeqKey(n)), round{n}); err != nil {
				return err
			}
			// "m10" shares the prefix "m1" but not "m1/".
			if err := rounds.Put(tx, Key("m10", SeqKey(n)), round{n}); err != nil {
				return err
			}
		}
		return nil
	})
	mustView(t, db, func(tx *Tx) error {
		next := uint64(1)
		err := rounds.Scan(tx, Key("m1", ""), func(k string, r round) error {
			if r.N != next || k != "m1/"+SeqKey(next) {
				return fmt.Errorf("got %s = %d, want round %d", k, r.N, next)
			}
			next++
			return nil
		})
		if err != nil || next != 1001 {
			t.Errorf("Scan: %v (stopped before %d)", err, next)
		}
		next = 1000
		err = rounds.ScanReverse(tx, Key("m1", ""), func(_ string, r round) error {
			if r.N != next {
				return fmt.Errorf("got round %d, want %d", r.N, next)
			}
			next--
			return nil
		})
		if err != nil || next != 0 {
			t.Errorf("ScanReverse: %v (stopped at %d)", err, next)
		}
		return nil
	})
}

func TestKeysAndIDs(t *testing.T) {
	if got := Key("m", "r", "x"); got != "m/r/x" {
		t.Errorf("Key = %q", got)
	}
	if got := SeqKey(255); got != "00000000000000ff" {
		t.Errorf("SeqKey(255) = %q", got)
	}
	if got := SeqKey(^uint64(0)); got != "ffffffffffffffff" {
		t.Errorf("SeqKey(max) = %q", got)
	}
	prev := ""
	for i := range 1000 {
		id := NewID()
		u, err := uuid.Parse(id)
		if err != nil || u.Version() != 7 {
			t.Fatalf("NewID = %q: version %v, %v", id, u.Version(), err)
		}
		if i > 0 && id <= prev {
			t.Fatalf("NewID not increasing: %q after %q", id, prev)
		}
		prev = id
	}
}

func TestInvalidInput(t *testing.T) {
	db := openMem(t)
	for _, prefix := range []string{"", "a/b", "!meta"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewTable(%q) did not panic", prefix)
				}
			}()
			NewTable[agent](prefix)
		}()
	}

	var zero Table[agent]
	mustUpdate(t, db, func(tx *Tx) error {
		wantKind(t, agents.Put(tx, "", agent{}), Invalid, ErrInvalid)
		wantKind(t, zero.Put(tx, "k", agent{}), Invalid, ErrInvalid)
		_, err := zero.Count(tx, "")
		wantKind(t, err, Invalid, ErrInvalid)
		wantKind(t, zero.Scan(tx, "", func(string, agent) error { return nil }), Invalid, ErrInvalid)
		wantKind(t, agents.Put(tx, strings.Repeat("k", maxKeySize), agent{}), Invalid, ErrInvalid)
		type bad struct{ C chan int }
		wantKind(t, NewTable[bad]("bad").Put(tx, "k", bad{}), Invalid, ErrInvalid)
		return nil
	})
	wantKind(t, agents.Put(nil, "k", agent{}), Invalid, ErrInvalid)

	err := db.View(func(tx *Tx) error { return agents.Put(tx, "k", agent{}) })
	wantKind(t, err, Invalid, ErrInvalid)

	// A record that does not decode names its table and key.
	mustUpdate(t, db, func(tx *Tx) error { return NewTable[string]("agent").Put(tx, "x", "not an agent") })
	mustView(t, db, func(tx *Tx) error {
		_, err := agents.Get(tx, "x")
		wantKind(t, err, Invalid, ErrInvalid)
		if !strings.Contains(err.Error(), "agent/x") || !strings.Contains(err.Error(), "decode") {
			t.Errorf("decode error %q does not name agent/x", err)
		}
		err = agents.Scan(tx, "", func(string, agent) error { return nil })
		wantKind(t, err, Invalid, ErrInvalid)
		return nil
	})

	if _, err := db.Export(&bytes.Buffer{}, "a/b"); KindOf(err) != Invalid {
		t.Errorf("Export bad prefix: %v", err)
	}
	if _, err := db.Sequence(""); KindOf(err) != Invalid {
		t.Errorf("Sequence(\"\"): %v", err)
	}
	if _, err := Open("", Options{}); KindOf(err) != Invalid {
		t.Errorf("Open(\"\") on disk: %v", err)
	}
}

func TestTxnTooBig(t *testing.T) {
	db := openMem(t)
	type blob struct{ B string }
	blobs := NewTable[blob]("blob")
	big := blob{strings.Repeat("x", 100_000)}
	err := db.Update(func(tx *Tx) error {
		for i := range 10_000 {
			if err := blobs.Put(tx, SeqKey(uint64(i)), big); err != nil {
				return err
			}
		}
		return nil
	})
	wantKind(t, err, Invalid, ErrInvalid)
	if !strings.Contains(err.Error(), "transaction too big; use a Batch") {
		t.Errorf("message = %q", err)
	}
}

func TestUpdateConflictsRetried(t *testing.T) {
	db := openMem(t)
	type counter struct{ N int }
	counters := NewTable[counter]("counter")
	const workers, each = 8, 50
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for range workers {
		wg.Go(func() {
			for range each {
				for {
					err := db.Update(func(tx *Tx) error {
						c, err := counters.Get(tx, "c")
						if err != nil && !errors.Is(err, ErrNotFound) {
							return err
						}
						c.N++
						return counters.Put(tx, "c", c)
					})
					if KindOf(err) == Conflict {
						continue // still conflicting after Update's own retries
					}
					if err != nil {
						errs <- err
						return
					}
					break
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	mustView(t, db, func(tx *Tx) error {
		c, err := counters.Get(tx, "c")
		if err != nil || c.N != workers*each {
			t.Errorf("counter = %d, %v; want %d", c.N, err, workers*each)
		}
		return nil
	})
}

func TestReopenOnDisk(t *testing.T) {
	dir := t.TempDir() + "/db" // Open creates it
	db := openDisk(t, dir)
	mustUpdate(t, db, func(tx *Tx) error { return agents.Put(tx, "bob", agent{Name: "bob", Elo: 7}) })
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = openDisk(t, dir)
	defer db.Close()
	mustView(t, db, func(tx *Tx) error {
		a, err := agents.Get(tx, "bob")
		if err != nil || a.Elo != 7 {
			t.Errorf("after reopen: %+v, %v", a, err)
		}
		return nil
	})
}

func TestSchemaMismatch(t *testing.T) {
	for _, tc := range []struct{ stored, want string }{
		{"7", "database has schema version 7, this build expects version 1"},
		{"seven", `unreadable schema version "seven"`},
	} {
		dir := t.TempDir()
		db := openDisk(t, dir)
		err := db.bdb.Update(func(txn *badger.Txn) error { return txn.Set([]byte(schemaKey), []byte(tc.stored)) })
		if err != nil {
			t.Fatal(err)
		}
		if err := db.Close(); err != nil {
			t.Fatal(err)
		}

		db, err = Open(dir, Options{})
		if err == nil {
			db.Close()
			t.Fatalf("Open with stored schema %q succeeded", tc.stored)
		}
		wantKind(t, err, Schema, ErrSchema)
		if !strings.Contains(err.Error(), tc.want) || !strings.Contains(err.Error(), dir) {
			t.Errorf("error %q does not say %q for %s", err, tc.want, dir)
		}
	}
}

func TestUseAfterClose(t *testing.T) {
	db := openDisk(t, t.TempDir())
	open := db.NewBatch() // left open: Close must cancel it
	if err := agents.PutBatch(open, "a", agent{}); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Sequence("s"); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if err := db.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}

	wantKind(t, db.Update(func(*Tx) error { return nil }), Closed, ErrClosed)
	wantKind(t, db.View(func(*Tx) error { return nil }), Closed, ErrClosed)
	_, err := db.Sequence("s")
	wantKind(t, err, Closed, ErrClosed)
	_, err = db.Export(&bytes.Buffer{}, "agent")
	wantKind(t, err, Closed, ErrClosed)
	wantKind(t, agents.PutBatch(open, "b", agent{}), Closed, ErrClosed)
	wantKind(t, open.Flush(), Closed, ErrClosed)
	open.Cancel()
	b := db.NewBatch()
	wantKind(t, agents.PutBatch(b, "a", agent{}), Closed, ErrClosed)
	wantKind(t, b.Flush(), Closed, ErrClosed)
	b.Cancel()
}

func TestBatch(t *testing.T) {
	db := openMem(t)
	const n = 10_000
	b := db.NewBatch()
	defer b.Cancel()
	for i := range n {
		if err := agents.PutBatch(b, SeqKey(uint64(i)), agent{Elo: i}); err != nil {
			t.Fatal(err)
		}
	}
	if err := b.Flush(); err != nil {
		t.Fatal(err)
	}
	wantKind(t, b.Flush(), Invalid, ErrInvalid)
	wantKind(t, agents.PutBatch(b, "late", agent{}), Invalid, ErrInvalid)

	mustView(t, db, func(tx *Tx) error {
		if c, err := agents.Count(tx, ""); err != nil || c != n {
			t.Errorf("Count = %d, %v; want %d", c, err, n)
		}
		seen := 0
		err := agents.Scan(tx, "", func(_ string, a agent) error {
			if a.Elo != seen {
				return fmt.Errorf("record %d has Elo %d", seen, a.Elo)
			}
			seen++
			return nil
		})
		if err != nil || seen != n {
			t.Errorf("Scan: %v after %d", err, seen)
		}
		return nil
	})

	c := db.NewBatch()
	if err := agents.PutBatch(c, "cancelled", agent{}); err != nil {
		t.Fatal(err)
	}
	c.Cancel()
	c.Cancel()
	mustView(t, db, func(tx *Tx) error {
		if ok, _ := agents.Has(tx, "cancelled"); ok {
			t.Errorf("cancelled batch was written")
		}
		return nil
	})
}

func TestSequence(t *testing.T) {
	dir := t.TempDir()
	db := openDisk(t, dir)
	if v, err := db.Sequence("fresh"); err != nil || v != 1 {
		t.Fatalf("first value = %d, %v; want 1", v, err)
	}

	const workers, each = 8, 250
	var mu sync.Mutex
	seen := make(map[uint64]bool)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for range each {
				v, err := db.Sequence("match")
				if err != nil {
					t.Error(err)
					return
				}
				mu.Lock()
				if seen[v] {
					t.Errorf("value %d handed out twice", v)
				}
				seen[v] = true
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	if len(seen) != workers*each {
		t.Fatalf("got %d distinct values, want %d", len(seen), workers*each)
	}
	last := slices.Max(slices.Collect(func(yield func(uint64) bool) {
		for v := range seen {
			if !yield(v) {
				return
			}
		}
	}))
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db = openDisk(t, dir)
	defer db.Close()
	v, err := db.Sequence("match")
	if err != nil || v <= last {
		t.Fatalf("after reopen: %d, %v; want more than %d", v, err, last)
	}
	if v != last+1 {
		t.Logf("after reopen: %d follows %d (gap from an unreleased lease)", v, last)
	}
	if v, err := db.Sequence("fresh"); err != nil || v != 2 {
		t.Errorf("fresh after reopen = %d, %v; want 2", v, err)
	}
}

func TestGCStopsOnClose(t *testing.T) {
	before := runtime.NumGoroutine()
	db, err := Open(t.TempDir(), Options{GCInterval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		mustUpdate(t, db, func(tx *Tx) error {
			return agents.Put(tx, "churn", agent{Name: strings.Repeat("x", 2000), Elo: i})
		})
	}
	waitFor(t, "a GC round", func() bool { return db.gcRuns.Load() >= 2 })
	if err := db.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	select {
	case <-db.gcDone:
	default:
		t.Fatal("GC goroutine still running after Close")
	}
	waitFor(t, "goroutines to exit", func() bool { return runtime.NumGoroutine() <= before })
}

func TestGCDisabled(t *testing.T) {
	db, err := Open(t.TempDir(), Options{GCInterval: -1})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.gcStop != nil {
		t.Error("GC started with a negative interval")
	}
	if mem := openMem(t); mem.gcStop != nil {
		t.Error("GC started in memory")
	}
}

// waitFor polls cond for a bounded time: a missing event fails the test
// instead of hanging it.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); {
		if cond() {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("timed out waiting for %s", what)
}

func TestExport(t *testing.T) {
	db := openMem(t)
	want := map[string]agent{"a": {Name: "<a>", Elo: 1}, "b/1": {Name: "b", Elo: 2}, "c": {Name: "c\nd", Elo: 3}}
	mustUpdate(t, db, func(tx *Tx) error {
		for k, v := range want {
			if err := agents.Put(tx, k, v); err != nil {
				return err
			}
		}
		return NewTable[int]("agents").Put(tx, "other", 1)
	})
	var buf bytes.Buffer
	n, err := db.Export(&buf, agents.Name())
	if err != nil || n != len(want) {
		t.Fatalf("Export = %d, %v", n, err)
	}
	var keys []string
	sc := bufio.NewScanner(&buf)
	for sc.Scan() {
		var rec struct {
			Key   string
			Value agent
		}
		if err := json.Unmarshal(sc.Bytes(), &rec); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		if want[rec.Key] != rec.Value {
			t.Errorf("%s = %+v, want %+v", rec.Key, rec.Value, want[rec.Key])
		}
		keys = append(keys, rec.Key)
	}
	if !slices.Equal(keys, []string{"a", "b/1", "c"}) {
		t.Errorf("exported keys %q", keys)
	}
	if n, err := db.Export(&buf, "empty"); err != nil || n != 0 {
		t.Errorf("Export of empty table = %d, %v", n, err)
	}
}

func TestErrorFormat(t *testing.T) {
	err := &Error{Op: "open /x", Kind: IO, Err: errors.New("disk on fire")}
	if got := err.Error(); got != "store: open /x: I/O error: disk on fire" {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(fmt.Errorf("wrapped: %w", err), ErrIO) || errors.Is(err, ErrNotFound) {
		t.Error("errors.Is does not match on kind")
	}
	if KindOf(errors.New("plain")) != Other {
		t.Error("KindOf(plain error) != Other")
	}
}

func BenchmarkPut(b *testing.B) {
	db := openMem(b)
	a := agent{Name: "bench", Elo: 1500}
	var i uint64
	for b.Loop() {
		i++
		if err := db.Update(func(tx *Tx) error { return agents.Put(tx, SeqKey(i), a) }); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkPutBatch(b *testing.B) {
	db := openMem(b)
	a := agent{Name: "bench", Elo: 1500}
	batch := db.NewBatch()
	defer batch.Cancel()
	var i uint64
	for b.Loop() {
		i++
		if err := agents.PutBatch(batch, SeqKey(i), a); err != nil {
			b.Fatal(err)
		}
	}
	if err := batch.Flush(); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkScan(b *testing.B) {
	const n = 10_000
	db := openMem(b)
	batch := db.NewBatch()
	for i := range n {
		if err := agents.PutBatch(batch, SeqKey(uint64(i)), agent{Name: "bench", Elo: i}); err != nil {
			b.Fatal(err)
		}
	}
	if err := batch.Flush(); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		seen := 0
		err := db.View(func(tx *Tx) error {
			return agents.Scan(tx, "", func(string, agent) error { seen++; return nil })
		})
		if err != nil || seen != n {
			b.Fatalf("scan: %d records, %v", seen, err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/n, "ns/record")
}
