// Package arena is the product's spine: the match engine, matchmaking,
// ratings, payouts, preference-pair extraction, the training loop and the
// HTTP, websocket and OpenAI-compatible server.
//
// It holds no numeric code (see package lora) and no chain code (see
// package contracts).
package arena
