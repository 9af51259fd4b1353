package store

import (
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// SchemaVersion is the layout of records this build reads and writes. Open
// refuses a database stamped with another version rather than misread it;
// bump it whenever a stored record changes incompatibly.
const SchemaVersion = 1

// Keys the store keeps for itself. Table prefixes may not start with "!",
// so these never collide with a table's records (nor with badger's own
// "!badger!" keys).
const (
	schemaKey    = "!store!schema"
	seqKeyPrefix = "!store!seq/"
)

// defaultGCInterval is how often the value log is collected when
// Options.GCInterval is zero: often enough to reclaim space from overwritten
// records, rarely enough that the extra LSM activity goes unnoticed.
const defaultGCInterval = 10 * time.Minute

// gcDiscardRatio is the share of stale data a value-log file must hold
// before GC rewrites it; badger's documentation recommends 0.5.
const gcDiscardRatio = 0.5

// maxUpdateAttempts bounds how often Update runs a transaction that keeps
// losing conflicts, so a hot key cannot stall a caller forever.
const maxUpdateAttempts = 8

// conflictBackoff is the base of the randomised, doubling pause before
// Update retries: without it, transactions that conflicted once tend to
// collide again at once.
const conflictBackoff = 50 * time.Microsecond

// maxKeySize is badger's limit on a key's length; checked here so an
// oversized key is reported as the caller's mistake (Invalid).
const maxKeySize = 65000

// Options tunes Open. The zero value suits a production server.
type Options struct {
	InMemory   bool          // keep everything in memory (unit tests); dir is ignored
	GCInterval time.Duration // value-log GC period; zero means 10 minutes; negative disables GC
	Logger     *slog.Logger  // receives badger's warnings and errors; nil discards them
	// SyncWrites syncs every commit to disk. Without it only the
	// transactions that write a Durable table are synced (see
	// Table.Durable); everything else survives a crash of the process but
	// may be lost in a power cut or an OS crash.
	SyncWrites bool
}

// syncer makes what was committed durable: badger's DB.Sync, or a test's
// stand-in.
type syncer interface{ Sync() error }

// DB is an open database. It is safe for concurrent use. Close waits for the
// calls in progress, so no call ever runs against a closed badger.
type DB struct {
	bdb      *badger.DB
	log      *slog.Logger
	maxValue int64 // badger's limit on one value's size in this mode

	mu      sync.Mutex // guards closed and batches
	closed  bool
	active  sync.WaitGroup // calls in progress; Close waits for them
	batches map[*Batch]struct{}

	seqMu sync.Mutex // guards seqs
	seqs  map[string]*badger.Sequence

	// sync is called after a commit that wrote a Durable table; nil when
	// every commit is synced already (SyncWrites) or there is no disk.
	sync syncer
	// commitMu lets a durable commit and its sync run with no other
	// commit between them (see commit).
	commitMu sync.RWMutex

	gcStop chan struct{} // nil when GC is disabled
	gcDone chan struct{}
	gcRuns atomic.Int64 // GC rounds started, for tests
}

// Open opens (creating if need be) the database in dir. It stamps a new
// database with SchemaVersion and refuses one stamped with another, because
// reading records of an unknown layout would silently produce garbage.
func Open(dir string, opts Options) (*DB, error) {
	op := "open " + dir
	var bopts badger.Options
	if opts.InMemory {
		op = "open in-memory"
		bopts = badger.DefaultOptions("").WithInMemory(true)
	} else {
		if dir == "" {
			return nil, &Error{Op: "open", Kind: Invalid, Err: errors.New("empty directory")}
		}
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, &Error{Op: op, Kind: IO, Err: err}
		}
		bopts = badger.DefaultOptions(dir)
	}

	logger := opts.Logger
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	bopts = bopts.WithLogger(badgerLogger{logger}).WithSyncWrites(opts.SyncWrites)

	bdb, err := badger.Open(bopts)
	if err != nil {
		return nil, &Error{Op: op, Kind: IO, Err: err}
	}

	db := &DB{
		bdb:      bdb,
		log:      logger,
		maxValue: bopts.ValueLogFileSize,
		batches:  make(map[*Batch]struct{}),
		seqs:     make(map[string]*badger.Sequence),
	}
	if opts.InMemory {
		// In memory, values above the threshold would need a value log.
		db.maxValue = bopts.ValueThreshold
	}
	if !opts.InMemory && !opts.SyncWrites {
		db.sync = bdb
	}

	if err := db.checkSchema(op); err != nil {
		_ = bdb.Close()
		return nil, err
	}

	interval := opts.GCInterval
	if interval == 0 {
		interval = defaultGCInterval
	}
	if interval > 0 && !opts.InMemory {
		db.gcStop = make(chan struct{})
		db.gcDone = make(chan struct{})
		go db.runGC(interval)
	}
	return db, nil
}

