package contracts

import (
	"bytes"
	"context"
	"errors"
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/math"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	"github.com/rlfc/arena/contracts/spacestake"
)

func sampleSettlement() Settlement {
	return Settlement{
		MatchID:  crypto.Keccak256Hash([]byte("sample match")),
		SpaceID:  big.NewInt(3),
		Tickets:  bigs(11, 12, 13),
		Payees:   []common.Address{common.HexToAddress("0x00000000000000000000000000000000000000aa"), common.HexToAddress("0xbb00000000000000000000000000000000000001")},
		Amounts:  bigs(700, 200),
		Slashed:  bigs(13),
		Rake:     big.NewInt(50),
		Deadline: big.NewInt(1_900_000_000),
	}
}

// TestSettlementHashMatchesEIP712 checks our direct hashing against
// go-ethereum's generic EIP-712 implementation (the one wallets' eth_signTypedData
// goes through), an independent encoding of the same typed data.
func TestSettlementHashMatchesEIP712(t *testing.T) {
	s := sampleSettlement()
	d := NewDomain(big.NewInt(1), common.HexToAddress("0x1234567890123456789012345678901234567890"))
	strs := func(xs []*big.Int) []any {
		out := make([]any, len(xs))
		for i, x := range xs {
			out[i] = x.String()
		}
		return out
	}
	payees := make([]any, len(s.Payees))
	for i, p := range s.Payees {
		payees[i] = p.Hex()
	}
	td := apitypes.TypedData{
		Types: apitypes.Types{
			"EIP712Domain": {
				{Name: "name", Type: "string"},
				{Name: "version", Type: "string"},
				{Name: "chainId", Type: "uint256"},
				{Name: "verifyingContract", Type: "address"},
			},
			"Settlement": {
				{Name: "matchId", Type: "bytes32"},
				{Name: "spaceId", Type: "uint256"},
				{Name: "tickets", Type: "uint256[]"},
				{Name: "payees", Type: "address[]"},
				{Name: "amounts", Type: "uint256[]"},
				{Name: "slashed", Type: "uint256[]"},
				{Name: "rake", Type: "uint256"},
				{Name: "deadline", Type: "uint256"},
			},
		},
		PrimaryType: "Settlement",
		Domain: apitypes.TypedDataDomain{
			Name:              d.Name,
			Version:           d.Version,
			ChainId:           (*math.HexOrDecimal256)(d.ChainID),
			VerifyingContract: d.VerifyingContract.Hex(),
		},
		Message: apitypes.TypedDataMessage{
			"matchId":  s.MatchID.Hex(),
			"spaceId":  s.SpaceID.String(),
			"tickets":  strs(s.Tickets),
			"payees":   payees,
			"amounts":  strs(s.Amounts),
			"slashed":  strs(s.Slashed),
			"rake":     s.Rake.String(),
			"deadline": s.Deadline.String(),
		},
	}
	want, _, err := apitypes.TypedDataAndHash(td)
	if err != nil {
		t.Fatal(err)
	}
	got, err := SettlementHash(d, s)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got[:], want) {
		t.Fatalf("SettlementHash = %x, go-ethereum's EIP-712 gives %x", got, want)
	}
}

