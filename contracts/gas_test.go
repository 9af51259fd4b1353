package contracts

import (
	"fmt"
	"math/big"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/rlfc/arena/contracts/internal/testcontracts"
	"github.com/rlfc/arena/contracts/spacestake"
)

// TestGasReport measures what each operation costs on a chain running
// mainnet's rules (Osaka) and writes testdata/gas.txt. The figures are the
// receipts' gasUsed (after refunds), so they are what a sender pays for.
// Payees and players are accounts with no prior credit or ticket, the
// expensive (first-touch) case.
func TestGasReport(t *testing.T) {
	if testing.Short() {
		t.Skip("gas report: not in -short")
	}
	const maxPayees = 64
	c := newChain(t, maxPayees)
	// A fixed deadline: one that follows the wall clock changes the calldata's
	// zero bytes, and the report would drift by a few gas between runs.
	c.deadline = big.NewInt(4_000_000_000)
	fee := big.NewInt(1e15)
	c.createSpace(1, ethToken, fee, time.Hour)

	type row struct {
		op    string
		gas   uint64
		notes string
	}
	var rows []row
	add := func(op string, gas uint64, notes string) { rows = append(rows, row{op, gas, notes}) }

	// One settlement first, so the treasury's credit is already non-zero as it
	// is on a running arena (otherwise the first settle pays its first write).
	warm := c.settlement(1, c.enterMany(c.players[:1], 1, fee), []common.Address{addrOf(c.players[0])}, []*big.Int{big.NewInt(1)}, big.NewInt(0))
	c.do(c.relayer, c.stake, c.settleData(warm, c.sign(c.operator, warm)), nil)

	// Entry, ETH and ERC-20. Ticket ids start at 1, so no enter pays for
	// writing nextTicketId from zero.
	r := c.do(c.players[0], c.stake, stakeABI.PackEnter(big.NewInt(1), agentID(addrOf(c.players[0]))), fee)
	add("enter (ETH)", r.GasUsed, "new ticket")
	tokenAddr := c.deploy(c.owner, testcontracts.TestTokenMetaData.Bin, nil)
	token := tokenABI.Instance(c.client, tokenAddr)
	c.do(c.operator, c.stake, stakeABI.PackAllowToken(tokenAddr, true), nil)
	c.createSpace(2, tokenAddr, big.NewInt(1000), time.Hour)
	p := c.players[1]
	c.do(p, token, tokenABI.PackMint(addrOf(p), big.NewInt(1_000_000)), nil)
	c.do(p, token, tokenABI.PackApprove(c.addr, big.NewInt(1_000_000)), nil)
	c.do(c.players[2], token, tokenABI.PackMint(c.addr, big.NewInt(1)), nil) // contract already holds the token
	r = c.do(p, c.stake, stakeABI.PackEnter(big.NewInt(2), agentID(addrOf(p))), nil)
	add("enter (ERC-20)", r.GasUsed, "new ticket, transferFrom")

	// settle with n tickets and n payees (every player is paid something).
	settleN := func(n int) uint64 {
		tickets := c.enterMany(c.players[:n], 1, fee)
		payees := make([]common.Address, n)
		amounts := make([]*big.Int, n)
		for i := range n {
			payees[i] = crypto.PubkeyToAddress(testKey(fmt.Sprintf("fresh payee %d/%d", n, i)).PublicKey)
			amounts[i] = new(big.Int).Div(fee, big.NewInt(2))
		}
		s := c.settlement(1, tickets, payees, amounts, big.NewInt(1000))
		return c.do(c.relayer, c.stake, c.settleData(s, c.sign(c.operator, s)), nil).GasUsed
	}
	for _, n := range []int{1, 4, 8, maxPayees} {
		add(fmt.Sprintf("settle, %d tickets / %d payees", n, n), settleN(n), "")
	}

	// settleBatch: 10 matches of 4 tickets / 4 payees in one transaction.
	const matches, per = 10, 4
	var batch []spacestake.SpaceStakeSettlement
	var sigs [][]byte
	for m := range matches {
		tickets := c.enterMany(c.players[m*per:(m+1)*per], 1, fee)
		payees := make([]common.Address, per)
		amounts := make([]*big.Int, per)
		for i := range per {
			payees[i] = crypto.PubkeyToAddress(testKey(fmt.Sprintf("batch payee %d/%d", m, i)).PublicKey)
			amounts[i] = new(big.Int).Div(fee, big.NewInt(2))
		}
		s := c.settlement(1, tickets, payees, amounts, big.NewInt(1000))
		batch = append(batch, s.Binding())
		sigs = append(sigs, c.sign(c.operator, s))
	}
	r = c.do(c.relayer, c.stake, stakeABI.PackSettleBatch(batch, sigs), nil)
	add(fmt.Sprintf("settleBatch, %d matches of %d/%d", matches, per, per), r.GasUsed, "whole transaction")
	add("settleBatch, per match", r.GasUsed/matches, "")

	// Withdraw: a payee pulls its ETH credit; the treasury its token credit.
	winner := c.players[0]
	s := c.settlement(1, c.enterMany(c.players[:2], 1, fee), []common.Address{addrOf(winner)}, []*big.Int{fee}, big.NewInt(0))
	c.do(c.relayer, c.stake, c.settleData(s, c.sign(c.operator, s)), nil)
	r = c.do(winner, c.stake, stakeABI.PackWithdraw(ethToken), nil)
	add("withdraw (ETH)", r.GasUsed, "")
	tt := c.settlement(2, []*big.Int{c.ticketOf(c.do(p, c.stake, stakeABI.PackEnter(big.NewInt(2), agentID(addrOf(p))), nil))},
		[]common.Address{addrOf(p)}, []*big.Int{big.NewInt(900)}, big.NewInt(100))
	c.do(c.relayer, c.stake, c.settleData(tt, c.sign(c.operator, tt)), nil)
	r = c.do(p, c.stake, stakeABI.PackWithdraw(tokenAddr), nil)
	add("withdraw (ERC-20)", r.GasUsed, "")

	// The rest, for completeness.
	ticket := c.enter(c.players[3], 1, fee)
	c.advance(time.Hour)
	r = c.do(c.players[3], c.stake, stakeABI.PackRefund(ticket), nil)
	add("refund (ETH)", r.GasUsed, "")
	reason, err := ReasonCode("unknown_agent")
	if err != nil {
		t.Fatal(err)
	}
	ticket = c.enter(c.players[3], 1, fee)
	r = c.do(c.operator, c.stake, stakeABI.PackRefuseEntry(ticket, reason), nil)
	add("refuseEntry (ETH)", r.GasUsed, "operator, paid to the player at once")
	r = c.do(c.players[4], c.stake, stakeABI.PackBond(), eth(1))
	add("bond", r.GasUsed, "first bond")
	r = c.do(c.operator, c.stake, stakeABI.PackSlash(addrOf(c.players[4]), eth(1), [32]byte{1}), nil)
	add("slash", r.GasUsed, "")
	r = c.do(c.operator, c.stake, stakeABI.PackAnchor([32]byte{1}, [32]byte{2}), nil)
	add("anchor", r.GasUsed, "")

	var b strings.Builder
	b.WriteString("# SpaceStake gas, written by TestGasReport (go test ./contracts -run TestGasReport).\n")
	b.WriteString("# solc 0.8.31, evmVersion osaka, optimizer 200 runs; go-ethereum v1.17.10 simulated chain\n")
	b.WriteString("# with mainnet rules through Osaka/BPO2. gasUsed per transaction, after refunds, including\n")
	b.WriteString("# the 21000 base and calldata. Payees have no prior credit (first-touch storage); the\n")
	b.WriteString("# treasury's credit is already non-zero.\n")
	for _, r := range rows {
		line := fmt.Sprintf("%-38s %9d", r.op, r.gas)
		if r.notes != "" {
			line += "  " + r.notes
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
		t.Log(line)
	}
	path := filepath.Join("testdata", "gas.txt")
	if err := os.MkdirAll("testdata", 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}
