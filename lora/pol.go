package lora

import (
	"bytes"
	"crypto/ecdsa"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/lora/ops"
	"github.com/rlfc/arena/lora/safetensors"
)

// Proof-of-learning records.
//
// A training run with a checkpoint directory leaves a record (record.json)
// that binds what went in and what came out, so that anyone holding the
// base model and the pairs can re-check it (VerifyRecord):
//
//	base model      BaseHash of the base (before NF4 quantisation for QLoRA)
//	dataset         the Merkle root of the pairs (DatasetRoot), in dataset order
//	reference       a file of every pair's leaf hash and reference log-probabilities
//	hyperparameters every setting that changes the numbers, seeds included
//	losses          the loss of every step, as JSON numbers that round-trip exactly
//	checkpoints     the training state (adapter, AdamW moments, step) every K steps,
//	                each a safetensors file beside the record, and its state hash
//	adapters        AdapterHash before the first step and after the last
//	device          "cpu" (re-execution must match bit for bit) or "cuda"
//	                (within tolerance: an L2 distance between adapters relative
//	                to the segment's own movement)
//	signer          the trainer's Ethereum address and its secp256k1 signature
//
// Every hash is Keccak-256 (Ethereum's), written as 0x-prefixed lower-case
// hex. Lengths and counts inside hashed streams are 8-byte big-endian
// integers; float32 values are their IEEE-754 bits, little-endian.

// RecordVersion is the format of records this package writes and reads.
const RecordVersion = "arena-pol/1"

// Record is a proof-of-learning record. Its JSON field order is fixed (the
// order below), and its hash is Keccak-256 of its compact JSON
// (json.Marshal) with Signature empty, which leaves the field out.
type Record struct {
	Version string `json:"version"`
	// Job is the arena job the record proves (its id), so that a verifier
	// rebuilds the job's pairs from the arena's own store and compares
	// them with Dataset; empty for a record made outside the arena.
	Job string `json:"job,omitempty"`
	// Device is "cpu" or "cuda".
	Device string `json:"device"`
	// Kernels names the kernel set the trainer ran: "avx512", "avx2" or
	// "go" on a CPU (ops.Kernels), "cuda sm_XX f32" or "cuda sm_XX bf16" on
	// a GPU. A verifier re-executes with the same set when it has it.
	Kernels string `json:"kernels,omitempty"`
	// Tolerance is, for "cuda" records, what still counts as a match when a
	// CPU re-execution lands near, not on, the recorded numbers: the L2
	// distance between the re-executed and the recorded adapter at the end
	// of a segment may be at most Tolerance times the L2 distance the
	// recorded segment moved the adapter, and a re-executed loss or
	// reference log-probability may differ from the recorded one by at
	// most Tolerance·max(1, |recorded|). Relative, because AdamW turns
	// rounding noise in a near-zero gradient into a full ±lr step, so the
	// drift scales with how far a segment moves. 0 for "cpu".
	Tolerance float64 `json:"tolerance"`
	Base      struct {
		Name string `json:"name"`
		Hash string `json:"hash"`
	} `json:"base"`
	Dataset struct {
		Pairs int    `json:"pairs"`
		Root  string `json:"root"`
		// Reference is the reference file, relative to the record's
		// directory, and ReferenceHash the Keccak-256 of its bytes.
		Reference     string `json:"reference_file"`
		ReferenceHash string `json:"reference_hash"`
	} `json:"dataset"`
	Hyper Hyperparameters `json:"hyperparameters"`
	// Steps is the number of optimizer steps; Losses holds one loss per
	// step.
	Steps  int       `json:"steps"`
	Losses []float64 `json:"losses"`
	// Checkpoints are the saved states, the first at step 0 (the adapter
	// before training) and the last at step Steps.
	Checkpoints []RecordCheckpoint `json:"checkpoints"`
	// AdapterBefore and AdapterFinal are AdapterHash of the adapter before
	// the first step and after the last; AdapterDir is the directory of
	// the final adapter in PEFT layout, relative to the record's.
	AdapterBefore string `json:"adapter_before"`
	AdapterFinal  string `json:"adapter_final"`
	AdapterDir    string `json:"adapter_dir"`
	// Signer is the trainer's address (EIP-55); Signature is 65 bytes
	// r‖s‖v (v = 27 or 28) of the signer's key over the EIP-191 message
	// hash of the record hash: Keccak-256("\x19Ethereum Signed
	// Message:\n32" ‖ record hash), so that ecrecover on chain and wallets'
	// verifyMessage(recordHashBytes, signature) give the signer.
	Signer    string `json:"signer"`
	Signature string `json:"signature,omitempty"`

	dir string // where the record was read from or written to
}

