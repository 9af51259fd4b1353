package lora

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"
)

// ForgeCheckpoints rewrites the checkpoints after the first of the record
// at path as a cheating trainer would: forge gets checkpoint i's adapter
// weights, and the previous checkpoint's as already forged, and alters the
// weights in place. The record's checkpoint hashes and final adapter (saved
// in its adapter directory) follow, change (if not nil) alters the record
// further, and the record is signed again with the key of keyHex.
func ForgeCheckpoints(t testing.TB, path string, m *Model, keyHex string, forge func(i int, prev, params []*Param), change func(*Record)) {
	t.Helper()
	rec, err := ReadRecord(path)
	if err != nil {
		t.Fatal(err)
	}
	hp := rec.Hyper
	cfg := AdapterConfig{Rank: hp.Rank, Alpha: hp.Alpha, Dropout: hp.Dropout, Targets: hp.Targets, RSLoRA: hp.RSLoRA}
	like, err := NewAdapter(m, cfg, hp.AdapterSeed)
	if err != nil {
		t.Fatal(err)
	}
	var prev []*Param
	for i, ck := range rec.Checkpoints {
		file := filepath.Join(rec.dir, filepath.FromSlash(ck.File))
		s, err := readState(file, like.Params())
		if err != nil {
			t.Fatal(err)
		}
		if i > 0 {
			forge(i, prev, s.params)
			if err := s.write(file); err != nil {
				t.Fatal(err)
			}
			rec.Checkpoints[i].Hash = s.hash()
		}
		prev = s.params
	}
	dir := filepath.Join(rec.dir, filepath.FromSlash(rec.AdapterDir))
	a, err := LoadAdapter(dir, m)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range a.Params() {
		copy(p.W, prev[i].W)
	}
	if err := a.Save(dir); err != nil {
		t.Fatal(err)
	}
	rec.AdapterFinal = AdapterHash(a)
	if change != nil {
		change(rec)
	}
	key, err := crypto.HexToECDSA(keyHex)
	if err != nil {
		t.Fatal(err)
	}
	if err := rec.Sign(key); err != nil {
		t.Fatal(err)
	}
	data, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
