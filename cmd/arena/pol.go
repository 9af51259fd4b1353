package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/rlfc/arena/arena"
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
	f := newFlags("pol verify", "RECORD", "Re-checks a proof-of-learning record, a record.json file written by 'arena train' or the id,\n"+
		"adapter version or record hash of a training job stored in --data: the trainer's signature, the base\n"+
		"model, the dataset's Merkle root, every checkpoint file and the final adapter against their\n"+
		"hashes, and re-executes --segments randomly chosen segments between checkpoints, comparing\n"+
		"the losses and the resulting state bit for bit (CPU records) or within tolerance (GPU ones).\n"+
		"Exits 1 when anything does not match, naming what.")
	pairsFile := f.String("pairs", "", "the pairs trained on, TRL JSONL `file`; empty means pairs.jsonl beside the record")
	base := f.String("base", "", "base model: Hugging Face model `dir`ectory; empty means the embedded model")
	challenge := f.String("challenge", "", "`hex` bytes that pick the segments to re-execute; empty means random")
	segments := f.Int("segments", 2, "segments to re-execute (0 none)")
	data := f.String("data", defaultDataDir(), "data directory whose training jobs a RECORD that is not a file names")
	kernels := f.String("kernels", "", "CPU kernel `set` to re-execute with (avx512, avx2, go); empty means the record's when this machine runs it")
	odds := f.Bool("odds", false, "print the chance that a trainer faking segments escapes detection, for --fraction and --segments (default 3 here), and exit")
	fraction := f.Float64("fraction", lora.RecommendedFraction, "with --odds: the share of records the verifier re-executes")
	faked := f.Float64("faked", 0.1, "with --odds: the share of its segments the trainer fakes")
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
	if *odds {
		k := lora.RecommendedSegments
		f.Visit(func(fl *flag.Flag) {
			if fl.Name == "segments" {
				k = *segments
			}
		})
		return printOdds(stdout, *faked, *fraction, k)
	}
	if record == "" {
		return usageError{fmt.Errorf("the record is required: arena pol verify RECORD (a file, or a stored job's id, version or record hash)")}
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
	if _, err := os.Stat(record); errors.Is(err, os.ErrNotExist) && !strings.HasSuffix(record, ".json") && !strings.ContainsRune(record, os.PathSeparator) {
		path, err := storedRecord(*data, record)
		if err != nil {
			return err
		}
		record = path
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
		Challenge: chal, Segments: n, Kernels: *kernels,
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
	fmt.Fprintf(stdout, "record %s, signer %s, device %s, kernels %q\n", rep.RecordHash, rep.Record.Signer, rep.Record.Device, rep.Record.Kernels)
	if rep.Kernels != "" {
		fmt.Fprintf(stdout, "re-executed with %s kernels, held to drift %.3g (policy bound %.3g, reference log-probabilities %.3g); largest drift %.3g\n",
			rep.Kernels, rep.Tolerance, rep.Bound, rep.ReferenceTolerance, rep.Drift)
	}
	for _, c := range rep.Checks {
		mark := "ok  "
		if !c.OK {
			mark = "FAIL"
		}
		fmt.Fprintf(stdout, "  %s %-15s %s\n", mark, c.Name, c.Detail)
	}
	if verr != nil {
		var ve *lora.VerifyError
		switch {
		case errors.As(verr, &ve) && ve.Noise:
			fmt.Fprintln(stdout, "verdict: NOT VERIFIED, within noise (beyond the record's own tolerance, within the policy's bound: no evidence of cheating)")
		case errors.As(verr, &ve) && ve.Dispute != nil:
			fmt.Fprintf(stdout, "verdict: NOT VERIFIED (evidence; first differing step: %v)\n", ve.Dispute)
		default:
			fmt.Fprintln(stdout, "verdict: NOT VERIFIED")
		}
		return verr
	}
	if len(rep.Segments) > 0 {
		fmt.Fprintf(stdout, "verdict: VERIFIED (segments %v re-executed)\n", rep.Segments)
	} else {
		fmt.Fprintln(stdout, "verdict: VERIFIED (hashes and signature only; no segment re-executed)")
	}
	return nil
}

// storedRecord finds the record file of a training job in a data
// directory by the job's id, adapter version or record hash.
func storedRecord(data, ref string) (string, error) {
	if _, err := os.Stat(filepath.Join(data, "db")); err != nil {
		return "", fmt.Errorf("%s is not a record file, and %s holds no arena to look it up in", ref, data)
	}
	a, err := arena.Open(arena.Options{Dir: data})
	if err != nil {
		return "", err
	}
	defer a.Close()
	j, err := a.Job(ref)
	if err != nil {
		return "", fmt.Errorf("%s is not a record file, and %w", ref, err)
	}
	return filepath.Join(data, "adapters", j.Version, "record.json"), nil
}

// printOdds prints the chance that a trainer faking a share faked of each
// record's segments escapes N records, for N from 1 to 20, when the
// verifier re-executes a share fraction of records and segments segments
// of each (lora.DetectionOdds, many segments per record: the conservative
// figure).
func printOdds(w io.Writer, faked, fraction float64, segments int) error {
	if !(faked > 0 && faked <= 1) || !(fraction >= 0 && fraction <= 1) || segments < 1 {
		return usageError{fmt.Errorf("--odds needs --faked in (0, 1], --fraction in [0, 1] and --segments of at least 1 (have %v, %v, %d)", faked, fraction, segments)}
	}
	fmt.Fprintf(w, "a trainer faking %.3g of its segments; the verifier re-executes %.3g of records, %d segments of each\n", faked, fraction, segments)
	fmt.Fprintf(w, "%8s  %12s  %12s\n", "records", "escapes", "caught")
	for n := 1; n <= 20; n++ {
		p := lora.DetectionOdds(faked, n, fraction, segments, 0)
		fmt.Fprintf(w, "%8d  %12.6f  %12.6f\n", n, p, 1-p)
	}
	p := lora.DetectionOdds(faked, 20, fraction, segments, 0)
	verdict := "meets"
	if p > 0.01 {
		verdict = "misses"
	}
	fmt.Fprintf(w, "caught within 20 records with probability %.4f: %s the target of 0.99\n", 1-p, verdict)
	return nil
}