func TestSignAndRecover(t *testing.T) {
	key := testKey("operator")
	d := NewDomain(big.NewInt(1337), common.HexToAddress("0x99"))
	s := sampleSettlement()
	sig, err := SignSettlement(key, d, s)
	if err != nil {
		t.Fatal(err)
	}
	if len(sig) != 65 || (sig[64] != 27 && sig[64] != 28) {
		t.Fatalf("signature %x is not r||s||v with v 27/28", sig)
	}
	got, err := RecoverSettlementSigner(d, s, sig)
	if err != nil || got != addrOf(key) {
		t.Fatalf("recovered %s, %v; want %s", got, err, addrOf(key))
	}

	// Another domain (chain or contract) or another settlement recovers someone else.
	other := NewDomain(big.NewInt(1), d.VerifyingContract)
	if got, _ := RecoverSettlementSigner(other, s, sig); got == addrOf(key) {
		t.Fatal("signature valid under another chain id")
	}
	s2 := sampleSettlement()
	s2.Amounts[0] = big.NewInt(701)
	if got, _ := RecoverSettlementSigner(d, s2, sig); got == addrOf(key) {
		t.Fatal("signature valid for changed amounts")
	}

	// Malformed signatures get the error that names the problem.
	highS := append([]byte(nil), sig...)
	sv := new(big.Int).Sub(crypto.S256().Params().N, new(big.Int).SetBytes(sig[32:64]))
	sv.FillBytes(highS[32:64])
	highS[64] = 27 + 28 - highS[64] // the malleable twin: (r, n-s, the other v)
	for name, tc := range map[string]struct {
		sig  []byte
		want error
	}{
		"short":  {sig[:64], ErrSignatureLength},
		"v=1":    {append(append([]byte(nil), sig[:64]...), 1), ErrSignatureV},
		"high s": {highS, ErrSignatureS},
		"zero r": {append(make([]byte, 32), sig[32:]...), ErrSignatureRS},
	} {
		if _, err := RecoverSettlementSigner(d, s, tc.sig); !errors.Is(err, tc.want) {
			t.Errorf("%s: err = %v, want %v", name, err, tc.want)
		}
	}
}

func TestSettlementValidate(t *testing.T) {
	for name, mutate := range map[string]func(*Settlement){
		"no tickets":          func(s *Settlement) { s.Tickets = nil },
		"payees/amounts":      func(s *Settlement) { s.Amounts = s.Amounts[:1] },
		"nil rake":            func(s *Settlement) { s.Rake = nil },
		"negative amount":     func(s *Settlement) { s.Amounts[0] = big.NewInt(-1) },
		"ticket over uint256": func(s *Settlement) { s.Tickets[0] = new(big.Int).Lsh(big.NewInt(1), 256) },
		"zero payee":          func(s *Settlement) { s.Payees[0] = common.Address{} },
		"slashed not listed":  func(s *Settlement) { s.Slashed = bigs(99) },
		"sum overflows": func(s *Settlement) {
			s.Amounts[0] = new(big.Int).Set(maxUint256)
			s.Amounts[1] = big.NewInt(1)
		},
	} {
		s := sampleSettlement()
		mutate(&s)
		if err := s.Validate(); err == nil {
			t.Errorf("%s: Validate accepted it", name)
		}
		if _, err := SettlementHash(NewDomain(big.NewInt(1), common.Address{}), s); err == nil {
			t.Errorf("%s: SettlementHash accepted it", name)
		}
	}
	if err := sampleSettlement().Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestDecodeSettlementCall(t *testing.T) {
	s := sampleSettlement()
	sig := bytes.Repeat([]byte{7}, 65)
	got, err := DecodeSettlementCall(stakeABI.PackSettle(s.Binding(), sig))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || !sameSettlement(got[0].Settlement, s) || !bytes.Equal(got[0].Signature, sig) {
		t.Fatalf("decoded %+v", got)
	}
	s2 := sampleSettlement()
	s2.MatchID = common.Hash{9}
	got, err = DecodeSettlementCall(stakeABI.PackSettleBatch(
		[]spacestake.SpaceStakeSettlement{s.Binding(), s2.Binding()}, [][]byte{sig, {1, 2}}))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !sameSettlement(got[1].Settlement, s2) || !bytes.Equal(got[1].Signature, []byte{1, 2}) {
		t.Fatalf("decoded batch %+v", got)
	}
	// Aliased offsets (two batch items pointing at the same tuple) decode fine
	// in go-ethereum but are refused: they let small inputs decode huge.
	aliased := stakeABI.PackSettleBatch([]spacestake.SpaceStakeSettlement{s.Binding(), s.Binding()}, [][]byte{sig, sig})
	// selector | off(arr) | off(sigs) | arr: len | off0 | off1 ...
	copy(aliased[4+32*4:4+32*5], aliased[4+32*3:4+32*4])
	if _, err := DecodeSettlementCall(aliased); err == nil {
		t.Fatal("decoded a batch whose items share one encoding")
	}
	if _, err := DecodeSettlementCall(stakeABI.PackWithdraw(common.Address{})); err == nil {
		t.Fatal("decoded a withdraw call as a settlement")
	}
	if _, err := DecodeSettlementCall([]byte{1, 2}); err == nil {
		t.Fatal("decoded two bytes")
	}
}

func sameSettlement(a, b Settlement) bool {
	ha, errA := a.StructHash()
	hb, errB := b.StructHash()
	return errA == nil && errB == nil && ha == hb
}

// FuzzSettlementDecode: any input either fails to decode with an error, or
// decodes to settlements that re-encode and decode to the same thing.
func FuzzSettlementDecode(f *testing.F) {
	s := sampleSettlement()
	f.Add(stakeABI.PackSettle(s.Binding(), bytes.Repeat([]byte{1}, 65)))
	f.Add(stakeABI.PackSettleBatch([]spacestake.SpaceStakeSettlement{s.Binding()}, [][]byte{{1}}))
	f.Add(stakeABI.PackWithdraw(common.Address{}))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, input []byte) {
		got, err := DecodeSettlementCall(input)
		if err != nil {
			return
		}
		var batch []spacestake.SpaceStakeSettlement
		var sigs [][]byte
		for _, ss := range got {
			batch = append(batch, ss.Settlement.Binding())
			sigs = append(sigs, ss.Signature)
		}
		again, err := DecodeSettlementCall(stakeABI.PackSettleBatch(batch, sigs))
		if err != nil {
			t.Fatalf("re-encoded settlements do not decode: %v", err)
		}
		for i := range got {
			if !sameSettlement(got[i].Settlement, again[i].Settlement) || !bytes.Equal(got[i].Signature, again[i].Signature) {
				t.Fatalf("settlement %d changed in a round trip", i)
			}
		}
	})
}