// Hyperparameters are every setting of a run that changes its numbers.
type Hyperparameters struct {
	Method          string   `json:"method"`
	Beta            float64  `json:"beta"`
	LR              float64  `json:"lr"`
	Epochs          int      `json:"epochs"`
	BatchSize       int      `json:"batch_size"`
	Seed            uint64   `json:"seed"`
	MaxLen          int      `json:"max_len"`
	LabelSmoothing  float64  `json:"label_smoothing"`
	RPOAlpha        float64  `json:"rpo_alpha"`
	WeightDecay     float64  `json:"weight_decay"`
	ClipNorm        float64  `json:"clip_norm"` // 0: none
	AdamBeta1       float64  `json:"adam_beta1"`
	AdamBeta2       float64  `json:"adam_beta2"`
	AdamEps         float64  `json:"adam_eps"`
	CheckpointEvery int      `json:"checkpoint_every"`
	Rank            int      `json:"rank"`
	Alpha           float64  `json:"alpha"`
	Dropout         float64  `json:"dropout"`
	Targets         []string `json:"targets"`
	RSLoRA          bool     `json:"rslora"`
	AdapterSeed     uint64   `json:"adapter_seed"`
	QLoRA           bool     `json:"qlora"`
	DoubleQuant     bool     `json:"double_quant"`
}

// RecordCheckpoint is one saved training state.
type RecordCheckpoint struct {
	Step int    `json:"step"`
	File string `json:"file"` // relative to the record's directory
	Hash string `json:"hash"` // the state hash of the file's contents
}

// Canonical returns the record's compact JSON without its signature: the
// bytes the record hash is taken over.
func (r *Record) Canonical() ([]byte, error) {
	c := *r
	c.Signature = ""
	return json.Marshal(&c)
}

// Hash is Keccak-256 of Canonical.
func (r *Record) Hash() ([32]byte, error) {
	b, err := r.Canonical()
	if err != nil {
		return [32]byte{}, err
	}
	return [32]byte(crypto.Keccak256(b)), nil
}

// Dir is the directory the record was read from or saved to: the one its
// file paths are relative to.
func (r *Record) Dir() string { return r.dir }

// signedDigest is the EIP-191 personal-message hash of a record hash.
func signedDigest(h [32]byte) []byte {
	return crypto.Keccak256([]byte("\x19Ethereum Signed Message:\n32"), h[:])
}

// Save makes the record's file paths relative to path's directory (where
// the checkpoints and reference file must already be, at or below it),
// points it at the final adapter in adapterDir (already saved there),
// signs it with key and writes it to path as indented JSON.
func (r *Record) Save(path, adapterDir string, key *ecdsa.PrivateKey) error {
	if key == nil {
		return errors.New("lora: record: no signing key")
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return fmt.Errorf("lora: record: %w", err)
	}
	rel := func(p string) (string, error) {
		if !filepath.IsAbs(p) && r.dir != "" {
			p = filepath.Join(r.dir, p)
		}
		p, err := filepath.Abs(p)
		if err != nil {
			return "", fmt.Errorf("lora: record: %w", err)
		}
		q, err := filepath.Rel(dir, p)
		if err != nil || !filepath.IsLocal(q) {
			return "", fmt.Errorf("lora: record: %s is not at or below the record's directory %s", p, dir)
		}
		return filepath.ToSlash(q), nil
	}
	if r.Dataset.Reference, err = rel(r.Dataset.Reference); err != nil {
		return err
	}
	for i := range r.Checkpoints {
		if r.Checkpoints[i].File, err = rel(r.Checkpoints[i].File); err != nil {
			return err
		}
	}
	if r.AdapterDir, err = rel(adapterDir); err != nil {
		return err
	}
	r.dir = filepath.Dir(path)
	if err := r.Sign(key); err != nil {
		return err
	}
	data, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return fmt.Errorf("lora: record: %w", err)
	}
	return writeFileAtomic(path, append(data, '\n'))
}

