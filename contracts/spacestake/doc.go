// Package spacestake is the Go binding of the SpaceStake contract, generated
// by go-ethereum's `abigen --v2` from contracts/build/SpaceStake.abi and .bin
// (see `make contracts`). Do not edit spacestake.go by hand; the contracts
// package's tests fail when it is out of date.
package spacestake
