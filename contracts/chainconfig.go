package contracts

import (
	"math/big"

	"github.com/ethereum/go-ethereum/params"
)

// MainnetRulesConfig returns a chain config for a development chain (the
// simulated backend, geth --dev) that runs Ethereum mainnet's current rules
// from genesis: every fork up to and including Osaka and its blob-parameter
// forks BPO1 and BPO2, with mainnet's blob schedule, and nothing newer.
//
// go-ethereum's own dev config (params.AllDevChainProtocolChanges) also turns
// on forks mainnet has not reached, which would make gas figures measured on
// it differ from what mainnet charges.
func MainnetRulesConfig(chainID *big.Int) *params.ChainConfig {
	zero := uint64(0)
	cfg := *params.AllDevChainProtocolChanges
	cfg.ChainID = new(big.Int).Set(chainID)
	cfg.ShanghaiTime = &zero
	cfg.CancunTime = &zero
	cfg.PragueTime = &zero
	cfg.OsakaTime = &zero
	cfg.BPO1Time = &zero
	cfg.BPO2Time = &zero
	cfg.BPO3Time = nil
	cfg.BPO4Time = nil
	cfg.BPO5Time = nil
	cfg.AmsterdamTime = nil
	cfg.BogotaTime = nil
	cfg.UBTTime = nil
	blobs := *params.MainnetChainConfig.BlobScheduleConfig
	cfg.BlobScheduleConfig = &blobs
	return &cfg
}