// FuzzRecoverSettlementSigner: arbitrary signature bytes never panic, and any
// signature that recovers is in the canonical form the contract accepts.
func FuzzRecoverSettlementSigner(f *testing.F) {
	key := testKey("operator")
	d := NewDomain(big.NewInt(1337), common.HexToAddress("0x99"))
	s := sampleSettlement()
	sig, err := SignSettlement(key, d, s)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(sig, int64(700))
	f.Add(sig[:64], int64(700))
	f.Add(make([]byte, 65), int64(0))
	f.Fuzz(func(t *testing.T, sig []byte, amount int64) {
		s := sampleSettlement()
		s.Amounts[0] = big.NewInt(amount)
		addr, err := RecoverSettlementSigner(d, s, sig)
		if err != nil {
			return
		}
		if len(sig) != 65 || (sig[64] != 27 && sig[64] != 28) || new(big.Int).SetBytes(sig[32:64]).Cmp(secp256k1HalfN) > 0 {
			t.Fatalf("accepted a non-canonical signature %x", sig)
		}
		if addr == addrOf(key) && amount != 700 {
			t.Fatalf("operator's signature valid for amount %d", amount)
		}
	})
}

// TestMainnetRules checks the simulated chain really runs Osaka: EIP-7825
// caps a transaction's gas at 2^24, which earlier forks do not.
func TestMainnetRules(t *testing.T) {
	cfg := MainnetRulesConfig(simChainID)
	if !cfg.IsOsaka(big.NewInt(0), 0) || cfg.IsAmsterdam(big.NewInt(0), 0) {
		t.Fatal("config is not Osaka-and-no-later")
	}
	c := newChain(t, 0)
	ctx := context.Background()
	nonce, err := c.client.PendingNonceAt(ctx, addrOf(c.relayer))
	if err != nil {
		t.Fatal(err)
	}
	tip := big.NewInt(1e9)
	head, err := c.client.HeaderByNumber(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	feeCap := new(big.Int).Add(tip, new(big.Int).Mul(head.BaseFee, big.NewInt(2)))
	to := addrOf(c.owner)
	tx, err := types.SignNewTx(c.relayer, types.LatestSignerForChainID(simChainID), &types.DynamicFeeTx{
		ChainID: simChainID, Nonce: nonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: 1<<24 + 1, To: &to,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.client.SendTransaction(ctx, tx); err == nil {
		t.Fatal("a transaction over the Osaka gas cap was accepted")
	}
}
