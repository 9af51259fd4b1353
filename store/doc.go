// Package store persists the arena's records in Badger: keys, codecs,
// transactions, value-log garbage collection and export.
//
// It holds no business rules.
package store
