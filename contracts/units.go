package contracts

import (
	"context"
	"fmt"
	"math/big"
	"strings"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/common"
)

// FormatUnits writes amount, counted in base units (wei), as a decimal number
// of whole units with decimals places (18 for ETH), exactly: no rounding,
// no trailing zeros. FormatUnits(12300000000000000, 18) is "0.0123".
func FormatUnits(amount *big.Int, decimals int) string {
	if amount == nil {
		return "0"
	}
	neg := amount.Sign() < 0
	digits := new(big.Int).Abs(amount).String()
	if decimals > 0 {
		if len(digits) <= decimals {
			digits = strings.Repeat("0", decimals-len(digits)+1) + digits
		}
		whole, frac := digits[:len(digits)-decimals], strings.TrimRight(digits[len(digits)-decimals:], "0")
		digits = whole
		if frac != "" {
			digits += "." + frac
		}
	}
	if neg {
		return "-" + digits
	}
	return digits
}

// Token is what an ERC-20 token says about itself, for showing amounts.
type Token struct {
	Address  common.Address
	Symbol   string // "" when the token has no symbol()
	Decimals int    // -1 when the token has no decimals(): show base units
}

var (
	erc20Symbol   = []byte{0x95, 0xd8, 0x9b, 0x41} // symbol()
	erc20Decimals = []byte{0x31, 0x3c, 0xe5, 0x67} // decimals()
	stringOut     = mustArgs("string", "")
	uint8Out      = mustArgs("uint8", "")
)

// TokenInfo reads an ERC-20 token's symbol and decimals. Both are optional in
// ERC-20, so a token without them is not an error; an address without code
// is.
func (c *Client) TokenInfo(ctx context.Context, token common.Address) (Token, error) {
	code, err := c.b.CodeAt(ctx, token, nil)
	if err != nil {
		return Token{}, fmt.Errorf("read the code of token %s: %w", token.Hex(), err)
	}
	if len(code) == 0 {
		return Token{}, fmt.Errorf("token %s: no contract at that address on chain %s", token.Hex(), c.chainID)
	}
	t := Token{Address: token, Decimals: -1}
	if out, err := c.b.CallContract(ctx, ethereum.CallMsg{To: &token, Data: erc20Decimals}, nil); err == nil {
		if v, err := uint8Out.Unpack(out); err == nil {
			t.Decimals = int(v[0].(uint8))
		}
	}
	if out, err := c.b.CallContract(ctx, ethereum.CallMsg{To: &token, Data: erc20Symbol}, nil); err == nil {
		if v, err := stringOut.Unpack(out); err == nil {
			t.Symbol = cleanSymbol(v[0].(string))
		}
	}
	return t, nil
}

// cleanSymbol keeps a token symbol that is short printable ASCII. A symbol
// is whatever the token's deployer chose, and printing control characters
// to a terminal lets them rewrite what the player sees.
func cleanSymbol(s string) string {
	if len(s) == 0 || len(s) > 16 {
		return ""
	}
	for _, r := range s {
		if r <= ' ' || r > '~' {
			return ""
		}
	}
	return s
}