// checkSchema stamps a new database with SchemaVersion, or checks the stamp
// of an existing one.
func (db *DB) checkSchema(op string) error {
	err := db.bdb.Update(func(txn *badger.Txn) error {
		item, err := txn.Get([]byte(schemaKey))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return txn.Set([]byte(schemaKey), []byte(strconv.Itoa(SchemaVersion)))
		}
		if err != nil {
			return err
		}
		raw, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		stored, err := strconv.Atoi(string(raw))
		if err != nil {
			return &Error{Op: op, Kind: Schema, Err: fmt.Errorf("unreadable schema version %q", raw)}
		}
		if stored != SchemaVersion {
			return &Error{Op: op, Kind: Schema,
				Err: fmt.Errorf("database has schema version %d, this build expects version %d", stored, SchemaVersion)}
		}
		return nil
	})
	return wrapBadger(op, err)
}

// runGC collects the value log every interval until Close. Each round calls
// RunValueLogGC until badger reports there is nothing left worth rewriting.
func (db *DB) runGC(interval time.Duration) {
	defer close(db.gcDone)
	ticker := time.NewTicker(interval)
	defer ticker.Stop()
	for {
		select {
		case <-db.gcStop:
			return
		case <-ticker.C:
		}
		db.gcRuns.Add(1)
		for {
			err := db.bdb.RunValueLogGC(gcDiscardRatio)
			if err != nil {
				if !errors.Is(err, badger.ErrNoRewrite) && !errors.Is(err, badger.ErrRejected) {
					db.log.Warn("store: value-log GC failed", "err", err)
				}
				break
			}
			select {
			case <-db.gcStop:
				return
			default:
			}
		}
	}
}

// Close waits for the calls in progress, cancels batches never flushed,
// stops value-log GC, returns unused sequence leases and closes badger.
// Calling it again does nothing, so it is safe to defer as well as call.
// It must not be called from inside Update or View, whose end it awaits.
func (db *DB) Close() error {
	db.mu.Lock()
	if db.closed {
		db.mu.Unlock()
		return nil
	}
	db.closed = true
	open := make([]*Batch, 0, len(db.batches))
	for b := range db.batches {
		open = append(open, b)
	}
	db.mu.Unlock()

	db.active.Wait()
	for _, b := range open {
		b.Cancel()
	}
	if db.gcStop != nil {
		close(db.gcStop)
		<-db.gcDone
	}

	var errs []error
	db.seqMu.Lock()
	for name, seq := range db.seqs {
		if err := seq.Release(); err != nil {
			errs = append(errs, fmt.Errorf("release sequence %q: %w", name, err))
		}
	}
	db.seqs = nil
	db.seqMu.Unlock()
	if err := db.bdb.Close(); err != nil {
		errs = append(errs, err)
	}
	if len(errs) > 0 {
		return &Error{Op: "close", Kind: IO, Err: errors.Join(errs...)}
	}
	return nil
}

// enter registers a call in progress, or fails with kind Closed once Close
// has begun. Every successful enter must be paired with leave.
func (db *DB) enter(op string) error {
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		return &Error{Op: op, Kind: Closed}
	}
	db.active.Add(1)
	return nil
}

// leave ends a call registered by enter.
func (db *DB) leave() { db.active.Done() }

// Tx is one transaction, handed to the functions given to Update and View.
// It is valid only until that function returns and must not be shared
// between goroutines.
type Tx struct {
	txn *badger.Txn
	db  *DB
	// durable is set when the transaction writes a Durable table.
	durable bool
}

// Update runs fn in a read-write transaction and commits it if fn returns
// nil. If a concurrent transaction wrote what fn read, it runs fn again
// after a short random pause (up to 8 attempts, then an error of kind
// Conflict), so fn must have no effects outside the transaction. An error
// returned by fn is returned unchanged and nothing is written.
//
// When fn wrote a Durable table, Update returns only once the commit is
// synced to disk. If that sync fails the transaction is committed (it is
// seen by later reads) but may not survive a power cut; Update then
// returns an error of kind IO.
func (db *DB) Update(fn func(*Tx) error) error {
	if err := db.enter("update"); err != nil {
		return err
	}
	defer db.leave()

	var err error
	for attempt := range maxUpdateAttempts {
		if attempt > 0 {
			time.Sleep(rand.N(conflictBackoff << attempt))
		}
		tx := &Tx{txn: db.bdb.NewTransaction(true), db: db}
		if fnErr := fn(tx); fnErr != nil {
			tx.txn.Discard()
			return fnErr
		}
		err = db.commit("update", tx)
		tx.txn.Discard()
		if !errors.Is(err, badger.ErrConflict) {
			break
		}
	}
	return wrapBadger("update", err)
}

