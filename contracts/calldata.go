package contracts

import (
	"errors"
	"fmt"
	"math/big"
)

// MaxSettlementCallSize bounds the input DecodeSettlementCall accepts: the
// size go-ethereum's transaction pool allows a whole transaction.
const MaxSettlementCallSize = 128 * 1024

// settlementHeadWords is the head of an ABI-encoded Settlement tuple:
// matchId, spaceId, four array offsets, rake, deadline.
const settlementHeadWords = 8

// checkCanonicalLayout verifies that the arguments of a settle (batch=false)
// or settleBatch (batch=true) call are laid out the way Solidity and
// go-ethereum encode them: every offset points just past the previous item
// and nothing is shared or left over.
//
// ABI decoding alone accepts offsets that alias the same data, so a few
// kilobytes of input could decode into gigabytes of settlements. Requiring the
// canonical layout first makes the decoded size at most the input size.
func checkCanonicalLayout(args []byte, batch bool) error {
	w := layoutWalker{data: args}
	// Two dynamic arguments: their offsets, then their bodies in order.
	next := 64
	first := w.tuple
	second := w.bytes
	if batch {
		first = func(pos int) (int, error) { return w.array(pos, w.tuple) }
		second = func(pos int) (int, error) { return w.array(pos, w.bytes) }
	}
	for i, body := range []func(int) (int, error){first, second} {
		off, err := w.word(32 * i)
		if err != nil {
			return err
		}
		if off != uint64(next) {
			return fmt.Errorf("argument %d: offset %d, canonical encoding has %d", i, off, next)
		}
		if next, err = body(next); err != nil {
			return fmt.Errorf("argument %d: %w", i, err)
		}
	}
	if next != len(args) {
		return fmt.Errorf("%d bytes after the encoded arguments", len(args)-next)
	}
	return nil
}

type layoutWalker struct{ data []byte }

// word reads the 32-byte word at pos as a small unsigned integer.
func (w layoutWalker) word(pos int) (uint64, error) {
	if pos < 0 || pos+32 > len(w.data) {
		return 0, errors.New("input ends inside a word")
	}
	v := new(big.Int).SetBytes(w.data[pos : pos+32])
	if !v.IsUint64() || v.Uint64() > uint64(len(w.data)) {
		return 0, fmt.Errorf("offset or length %s at byte %d exceeds the input", v, pos)
	}
	return v.Uint64(), nil
}

// words checks a length-prefixed array of static words at pos; returns its end.
func (w layoutWalker) words(pos int) (int, error) {
	n, err := w.word(pos)
	if err != nil {
		return 0, err
	}
	end := pos + 32 + 32*int(n)
	if end > len(w.data) {
		return 0, errors.New("array runs past the input")
	}
	return end, nil
}

// bytes checks a length-prefixed byte string at pos, padded to 32 bytes.
func (w layoutWalker) bytes(pos int) (int, error) {
	n, err := w.word(pos)
	if err != nil {
		return 0, err
	}
	end := pos + 32 + (int(n)+31)/32*32
	if end > len(w.data) {
		return 0, errors.New("bytes run past the input")
	}
	return end, nil
}

// tuple checks a Settlement tuple at pos: its head, then its four arrays in order.
func (w layoutWalker) tuple(pos int) (int, error) {
	next := pos + 32*settlementHeadWords
	if next > len(w.data) {
		return 0, errors.New("settlement head runs past the input")
	}
	for field := 2; field <= 5; field++ { // tickets, payees, amounts, slashed
		off, err := w.word(pos + 32*field)
		if err != nil {
			return 0, err
		}
		if off != uint64(next-pos) {
			return 0, fmt.Errorf("settlement field %d: offset %d, canonical encoding has %d", field, off, next-pos)
		}
		if next, err = w.words(next); err != nil {
			return 0, err
		}
	}
	return next, nil
}

// array checks a length-prefixed array of dynamic items at pos: the item
// offsets (relative to just after the length), then the items in order.
func (w layoutWalker) array(pos int, item func(int) (int, error)) (int, error) {
	n, err := w.word(pos)
	if err != nil {
		return 0, err
	}
	base := pos + 32
	next := base + 32*int(n)
	if next > len(w.data) {
		return 0, errors.New("array heads run past the input")
	}
	for i := range int(n) {
		off, err := w.word(base + 32*i)
		if err != nil {
			return 0, err
		}
		if off != uint64(next-base) {
			return 0, fmt.Errorf("item %d: offset %d, canonical encoding has %d", i, off, next-base)
		}
		if next, err = item(next); err != nil {
			return 0, fmt.Errorf("item %d: %w", i, err)
		}
	}
	return next, nil
}