// Sign sets Signer to key's address and Signature to its signature of the
// record hash.
func (r *Record) Sign(key *ecdsa.PrivateKey) error {
	r.Signer = crypto.PubkeyToAddress(key.PublicKey).Hex()
	h, err := r.Hash()
	if err != nil {
		return fmt.Errorf("lora: record: %w", err)
	}
	sig, err := crypto.Sign(signedDigest(h), key)
	if err != nil {
		return fmt.Errorf("lora: record: signing: %w", err)
	}
	sig[64] += 27
	r.Signature = "0x" + hex.EncodeToString(sig)
	return nil
}

// CheckSignature reports whether Signature is Signer's signature of the
// record hash.
func (r *Record) CheckSignature() error {
	sig, err := decodeHex(r.Signature)
	if err != nil || len(sig) != 65 {
		return fmt.Errorf("signature %q is not 65 bytes of hex", clip(r.Signature))
	}
	if sig[64] >= 27 {
		sig[64] -= 27
	}
	if sig[64] > 1 {
		return fmt.Errorf("signature has recovery id %d (want 27 or 28)", sig[64]+27)
	}
	h, err := r.Hash()
	if err != nil {
		return err
	}
	digest := signedDigest(h)
	pub, err := crypto.SigToPub(digest, sig)
	if err != nil {
		return fmt.Errorf("signature does not match signer: %v", err)
	}
	if !crypto.VerifySignature(crypto.FromECDSAPub(pub), digest, sig[:64]) {
		return errors.New("signature does not match signer: not a valid (low-s) signature")
	}
	if got := crypto.PubkeyToAddress(*pub).Hex(); !strings.EqualFold(got, r.Signer) {
		return fmt.Errorf("signature does not match signer: it was made by %s, the record names %s", got, r.Signer)
	}
	return nil
}

func clip(s string) string {
	if len(s) > 20 {
		return s[:20] + "..."
	}
	return s
}

func decodeHex(s string) ([]byte, error) {
	return hex.DecodeString(strings.TrimPrefix(s, "0x"))
}

func hexHash(h []byte) string { return "0x" + hex.EncodeToString(h) }

