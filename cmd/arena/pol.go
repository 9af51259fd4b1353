package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/rlfc/arena/internal/progress"
	"github.com/rlfc/arena/lora"
)

func runPol(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprintln(stdout, "Usage: arena pol verify RECORD [flags]")
		fmt.Fprintln(stdout)
		fmt.Fprintln(stdout, "Proof-of-learning records. Subcommands:")
		fmt.Fprintln(stdout, "  verify   re-check a training record (signature, hashes, re-executed segments)")
		if len(args) == 0 {
			return usageError{fmt.Errorf("missing subcommand (verify)")}
		}
		return nil
	}
	switch args[0] {
	case "verify":
		return runPolVerify(ctx, args[1:], stdout, stderr)
	}
	return usageError{fmt.Errorf("unknown subcommand %q (want verify)", args[0])}
}

func runPolVerify(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	f := newFlags("pol verify", "RECORD", "Re-checks a proof-of-learning record written by 'arena train': the trainer's signature, the base\n"+
		"model, the dataset's Merkle root, every checkpoint file and the final adapter against their\n"+
		"hashes, and re-executes --segments randomly chosen segments between checkpoints, comparing\n"+
		"the losses and the resulting state bit for bit (CPU records) or within tolerance (GPU ones).\n"+
		"Exits 1 when anything does not match, naming what.")
	pairsFile := f.String("pairs", "", "the pairs trained on, TRL JSONL `file`; empty means pairs.jsonl beside the record")
	base := f.String("base", "", "base model: Hugging Face model `dir`ectory; empty means the embedded model")
	challenge := f.String("challenge", "", "`hex` bytes that pick the segments to re-execute; empty means random")
	segments := f.Int("segments", 2, "segments to re-execute (0 none)")
	var record string
	rest := args
	for {
		if err := f.parse(rest, stdout); err != nil {
			return err
		}
		if f.NArg() == 0 {
			break
		}
		if record != "" {
			return usageError{fmt.Errorf("unexpected argument %q", f.Arg(0))}
		}
		record, rest = f.Arg(0), f.Args()[1:]
	}
	if record == "" {
		return usageError{fmt.Errorf("the record file is required: arena pol verify RECORD")}
	}
	var chal []byte
	if *challenge == "" {
		chal = make([]byte, 16)
		if _, err := rand.Read(chal); err != nil {
			return err
		}
	} else {
		var err error
		if chal, err = hex.DecodeString(strings.TrimPrefix(*challenge, "0x")); err != nil {
			return usageError{fmt.Errorf("--challenge %q is not hex", *challenge)}
		}
	}
	if *pairsFile == "" {
		*pairsFile = filepath.Join(filepath.Dir(record), "pairs.jsonl")
	}
	pairs, err := readPairsFile(*pairsFile, false, stderr)
	if err != nil {
		return err
	}
	m, baseName, err := loadPrivateModel(*base)
	if err != nil {
		return err
	}
	n := *segments
	if n == 0 {
		n = -1 // VerifyOptions: negative means none
	}
	fmt.Fprintf(stdout, "verifying %s against %s and %d pairs from %s\n", record, baseName, len(pairs), *pairsFile)
	fmt.Fprintf(stdout, "challenge %x (repeat this check with --challenge %x)\n", chal, chal)
	var bar *progress.Bar
	rep, verr := lora.VerifyRecord(ctx, record, m, pairs, lora.VerifyOptions{
		Challenge: chal, Segments: n,
		Progress: func(done, total int) {
			if bar == nil {
				bar = progress.New(stdout, "re-execute", total)
			}
			bar.Update(done, "")
		},
	})
	if bar != nil {
		bar.Done()
	}
	if rep == nil {
		return verr
	}
	fmt.Fprintf(stdout, "record %s, signer %s, device %s\n", rep.RecordHash, rep.Record.Signer, rep.Record.Device)
	for _, c := range rep.Checks {
		mark := "ok  "
		if !c.OK {
			mark = "FAIL"
		}
		fmt.Fprintf(stdout, "  %s %-15s %s\n", mark, c.Name, c.Detail)
	}
	if verr != nil {
		fmt.Fprintln(stdout, "verdict: NOT VERIFIED")
		return verr
	}
	if len(rep.Segments) > 0 {
		fmt.Fprintf(stdout, "verdict: VERIFIED (segments %v re-executed)\n", rep.Segments)
	} else {
		fmt.Fprintln(stdout, "verdict: VERIFIED (hashes and signature only; no segment re-executed)")
	}
	return nil
}