// commit commits tx. A durable transaction is committed and synced while
// no other commit of ours runs (commitMu), so that none can fill the
// active memtable and push its records into a memtable whose log Sync
// does not cover. An ordinary commit only waits for such a pair.
func (db *DB) commit(op string, tx *Tx) error {
	if !tx.durable || db.sync == nil {
		db.commitMu.RLock()
		defer db.commitMu.RUnlock()
		return tx.txn.Commit()
	}
	db.commitMu.Lock()
	defer db.commitMu.Unlock()
	if err := tx.txn.Commit(); err != nil {
		return err
	}
	return db.syncCommitted(op)
}

// syncCommitted syncs what was committed to disk, when commits are not
// synced already.
//
// Badger's Sync covers the active memtable's log and the value log. Our
// own commits cannot push a durable commit out of the active memtable
// before it is synced (see commit), but badger's own writes (value-log GC
// rewrites, sequence leases) and batches can: a commit pushed out is
// durable once badger's background flush has written its memtable to a
// synced table, moments later. SyncWrites closes that window too, at the
// cost of a sync on every commit.
func (db *DB) syncCommitted(op string) error {
	if db.sync == nil {
		return nil
	}
	if err := db.sync.Sync(); err != nil {
		return &Error{Op: op, Kind: IO, Err: fmt.Errorf("committed, but syncing to disk failed: %w", err)}
	}
	return nil
}

// View runs fn in a read-only transaction: a consistent snapshot that sees
// no writes committed after it began. An error returned by fn is returned
// unchanged.
func (db *DB) View(fn func(*Tx) error) error {
	if err := db.enter("view"); err != nil {
		return err
	}
	defer db.leave()

	var fnErr error
	err := db.bdb.View(func(txn *badger.Txn) error {
		fnErr = fn(&Tx{txn: txn, db: db})
		return fnErr
	})
	if fnErr != nil {
		return fnErr
	}
	return wrapBadger("view", err)
}

// check rejects a Tx that was never handed out by Update or View, so a
// mistake is an error rather than a nil-pointer panic.
func (tx *Tx) check(op string) error {
	if tx == nil || tx.txn == nil {
		return &Error{Op: op, Kind: Invalid, Err: errors.New("nil transaction")}
	}
	return nil
}

// wrapBadger turns an error from badger into an *Error of the matching kind;
// errors that are already *Error pass through. A nil error stays nil.
func wrapBadger(op string, err error) error {
	if err == nil {
		return nil
	}
	if _, ok := err.(*Error); ok {
		return err
	}
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		return &Error{Op: op, Kind: NotFound}
	case errors.Is(err, badger.ErrTxnTooBig):
		return &Error{Op: op, Kind: Invalid, Err: errTxnTooBig}
	case errors.Is(err, badger.ErrDBClosed), errors.Is(err, badger.ErrBlockedWrites):
		return &Error{Op: op, Kind: Closed, Err: err}
	case errors.Is(err, badger.ErrConflict):
		return &Error{Op: op, Kind: Conflict, Err: err}
	case errors.Is(err, badger.ErrReadOnlyTxn), errors.Is(err, badger.ErrDiscardedTxn),
		errors.Is(err, badger.ErrEmptyKey), errors.Is(err, badger.ErrInvalidKey),
		errors.Is(err, badger.ErrBannedKey):
		return &Error{Op: op, Kind: Invalid, Err: err}
	}
	return &Error{Op: op, Kind: IO, Err: err}
}

// badgerLogger routes badger's log to slog. Badger's info and debug lines
// are chatter about compactions; only warnings and errors are kept.
type badgerLogger struct{ l *slog.Logger }

func (b badgerLogger) Errorf(format string, args ...any) {
	b.l.Error("badger: " + strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func (b badgerLogger) Warningf(format string, args ...any) {
	b.l.Warn("badger: " + strings.TrimSpace(fmt.Sprintf(format, args...)))
}

func (badgerLogger) Infof(string, ...any)  {}
func (badgerLogger) Debugf(string, ...any) {}
