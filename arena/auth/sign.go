package auth

import (
	"crypto/ecdsa"
	"fmt"
	"math/big"
	"strconv"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
)

// SignatureLength is the length of a personal_sign signature: r, s and
// the recovery id V.
const SignatureLength = 65

// Sign signs text as a wallet's personal_sign does (EIP-191: the hash of
// "\x19Ethereum Signed Message:\n" + length + text), returning r || s || V
// with V 27 or 28, the form wallets return.
func Sign(key *ecdsa.PrivateKey, text string) ([]byte, error) {
	if key == nil {
		return nil, fail("sign", Invalid, "no key")
	}
	sig, err := crypto.Sign(TextHash(text), key)
	if err != nil {
		return nil, fail("sign", Invalid, err.Error())
	}
	sig[crypto.RecoveryIDOffset] += 27
	return sig, nil
}

// TextHash is the hash personal_sign signs (EIP-191 version 0x45):
// keccak256("\x19Ethereum Signed Message:\n" + len(text) + text). It is
// go-ethereum's accounts.TextHash, written out here because importing
// package accounts pulls in the whole transaction machinery.
func TextHash(text string) []byte {
	return crypto.Keccak256([]byte("\x19Ethereum Signed Message:\n" + strconv.Itoa(len(text)) + text))
}

// Recover returns the address whose key made sig over text with
// personal_sign. It accepts V as 27 or 28 (wallets) or 0 or 1 (raw
// secp256k1 recovery ids, as some libraries give), and refuses anything
// else, including r or s out of range.
func Recover(text string, sig []byte) (common.Address, error) {
	if len(sig) != SignatureLength {
		return common.Address{}, fail("recover", Invalid, fmt.Sprintf("signature is %d bytes long, want %d (r, s and V)", len(sig), SignatureLength))
	}
	s := make([]byte, SignatureLength)
	copy(s, sig)
	v := s[crypto.RecoveryIDOffset]
	if v >= 27 {
		v -= 27
	}
	if v > 1 {
		return common.Address{}, fail("recover", Invalid, fmt.Sprintf("signature's V is %d, want 27 or 28 (or 0 or 1)", sig[crypto.RecoveryIDOffset]))
	}
	s[crypto.RecoveryIDOffset] = v
	r, ss := new(big.Int).SetBytes(s[:32]), new(big.Int).SetBytes(s[32:64])
	if !crypto.ValidateSignatureValues(v, r, ss, false) {
		return common.Address{}, fail("recover", Invalid, "signature's r or s is out of range")
	}
	pub, err := crypto.SigToPub(TextHash(text), s)
	if err != nil {
		return common.Address{}, fail("recover", Unauthorized, "signature does not recover to a key: "+err.Error())
	}
	return crypto.PubkeyToAddress(*pub), nil
}
