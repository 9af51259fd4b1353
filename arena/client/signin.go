package client

import (
	"context"
	"crypto/ecdsa"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/rlfc/arena/arena/api"
	"github.com/rlfc/arena/arena/auth"
)

// SignIn signs in with a wallet key: it asks the server for a challenge,
// signs it (EIP-191 personal_sign), trades the signature for a bearer
// token and keeps that in c.Token for the requests that follow.
func (c *Client) SignIn(ctx context.Context, key *ecdsa.PrivateKey) (api.Token, error) {
	if key == nil {
		return api.Token{}, errors.New("client: sign in: no key")
	}
	addr := crypto.PubkeyToAddress(key.PublicKey).Hex()
	return c.SignInWith(ctx, addr, func(text string) ([]byte, error) { return auth.Sign(key, text) })
}

// SignInWith is SignIn for a key the client does not hold (a hardware
// wallet, a keystore unlocked elsewhere): sign must return the
// personal_sign signature of the text it is given.
//
// It signs only a well-formed sign-in message for address: a server
// cannot use it to get some other text signed.
func (c *Client) SignInWith(ctx context.Context, address string, sign func(text string) ([]byte, error)) (api.Token, error) {
	ch, err := c.Challenge(ctx, address)
	if err != nil {
		return api.Token{}, err
	}
	sig, err := sign(ch.Message)
	if err != nil {
		return api.Token{}, fmt.Errorf("client: sign in: signing: %w", err)
	}
	return c.Redeem(ctx, ch, sig)
}

// Challenge asks the server for a sign-in message for address, so that
// the player can read it before signing (see Redeem). It refuses a
// message that is not a well-formed sign-in for address: a server cannot
// use it to get some other text signed.
func (c *Client) Challenge(ctx context.Context, address string) (api.Challenge, error) {
	if !common.IsHexAddress(address) {
		return api.Challenge{}, fmt.Errorf("client: sign in: %q is not an address", address)
	}
	var ch api.Challenge
	if err := c.call(ctx, http.MethodPost, "/api/auth/challenge", nil, api.ChallengeRequest{Address: address}, &ch); err != nil {
		return api.Challenge{}, err
	}
	m, err := auth.ParseMessage(ch.Message)
	if err != nil {
		return api.Challenge{}, fmt.Errorf("client: sign in: the server's challenge is not a sign-in message: %w", err)
	}
	if common.HexToAddress(m.Address) != common.HexToAddress(address) {
		return api.Challenge{}, fmt.Errorf("client: sign in: the server's challenge is for %s, not %s", m.Address, address)
	}
	return ch, nil
}

// Redeem trades a challenge's personal_sign signature for a bearer
// token, and keeps that in c.Token for the requests that follow.
func (c *Client) Redeem(ctx context.Context, ch api.Challenge, sig []byte) (api.Token, error) {
	var tok api.Token
	req := api.SignInRequest{Message: ch.Message, Signature: "0x" + hex.EncodeToString(sig)}
	if err := c.call(ctx, http.MethodPost, "/api/auth/signin", nil, req, &tok); err != nil {
		return api.Token{}, err
	}
	c.Token = tok.Token
	return tok, nil
}
