package store

import (
	"errors"
	"sync"

	"github.com/dgraph-io/badger/v4"
)

// Batch writes many records faster than transactions can: it is not limited
// by the transaction size and commits in the background as it fills. It is
// not atomic: records may become visible before Flush, and a failure or
// Cancel can leave part of the batch written. Use it for bulk loads and
// imports, and Update for everything that must be all-or-nothing.
type Batch struct {
	db *DB

	mu      sync.Mutex // guards wb, done and durable
	wb      *badger.WriteBatch
	done    bool // flushed or cancelled
	durable bool // a Durable table was written: Flush syncs
}

// NewBatch starts a batch. Every batch must end with Flush or Cancel;
// "defer b.Cancel()" followed by "return b.Flush()" is the usual shape.
// Close cancels batches still open.
func (db *DB) NewBatch() *Batch {
	b := &Batch{db: db}
	db.mu.Lock()
	defer db.mu.Unlock()
	if db.closed {
		b.done = true // its calls will fail with kind Closed
		return b
	}
	b.wb = db.bdb.NewWriteBatch()
	db.batches[b] = struct{}{}
	return b
}

// set adds one raw record to the batch; durable says it belongs to a
// Durable table.
func (b *Batch) set(op string, key, value []byte, durable bool) error {
	if err := b.db.enter(op); err != nil {
		return err
	}
	defer b.db.leave()
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return &Error{Op: op, Kind: Invalid, Err: errors.New("batch already flushed or cancelled")}
	}
	if err := b.wb.Set(key, value); err != nil {
		return wrapBadger(op, err)
	}
	b.durable = b.durable || durable
	return nil
}

// Flush commits everything added to the batch and waits until it is
// written, and synced to disk when it holds records of a Durable table.
// The batch cannot be used afterwards.
func (b *Batch) Flush() error {
	const op = "batch flush"
	if b == nil || b.db == nil {
		return &Error{Op: op, Kind: Invalid, Err: errors.New("nil batch; use DB.NewBatch")}
	}
	if err := b.db.enter(op); err != nil {
		return err
	}
	defer b.db.leave()
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return &Error{Op: op, Kind: Invalid, Err: errors.New("batch already flushed or cancelled")}
	}
	b.done = true
	b.db.forget(b)
	if b.durable && b.db.sync != nil {
		// As in DB.commit: no commit of ours between the flush and the sync.
		b.db.commitMu.Lock()
		defer b.db.commitMu.Unlock()
	}
	if err := b.wb.Flush(); err != nil {
		return wrapBadger(op, err)
	}
	if b.durable {
		return b.db.syncCommitted(op)
	}
	return nil
}

// Cancel abandons the records not yet committed. It does nothing after
// Flush or a previous Cancel, so it is safe to defer.
func (b *Batch) Cancel() {
	if b == nil || b.db == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return
	}
	b.done = true
	b.db.forget(b)
	b.wb.Cancel()
}

// forget drops a finished batch from those Close must cancel.
func (db *DB) forget(b *Batch) {
	db.mu.Lock()
	delete(db.batches, b)
	db.mu.Unlock()
}
