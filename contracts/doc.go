// Package contracts holds the chain side of the arena: the Solidity sources
// and their compiled artifacts, the generated Go bindings, the chain client
// (simulated or RPC), keystore wallets and settlement signing.
//
// It does not import the arena.
//
// Layout:
//
//	src/               Solidity: SpaceStake.sol, and src/test/ contracts used only by tests
//	package.json       pinned solc-js and OpenZeppelin (npm ci installs them)
//	build.mjs          compiles src/ with an explicit evmVersion (osaka) and optimizer settings
//	build/             input.json (the exact standard-JSON input), <Name>.abi and <Name>.bin
//	spacestake/        abigen --v2 binding of SpaceStake
//	internal/testcontracts/  abigen --v2 bindings of the test contracts
//
// `make contracts` rebuilds build/ and the bindings; only it needs Node. The
// tests fail when the committed bindings, artifacts or input.json are stale.
//
// Settlements are EIP-712 typed data (domain "Arena SpaceStake", version "1");
// SignSettlement and SettlementHash here produce exactly what the contract
// verifies, and DecodeSettlementCall reads them back out of a transaction.
//
// Client talks to one deployed contract through any node (Dial, for JSON-RPC)
// or in-process backend (NewClient): reads, transactions that wait until
// mined, and decoded events. A call the contract refuses comes back as a
// *RevertError naming the custom error and its arguments. Dev is an
// in-process chain with the contract deployed that mines each transaction at
// once, like geth --dev; ServeRPC puts it on a loopback JSON-RPC endpoint.
// UUIDKey and ChainSpaceID map the arena's ids to the contract's.
package contracts
