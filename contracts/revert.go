package contracts

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/rpc"
)

// RevertError is a call or transaction that SpaceStake refused, decoded from
// the revert data the node returned. Error() reads like
// `SpaceStake reverted: TicketClosed(ticketId=5)`.
type RevertError struct {
	// Name is the Solidity custom error ("TicketClosed"), "Error" for a
	// require message, "Panic" for a failed assert or arithmetic, or "" when
	// the data matches no error this package knows.
	Name string
	// Args are the error's arguments in declaration order.
	Args []RevertArg
	// Data is the raw revert data: a 4-byte selector and ABI-encoded arguments.
	Data []byte
}

// RevertArg is one named argument of a custom error.
type RevertArg struct {
	Name  string
	Value any // *big.Int, common.Address, [32]byte, string, bool, ...
}

// Arg returns the argument called name.
func (e *RevertError) Arg(name string) (any, bool) {
	for _, a := range e.Args {
		if a.Name == name {
			return a.Value, true
		}
	}
	return nil, false
}

func (e *RevertError) Error() string {
	switch {
	case e.Name == "" && len(e.Data) == 0:
		return "SpaceStake reverted without a reason"
	case e.Name == "":
		return "SpaceStake reverted with unknown error data 0x" + hex.EncodeToString(e.Data)
	}
	var b strings.Builder
	b.WriteString("SpaceStake reverted: ")
	b.WriteString(e.Name)
	b.WriteByte('(')
	if e.Args == nil && len(e.Data) > 4 {
		// The selector matched but the arguments did not decode.
		fmt.Fprintf(&b, "undecodable arguments 0x%x", e.Data[4:])
	}
	for i, a := range e.Args {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.Name)
		b.WriteByte('=')
		b.WriteString(formatArg(a.Value))
	}
	b.WriteByte(')')
	if e.Name == "Panic" {
		// The code alone means little; the ABI package knows what it stands for.
		if reason, err := abi.UnpackRevert(e.Data); err == nil {
			b.WriteString(": " + reason)
		}
	}
	return b.String()
}

// formatArg prints an argument the way a Solidity developer writes it:
// numbers in decimal, addresses checksummed, bytes in 0x hex.
func formatArg(v any) string {
	switch x := v.(type) {
	case *big.Int:
		return x.String()
	case common.Address:
		return x.Hex()
	case [32]byte:
		return "0x" + hex.EncodeToString(x[:])
	case []byte:
		return "0x" + hex.EncodeToString(x)
	case string:
		return fmt.Sprintf("%q", x)
	default:
		return fmt.Sprint(v)
	}
}

var (
	errorSelector = crypto.Keccak256([]byte("Error(string)"))[:4]
	panicSelector = crypto.Keccak256([]byte("Panic(uint256)"))[:4]
	stringArgs    = mustArgs("string", "reason")
	uint256Args   = mustArgs("uint256", "code")
)

func mustArgs(typ, name string) abi.Arguments {
	t, err := abi.NewType(typ, "", nil)
	if err != nil {
		panic(err)
	}
	return abi.Arguments{{Name: name, Type: t}}
}

// DecodeRevert decodes revert data: SpaceStake's custom errors, Solidity's
// Error(string) and Panic(uint256), and the custom errors of any extra ABIs
// (a token or another contract that the call went through). It always returns
// an error value; one whose selector is unknown has an empty Name.
func DecodeRevert(data []byte, extra ...abi.ABI) *RevertError {
	e := &RevertError{Data: bytes.Clone(data)}
	if len(data) < 4 {
		return e
	}
	switch {
	case bytes.Equal(data[:4], errorSelector):
		e.Name = "Error"
		e.Args = unpackArgs(stringArgs, data[4:])
		return e
	case bytes.Equal(data[:4], panicSelector):
		e.Name = "Panic"
		e.Args = unpackArgs(uint256Args, data[4:])
		return e
	}
	for _, a := range append([]abi.ABI{*spaceStakeABI}, extra...) {
		for name, ae := range a.Errors {
			if bytes.Equal(ae.ID[:4], data[:4]) {
				e.Name = name
				e.Args = unpackArgs(ae.Inputs, data[4:])
				return e
			}
		}
	}
	return e
}

// unpackArgs decodes arguments by name, or returns nil when they do not
// decode (RevertError.Error then shows the raw bytes).
func unpackArgs(args abi.Arguments, data []byte) []RevertArg {
	values, err := args.Unpack(data)
	if err != nil || len(values) != len(args) {
		return nil
	}
	out := make([]RevertArg, len(args))
	for i, a := range args {
		out[i] = RevertArg{Name: a.Name, Value: values[i]}
	}
	return out
}

// ParseRevertError finds the revert data in an error returned by a node
// (eth_call or eth_estimateGas answer a revert with an error carrying the data
// as hex) and decodes it with DecodeRevert. It returns nil when err carries no
// revert data. An err that already wraps a *RevertError returns that one.
func ParseRevertError(err error, extra ...abi.ABI) *RevertError {
	if err == nil {
		return nil
	}
	var re *RevertError
	if errors.As(err, &re) {
		return re
	}
	var de rpc.DataError
	if !errors.As(err, &de) {
		return nil
	}
	s, ok := de.ErrorData().(string)
	if !ok {
		return nil
	}
	data, herr := hex.DecodeString(strings.TrimPrefix(s, "0x"))
	if herr != nil {
		return nil
	}
	return DecodeRevert(data, extra...)
}