// ReadRecord reads a record file. Unknown fields are refused, so that
// nothing in the file escapes the hash.
func ReadRecord(path string) (*Record, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("lora: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var r Record
	if err := dec.Decode(&r); err != nil {
		return nil, fmt.Errorf("lora: %s: malformed record: %w", path, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("lora: %s: malformed record: data after the object", path)
	}
	if r.Version != RecordVersion {
		return nil, fmt.Errorf("lora: %s: record version %q (want %q)", path, r.Version, RecordVersion)
	}
	r.dir = filepath.Dir(path)
	return &r, nil
}

// path resolves a file named in the record, refusing names that climb out
// of the record's directory.
func (r *Record) path(name string) (string, error) {
	if !filepath.IsLocal(filepath.FromSlash(name)) {
		return "", fmt.Errorf("file %q is not inside the record's directory", name)
	}
	return filepath.Join(r.dir, filepath.FromSlash(name)), nil
}

// hasher streams values into Keccak-256 in the layout described above.
type hasher struct {
	h   crypto.KeccakState
	buf []byte
}

func newHasher(domain string) *hasher {
	h := &hasher{h: crypto.NewKeccakState()}
	h.bytes([]byte(domain))
	return h
}

func (h *hasher) u64(v uint64) {
	var b [8]byte
	binary.BigEndian.PutUint64(b[:], v)
	h.h.Write(b[:])
}

func (h *hasher) bytes(b []byte) {
	h.u64(uint64(len(b)))
	h.h.Write(b)
}

// tensor hashes a name, a shape and float32 data.
func (h *hasher) tensor(name string, shape []int, data []float32) {
	h.bytes([]byte(name))
	h.u64(uint64(len(shape)))
	for _, d := range shape {
		h.u64(uint64(d))
	}
	h.floats(data)
}

func (h *hasher) floats(data []float32) {
	h.u64(uint64(len(data)))
	const chunk = 1 << 14
	if cap(h.buf) < 4*chunk {
		h.buf = make([]byte, 4*chunk)
	}
	for len(data) > 0 {
		n := min(len(data), chunk)
		b := h.buf[:4*n]
		for i, v := range data[:n] {
			binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(v))
		}
		h.h.Write(b)
		data = data[n:]
	}
}

func (h *hasher) sum() string {
	var out [32]byte
	h.h.Read(out[:])
	return hexHash(out[:])
}

// BaseHash identifies a base model: Keccak-256 of
//
//	"arena-base/1" ‖ config.json as Config.Marshal writes it ‖ tokenizer.json
//	as Tokenizer.Marshal writes it (empty without a tokenizer) ‖ the number
//	of tensors ‖ each tensor in the model's fixed order (name, rank, dims,
//	element count, float32 bits)
//
// with every byte string preceded by its length. It needs float32 weights:
// take it before QuantizeBase.
func BaseHash(m *Model) (string, error) {
	if m.Quantized() {
		return "", errors.New("lora: base hash: the model is quantised; hash its float32 weights before QuantizeBase")
	}
	cfg, err := m.Config.Marshal()
	if err != nil {
		return "", fmt.Errorf("lora: base hash: %w", err)
	}
	h := newHasher("arena-base/1")
	h.bytes(cfg)
	var tok []byte
	if m.Tokenizer != nil {
		if tok, err = m.Tokenizer.Marshal(); err != nil {
			return "", fmt.Errorf("lora: base hash: %w", err)
		}
	}
	h.bytes(tok)
	h.u64(uint64(len(m.params)))
	for _, p := range m.params {
		h.tensor(p.Name, p.Shape, p.W)
	}
	return h.sum(), nil
}

// AdapterHash identifies an adapter's weights: Keccak-256 of
// "arena-adapter/1" ‖ the number of tensors ‖ each tensor of Params in
// order (name, rank, dims, element count, float32 bits).
func AdapterHash(a *Adapter) string {
	return adapterHashOf(a.Params())
}

func adapterHashOf(params []*Param) string {
	h := newHasher("arena-adapter/1")
	h.u64(uint64(len(params)))
	for _, p := range params {
		h.tensor(p.Name, p.Shape, p.W)
	}
	return h.sum()
}

// trainState is a training state as a checkpoint holds it.
type trainState struct {
	step, adamSteps int
	hyper           []byte      // canonical JSON of the hyperparameters
	params          []*Param    // adapter weights (W) in Params order
	m, v            [][]float32 // AdamW moments, one per param
}

// hash is a checkpoint's state hash: Keccak-256 of "arena-pol-state/1" ‖ step ‖
// AdamW step count ‖ the hyperparameters' compact JSON ‖ the number of
// tensors ‖ for each adapter tensor in Params order: the tensor (name,
// rank, dims, count, bits), then its first and its second AdamW moment
// (count, bits; zeros before the first update).
func (s *trainState) hash() string {
	h := newHasher("arena-pol-state/1")
	h.u64(uint64(s.step))
	h.u64(uint64(s.adamSteps))
	h.bytes(s.hyper)
	h.u64(uint64(len(s.params)))
	for i, p := range s.params {
		h.tensor(p.Name, p.Shape, p.W)
		h.floats(s.m[i])
		h.floats(s.v[i])
	}
	return h.sum()
}

// stateOf captures a run's current state.
func stateOf(run *dpoRun, step int, hyper []byte) *trainState {
	return stateOfParams(run.a.Params(), run.opt, step, hyper)
}

// stateOfParams captures the state of adapter tensors params and their
// optimizer.
func stateOfParams(params []*Param, opt *AdamW, step int, hyper []byte) *trainState {
	s := &trainState{step: step, adamSteps: opt.Steps, hyper: hyper, params: params}
	for i, p := range s.params {
		if opt.M != nil {
			s.m = append(s.m, opt.M[i])
			s.v = append(s.v, opt.V[i])
		} else {
			s.m = append(s.m, make([]float32, len(p.W)))
			s.v = append(s.v, make([]float32, len(p.W)))
		}
	}
	return s
}

// Checkpoint files are safetensors: each adapter tensor under its PEFT
// name, its AdamW moments under "optimizer.exp_avg.<name>" and
// "optimizer.exp_avg_sq.<name>", and metadata "format"
// ("arena-pol-checkpoint/1"), "step", "optimizer_steps" and
// "hyperparameters" (compact JSON).
const (
	checkpointFormat = "arena-pol-checkpoint/1"
	expAvgPrefix     = "optimizer.exp_avg."
	expAvgSqPrefix   = "optimizer.exp_avg_sq."
)

func (s *trainState) write(path string) error {
	var ts []safetensors.Tensor
	for i, p := range s.params {
		ts = append(ts,
			safetensors.Tensor{Name: p.Name, Shape: p.Shape, Data: p.W},
			safetensors.Tensor{Name: expAvgPrefix + p.Name, Shape: p.Shape, Data: s.m[i]},
			safetensors.Tensor{Name: expAvgSqPrefix + p.Name, Shape: p.Shape, Data: s.v[i]})
	}
	meta := map[string]string{
		"format":          checkpointFormat,
		"step":            strconv.Itoa(s.step),
		"optimizer_steps": strconv.Itoa(s.adamSteps),
		"hyperparameters": string(s.hyper),
	}
	if err := safetensors.Write(path, ts, meta); err != nil {
		return fmt.Errorf("lora: checkpoint: %w", err)
	}
	return nil
}

// readState reads a checkpoint file for an adapter shaped like like.
func readState(path string, like []*Param) (*trainState, error) {
	f, err := safetensors.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	meta := f.Metadata()
	if meta["format"] != checkpointFormat {
		return nil, fmt.Errorf("%s: format %q (want %q)", path, meta["format"], checkpointFormat)
	}
	s := &trainState{hyper: []byte(meta["hyperparameters"])}
	if s.step, err = strconv.Atoi(meta["step"]); err != nil {
		return nil, fmt.Errorf("%s: step %q is not a number", path, meta["step"])
	}
	if s.adamSteps, err = strconv.Atoi(meta["optimizer_steps"]); err != nil {
		return nil, fmt.Errorf("%s: optimizer_steps %q is not a number", path, meta["optimizer_steps"])
	}
	get := func(name string, shape []int) ([]float32, error) {
		info, ok := f.Info(name)
		if !ok {
			return nil, fmt.Errorf("%s: tensor %q missing", path, name)
		}
		if !slices.Equal(info.Shape, shape) {
			return nil, fmt.Errorf("%s: tensor %q has shape %v, want %v", path, name, info.Shape, shape)
		}
		w, err := f.Float32(name)
		if err != nil {
			return nil, err
		}
		return slices.Clone(w), nil // the file's memory goes away at Close
	}
	want := map[string]bool{}
	for _, p := range like {
		w, err := get(p.Name, p.Shape)
		if err != nil {
			return nil, err
		}
		m, err := get(expAvgPrefix+p.Name, p.Shape)
		if err != nil {
			return nil, err
		}
		v, err := get(expAvgSqPrefix+p.Name, p.Shape)
		if err != nil {
			return nil, err
		}
		s.params = append(s.params, &Param{Name: p.Name, Shape: slices.Clone(p.Shape), W: w})
		s.m, s.v = append(s.m, m), append(s.v, v)
		want[p.Name], want[expAvgPrefix+p.Name], want[expAvgSqPrefix+p.Name] = true, true, true
	}
	for _, n := range f.Names() {
		if !want[n] {
			return nil, fmt.Errorf("%s: unexpected tensor %q", path, n)
		}
	}
	return s, nil
}

// DatasetRoot is the Merkle root of the pairs in order: leaf i is
// Keccak-256(0x00 ‖ pairs[i].CanonicalJSON()), an inner node
// Keccak-256(0x01 ‖ left ‖ right), and a level with an odd number of nodes
// carries its last node up unchanged. The root of one pair is its leaf.
func DatasetRoot(pairs []Pair) string {
	return hexHash(merkleRoot(pairLeaves(pairs)))
}

func pairLeaves(pairs []Pair) [][]byte {
	leaves := make([][]byte, len(pairs))
	for i := range pairs {
		leaves[i] = crypto.Keccak256([]byte{0}, pairs[i].CanonicalJSON())
	}
	return leaves
}

func merkleRoot(level [][]byte) []byte {
	if len(level) == 0 {
		return crypto.Keccak256(nil)
	}
	for len(level) > 1 {
		next := make([][]byte, 0, (len(level)+1)/2)
		for i := 0; i+1 < len(level); i += 2 {
			next = append(next, crypto.Keccak256([]byte{1}, level[i], level[i+1]))
		}
		if len(level)%2 == 1 {
			next = append(next, level[len(level)-1])
		}
		level = next
	}
	return level[0]
}

// referenceFile is the reference log-probabilities of a dataset, with each
// pair's leaf hash so that a differing pair can be named.
type referenceFile struct {
	Version string           `json:"version"`
	Pairs   []referenceEntry `json:"pairs"`
}

type referenceEntry struct {
	Leaf     string  `json:"leaf"`
	Chosen   float64 `json:"chosen"`
	Rejected float64 `json:"rejected"`
}

const referenceVersion = "arena-pol-reference/1"

func marshalReference(pairs []Pair, ref []PairLogProbs) ([]byte, error) {
	f := referenceFile{Version: referenceVersion}
	for i, leaf := range pairLeaves(pairs) {
		f.Pairs = append(f.Pairs, referenceEntry{Leaf: hexHash(leaf), Chosen: ref[i].Chosen, Rejected: ref[i].Rejected})
	}
	b, err := json.Marshal(&f)
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// hyperOf collects a run's hyperparameters.
func hyperOf(o *DPOOptions, a *Adapter, adam *AdamW, qlora, double bool) Hyperparameters {
	return Hyperparameters{
		Method: o.Method, Beta: o.Beta, LR: o.LR, Epochs: o.Epochs, BatchSize: o.BatchSize, Seed: o.Seed,
		MaxLen: o.MaxLen, LabelSmoothing: o.LabelSmoothing, RPOAlpha: o.RPOAlpha, WeightDecay: o.WeightDecay, ClipNorm: o.ClipNorm,
		AdamBeta1: adam.Beta1, AdamBeta2: adam.Beta2, AdamEps: adam.Eps, CheckpointEvery: o.CheckpointEvery,
		Rank: a.Config.Rank, Alpha: a.Config.Alpha, Dropout: a.Config.Dropout, Targets: slices.Clone(a.Config.Targets),
		RSLoRA: a.Config.RSLoRA, AdapterSeed: a.Seed(), QLoRA: qlora, DoubleQuant: double,
	}
}

// recordBuilder writes a run's checkpoints and assembles its record.
type recordBuilder struct {
	rec   *Record
	dir   string
	hyper []byte
}

func newRecordBuilder(m *Model, a *Adapter, pairs []Pair, ref []PairLogProbs, o DPOOptions, adam *AdamW) (*recordBuilder, error) {
	if err := os.MkdirAll(o.CheckpointDir, 0o755); err != nil {
		return nil, fmt.Errorf("lora: checkpoints: %w", err)
	}
	qlora, double := m.Quantized(), false
	if qlora {
		double = m.layers[0].q.nf4.Double()
	}
	rec := &Record{Version: RecordVersion, Device: "cpu", Kernels: ops.Kernels()}
	rec.Base.Name = o.BaseName
	rec.Base.Hash = o.BaseHash
	if rec.Base.Hash == "" {
		h, err := BaseHash(m)
		if err != nil {
			return nil, fmt.Errorf("%w (or set DPOOptions.BaseHash)", err)
		}
		rec.Base.Hash = h
	}
	rec.Dataset.Pairs = len(pairs)
	rec.Dataset.Root = DatasetRoot(pairs)
	refData, err := marshalReference(pairs, ref)
	if err != nil {
		return nil, fmt.Errorf("lora: reference file: %w", err)
	}
	refPath := filepath.Join(o.CheckpointDir, "reference.json")
	if err := writeFileAtomic(refPath, refData); err != nil {
		return nil, err
	}
	rec.Dataset.Reference = refPath
	rec.Dataset.ReferenceHash = hexHash(crypto.Keccak256(refData))
	rec.Hyper = hyperOf(&o, a, adam, qlora, double)
	hyper, err := json.Marshal(&rec.Hyper)
	if err != nil {
		return nil, err
	}
	rec.AdapterBefore = AdapterHash(a)
	return &recordBuilder{rec: rec, dir: o.CheckpointDir, hyper: hyper}, nil
}

func (rb *recordBuilder) checkpoint(run *dpoRun, step int) error {
	return rb.checkpointOf(stateOf(run, step, rb.hyper))
}

func (rb *recordBuilder) checkpointOf(s *trainState) error {
	step := s.step
	path := filepath.Join(rb.dir, fmt.Sprintf("step-%06d.safetensors", step))
	if err := s.write(path); err != nil {
		return err
	}
	rb.rec.Checkpoints = append(rb.rec.Checkpoints, RecordCheckpoint{Step: step, File: path, Hash: s.hash()})
	return nil
}

func (rb *recordBuilder) finish(run *dpoRun, losses []float64) *Record {
	rb.rec.Steps = run.total
	rb.rec.Losses = slices.Clone(losses)
	rb.rec.AdapterFinal = AdapterHash(run.a)
	return rb.rec
}

// RecordBuilder writes the checkpoints of a training run made by an engine
// other than TrainDPO (the GPU trainer of package lora/cuda) and assembles
// its record, in exactly the format TrainDPO writes.
type RecordBuilder struct{ b *recordBuilder }

// NewRecordBuilder starts the record of a run of adapter a on m (the
// model as trained, NF4 for QLoRA) over pairs with reference
// log-probabilities ref, options o (Resolved, CheckpointDir set) and
// optimizer adam, on device: "cpu" for a run that re-executes bit for bit
// on lora's CPU engine (tolerance 0), "cuda" for one that re-executes
// within tolerance, the largest L2 distance between a
// re-executed adapter and a checkpoint's (and the relative difference of
// losses and reference log-probabilities) that still counts as a match.
// It writes the reference file; call Checkpoint at step 0 next.
func NewRecordBuilder(m *Model, a *Adapter, pairs []Pair, ref []PairLogProbs, o DPOOptions, adam *AdamW, device string, tolerance float64) (*RecordBuilder, error) {
	switch {
	case o.CheckpointDir == "":
		return nil, errors.New("lora: record: no checkpoint directory")
	case device != "cpu" && device != "cuda":
		return nil, fmt.Errorf("lora: record: device %q (want cpu or cuda)", device)
	case device == "cpu" && tolerance != 0:
		return nil, fmt.Errorf("lora: record: a cpu record re-executes bit for bit; tolerance %v must be 0", tolerance)
	case device != "cpu" && !(tolerance > 0):
		return nil, fmt.Errorf("lora: record: a %s record needs a positive tolerance, not %v", device, tolerance)
	}
	b, err := newRecordBuilder(m, a, pairs, ref, o, adam)
	if err != nil {
		return nil, err
	}
	b.rec.Device, b.rec.Tolerance = device, tolerance
	if device != "cpu" {
		b.rec.Kernels = "" // SetKernels names them
	}
	return &RecordBuilder{b: b}, nil
}

// SetKernels names the kernels of a GPU run, "cuda sm_XX f32" or "cuda
// sm_XX bf16", so that the verifier holds the record to its policy's bound
// for that precision (a "cpu" record names ops.Kernels() by itself).
func (rb *RecordBuilder) SetKernels(kernels string) error {
	if rb.b.rec.Device == "cpu" {
		return fmt.Errorf("lora: record: a cpu record names its kernel set itself (%s), not %q", rb.b.rec.Kernels, kernels)
	}
	if _, err := DefaultVerifyPolicy.Tolerance(kernels, "go"); err != nil || !strings.HasPrefix(kernels, "cuda ") {
		return fmt.Errorf("lora: record: kernels %q are not \"cuda sm_XX f32\" or \"cuda sm_XX bf16\"", kernels)
	}
	rb.b.rec.Kernels = kernels
	return nil
}

// Checkpoint saves the state after step steps (0: before the first):
// a's weights and adam's moments, which must be current on the host.
func (rb *RecordBuilder) Checkpoint(step int, a *Adapter, adam *AdamW) error {
	return rb.b.checkpointOf(stateOfParams(a.Params(), adam, step, rb.b.hyper))
}

// Finish completes the record of a run of steps steps with the given
// per-step losses and final adapter a (unsigned: save the adapter, then
// Record.Save signs and writes it).
func (rb *RecordBuilder) Finish(steps int, losses []float64, a *Adapter) *Record {
	rb.b.rec.Steps = steps
	rb.b.rec.Losses = slices.Clone(losses)
	rb.b.rec.AdapterFinal = AdapterHash(a)
	return rb.b.rec
}
