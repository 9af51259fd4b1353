package store

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"

	"github.com/dgraph-io/badger/v4"
)

// exportRecord is one line of Export's output.
type exportRecord struct {
	Key   string          `json:"key"`
	Value json.RawMessage `json:"value"`
}

// Export writes every record of the table named prefix to w as JSON Lines,
// {"key": ..., "value": <the record>}, in key order, from one consistent
// snapshot. It returns how many records it wrote. The output is for
// backups, debugging and other tools (jq, pandas), so it is the stored JSON
// as is, not re-encoded through a Go type.
func (db *DB) Export(w io.Writer, prefix string) (int, error) {
	op := "export " + prefix
	if err := checkPrefix(prefix); err != nil {
		return 0, &Error{Op: op, Kind: Invalid, Err: err}
	}
	p := []byte(prefix + "/")
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)

	n := 0
	err := db.View(func(tx *Tx) error {
		opts := badger.DefaultIteratorOptions
		opts.Prefix = p
		it := tx.txn.NewIterator(opts)
		defer it.Close()

		var buf []byte
		for it.Seek(p); it.Valid(); it.Next() {
			item := it.Item()
			rec := exportRecord{Key: string(item.Key()[len(p):])}
			var err error
			buf, err = item.ValueCopy(buf[:0])
			if err != nil {
				return wrapBadger(op, err)
			}
			rec.Value = buf
			if err := enc.Encode(rec); err != nil {
				if _, ok := err.(*json.MarshalerError); ok {
					return &Error{Op: op, Kind: Invalid, Err: fmt.Errorf("record %q: %w", rec.Key, err)}
				}
				return &Error{Op: op, Kind: IO, Err: err}
			}
			n++
		}
		return nil
	})
	if err != nil {
		return n, err
	}
	if err := bw.Flush(); err != nil {
		return n, &Error{Op: op, Kind: IO, Err: err}
	}
	return n, nil
}
