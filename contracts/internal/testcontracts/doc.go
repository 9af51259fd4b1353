// Package testcontracts holds abigen --v2 bindings of the Solidity contracts
// used only by tests (contracts/src/test): a re-entrant payee and a mintable
// ERC-20. Generated; do not edit the other files by hand.
package testcontracts
