package contracts

import (
	"crypto/ecdsa"
	"errors"
	"fmt"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/contracts/spacestake"
)

// EIP-712 domain of the SpaceStake contract; must match its constructor.
const (
	DomainName    = "Arena SpaceStake"
	DomainVersion = "1"
)

var (
	domainTypeHash = crypto.Keccak256Hash([]byte(
		"EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)"))
	// SettlementTypeHash is the EIP-712 type hash of a Settlement, the same
	// string the contract hashes into SETTLEMENT_TYPEHASH.
	SettlementTypeHash = crypto.Keccak256Hash([]byte(
		"Settlement(bytes32 matchId,uint256 spaceId,uint256[] tickets,address[] payees,uint256[] amounts,uint256[] slashed,uint256 rake,uint256 deadline)"))

	maxUint256 = new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 256), big.NewInt(1))
	// secp256k1 half order: signatures with a larger s are malleable copies,
	// which OpenZeppelin's ECDSA (and so the contract) rejects.
	secp256k1HalfN = new(big.Int).Rsh(crypto.S256().Params().N, 1)
)

// Domain is the EIP-712 domain a settlement is signed under: one deployed
// SpaceStake contract on one chain.
type Domain struct {
	Name              string
	Version           string
	ChainID           *big.Int
	VerifyingContract common.Address
}

// NewDomain returns the domain of the SpaceStake contract at addr on chainID.
func NewDomain(chainID *big.Int, addr common.Address) Domain {
	return Domain{Name: DomainName, Version: DomainVersion, ChainID: new(big.Int).Set(chainID), VerifyingContract: addr}
}

// Separator is the EIP-712 domain separator (the contract's domainSeparator()).
func (d Domain) Separator() (common.Hash, error) {
	if err := checkUint256("chain id", d.ChainID); err != nil {
		return common.Hash{}, err
	}
	return crypto.Keccak256Hash(
		domainTypeHash[:],
		crypto.Keccak256([]byte(d.Name)),
		crypto.Keccak256([]byte(d.Version)),
		word(d.ChainID),
		common.LeftPadBytes(d.VerifyingContract[:], 32),
	), nil
}

// Settlement is one match's outcome as the operator signs it; it mirrors the
// contract's Settlement struct field for field. All integers are uint256.
type Settlement struct {
	MatchID  common.Hash      // unique per match; settled at most once
	SpaceID  *big.Int         // the Space every ticket belongs to
	Tickets  []*big.Int       // entry tickets consumed; their fees form the pool
	Payees   []common.Address // accounts credited in the Space's token
	Amounts  []*big.Int       // one per payee
	Slashed  []*big.Int       // tickets (among Tickets) whose players lose their bond
	Rake     *big.Int         // the house's cut; it and the pool's remainder go to the treasury
	Deadline *big.Int         // unix time after which the contract refuses the signature
}

// Validate reports the first structural problem the contract would reject
// (or that could not even be encoded), so a bad settlement is caught before
// it is signed or sent. It cannot check the pool: that needs the chain.
func (s Settlement) Validate() error {
	if len(s.Tickets) == 0 {
		return errors.New("settlement: no tickets")
	}
	if len(s.Payees) != len(s.Amounts) {
		return fmt.Errorf("settlement: %d payees but %d amounts", len(s.Payees), len(s.Amounts))
	}
	if err := checkUint256("space id", s.SpaceID); err != nil {
		return err
	}
	if err := checkUint256("rake", s.Rake); err != nil {
		return err
	}
	if err := checkUint256("deadline", s.Deadline); err != nil {
		return err
	}
	for i, t := range s.Tickets {
		if err := checkUint256(fmt.Sprintf("ticket %d", i), t); err != nil {
			return err
		}
	}
	total := new(big.Int).Set(s.Rake)
	for i, a := range s.Amounts {
		if err := checkUint256(fmt.Sprintf("amount %d", i), a); err != nil {
			return err
		}
		if s.Payees[i] == (common.Address{}) {
			return fmt.Errorf("settlement: payee %d is the zero address", i)
		}
		total.Add(total, a)
	}
	if total.Cmp(maxUint256) > 0 {
		return errors.New("settlement: amounts plus rake overflow uint256")
	}
	for i, t := range s.Slashed {
		if err := checkUint256(fmt.Sprintf("slashed ticket %d", i), t); err != nil {
			return err
		}
		if !containsInt(s.Tickets, t) {
			return fmt.Errorf("settlement: slashed ticket %s is not among its tickets", t)
		}
	}
	return nil
}

