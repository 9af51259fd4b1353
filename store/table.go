package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"
)

// Table is a typed view of the records stored under one key prefix, so
// callers deal in their own types and never in bytes. Records are encoded
// as JSON, which keeps the database readable by Export and by tools.
// A Table holds no state beyond its prefix: declare one per record type,
// typically as a package-level variable.
type Table[T any] struct {
	prefix  string // the table's name followed by "/"
	durable bool   // writes are synced to disk before they are acknowledged
}

// NewTable returns the table whose records are stored under keys
// prefix + "/" + key. It panics if prefix is empty, contains "/" (which
// would let two tables' keys overlap) or starts with "!" (reserved for the
// store's own keys): a bad prefix is a programming error, found at start-up.
func NewTable[T any](prefix string) Table[T] {
	if err := checkPrefix(prefix); err != nil {
		panic("store: NewTable: " + err.Error())
	}
	return Table[T]{prefix: prefix + "/"}
}

// checkPrefix says what is wrong with a table prefix, if anything.
func checkPrefix(prefix string) error {
	switch {
	case prefix == "":
		return errors.New("empty table prefix")
	case strings.Contains(prefix, "/"):
		return fmt.Errorf("table prefix %q contains \"/\"", prefix)
	case strings.HasPrefix(prefix, "!"):
		return fmt.Errorf("table prefix %q starts with \"!\", which is reserved for the store's own keys", prefix)
	}
	return nil
}

// Durable returns the table with its writes synced to disk before they are
// acknowledged: a transaction (or batch) that puts or deletes one of its
// records is synced when it commits, so a power cut or an OS crash cannot
// lose it once Update (or Flush) has returned. Mark the tables whose
// records hold money; a sync costs a disk flush per transaction.
//
//	var ledger = store.NewTable[Entry]("ledger").Durable()
func (t Table[T]) Durable() Table[T] {
	t.durable = true
	return t
}

// IsDurable reports whether the table was marked Durable.
func (t Table[T]) IsDurable() bool { return t.durable }

// Name returns the prefix the table was created with, as Export expects it.
func (t Table[T]) Name() string { return strings.TrimSuffix(t.prefix, "/") }

// storedKey builds the badger key of key, checking both the table (the zero
// Table has no prefix) and the key.
func (t Table[T]) storedKey(op, key string) ([]byte, error) {
	switch {
	case t.prefix == "":
		return nil, &Error{Op: op, Kind: Invalid, Err: errors.New("zero Table; use NewTable")}
	case key == "":
		return nil, &Error{Op: op, Kind: Invalid, Err: errors.New("empty key")}
	case len(t.prefix)+len(key) > maxKeySize:
		return nil, &Error{Op: op, Kind: Invalid, Err: fmt.Errorf("key of %d bytes is longer than %d", len(key), maxKeySize)}
	}
	k := make([]byte, 0, len(t.prefix)+len(key))
	k = append(k, t.prefix...)
	return append(k, key...), nil
}

// encode marshals v for storage, checking it fits in one value.
func (t Table[T]) encode(db *DB, op string, v T) ([]byte, error) {
	data, err := json.Marshal(v)
	if err != nil {
		return nil, &Error{Op: op, Kind: Invalid, Err: fmt.Errorf("encode: %w", err)}
	}
	if int64(len(data)) > db.maxValue {
		return nil, &Error{Op: op, Kind: Invalid, Err: fmt.Errorf("record of %d bytes is larger than %d", len(data), db.maxValue)}
	}
	return data, nil
}

// decode reads item's value into a T. A value that does not decode is
// reported as Invalid, naming the table and key; the message is built only
// then, as scans decode every record.
func decode[T any](verb, prefix, key string, item *badger.Item) (T, error) {
	var v T
	var decodeErr error
	err := item.Value(func(data []byte) error {
		decodeErr = json.Unmarshal(data, &v)
		return decodeErr
	})
	if decodeErr != nil {
		return v, &Error{Op: verb + " " + prefix + key, Kind: Invalid, Err: fmt.Errorf("decode: %w", decodeErr)}
	}
	if err != nil {
		return v, wrapBadger(verb+" "+prefix+key, err)
	}
	return v, nil
}

// Put stores v under key, replacing any previous record.
func (t Table[T]) Put(tx *Tx, key string, v T) error {
	op := "put " + t.prefix + key
	if err := tx.check(op); err != nil {
		return err
	}
	k, err := t.storedKey(op, key)
	if err != nil {
		return err
	}
	data, err := t.encode(tx.db, op, v)
	if err != nil {
		return err
	}
	if err := tx.txn.Set(k, data); err != nil {
		return wrapBadger(op, err)
	}
	tx.durable = tx.durable || t.durable
	return nil
}

// Get returns the record under key; an absent record is an error of kind
// NotFound, so errors.Is(err, ErrNotFound) distinguishes it.
func (t Table[T]) Get(tx *Tx, key string) (T, error) {
	var zero T
	op := "get " + t.prefix + key
	if err := tx.check(op); err != nil {
		return zero, err
	}
	k, err := t.storedKey(op, key)
	if err != nil {
		return zero, err
	}
	item, err := tx.txn.Get(k)
	if err != nil {
		return zero, wrapBadger(op, err)
	}
	return decode[T]("get", t.prefix, key, item)
}

