package store

import "errors"

// seqBandwidth is how many values a sequence leases from disk at a time: a
// write per this many calls instead of one per call. After a crash (no
// Close) up to this many values are skipped, never reused.
const seqBandwidth = 100

// Sequence returns the next value of the counter called name: 1 for a new
// counter, then strictly increasing, across goroutines and restarts. Values
// are handed out outside any transaction, so one taken by an Update that
// later fails is not given again; expect gaps, never repeats.
func (db *DB) Sequence(name string) (uint64, error) {
	op := "sequence " + name
	if name == "" {
		return 0, &Error{Op: op, Kind: Invalid, Err: errors.New("empty sequence name")}
	}
	if err := db.enter(op); err != nil {
		return 0, err
	}
	defer db.leave()

	db.seqMu.Lock()
	seq, ok := db.seqs[name]
	if !ok {
		var err error
		seq, err = db.bdb.GetSequence([]byte(seqKeyPrefix+name), seqBandwidth)
		if err != nil {
			db.seqMu.Unlock()
			return 0, wrapBadger(op, err)
		}
		db.seqs[name] = seq
	}
	db.seqMu.Unlock()

	n, err := seq.Next()
	if err != nil {
		return 0, wrapBadger(op, err)
	}
	return n + 1, nil // badger counts from 0
}
