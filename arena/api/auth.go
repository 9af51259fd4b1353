package api

import "time"

// ChallengeRequest asks for a sign-in message (POST /api/auth/challenge).
type ChallengeRequest struct {
	// Address is the wallet signing in, 0x-prefixed hex.
	Address string `json:"address"`
}

// Challenge is a sign-in message to sign with personal_sign (EIP-191).
type Challenge struct {
	// Message is the Sign-In with Ethereum (EIP-4361) text, to be signed
	// exactly as it is.
	Message string `json:"message"`
	// Nonce is the message's single-use nonce.
	Nonce string `json:"nonce"`
	// Expires is when the message stops being accepted.
	Expires time.Time `json:"expires"`
}

// SignInRequest trades a signed message for a token (POST
// /api/auth/signin).
type SignInRequest struct {
	// Message is the challenge's text, unchanged.
	Message string `json:"message"`
	// Signature is the 65-byte personal_sign signature (r, s, V) as
	// 0x-prefixed hex.
	Signature string `json:"signature"`
}

// Token is a signed-in player's bearer token: requests carry it as
// "Authorization: Bearer <Token>".
type Token struct {
	Token string `json:"token"`
	// Address is the player's, in EIP-55 checksum case.
	Address string    `json:"address"`
	Expires time.Time `json:"expires"`
}

// Health is GET /healthz's answer.
type Health struct {
	OK bool `json:"ok"`
}