// Has reports whether a record exists under key without decoding it.
func (t Table[T]) Has(tx *Tx, key string) (bool, error) {
	op := "has " + t.prefix + key
	if err := tx.check(op); err != nil {
		return false, err
	}
	k, err := t.storedKey(op, key)
	if err != nil {
		return false, err
	}
	_, err = tx.txn.Get(k)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return false, nil
	}
	if err != nil {
		return false, wrapBadger(op, err)
	}
	return true, nil
}

// Delete removes the record under key. Deleting an absent record is not an
// error, so callers need not check first.
func (t Table[T]) Delete(tx *Tx, key string) error {
	op := "delete " + t.prefix + key
	if err := tx.check(op); err != nil {
		return err
	}
	k, err := t.storedKey(op, key)
	if err != nil {
		return err
	}
	if err := tx.txn.Delete(k); err != nil {
		return wrapBadger(op, err)
	}
	tx.durable = tx.durable || t.durable
	return nil
}

// Scan calls fn for each record whose key starts with keyPrefix, in byte
// order of the keys (given without the table prefix). fn returning Stop
// ends the scan without error; any other error ends it and is returned
// unchanged. To scan the records of one composite-key group, pass
// Key(part, "") so that "m1" does not also match "m10".
func (t Table[T]) Scan(tx *Tx, keyPrefix string, fn func(key string, v T) error) error {
	return t.scan(tx, "scan", keyPrefix, false, fn)
}

// ScanReverse is Scan in descending key order, e.g. for "latest first"
// listings over SeqKey or NewID keys.
func (t Table[T]) ScanReverse(tx *Tx, keyPrefix string, fn func(key string, v T) error) error {
	return t.scan(tx, "scan reverse", keyPrefix, true, fn)
}

func (t Table[T]) scan(tx *Tx, verb, keyPrefix string, reverse bool, fn func(key string, v T) error) error {
	op := verb + " " + t.prefix + keyPrefix
	if err := tx.check(op); err != nil {
		return err
	}
	if t.prefix == "" {
		return &Error{Op: op, Kind: Invalid, Err: errors.New("zero Table; use NewTable")}
	}
	prefix := []byte(t.prefix + keyPrefix)

	opts := badger.DefaultIteratorOptions
	opts.Reverse = reverse
	seek := prefix
	if reverse {
		// A reverse seek lands on the last key <= its argument, so start
		// from the first key after every key with the prefix. The iterator
		// gets no Prefix option: that would stop it on the seek key itself.
		seek = successor(prefix)
	} else {
		opts.Prefix = prefix
	}
	it := tx.txn.NewIterator(opts)
	defer it.Close()

	for it.Seek(seek); it.Valid(); it.Next() {
		item := it.Item()
		k := item.Key()
		if !bytes.HasPrefix(k, prefix) {
			if reverse && bytes.Compare(k, prefix) > 0 {
				continue // the seek key itself, which lies past the prefix
			}
			break
		}
		key := string(k[len(t.prefix):])
		v, err := decode[T](verb, t.prefix, key, item)
		if err != nil {
			return err
		}
		if err := fn(key, v); err != nil {
			if errors.Is(err, Stop) {
				return nil
			}
			return err
		}
	}
	return nil
}

// successor returns the smallest key greater than every key starting with
// prefix, or nil if there is none (prefix is all 0xff bytes).
func successor(prefix []byte) []byte {
	s := bytes.Clone(prefix)
	for i := len(s) - 1; i >= 0; i-- {
		if s[i] != 0xff {
			s[i]++
			return s[:i+1]
		}
	}
	return nil
}

// Count returns how many records have keys starting with keyPrefix. It
// reads keys only, so it is cheap even for large records.
func (t Table[T]) Count(tx *Tx, keyPrefix string) (int, error) {
	op := "count " + t.prefix + keyPrefix
	if err := tx.check(op); err != nil {
		return 0, err
	}
	if t.prefix == "" {
		return 0, &Error{Op: op, Kind: Invalid, Err: errors.New("zero Table; use NewTable")}
	}
	prefix := []byte(t.prefix + keyPrefix)
	opts := badger.DefaultIteratorOptions
	opts.PrefetchValues = false
	opts.Prefix = prefix
	it := tx.txn.NewIterator(opts)
	defer it.Close()

	n := 0
	for it.Seek(prefix); it.Valid(); it.Next() {
		n++
	}
	return n, nil
}

// PutBatch adds v under key to b. The record becomes visible once the batch
// commits it: at the latest when b is flushed.
func (t Table[T]) PutBatch(b *Batch, key string, v T) error {
	op := "batch put " + t.prefix + key
	if b == nil || b.db == nil {
		return &Error{Op: op, Kind: Invalid, Err: errors.New("nil batch; use DB.NewBatch")}
	}
	k, err := t.storedKey(op, key)
	if err != nil {
		return err
	}
	data, err := t.encode(b.db, op, v)
	if err != nil {
		return err
	}
	return b.set(op, k, data, t.durable)
}