// StructHash is the EIP-712 hashStruct of the settlement.
func (s Settlement) StructHash() (common.Hash, error) {
	if err := s.Validate(); err != nil {
		return common.Hash{}, err
	}
	payees := make([]byte, 0, 32*len(s.Payees))
	for _, p := range s.Payees {
		payees = append(payees, common.LeftPadBytes(p[:], 32)...)
	}
	return crypto.Keccak256Hash(
		SettlementTypeHash[:],
		s.MatchID[:],
		word(s.SpaceID),
		crypto.Keccak256(words(s.Tickets)),
		crypto.Keccak256(payees),
		crypto.Keccak256(words(s.Amounts)),
		crypto.Keccak256(words(s.Slashed)),
		word(s.Rake),
		word(s.Deadline),
	), nil
}

// SettlementHash is the EIP-712 digest of s under domain d: what the operator
// signs and what the contract's hashSettlement returns.
func SettlementHash(d Domain, s Settlement) (common.Hash, error) {
	sep, err := d.Separator()
	if err != nil {
		return common.Hash{}, err
	}
	structHash, err := s.StructHash()
	if err != nil {
		return common.Hash{}, err
	}
	return crypto.Keccak256Hash([]byte{0x19, 0x01}, sep[:], structHash[:]), nil
}

// SignSettlement signs s under domain d with the operator's key. The 65-byte
// signature is r || s || v with v = 27 or 28, the form OpenZeppelin's ECDSA
// expects.
func SignSettlement(key *ecdsa.PrivateKey, d Domain, s Settlement) ([]byte, error) {
	digest, err := SettlementHash(d, s)
	if err != nil {
		return nil, err
	}
	sig, err := crypto.Sign(digest[:], key)
	if err != nil {
		return nil, fmt.Errorf("sign settlement: %w", err)
	}
	sig[64] += 27
	return sig, nil
}

// Signature errors, named after what is wrong with the signature.
var (
	ErrSignatureLength = errors.New("settlement signature: not 65 bytes")
	ErrSignatureV      = errors.New("settlement signature: v is not 27 or 28")
	ErrSignatureS      = errors.New("settlement signature: s is in the upper half of the curve order (malleable)")
	ErrSignatureRS     = errors.New("settlement signature: r or s is zero or not below the curve order")
)

// RecoverSettlementSigner returns the address that signed s under d. It
// accepts exactly the signatures the contract accepts (65 bytes, v 27/28,
// low s), so a signature that recovers here also recovers on chain.
func RecoverSettlementSigner(d Domain, s Settlement, sig []byte) (common.Address, error) {
	if len(sig) != 65 {
		return common.Address{}, ErrSignatureLength
	}
	v := sig[64]
	if v != 27 && v != 28 {
		return common.Address{}, ErrSignatureV
	}
	r, sv := new(big.Int).SetBytes(sig[:32]), new(big.Int).SetBytes(sig[32:64])
	if sv.Cmp(secp256k1HalfN) > 0 {
		return common.Address{}, ErrSignatureS
	}
	if !crypto.ValidateSignatureValues(v-27, r, sv, true) {
		return common.Address{}, ErrSignatureRS
	}
	digest, err := SettlementHash(d, s)
	if err != nil {
		return common.Address{}, err
	}
	raw := make([]byte, 65)
	copy(raw, sig)
	raw[64] = v - 27
	pub, err := crypto.SigToPub(digest[:], raw)
	if err != nil {
		return common.Address{}, fmt.Errorf("settlement signature: %w", err)
	}
	return crypto.PubkeyToAddress(*pub), nil
}

// Binding converts s to the generated binding's struct, for packing calls.
func (s Settlement) Binding() spacestake.SpaceStakeSettlement {
	return spacestake.SpaceStakeSettlement{
		MatchId:  s.MatchID,
		SpaceId:  s.SpaceID,
		Tickets:  s.Tickets,
		Payees:   s.Payees,
		Amounts:  s.Amounts,
		Slashed:  s.Slashed,
		Rake:     s.Rake,
		Deadline: s.Deadline,
	}
}

