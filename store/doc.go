// Package store persists the arena's records in Badger: keys, codecs,
// transactions, value-log garbage collection and export.
//
// It holds no business rules. A record type gets a [Table], declared once:
//
//	var agents = store.NewTable[Agent]("agent")
//
// and is read and written inside [DB.Update] or [DB.View]:
//
//	err := db.Update(func(tx *store.Tx) error {
//		return agents.Put(tx, id, a)
//	})
//
// Records are JSON; keys are strings, stored as the table's prefix, "/" and
// the key, and scanned in byte order. [Key] builds composite keys, [SeqKey]
// numbers that sort numerically, [NewID] time-ordered ids and
// [DB.Sequence] persistent counters. [Batch] loads many records quickly,
// without a transaction's atomicity or size limit. [DB.Export] dumps a
// table as JSON Lines.
//
// Commits survive a crash of the process at once, but reach the disk only
// when the OS gets to it. A table marked [Table.Durable] (records that hold
// money) has every transaction that writes it synced to disk before
// Update returns, so a power cut cannot lose it.
//
// Every failure is an [*Error]; errors.Is(err, store.ErrNotFound) and the
// other sentinels match on its [Kind].
package store
