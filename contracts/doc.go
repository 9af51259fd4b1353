// Package contracts holds the chain side of the arena: the Solidity sources
// and their compiled artifacts, the generated Go bindings, the chain client
// (simulated or RPC), keystore wallets and settlement signing.
//
// It does not import the arena.
package contracts