// SettlementFromBinding converts the generated binding's struct back.
func SettlementFromBinding(b spacestake.SpaceStakeSettlement) Settlement {
	return Settlement{
		MatchID:  b.MatchId,
		SpaceID:  b.SpaceId,
		Tickets:  b.Tickets,
		Payees:   b.Payees,
		Amounts:  b.Amounts,
		Slashed:  b.Slashed,
		Rake:     b.Rake,
		Deadline: b.Deadline,
	}
}

// SignedSettlement is a settlement with the operator's signature, as it goes
// into a settle or settleBatch call.
type SignedSettlement struct {
	Settlement Settlement
	Signature  []byte
}

var spaceStakeABI = func() *abi.ABI {
	parsed, err := spacestake.SpaceStakeMetaData.ParseABI()
	if err != nil {
		panic(fmt.Sprintf("contracts: the generated SpaceStake ABI does not parse: %v", err))
	}
	return parsed
}()

// DecodeSettlementCall decodes the input of a settle or settleBatch
// transaction, as found in a pending or mined transaction, into its signed
// settlements. It is how a restarted server learns what it had already sent.
// Any other input, or one not in the canonical ABI layout, is an error;
// every decoded settlement passes Validate.
func DecodeSettlementCall(input []byte) ([]SignedSettlement, error) {
	if len(input) < 4 {
		return nil, errors.New("settlement call: input shorter than a selector")
	}
	if len(input) > MaxSettlementCallSize {
		return nil, fmt.Errorf("settlement call: %d bytes, more than %d", len(input), MaxSettlementCallSize)
	}
	method, err := spaceStakeABI.MethodById(input[:4])
	if err != nil {
		return nil, fmt.Errorf("settlement call: %w", err)
	}
	if method.Name != "settle" && method.Name != "settleBatch" {
		return nil, fmt.Errorf("settlement call: method %s is not settle or settleBatch", method.Name)
	}
	if err := checkCanonicalLayout(input[4:], method.Name == "settleBatch"); err != nil {
		return nil, fmt.Errorf("settlement call %s: not canonically encoded: %w", method.Name, err)
	}
	args, err := method.Inputs.Unpack(input[4:])
	if err != nil {
		return nil, fmt.Errorf("settlement call %s: %w", method.Name, err)
	}
	var out []SignedSettlement
	switch method.Name {
	case "settle":
		s := *abi.ConvertType(args[0], new(spacestake.SpaceStakeSettlement)).(*spacestake.SpaceStakeSettlement)
		out = []SignedSettlement{{Settlement: SettlementFromBinding(s), Signature: args[1].([]byte)}}
	case "settleBatch":
		ss := *abi.ConvertType(args[0], new([]spacestake.SpaceStakeSettlement)).(*[]spacestake.SpaceStakeSettlement)
		sigs := args[1].([][]byte)
		if len(ss) != len(sigs) {
			return nil, fmt.Errorf("settlement call settleBatch: %d settlements but %d signatures", len(ss), len(sigs))
		}
		for i := range ss {
			out = append(out, SignedSettlement{Settlement: SettlementFromBinding(ss[i]), Signature: sigs[i]})
		}
	default:
		return nil, fmt.Errorf("settlement call: method %s is not settle or settleBatch", method.Name)
	}
	for i, s := range out {
		if err := s.Settlement.Validate(); err != nil {
			return nil, fmt.Errorf("settlement call %s, settlement %d: %w", method.Name, i, err)
		}
	}
	return out, nil
}

// checkUint256 rejects a nil, negative or too large value with its name.
func checkUint256(name string, x *big.Int) error {
	switch {
	case x == nil:
		return fmt.Errorf("settlement: %s is missing", name)
	case x.Sign() < 0:
		return fmt.Errorf("settlement: %s is negative", name)
	case x.BitLen() > 256:
		return fmt.Errorf("settlement: %s does not fit in uint256", name)
	}
	return nil
}

// word is x as a 32-byte big-endian ABI word; x must be a valid uint256.
func word(x *big.Int) []byte { return x.FillBytes(make([]byte, 32)) }

func words(xs []*big.Int) []byte {
	out := make([]byte, 0, 32*len(xs))
	for _, x := range xs {
		out = append(out, word(x)...)
	}
	return out
}

func containsInt(xs []*big.Int, x *big.Int) bool {
	for _, y := range xs {
		if y.Cmp(x) == 0 {
			return true
		}
	}
	return false
}
