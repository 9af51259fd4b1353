// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package spacestake

import (
	"bytes"
	"errors"
	"math/big"

	"github.com/ethereum/go-ethereum/accounts/abi"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
)

// Reference imports to suppress errors if they are not otherwise used.
var (
	_ = bytes.Equal
	_ = errors.New
	_ = big.NewInt
	_ = common.Big1
	_ = types.BloomLookup
	_ = abi.ConvertType
)

// SpaceStakeSettlement is an auto generated low-level Go binding around an user-defined struct.
type SpaceStakeSettlement struct {
	MatchId  [32]byte
	SpaceId  *big.Int
	Tickets  []*big.Int
	Payees   []common.Address
	Amounts  []*big.Int
	Slashed  []*big.Int
	Rake     *big.Int
	Deadline *big.Int
}

// SpaceStakeMetaData contains all meta data concerning the SpaceStake contract.
var SpaceStakeMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"initialOwner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"initialOperator\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"initialTreasury\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"recordHash\",\"type\":\"bytes32\"}],\"name\":\"AlreadyAnchored\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"settlements\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"signatures\",\"type\":\"uint256\"}],\"name\":\"BatchLengthMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ECDSAInvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"ECDSAInvalidSignatureLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"ECDSAInvalidSignatureS\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"}],\"name\":\"EmptySettlement\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EnforcedPause\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"EthTransferFailed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ExpectedPause\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"refundTimeout\",\"type\":\"uint256\"}],\"name\":\"InvalidRefundTimeout\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"}],\"name\":\"MatchAlreadySettled\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoUnbondRequested\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwnerOrOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPendingOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotTicketPlayer\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"NothingToWithdraw\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"readyAt\",\"type\":\"uint256\"}],\"name\":\"OperatorTimelockNotElapsed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"payees\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amounts\",\"type\":\"uint256\"}],\"name\":\"PayeesAmountsMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"refundAt\",\"type\":\"uint256\"}],\"name\":\"RefundTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"SettlementExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"pool\",\"type\":\"uint256\"}],\"name\":\"SettlementOverPool\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"}],\"name\":\"SlashExceedsBond\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"name\":\"SlashedTicketNotInSettlement\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"}],\"name\":\"SpaceAlreadyExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"}],\"name\":\"SpaceIdTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"}],\"name\":\"SpaceNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"name\":\"TicketClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"name\":\"TicketNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"}],\"name\":\"TicketNotInSpace\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"TokenNotAllowed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"}],\"name\":\"UnbondExceedsBond\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"readyAt\",\"type\":\"uint256\"}],\"name\":\"UnbondNotReady\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"sent\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"WrongEntryValue\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"recovered\",\"type\":\"address\"}],\"name\":\"WrongSigner\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroEntryFee\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"recordHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"blockNumber\",\"type\":\"uint256\"}],\"name\":\"Anchored\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"}],\"name\":\"Bonded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"fee\",\"type\":\"uint256\"}],\"name\":\"Entered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOperator\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOperator\",\"type\":\"address\"}],\"name\":\"OperatorChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"readyAt\",\"type\":\"uint256\"}],\"name\":\"OperatorProposed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"Paused\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Refunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"tickets\",\"type\":\"uint256[]\"},{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"payees\",\"type\":\"address[]\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"rake\",\"type\":\"uint256\"}],\"name\":\"Settled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"entryFee\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refundTimeout\",\"type\":\"uint256\"}],\"name\":\"SpaceCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"}],\"name\":\"TokenAllowed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousTreasury\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newTreasury\",\"type\":\"address\"}],\"name\":\"TreasuryChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"readyAt\",\"type\":\"uint256\"}],\"name\":\"UnbondRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Unbonded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"Unpaused\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_REFUND_TIMEOUT\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"OPERATOR_DELAY\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SETTLEMENT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"UNBOND_DELAY\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"acceptOperator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"acceptOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"}],\"name\":\"allowToken\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"allowedTokens\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"recordHash\",\"type\":\"bytes32\"}],\"name\":\"anchor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"recordHash\",\"type\":\"bytes32\"}],\"name\":\"anchoredAt\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"bond\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"}],\"name\":\"bonds\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"completeUnbond\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"entryFee\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"refundTimeout\",\"type\":\"uint256\"}],\"name\":\"createSpace\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"credits\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"}],\"name\":\"enter\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"}],\"name\":\"getSpace\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"entryFee\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"refundTimeout\",\"type\":\"uint256\"},{\"internalType\":\"bool\",\"name\":\"exists\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"uint256[]\",\"name\":\"tickets\",\"type\":\"uint256[]\"},{\"internalType\":\"address[]\",\"name\":\"payees\",\"type\":\"address[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"slashed\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256\",\"name\":\"rake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"internalType\":\"structSpaceStake.Settlement\",\"name\":\"s\",\"type\":\"tuple\"}],\"name\":\"hashSettlement\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"}],\"name\":\"latestAnchor\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"nextTicketId\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"operator\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"operatorReadyAt\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pause\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"paused\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingOperator\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingOwner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOperator\",\"type\":\"address\"}],\"name\":\"proposeOperator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"name\":\"refund\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestUnbond\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newTreasury\",\"type\":\"address\"}],\"name\":\"setTreasury\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"uint256[]\",\"name\":\"tickets\",\"type\":\"uint256[]\"},{\"internalType\":\"address[]\",\"name\":\"payees\",\"type\":\"address[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"slashed\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256\",\"name\":\"rake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"internalType\":\"structSpaceStake.Settlement\",\"name\":\"s\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"uint256[]\",\"name\":\"tickets\",\"type\":\"uint256[]\"},{\"internalType\":\"address[]\",\"name\":\"payees\",\"type\":\"address[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"slashed\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256\",\"name\":\"rake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"internalType\":\"structSpaceStake.Settlement[]\",\"name\":\"s\",\"type\":\"tuple[]\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"settleBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"}],\"name\":\"settledMatches\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"slash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"name\":\"tickets\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"internalType\":\"uint48\",\"name\":\"spaceId\",\"type\":\"uint48\"},{\"internalType\":\"uint48\",\"name\":\"refundAt\",\"type\":\"uint48\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"treasury\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"}],\"name\":\"unbonding\",\"outputs\":[{\"internalType\":\"uint128\",\"name\":\"amount\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"readyAt\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unpause\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "SpaceStake",
	Bin: "0x6101606040526001600c55348015610015575f5ffd5b5060405161352d38038061352d83398101604081905261003491610326565b604080518082018252601081526f4172656e612053706163655374616b6560801b602080830191909152825180840190935260018352603160f81b9083015290846001600160a01b0381166100a357604051631e4fbdf760e01b81525f60048201526024015b60405180910390fd5b6100ac81610231565b5060016002556100bd82600361024d565b610120526100cc81600461024d565b61014052815160208084019190912060e052815190820120610100524660a05261015860e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b038216158061017e57506001600160a01b038116155b1561019c5760405163d92e233d60e01b815260040160405180910390fd5b600580546001600160a01b038085166001600160a01b0319928316811790935560088054918516919092161790556040515f907fd58299b712891143e76310d5e664c4203c940a67db37cf856bdaa3c5c76a802c908290a36040516001600160a01b038216905f907f8c3aa5f43a388513435861bf27dfad7829cd248696fed367c62d441f62954496908290a3505050610510565b600180546001600160a01b031916905561024a8161027f565b50565b5f60208351101561026857610261836102ce565b9050610279565b8161027384826103fe565b5060ff90505b92915050565b5f80546001600160a01b038381166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b5f5f829050601f815111156102f8578260405163305a27a960e01b815260040161009a91906104b8565b8051610303826104ed565b179392505050565b80516001600160a01b0381168114610321575f5ffd5b919050565b5f5f5f60608486031215610338575f5ffd5b6103418461030b565b925061034f6020850161030b565b915061035d6040850161030b565b90509250925092565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061038e57607f821691505b6020821081036103ac57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f8211156103f957805f5260205f20601f840160051c810160208510156103d75750805b601f840160051c820191505b818110156103f6575f81556001016103e3565b50505b505050565b81516001600160401b0381111561041757610417610366565b61042b81610425845461037a565b846103b2565b6020601f82116001811461045d575f83156104465750848201515b5f19600385901b1c1916600184901b1784556103f6565b5f84815260208120601f198516915b8281101561048c578785015182556020948501946001909201910161046c565b50848210156104a957868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b805160208083015191908110156103ac575f1960209190910360031b1b16919050565b60805160a05160c05160e051610100516101205161014051612fcc6105615f395f611c4b01525f611c1e01525f6120e901525f6120c101525f61201c01525f61204601525f6120700152612fcc5ff3fe60806040526004361061025f575f3560e01c806384b0196e1161013f578063ced4cd2e116100b3578063f2fde38b11610078578063f2fde38b1461083c578063f698da251461085b578063fba2c05a1461086f578063fcad44481461088e578063fe10d774146108a2578063ffc7b48a146103b1575f5ffd5b8063ced4cd2e14610752578063e30c3978146107bf578063e744092e146107dc578063f0f442601461080a578063f2342bde14610829575f5ffd5b8063ac7e534e11610104578063ac7e534e14610683578063b1fb79c0146106a2578063b5bbf65b146106d5578063b629d6fd146106e9578063cbcd60f914610714578063cd80134614610733575f5ffd5b806384b0196e146105e35780638a4153c91461060a5780638da5cb5b14610629578063929c74c414610645578063a21f3c6a14610664575f5ffd5b80635bc35ae8116101d657806364c9ec6f1161019b57806364c9ec6f146104e357806367948f94146104eb57806370e1043114610521578063715018a6146105a757806379ba5097146105bb5780638456cb59146105cf575f5ffd5b80635bc35ae81461043c5780635c975abb1461045b5780636031a52f1461047957806361d027b31461048e578063637cd7f0146104ad575f5ffd5b80634508124d116102275780634508124d146102f657806350b44712146103345780635188abbb146103b157806351cff8d9146103c757806354f63b14146103e6578063570ca73514610405575f5ffd5b80630ab00289146102635780631661f5301461028d5780631c6a4a50146102ae578063278ecde1146102c35780633f4ba83a146102e2575b5f5ffd5b34801561026e575f5ffd5b5061027a6301e1338081565b6040519081526020015b60405180910390f35b348015610298575f5ffd5b506102ac6102a7366004612990565b6108cd565b005b3480156102b9575f5ffd5b5061027a60075481565b3480156102ce575f5ffd5b506102ac6102dd3660046129b0565b610969565b3480156102ed575f5ffd5b506102ac610a92565b348015610301575f5ffd5b506103246103103660046129b0565b600d6020525f908152604090205460ff1681565b6040519015158152602001610284565b34801561033f575f5ffd5b5061038361034e3660046129b0565b600b6020525f90815260409020546001600160a01b0381169065ffffffffffff600160a01b8204811691600160d01b90041683565b604080516001600160a01b03909416845265ffffffffffff9283166020850152911690820152606001610284565b3480156103bc575f5ffd5b5061027a6202a30081565b3480156103d2575f5ffd5b506102ac6103e1366004612990565b610aa4565b3480156103f1575f5ffd5b506102ac6104003660046129b0565b610b68565b348015610410575f5ffd5b50600554610424906001600160a01b031681565b6040516001600160a01b039091168152602001610284565b348015610447575f5ffd5b506102ac6104563660046129c7565b610c6f565b348015610466575f5ffd5b50600154600160a01b900460ff16610324565b348015610484575f5ffd5b5061027a600c5481565b348015610499575f5ffd5b50600854610424906001600160a01b031681565b3480156104b8575f5ffd5b5061027a6104c7366004612a00565b600e60209081525f928352604080842090915290825290205481565b6102ac610d1a565b3480156104f6575f5ffd5b5061027a610505366004612a31565b601160209081525f928352604080842090915290825290205481565b34801561052c575f5ffd5b5061057b61053b3660046129b0565b5f908152600a6020526040902080546001909101546001600160a01b038216929091600160a01b810465ffffffffffff1691600160d01b90910460ff1690565b604080516001600160a01b03909516855260208501939093529183015215156060820152608001610284565b3480156105b2575f5ffd5b506102ac610daf565b3480156105c6575f5ffd5b506102ac610dc0565b3480156105da575f5ffd5b506102ac610e01565b3480156105ee575f5ffd5b506105f7610e4e565b6040516102849796959493929190612a7f565b348015610615575f5ffd5b5061027a610624366004612b26565b610e90565b348015610634575f5ffd5b505f546001600160a01b0316610424565b348015610650575f5ffd5b506102ac61065f366004612b57565b611000565b34801561066f575f5ffd5b506102ac61067e366004612a31565b611018565b34801561068e575f5ffd5b50600654610424906001600160a01b031681565b3480156106ad575f5ffd5b5061027a7ff61e9d79bcb71d0a5f9d0810c2e1f08f9a736530e21e696d1fca9d2d8f03be6881565b3480156106e0575f5ffd5b506102ac6110f0565b3480156106f4575f5ffd5b5061027a6107033660046129b0565b60126020525f908152604090205481565b34801561071f575f5ffd5b506102ac61072e366004612bec565b611269565b34801561073e575f5ffd5b506102ac61074d366004612c6b565b61146e565b34801561075d575f5ffd5b5061079861076c366004612990565b60106020525f90815260409020546001600160801b03811690600160801b90046001600160401b031682565b604080516001600160801b0390931683526001600160401b03909116602083015201610284565b3480156107ca575f5ffd5b506001546001600160a01b0316610424565b3480156107e7575f5ffd5b506103246107f6366004612990565b60096020525f908152604090205460ff1681565b348015610815575f5ffd5b506102ac610824366004612990565b611509565b61027a610837366004612a31565b611593565b348015610847575f5ffd5b506102ac610856366004612990565b6117a6565b348015610866575f5ffd5b5061027a611816565b34801561087a575f5ffd5b506102ac610889366004612cd5565b611824565b348015610899575f5ffd5b506102ac6118d5565b3480156108ad575f5ffd5b5061027a6108bc366004612990565b600f6020525f908152604090205481565b6108d5611989565b6001600160a01b0381166108fc5760405163d92e233d60e01b815260040160405180910390fd5b5f61090a6202a30042612d19565b600680546001600160a01b0319166001600160a01b0385169081179091556007829055604051828152919250907fc31407936aa8d90a2ca5870449acd9e66d5630bf42a03629aa4338e0851626a4906020015b60405180910390a25050565b6109716119b5565b5f61097b826119dd565b80519091506001600160a01b031633146109b657604051631dc89b5360e01b8152600481018390523360248201526044015b60405180910390fd5b806040015165ffffffffffff164210156109fa57604080820151905163e546463960e01b81526004810184905265ffffffffffff90911660248201526044016109ad565b60208181015165ffffffffffff165f908152600a825260408082206001810154868452600b8552828420939093558451915183815290936001600160a01b039092169186917f7ca5472b7ea78c2c0141c5a12ee6d170cf4ce8ed06be3d22c8252ddfc7a6a2c4910160405180910390a381548351610a82916001600160a01b03169083611a97565b505050610a8f6001600255565b50565b610a9a611989565b610aa2611b3b565b565b610aac6119b5565b6001600160a01b0381165f908152600e6020908152604080832033845290915281205490819003610afb57604051636e34ee0b60e11b81526001600160a01b03831660048201526024016109ad565b6001600160a01b0382165f818152600e602090815260408083203380855290835281842093909355518481527fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb910160405180910390a3610b5d823383611a97565b50610a8f6001600255565b805f03610b8857604051631f2a200560e01b815260040160405180910390fd5b335f908152600f602052604090205480821115610bc257604051630741e6c160e51b815260048101839052602481018290526044016109ad565b5f610bd06202a30042612d19565b6040805180820182526001600160801b0386811682526001600160401b038481166020808501828152335f81815260108452889020965187549251909516600160801b026001600160c01b03199092169490951693909317929092179093558351888152908101929092529293507f6d3667c1f315297763391f067e0e6360ee88a7abdfff34ab037c5c72b2a3dd4b91015b60405180910390a2505050565b6005546001600160a01b03163314610c9c57604051633b63649d60e11b81523360048201526024016109ad565b6001600160a01b038216610cc35760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f81815260096020908152604091829020805460ff191685151590811790915591519182527f9a8e30a8658b96ab3f034ce4bac6806278b4aee5880ccdd1ac35e4ed5bb31d23910161095d565b610d22611b90565b345f03610d4257604051631f2a200560e01b815260040160405180910390fd5b335f908152600f6020526040812054610d5c903490612d19565b335f818152600f6020908152604091829020849055815134815290810184905292935090917f524384adee0b2f52827eebf00ddd616aa286978612393216724d61cdb43dc835910160405180910390a250565b610db7611989565b610aa25f611bbb565b60015433906001600160a01b03168114610df85760405163118cdaa760e01b81526001600160a01b03821660048201526024016109ad565b610a8f81611bbb565b5f546001600160a01b03163314801590610e2657506005546001600160a01b03163314155b15610e465760405163242e9ab760e01b81523360048201526024016109ad565b610aa2611bd4565b5f6060805f5f5f6060610e5f611c17565b610e67611c44565b604080515f80825260208201909252600f60f81b9b939a50919850469750309650945092509050565b5f610ffa7ff61e9d79bcb71d0a5f9d0810c2e1f08f9a736530e21e696d1fca9d2d8f03be6883356020850135610ec96040870187612d40565b604051602001610eda929190612d85565b60408051601f198184030181529190528051602090910120610eff6060880188612d40565b604051602001610f10929190612dac565b60408051601f198184030181529190528051602090910120610f356080890189612d40565b604051602001610f46929190612d85565b60408051601f198184030181529190528051602090910120610f6b60a08a018a612d40565b604051602001610f7c929190612d85565b60408051601f198184030181528282528051602091820120908301989098528101959095526060850193909352608084019190915260a083015260c08083019190915260e080830193909352850135610100820152908401356101208201526101400160405160208183030381529060405280519060200120611c71565b92915050565b611008611b90565b611013838383611c9d565b505050565b6005546001600160a01b0316331461104557604051633b63649d60e11b81523360048201526024016109ad565b61104d611b90565b5f8281526011602090815260408083208484529091529020541561108e57604051630c3ab7af60e41b815260048101839052602481018290526044016109ad565b5f82815260116020908152604080832084845282528083204390819055858452601283529281902084905551918252829184917f59848f28dc002d29725176b135eb44ae5a7b3512bf265f2056efd6780d5c4bfd910160405180910390a35050565b335f9081526010602090815260408083208151808301909252546001600160801b0381168252600160801b90046001600160401b0316918101829052910361114b576040516311dd419760e31b815260040160405180910390fd5b80602001516001600160401b031642101561118a57602081015160405163f19b80c760e01b81526001600160401b0390911660048201526024016109ad565b335f908152600f602052604081205482519091906001600160801b031682116111b357816111bf565b82516001600160801b03165b335f90815260106020526040902080546001600160c01b031916905590506111e78183612deb565b335f908152600f60209081526040808320939093557fe710864318d4a32f37d6ce54cb3fadbef648dd12d8dbdf53973564d56b7f881c90529081208054839290611232908490612d19565b909155505060405181815233907fd24dbf5e9299ce53c3aa9f7227ff1cc8441c2faae04509aa370ca3703385d6b490602001610c62565b6005546001600160a01b0316331461129657604051633b63649d60e11b81523360048201526024016109ad565b65ffffffffffff8411156112c057604051637354954160e11b8152600481018590526024016109ad565b5f848152600a6020526040902054600160d01b900460ff16156112f857604051628a11c160e61b8152600481018590526024016109ad565b6001600160a01b0383161580159061132857506001600160a01b0383165f9081526009602052604090205460ff16155b156113515760405163094403b760e41b81526001600160a01b03841660048201526024016109ad565b815f0361137157604051630a036de360e01b815260040160405180910390fd5b80158061138157506301e1338081115b156113a2576040516301868ec560e11b8152600481018290526024016109ad565b604080516080810182526001600160a01b0385811680835265ffffffffffff85811660208086019182526001868801818152606088018b81525f8e8152600a85528a9020985189549551925198166001600160d01b031990951694909417600160a01b91909516029390931760ff60d01b1916600160d01b95151595909502949094178555519301929092558251858152908101849052909186917fc0c8d45ab3965a697ccaab9930f402eb0352b363ca2b75dcfbaa10881327202e910160405180910390a350505050565b611476611b90565b8281146114a0576040516381b5b20760e01b815260048101849052602481018290526044016109ad565b5f5b83811015611502576114fa8585838181106114bf576114bf612dfe565b90506020028101906114d19190612e12565b8484848181106114e3576114e3612dfe565b90506020028101906114f59190612e30565b611c9d565b6001016114a2565b5050505050565b611511611989565b6001600160a01b0381166115385760405163d92e233d60e01b815260040160405180910390fd5b6008546040516001600160a01b038084169216907f8c3aa5f43a388513435861bf27dfad7829cd248696fed367c62d441f62954496905f90a3600880546001600160a01b0319166001600160a01b0392909216919091179055565b5f61159c611b90565b5f838152600a602052604090208054600160d01b900460ff166115d55760405163edcad4c360e01b8152600481018590526024016109ad565b805460018201546001600160a01b03909116908161161b5780341461161657604051639a7d4af960e01b8152346004820152602481018290526044016109ad565b611685565b341561164257604051639a7d4af960e01b81523460048201525f60248201526044016109ad565b6001600160a01b0382165f9081526009602052604090205460ff166116855760405163094403b760e41b81526001600160a01b03831660048201526024016109ad565b600c8054905f61169483612e72565b909155506040805160608101825233815265ffffffffffff808a16602083015286549397509092918301916116d291600160a01b9091041642612d19565b65ffffffffffff9081169091525f868152600b60209081526040918290208451815486840151968501518616600160d01b026001600160d01b0397909616600160a01b026001600160d01b03199091166001600160a01b039092169190911717949094169290921790925581513381529081018390528691889187917f9e8697d548e906391b038668fa84e89d0ffe9273409b0145b42c40a1964375b0910160405180910390a46001600160a01b0382161561179d5761179d6001600160a01b038316333084611fa9565b50505092915050565b6117ae611989565b600180546001600160a01b0383166001600160a01b031990911681179091556117de5f546001600160a01b031690565b6001600160a01b03167f38d16b8cac22d99fc7c124b9cd0de2d3fa1faef420bfe791d8c362d765e2270060405160405180910390a350565b5f61181f612010565b905090565b6005546001600160a01b0316331461185157604051633b63649d60e11b81523360048201526024016109ad565b6001600160a01b0383165f908152600f60205260408120549083900361188a57604051631f2a200560e01b815260040160405180910390fd5b808311156118c457604051637248b19360e01b81526001600160a01b038516600482015260248101849052604481018290526064016109ad565b6118cf848484612139565b50505050565b6006546001600160a01b0316331461190257604051631bb846a360e31b81523360048201526024016109ad565b60075442101561192b57600754604051631839b69960e31b81526004016109ad91815260200190565b600580546001600160a01b0319808216339081179093556006805490911690555f60078190556040516001600160a01b03909216929183917fd58299b712891143e76310d5e664c4203c940a67db37cf856bdaa3c5c76a802c91a350565b5f546001600160a01b03163314610aa25760405163118cdaa760e01b81523360048201526024016109ad565b60028054036119d757604051633ee5aeb560e01b815260040160405180910390fd5b60028055565b60408051606080820183525f8083526020808401829052928401819052848152600b835283902083519182018452546001600160a01b03811680835265ffffffffffff600160a01b8304811694840194909452600160d01b90910490921692810192909252611a9257811580611a555750600c548210155b15611a765760405163167e07b960e11b8152600481018390526024016109ad565b604051636d2c801760e01b8152600481018390526024016109ad565b919050565b6001600160a01b038316611b27575f826001600160a01b0316826040515f6040518083038185875af1925050503d805f8114611aee576040519150601f19603f3d011682016040523d82523d5f602084013e611af3565b606091505b50509050806118cf57604051636f54afdd60e11b81526001600160a01b0384166004820152602481018390526044016109ad565b6110136001600160a01b0384168383612202565b611b43612233565b6001805460ff60a01b191690557f5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa335b6040516001600160a01b03909116815260200160405180910390a1565b600154600160a01b900460ff1615610aa25760405163d93c066560e01b815260040160405180910390fd5b600180546001600160a01b0319169055610a8f8161225d565b611bdc611b90565b6001805460ff60a01b1916600160a01b1790557f62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258611b733390565b606061181f7f000000000000000000000000000000000000000000000000000000000000000060036122ac565b606061181f7f000000000000000000000000000000000000000000000000000000000000000060046122ac565b5f610ffa611c7d612010565b8360405161190160f01b8152600281019290925260228201526042902090565b8260e00135421115611ccf5760405163fc69fff960e01b81528335600482015260e084013560248201526044016109ad565b82355f908152600d602052604090205460ff1615611d0357604051638308d6c360e01b8152833560048201526024016109ad565b5f611d4b611d1085610e90565b84848080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525061235692505050565b6005549091506001600160a01b03808316911614611d8757604051631960afe160e11b81526001600160a01b03821660048201526024016109ad565b6020848101355f908152600a909152604090208054600160d01b900460ff16611dc95760405163edcad4c360e01b8152602086013560048201526024016109ad565b5f611dd76040870187612d40565b90509050805f03611dfe5760405163782667ef60e11b8152863560048201526024016109ad565b611e0b6080870187612d40565b9050611e1a6060880188612d40565b905014611e6057611e2e6060870187612d40565b9050611e3d6080880188612d40565b60405163278a4e0160e11b815260048101939093526024830152506044016109ad565b85355f908152600d60205260408120805460ff19166001179055611e838761237e565b83546001850154919250611eac9189916001600160a01b031690611ea79086612e8a565b6124a3565b5f5b611ebb60a0890189612d40565b9050811015611f30575f611eff611ed560408b018b612d40565b85611ee360a08e018e612d40565b87818110611ef357611ef3612dfe565b90506020020135612664565b6001600160a01b0381165f908152600f6020526040902054909150611f279082908b35612139565b50600101611eae565b50602087013587357fd6ed116e63ed0c5ecd83a254c088f30c59be9d51287099d4db440debe08024a8611f6660408b018b612d40565b611f7360608d018d612d40565b611f8060808f018f612d40565b8f60c00135604051611f989796959493929190612ed1565b60405180910390a350505050505050565b6040516001600160a01b0384811660248301528381166044830152606482018390526118cf9186918216906323b872dd906084015b604051602081830303815290604052915060e01b6020820180516001600160e01b0383818316178352505050506126dd565b5f306001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614801561206857507f000000000000000000000000000000000000000000000000000000000000000046145b1561209257507f000000000000000000000000000000000000000000000000000000000000000090565b61181f604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b81156121b9576001600160a01b0383165f908152600f602052604081208054849290612166908490612deb565b90915550506008546001600160a01b03165f9081527fe710864318d4a32f37d6ce54cb3fadbef648dd12d8dbdf53973564d56b7f881c6020526040812080548492906121b3908490612d19565b90915550505b80836001600160a01b03167fde801f971d0ff4da891bdda531ed09f84916be41f6903734f816d6855210ff5a846040516121f591815260200190565b60405180910390a3505050565b6040516001600160a01b0383811660248301526044820183905261101391859182169063a9059cbb90606401611fde565b600154600160a01b900460ff16610aa257604051638dfc202b60e01b815260040160405180910390fd5b5f80546001600160a01b038381166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b606060ff83146122c6576122bf83612749565b9050610ffa565b8180546122d290612f50565b80601f01602080910402602001604051908101604052809291908181526020018280546122fe90612f50565b80156123495780601f1061232057610100808354040283529160200191612349565b820191905f5260205f20905b81548152906001019060200180831161232c57829003601f168201915b5050505050905092915050565b5f5f5f5f6123648686612786565b92509250925061237482826127cf565b5090949350505050565b606061238d6040830183612d40565b90506001600160401b038111156123a6576123a6612d2c565b6040519080825280602002602001820160405280156123cf578160200160208202803683370190505b5090505f5b6123e16040840184612d40565b905081101561249d575f6123f86040850185612d40565b8381811061240857612408612dfe565b9050602002013590505f61241b826119dd565b90508460200135816020015165ffffffffffff161461245a5760405163056b7aef60e01b815260048101839052602086013560248201526044016109ad565b805f015184848151811061247057612470612dfe565b6001600160a01b039092166020928302919091018201525f928352600b90525060408120556001016123d4565b50919050565b60c0830135818111156124d35760405163535d891960e01b815284356004820152602481018390526044016109ad565b5f5b6124e26060860186612d40565b90508110156125fc575f6124f96060870187612d40565b8381811061250957612509612dfe565b905060200201602081019061251e9190612990565b90505f61252e6080880188612d40565b8481811061253e5761253e612dfe565b60200291909101359150506001600160a01b0382166125705760405163d92e233d60e01b815260040160405180910390fd5b61257a8486612deb565b8111156125a45760405163535d891960e01b815287356004820152602481018690526044016109ad565b6125ae8185612d19565b6001600160a01b038088165f908152600e602090815260408083209387168352929052908120805492965083929091906125e9908490612d19565b9091555050600190920191506124d59050565b505f60c085013561260d8385612deb565b6126179190612d19565b90508015611502576001600160a01b038085165f908152600e6020908152604080832060085490941683529290529081208054839290612658908490612d19565b90915550505050505050565b5f805b848110156126b8578286868381811061268257612682612dfe565b90506020020135036126b0578381815181106126a0576126a0612dfe565b60200260200101519150506126d5565b600101612667565b5060405163e54bbd8560e01b8152600481018390526024016109ad565b949350505050565b5f5f60205f8451602086015f885af1806126fc576040513d5f823e3d81fd5b50505f513d91508115612713578060011415612720565b6001600160a01b0384163b155b156118cf57604051635274afe760e01b81526001600160a01b03851660048201526024016109ad565b60605f6127558361288b565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f5f5f83516041036127bd576020840151604085015160608601515f1a6127af888285856128b2565b9550955095505050506127c8565b505081515f91506002905b9250925092565b5f8260038111156127e2576127e2612f82565b036127eb575050565b60018260038111156127ff576127ff612f82565b0361281d5760405163f645eedf60e01b815260040160405180910390fd5b600282600381111561283157612831612f82565b036128525760405163fce698f760e01b8152600481018290526024016109ad565b600382600381111561286657612866612f82565b03612887576040516335e2f38360e21b8152600481018290526024016109ad565b5050565b5f60ff8216601f811115610ffa57604051632cd44ac360e21b815260040160405180910390fd5b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a08411156128eb57505f91506003905082612970565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa15801561293c573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b03811661296757505f925060019150829050612970565b92505f91508190505b9450945094915050565b80356001600160a01b0381168114611a92575f5ffd5b5f602082840312156129a0575f5ffd5b6129a98261297a565b9392505050565b5f602082840312156129c0575f5ffd5b5035919050565b5f5f604083850312156129d8575f5ffd5b6129e18361297a565b9150602083013580151581146129f5575f5ffd5b809150509250929050565b5f5f60408385031215612a11575f5ffd5b612a1a8361297a565b9150612a286020840161297a565b90509250929050565b5f5f60408385031215612a42575f5ffd5b50508035926020909101359150565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b60ff60f81b8816815260e060208201525f612a9d60e0830189612a51565b8281036040840152612aaf8189612a51565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b81811015612b04578351835260209384019390920191600101612ae6565b50909b9a5050505050505050505050565b5f610100828403121561249d575f5ffd5b5f60208284031215612b36575f5ffd5b81356001600160401b03811115612b4b575f5ffd5b6126d584828501612b15565b5f5f5f60408486031215612b69575f5ffd5b83356001600160401b03811115612b7e575f5ffd5b612b8a86828701612b15565b93505060208401356001600160401b03811115612ba5575f5ffd5b8401601f81018613612bb5575f5ffd5b80356001600160401b03811115612bca575f5ffd5b866020828401011115612bdb575f5ffd5b939660209190910195509293505050565b5f5f5f5f60808587031215612bff575f5ffd5b84359350612c0f6020860161297a565b93969395505050506040820135916060013590565b5f5f83601f840112612c34575f5ffd5b5081356001600160401b03811115612c4a575f5ffd5b6020830191508360208260051b8501011115612c64575f5ffd5b9250929050565b5f5f5f5f60408587031215612c7e575f5ffd5b84356001600160401b03811115612c93575f5ffd5b612c9f87828801612c24565b90955093505060208501356001600160401b03811115612cbd575f5ffd5b612cc987828801612c24565b95989497509550505050565b5f5f5f60608486031215612ce7575f5ffd5b612cf08461297a565b95602085013595506040909401359392505050565b634e487b7160e01b5f52601160045260245ffd5b80820180821115610ffa57610ffa612d05565b634e487b7160e01b5f52604160045260245ffd5b5f5f8335601e19843603018112612d55575f5ffd5b8301803591506001600160401b03821115612d6e575f5ffd5b6020019150600581901b3603821315612c64575f5ffd5b5f6001600160fb1b03831115612d99575f5ffd5b8260051b80858437919091019392505050565b5f8184825b85811015612de0576001600160a01b03612dca8361297a565b1683526020928301929190910190600101612db1565b509095945050505050565b81810381811115610ffa57610ffa612d05565b634e487b7160e01b5f52603260045260245ffd5b5f823560fe19833603018112612e26575f5ffd5b9190910192915050565b5f5f8335601e19843603018112612e45575f5ffd5b8301803591506001600160401b03821115612e5e575f5ffd5b602001915036819003821315612c64575f5ffd5b5f60018201612e8357612e83612d05565b5060010190565b8082028115828204841417610ffa57610ffa612d05565b8183525f6001600160fb1b03831115612eb8575f5ffd5b8260051b80836020870137939093016020019392505050565b608081525f612ee460808301898b612ea1565b8281036020808501919091528782528891015f5b88811015612f26576001600160a01b03612f118461297a565b16825260209283019290910190600101612ef8565b508381036040850152612f3a818789612ea1565b9250505082606083015298975050505050505050565b600181811c90821680612f6457607f821691505b60208210810361249d57634e487b7160e01b5f52602260045260245ffd5b634e487b7160e01b5f52602160045260245ffdfea26469706673582212205d21f4af6e96d516f40e4476dec8d5e52a28c304719a1a8faedaaa0e71c0cd6964736f6c634300081f0033",
}

// SpaceStake is an auto generated Go binding around an Ethereum contract.
type SpaceStake struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *SpaceStake) GetABI() abi.ABI {
	return c.abi
}

// NewSpaceStake creates a new instance of SpaceStake.
func NewSpaceStake() *SpaceStake {
	parsed, err := SpaceStakeMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &SpaceStake{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *SpaceStake) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address initialOwner, address initialOperator, address initialTreasury) returns()
func (spaceStake *SpaceStake) PackConstructor(initialOwner common.Address, initialOperator common.Address, initialTreasury common.Address) []byte {
	enc, err := spaceStake.abi.Pack("", initialOwner, initialOperator, initialTreasury)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackMAXREFUNDTIMEOUT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ab00289.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function MAX_REFUND_TIMEOUT() view returns(uint256)
func (spaceStake *SpaceStake) PackMAXREFUNDTIMEOUT() []byte {
	enc, err := spaceStake.abi.Pack("MAX_REFUND_TIMEOUT")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackMAXREFUNDTIMEOUT is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x0ab00289.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function MAX_REFUND_TIMEOUT() view returns(uint256)
func (spaceStake *SpaceStake) TryPackMAXREFUNDTIMEOUT() ([]byte, error) {
	return spaceStake.abi.Pack("MAX_REFUND_TIMEOUT")
}

// UnpackMAXREFUNDTIMEOUT is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x0ab00289.
//
// Solidity: function MAX_REFUND_TIMEOUT() view returns(uint256)
func (spaceStake *SpaceStake) UnpackMAXREFUNDTIMEOUT(data []byte) (*big.Int, error) {
	out, err := spaceStake.abi.Unpack("MAX_REFUND_TIMEOUT", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOPERATORDELAY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xffc7b48a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function OPERATOR_DELAY() view returns(uint256)
func (spaceStake *SpaceStake) PackOPERATORDELAY() []byte {
	enc, err := spaceStake.abi.Pack("OPERATOR_DELAY")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOPERATORDELAY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xffc7b48a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function OPERATOR_DELAY() view returns(uint256)
func (spaceStake *SpaceStake) TryPackOPERATORDELAY() ([]byte, error) {
	return spaceStake.abi.Pack("OPERATOR_DELAY")
}

// UnpackOPERATORDELAY is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xffc7b48a.
//
// Solidity: function OPERATOR_DELAY() view returns(uint256)
func (spaceStake *SpaceStake) UnpackOPERATORDELAY(data []byte) (*big.Int, error) {
	out, err := spaceStake.abi.Unpack("OPERATOR_DELAY", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackSETTLEMENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb1fb79c0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function SETTLEMENT_TYPEHASH() view returns(bytes32)
func (spaceStake *SpaceStake) PackSETTLEMENTTYPEHASH() []byte {
	enc, err := spaceStake.abi.Pack("SETTLEMENT_TYPEHASH")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSETTLEMENTTYPEHASH is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb1fb79c0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function SETTLEMENT_TYPEHASH() view returns(bytes32)
func (spaceStake *SpaceStake) TryPackSETTLEMENTTYPEHASH() ([]byte, error) {
	return spaceStake.abi.Pack("SETTLEMENT_TYPEHASH")
}

// UnpackSETTLEMENTTYPEHASH is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb1fb79c0.
//
// Solidity: function SETTLEMENT_TYPEHASH() view returns(bytes32)
func (spaceStake *SpaceStake) UnpackSETTLEMENTTYPEHASH(data []byte) ([32]byte, error) {
	out, err := spaceStake.abi.Unpack("SETTLEMENT_TYPEHASH", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackUNBONDDELAY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5188abbb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function UNBOND_DELAY() view returns(uint256)
func (spaceStake *SpaceStake) PackUNBONDDELAY() []byte {
	enc, err := spaceStake.abi.Pack("UNBOND_DELAY")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUNBONDDELAY is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5188abbb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function UNBOND_DELAY() view returns(uint256)
func (spaceStake *SpaceStake) TryPackUNBONDDELAY() ([]byte, error) {
	return spaceStake.abi.Pack("UNBOND_DELAY")
}

// UnpackUNBONDDELAY is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5188abbb.
//
// Solidity: function UNBOND_DELAY() view returns(uint256)
func (spaceStake *SpaceStake) UnpackUNBONDDELAY(data []byte) (*big.Int, error) {
	out, err := spaceStake.abi.Unpack("UNBOND_DELAY", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackAcceptOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfcad4448.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function acceptOperator() returns()
func (spaceStake *SpaceStake) PackAcceptOperator() []byte {
	enc, err := spaceStake.abi.Pack("acceptOperator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAcceptOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfcad4448.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function acceptOperator() returns()
func (spaceStake *SpaceStake) TryPackAcceptOperator() ([]byte, error) {
	return spaceStake.abi.Pack("acceptOperator")
}

// PackAcceptOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x79ba5097.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function acceptOwnership() returns()
func (spaceStake *SpaceStake) PackAcceptOwnership() []byte {
	enc, err := spaceStake.abi.Pack("acceptOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAcceptOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x79ba5097.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function acceptOwnership() returns()
func (spaceStake *SpaceStake) TryPackAcceptOwnership() ([]byte, error) {
	return spaceStake.abi.Pack("acceptOwnership")
}

// PackAllowToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5bc35ae8.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowToken(address token, bool allowed) returns()
func (spaceStake *SpaceStake) PackAllowToken(token common.Address, allowed bool) []byte {
	enc, err := spaceStake.abi.Pack("allowToken", token, allowed)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowToken is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5bc35ae8.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowToken(address token, bool allowed) returns()
func (spaceStake *SpaceStake) TryPackAllowToken(token common.Address, allowed bool) ([]byte, error) {
	return spaceStake.abi.Pack("allowToken", token, allowed)
}

// PackAllowedTokens is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe744092e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function allowedTokens(address token) view returns(bool)
func (spaceStake *SpaceStake) PackAllowedTokens(token common.Address) []byte {
	enc, err := spaceStake.abi.Pack("allowedTokens", token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAllowedTokens is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe744092e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function allowedTokens(address token) view returns(bool)
func (spaceStake *SpaceStake) TryPackAllowedTokens(token common.Address) ([]byte, error) {
	return spaceStake.abi.Pack("allowedTokens", token)
}

// UnpackAllowedTokens is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe744092e.
//
// Solidity: function allowedTokens(address token) view returns(bool)
func (spaceStake *SpaceStake) UnpackAllowedTokens(data []byte) (bool, error) {
	out, err := spaceStake.abi.Unpack("allowedTokens", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa21f3c6a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchor(bytes32 agentId, bytes32 recordHash) returns()
func (spaceStake *SpaceStake) PackAnchor(agentId [32]byte, recordHash [32]byte) []byte {
	enc, err := spaceStake.abi.Pack("anchor", agentId, recordHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa21f3c6a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchor(bytes32 agentId, bytes32 recordHash) returns()
func (spaceStake *SpaceStake) TryPackAnchor(agentId [32]byte, recordHash [32]byte) ([]byte, error) {
	return spaceStake.abi.Pack("anchor", agentId, recordHash)
}

// PackAnchoredAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x67948f94.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function anchoredAt(bytes32 agentId, bytes32 recordHash) view returns(uint256)
func (spaceStake *SpaceStake) PackAnchoredAt(agentId [32]byte, recordHash [32]byte) []byte {
	enc, err := spaceStake.abi.Pack("anchoredAt", agentId, recordHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAnchoredAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x67948f94.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function anchoredAt(bytes32 agentId, bytes32 recordHash) view returns(uint256)
func (spaceStake *SpaceStake) TryPackAnchoredAt(agentId [32]byte, recordHash [32]byte) ([]byte, error) {
	return spaceStake.abi.Pack("anchoredAt", agentId, recordHash)
}

// UnpackAnchoredAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x67948f94.
//
// Solidity: function anchoredAt(bytes32 agentId, bytes32 recordHash) view returns(uint256)
func (spaceStake *SpaceStake) UnpackAnchoredAt(data []byte) (*big.Int, error) {
	out, err := spaceStake.abi.Unpack("anchoredAt", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackBond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x64c9ec6f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function bond() payable returns()
func (spaceStake *SpaceStake) PackBond() []byte {
	enc, err := spaceStake.abi.Pack("bond")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x64c9ec6f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function bond() payable returns()
func (spaceStake *SpaceStake) TryPackBond() ([]byte, error) {
	return spaceStake.abi.Pack("bond")
}

// PackBonds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe10d774.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function bonds(address player) view returns(uint256)
func (spaceStake *SpaceStake) PackBonds(player common.Address) []byte {
	enc, err := spaceStake.abi.Pack("bonds", player)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackBonds is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfe10d774.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function bonds(address player) view returns(uint256)
func (spaceStake *SpaceStake) TryPackBonds(player common.Address) ([]byte, error) {
	return spaceStake.abi.Pack("bonds", player)
}

// UnpackBonds is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xfe10d774.
//
// Solidity: function bonds(address player) view returns(uint256)
func (spaceStake *SpaceStake) UnpackBonds(data []byte) (*big.Int, error) {
	out, err := spaceStake.abi.Unpack("bonds", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackCompleteUnbond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb5bbf65b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function completeUnbond() returns()
func (spaceStake *SpaceStake) PackCompleteUnbond() []byte {
	enc, err := spaceStake.abi.Pack("completeUnbond")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCompleteUnbond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb5bbf65b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function completeUnbond() returns()
func (spaceStake *SpaceStake) TryPackCompleteUnbond() ([]byte, error) {
	return spaceStake.abi.Pack("completeUnbond")
}

// PackCreateSpace is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcbcd60f9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function createSpace(uint256 spaceId, address token, uint256 entryFee, uint256 refundTimeout) returns()
func (spaceStake *SpaceStake) PackCreateSpace(spaceId *big.Int, token common.Address, entryFee *big.Int, refundTimeout *big.Int) []byte {
	enc, err := spaceStake.abi.Pack("createSpace", spaceId, token, entryFee, refundTimeout)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCreateSpace is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcbcd60f9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function createSpace(uint256 spaceId, address token, uint256 entryFee, uint256 refundTimeout) returns()
func (spaceStake *SpaceStake) TryPackCreateSpace(spaceId *big.Int, token common.Address, entryFee *big.Int, refundTimeout *big.Int) ([]byte, error) {
	return spaceStake.abi.Pack("createSpace", spaceId, token, entryFee, refundTimeout)
}

// PackCredits is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x637cd7f0.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function credits(address token, address account) view returns(uint256)
func (spaceStake *SpaceStake) PackCredits(token common.Address, account common.Address) []byte {
	enc, err := spaceStake.abi.Pack("credits", token, account)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackCredits is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x637cd7f0.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function credits(address token, address account) view returns(uint256)
func (spaceStake *SpaceStake) TryPackCredits(token common.Address, account common.Address) ([]byte, error) {
	return spaceStake.abi.Pack("credits", token, account)
}

// UnpackCredits is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x637cd7f0.
//
// Solidity: function credits(address token, address account) view returns(uint256)
func (spaceStake *SpaceStake) UnpackCredits(data []byte) (*big.Int, error) {
	out, err := spaceStake.abi.Unpack("credits", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (spaceStake *SpaceStake) PackDomainSeparator() []byte {
	enc, err := spaceStake.abi.Pack("domainSeparator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackDomainSeparator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf698da25.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (spaceStake *SpaceStake) TryPackDomainSeparator() ([]byte, error) {
	return spaceStake.abi.Pack("domainSeparator")
}

// UnpackDomainSeparator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf698da25.
//
// Solidity: function domainSeparator() view returns(bytes32)
func (spaceStake *SpaceStake) UnpackDomainSeparator(data []byte) ([32]byte, error) {
	out, err := spaceStake.abi.Unpack("domainSeparator", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (spaceStake *SpaceStake) PackEip712Domain() []byte {
	enc, err := spaceStake.abi.Pack("eip712Domain")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEip712Domain is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x84b0196e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (spaceStake *SpaceStake) TryPackEip712Domain() ([]byte, error) {
	return spaceStake.abi.Pack("eip712Domain")
}

// Eip712DomainOutput serves as a container for the return parameters of contract
// method Eip712Domain.
type Eip712DomainOutput struct {
	Fields            [1]byte
	Name              string
	Version           string
	ChainId           *big.Int
	VerifyingContract common.Address
	Salt              [32]byte
	Extensions        []*big.Int
}

// UnpackEip712Domain is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x84b0196e.
//
// Solidity: function eip712Domain() view returns(bytes1 fields, string name, string version, uint256 chainId, address verifyingContract, bytes32 salt, uint256[] extensions)
func (spaceStake *SpaceStake) UnpackEip712Domain(data []byte) (Eip712DomainOutput, error) {
	out, err := spaceStake.abi.Unpack("eip712Domain", data)
	outstruct := new(Eip712DomainOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Fields = *abi.ConvertType(out[0], new([1]byte)).(*[1]byte)
	outstruct.Name = *abi.ConvertType(out[1], new(string)).(*string)
	outstruct.Version = *abi.ConvertType(out[2], new(string)).(*string)
	outstruct.ChainId = abi.ConvertType(out[3], new(big.Int)).(*big.Int)
	outstruct.VerifyingContract = *abi.ConvertType(out[4], new(common.Address)).(*common.Address)
	outstruct.Salt = *abi.ConvertType(out[5], new([32]byte)).(*[32]byte)
	outstruct.Extensions = *abi.ConvertType(out[6], new([]*big.Int)).(*[]*big.Int)
	return *outstruct, nil
}

// PackEnter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2342bde.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function enter(uint256 spaceId, bytes32 agentId) payable returns(uint256 ticketId)
func (spaceStake *SpaceStake) PackEnter(spaceId *big.Int, agentId [32]byte) []byte {
	enc, err := spaceStake.abi.Pack("enter", spaceId, agentId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEnter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2342bde.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function enter(uint256 spaceId, bytes32 agentId) payable returns(uint256 ticketId)
func (spaceStake *SpaceStake) TryPackEnter(spaceId *big.Int, agentId [32]byte) ([]byte, error) {
	return spaceStake.abi.Pack("enter", spaceId, agentId)
}

// UnpackEnter is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf2342bde.
//
// Solidity: function enter(uint256 spaceId, bytes32 agentId) payable returns(uint256 ticketId)
func (spaceStake *SpaceStake) UnpackEnter(data []byte) (*big.Int, error) {
	out, err := spaceStake.abi.Unpack("enter", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackGetSpace is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70e10431.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function getSpace(uint256 spaceId) view returns(address token, uint256 entryFee, uint256 refundTimeout, bool exists)
func (spaceStake *SpaceStake) PackGetSpace(spaceId *big.Int) []byte {
	enc, err := spaceStake.abi.Pack("getSpace", spaceId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackGetSpace is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x70e10431.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function getSpace(uint256 spaceId) view returns(address token, uint256 entryFee, uint256 refundTimeout, bool exists)
func (spaceStake *SpaceStake) TryPackGetSpace(spaceId *big.Int) ([]byte, error) {
	return spaceStake.abi.Pack("getSpace", spaceId)
}

// GetSpaceOutput serves as a container for the return parameters of contract
// method GetSpace.
type GetSpaceOutput struct {
	Token         common.Address
	EntryFee      *big.Int
	RefundTimeout *big.Int
	Exists        bool
}

// UnpackGetSpace is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x70e10431.
//
// Solidity: function getSpace(uint256 spaceId) view returns(address token, uint256 entryFee, uint256 refundTimeout, bool exists)
func (spaceStake *SpaceStake) UnpackGetSpace(data []byte) (GetSpaceOutput, error) {
	out, err := spaceStake.abi.Unpack("getSpace", data)
	outstruct := new(GetSpaceOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Token = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.EntryFee = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.RefundTimeout = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	outstruct.Exists = *abi.ConvertType(out[3], new(bool)).(*bool)
	return *outstruct, nil
}

// PackHashSettlement is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8a4153c9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function hashSettlement((bytes32,uint256,uint256[],address[],uint256[],uint256[],uint256,uint256) s) view returns(bytes32)
func (spaceStake *SpaceStake) PackHashSettlement(s SpaceStakeSettlement) []byte {
	enc, err := spaceStake.abi.Pack("hashSettlement", s)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackHashSettlement is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8a4153c9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function hashSettlement((bytes32,uint256,uint256[],address[],uint256[],uint256[],uint256,uint256) s) view returns(bytes32)
func (spaceStake *SpaceStake) TryPackHashSettlement(s SpaceStakeSettlement) ([]byte, error) {
	return spaceStake.abi.Pack("hashSettlement", s)
}

// UnpackHashSettlement is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8a4153c9.
//
// Solidity: function hashSettlement((bytes32,uint256,uint256[],address[],uint256[],uint256[],uint256,uint256) s) view returns(bytes32)
func (spaceStake *SpaceStake) UnpackHashSettlement(data []byte) ([32]byte, error) {
	out, err := spaceStake.abi.Unpack("hashSettlement", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackLatestAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb629d6fd.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function latestAnchor(bytes32 agentId) view returns(bytes32)
func (spaceStake *SpaceStake) PackLatestAnchor(agentId [32]byte) []byte {
	enc, err := spaceStake.abi.Pack("latestAnchor", agentId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackLatestAnchor is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xb629d6fd.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function latestAnchor(bytes32 agentId) view returns(bytes32)
func (spaceStake *SpaceStake) TryPackLatestAnchor(agentId [32]byte) ([]byte, error) {
	return spaceStake.abi.Pack("latestAnchor", agentId)
}

// UnpackLatestAnchor is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xb629d6fd.
//
// Solidity: function latestAnchor(bytes32 agentId) view returns(bytes32)
func (spaceStake *SpaceStake) UnpackLatestAnchor(data []byte) ([32]byte, error) {
	out, err := spaceStake.abi.Unpack("latestAnchor", data)
	if err != nil {
		return *new([32]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([32]byte)).(*[32]byte)
	return out0, nil
}

// PackNextTicketId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6031a52f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function nextTicketId() view returns(uint256)
func (spaceStake *SpaceStake) PackNextTicketId() []byte {
	enc, err := spaceStake.abi.Pack("nextTicketId")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackNextTicketId is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x6031a52f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function nextTicketId() view returns(uint256)
func (spaceStake *SpaceStake) TryPackNextTicketId() ([]byte, error) {
	return spaceStake.abi.Pack("nextTicketId")
}

// UnpackNextTicketId is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x6031a52f.
//
// Solidity: function nextTicketId() view returns(uint256)
func (spaceStake *SpaceStake) UnpackNextTicketId(data []byte) (*big.Int, error) {
	out, err := spaceStake.abi.Unpack("nextTicketId", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x570ca735.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function operator() view returns(address)
func (spaceStake *SpaceStake) PackOperator() []byte {
	enc, err := spaceStake.abi.Pack("operator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x570ca735.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function operator() view returns(address)
func (spaceStake *SpaceStake) TryPackOperator() ([]byte, error) {
	return spaceStake.abi.Pack("operator")
}

// UnpackOperator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x570ca735.
//
// Solidity: function operator() view returns(address)
func (spaceStake *SpaceStake) UnpackOperator(data []byte) (common.Address, error) {
	out, err := spaceStake.abi.Unpack("operator", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackOperatorReadyAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1c6a4a50.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function operatorReadyAt() view returns(uint256)
func (spaceStake *SpaceStake) PackOperatorReadyAt() []byte {
	enc, err := spaceStake.abi.Pack("operatorReadyAt")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOperatorReadyAt is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1c6a4a50.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function operatorReadyAt() view returns(uint256)
func (spaceStake *SpaceStake) TryPackOperatorReadyAt() ([]byte, error) {
	return spaceStake.abi.Pack("operatorReadyAt")
}

// UnpackOperatorReadyAt is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x1c6a4a50.
//
// Solidity: function operatorReadyAt() view returns(uint256)
func (spaceStake *SpaceStake) UnpackOperatorReadyAt(data []byte) (*big.Int, error) {
	out, err := spaceStake.abi.Unpack("operatorReadyAt", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function owner() view returns(address)
func (spaceStake *SpaceStake) PackOwner() []byte {
	enc, err := spaceStake.abi.Pack("owner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8da5cb5b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function owner() view returns(address)
func (spaceStake *SpaceStake) TryPackOwner() ([]byte, error) {
	return spaceStake.abi.Pack("owner")
}

// UnpackOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x8da5cb5b.
//
// Solidity: function owner() view returns(address)
func (spaceStake *SpaceStake) UnpackOwner(data []byte) (common.Address, error) {
	out, err := spaceStake.abi.Unpack("owner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8456cb59.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pause() returns()
func (spaceStake *SpaceStake) PackPause() []byte {
	enc, err := spaceStake.abi.Pack("pause")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x8456cb59.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pause() returns()
func (spaceStake *SpaceStake) TryPackPause() ([]byte, error) {
	return spaceStake.abi.Pack("pause")
}

// PackPaused is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c975abb.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function paused() view returns(bool)
func (spaceStake *SpaceStake) PackPaused() []byte {
	enc, err := spaceStake.abi.Pack("paused")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPaused is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x5c975abb.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function paused() view returns(bool)
func (spaceStake *SpaceStake) TryPackPaused() ([]byte, error) {
	return spaceStake.abi.Pack("paused")
}

// UnpackPaused is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x5c975abb.
//
// Solidity: function paused() view returns(bool)
func (spaceStake *SpaceStake) UnpackPaused(data []byte) (bool, error) {
	out, err := spaceStake.abi.Unpack("paused", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackPendingOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xac7e534e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingOperator() view returns(address)
func (spaceStake *SpaceStake) PackPendingOperator() []byte {
	enc, err := spaceStake.abi.Pack("pendingOperator")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPendingOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xac7e534e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pendingOperator() view returns(address)
func (spaceStake *SpaceStake) TryPackPendingOperator() ([]byte, error) {
	return spaceStake.abi.Pack("pendingOperator")
}

// UnpackPendingOperator is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xac7e534e.
//
// Solidity: function pendingOperator() view returns(address)
func (spaceStake *SpaceStake) UnpackPendingOperator(data []byte) (common.Address, error) {
	out, err := spaceStake.abi.Unpack("pendingOperator", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackPendingOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe30c3978.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function pendingOwner() view returns(address)
func (spaceStake *SpaceStake) PackPendingOwner() []byte {
	enc, err := spaceStake.abi.Pack("pendingOwner")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackPendingOwner is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xe30c3978.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function pendingOwner() view returns(address)
func (spaceStake *SpaceStake) TryPackPendingOwner() ([]byte, error) {
	return spaceStake.abi.Pack("pendingOwner")
}

// UnpackPendingOwner is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xe30c3978.
//
// Solidity: function pendingOwner() view returns(address)
func (spaceStake *SpaceStake) UnpackPendingOwner(data []byte) (common.Address, error) {
	out, err := spaceStake.abi.Unpack("pendingOwner", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackProposeOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1661f530.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function proposeOperator(address newOperator) returns()
func (spaceStake *SpaceStake) PackProposeOperator(newOperator common.Address) []byte {
	enc, err := spaceStake.abi.Pack("proposeOperator", newOperator)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackProposeOperator is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x1661f530.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function proposeOperator(address newOperator) returns()
func (spaceStake *SpaceStake) TryPackProposeOperator(newOperator common.Address) ([]byte, error) {
	return spaceStake.abi.Pack("proposeOperator", newOperator)
}

// PackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x278ecde1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refund(uint256 ticketId) returns()
func (spaceStake *SpaceStake) PackRefund(ticketId *big.Int) []byte {
	enc, err := spaceStake.abi.Pack("refund", ticketId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefund is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x278ecde1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refund(uint256 ticketId) returns()
func (spaceStake *SpaceStake) TryPackRefund(ticketId *big.Int) ([]byte, error) {
	return spaceStake.abi.Pack("refund", ticketId)
}

// PackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function renounceOwnership() returns()
func (spaceStake *SpaceStake) PackRenounceOwnership() []byte {
	enc, err := spaceStake.abi.Pack("renounceOwnership")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRenounceOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x715018a6.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function renounceOwnership() returns()
func (spaceStake *SpaceStake) TryPackRenounceOwnership() ([]byte, error) {
	return spaceStake.abi.Pack("renounceOwnership")
}

// PackRequestUnbond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54f63b14.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function requestUnbond(uint256 amount) returns()
func (spaceStake *SpaceStake) PackRequestUnbond(amount *big.Int) []byte {
	enc, err := spaceStake.abi.Pack("requestUnbond", amount)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRequestUnbond is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x54f63b14.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function requestUnbond(uint256 amount) returns()
func (spaceStake *SpaceStake) TryPackRequestUnbond(amount *big.Int) ([]byte, error) {
	return spaceStake.abi.Pack("requestUnbond", amount)
}

// PackSetTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0f44260.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function setTreasury(address newTreasury) returns()
func (spaceStake *SpaceStake) PackSetTreasury(newTreasury common.Address) []byte {
	enc, err := spaceStake.abi.Pack("setTreasury", newTreasury)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSetTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf0f44260.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function setTreasury(address newTreasury) returns()
func (spaceStake *SpaceStake) TryPackSetTreasury(newTreasury common.Address) ([]byte, error) {
	return spaceStake.abi.Pack("setTreasury", newTreasury)
}

// PackSettle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x929c74c4.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settle((bytes32,uint256,uint256[],address[],uint256[],uint256[],uint256,uint256) s, bytes signature) returns()
func (spaceStake *SpaceStake) PackSettle(s SpaceStakeSettlement, signature []byte) []byte {
	enc, err := spaceStake.abi.Pack("settle", s, signature)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettle is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x929c74c4.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settle((bytes32,uint256,uint256[],address[],uint256[],uint256[],uint256,uint256) s, bytes signature) returns()
func (spaceStake *SpaceStake) TryPackSettle(s SpaceStakeSettlement, signature []byte) ([]byte, error) {
	return spaceStake.abi.Pack("settle", s, signature)
}

// PackSettleBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcd801346.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settleBatch((bytes32,uint256,uint256[],address[],uint256[],uint256[],uint256,uint256)[] s, bytes[] signatures) returns()
func (spaceStake *SpaceStake) PackSettleBatch(s []SpaceStakeSettlement, signatures [][]byte) []byte {
	enc, err := spaceStake.abi.Pack("settleBatch", s, signatures)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettleBatch is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xcd801346.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settleBatch((bytes32,uint256,uint256[],address[],uint256[],uint256[],uint256,uint256)[] s, bytes[] signatures) returns()
func (spaceStake *SpaceStake) TryPackSettleBatch(s []SpaceStakeSettlement, signatures [][]byte) ([]byte, error) {
	return spaceStake.abi.Pack("settleBatch", s, signatures)
}

// PackSettledMatches is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4508124d.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function settledMatches(bytes32 matchId) view returns(bool)
func (spaceStake *SpaceStake) PackSettledMatches(matchId [32]byte) []byte {
	enc, err := spaceStake.abi.Pack("settledMatches", matchId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSettledMatches is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x4508124d.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function settledMatches(bytes32 matchId) view returns(bool)
func (spaceStake *SpaceStake) TryPackSettledMatches(matchId [32]byte) ([]byte, error) {
	return spaceStake.abi.Pack("settledMatches", matchId)
}

// UnpackSettledMatches is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x4508124d.
//
// Solidity: function settledMatches(bytes32 matchId) view returns(bool)
func (spaceStake *SpaceStake) UnpackSettledMatches(data []byte) (bool, error) {
	out, err := spaceStake.abi.Unpack("settledMatches", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfba2c05a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function slash(address player, uint256 amount, bytes32 evidenceHash) returns()
func (spaceStake *SpaceStake) PackSlash(player common.Address, amount *big.Int, evidenceHash [32]byte) []byte {
	enc, err := spaceStake.abi.Pack("slash", player, amount, evidenceHash)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackSlash is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xfba2c05a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function slash(address player, uint256 amount, bytes32 evidenceHash) returns()
func (spaceStake *SpaceStake) TryPackSlash(player common.Address, amount *big.Int, evidenceHash [32]byte) ([]byte, error) {
	return spaceStake.abi.Pack("slash", player, amount, evidenceHash)
}

// PackTickets is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x50b44712.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function tickets(uint256 ticketId) view returns(address player, uint48 spaceId, uint48 refundAt)
func (spaceStake *SpaceStake) PackTickets(ticketId *big.Int) []byte {
	enc, err := spaceStake.abi.Pack("tickets", ticketId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTickets is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x50b44712.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function tickets(uint256 ticketId) view returns(address player, uint48 spaceId, uint48 refundAt)
func (spaceStake *SpaceStake) TryPackTickets(ticketId *big.Int) ([]byte, error) {
	return spaceStake.abi.Pack("tickets", ticketId)
}

// TicketsOutput serves as a container for the return parameters of contract
// method Tickets.
type TicketsOutput struct {
	Player   common.Address
	SpaceId  *big.Int
	RefundAt *big.Int
}

// UnpackTickets is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x50b44712.
//
// Solidity: function tickets(uint256 ticketId) view returns(address player, uint48 spaceId, uint48 refundAt)
func (spaceStake *SpaceStake) UnpackTickets(data []byte) (TicketsOutput, error) {
	out, err := spaceStake.abi.Unpack("tickets", data)
	outstruct := new(TicketsOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Player = *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	outstruct.SpaceId = abi.ConvertType(out[1], new(big.Int)).(*big.Int)
	outstruct.RefundAt = abi.ConvertType(out[2], new(big.Int)).(*big.Int)
	return *outstruct, nil
}

// PackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (spaceStake *SpaceStake) PackTransferOwnership(newOwner common.Address) []byte {
	enc, err := spaceStake.abi.Pack("transferOwnership", newOwner)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTransferOwnership is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2fde38b.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function transferOwnership(address newOwner) returns()
func (spaceStake *SpaceStake) TryPackTransferOwnership(newOwner common.Address) ([]byte, error) {
	return spaceStake.abi.Pack("transferOwnership", newOwner)
}

// PackTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x61d027b3.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function treasury() view returns(address)
func (spaceStake *SpaceStake) PackTreasury() []byte {
	enc, err := spaceStake.abi.Pack("treasury")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackTreasury is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x61d027b3.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function treasury() view returns(address)
func (spaceStake *SpaceStake) TryPackTreasury() ([]byte, error) {
	return spaceStake.abi.Pack("treasury")
}

// UnpackTreasury is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x61d027b3.
//
// Solidity: function treasury() view returns(address)
func (spaceStake *SpaceStake) UnpackTreasury(data []byte) (common.Address, error) {
	out, err := spaceStake.abi.Unpack("treasury", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}

// PackUnbonding is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xced4cd2e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unbonding(address player) view returns(uint128 amount, uint64 readyAt)
func (spaceStake *SpaceStake) PackUnbonding(player common.Address) []byte {
	enc, err := spaceStake.abi.Pack("unbonding", player)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnbonding is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xced4cd2e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unbonding(address player) view returns(uint128 amount, uint64 readyAt)
func (spaceStake *SpaceStake) TryPackUnbonding(player common.Address) ([]byte, error) {
	return spaceStake.abi.Pack("unbonding", player)
}

// UnbondingOutput serves as a container for the return parameters of contract
// method Unbonding.
type UnbondingOutput struct {
	Amount  *big.Int
	ReadyAt uint64
}

// UnpackUnbonding is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xced4cd2e.
//
// Solidity: function unbonding(address player) view returns(uint128 amount, uint64 readyAt)
func (spaceStake *SpaceStake) UnpackUnbonding(data []byte) (UnbondingOutput, error) {
	out, err := spaceStake.abi.Unpack("unbonding", data)
	outstruct := new(UnbondingOutput)
	if err != nil {
		return *outstruct, err
	}
	outstruct.Amount = abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	outstruct.ReadyAt = *abi.ConvertType(out[1], new(uint64)).(*uint64)
	return *outstruct, nil
}

// PackUnpause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f4ba83a.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function unpause() returns()
func (spaceStake *SpaceStake) PackUnpause() []byte {
	enc, err := spaceStake.abi.Pack("unpause")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackUnpause is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3f4ba83a.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function unpause() returns()
func (spaceStake *SpaceStake) TryPackUnpause() ([]byte, error) {
	return spaceStake.abi.Pack("unpause")
}

// PackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x51cff8d9.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function withdraw(address token) returns()
func (spaceStake *SpaceStake) PackWithdraw(token common.Address) []byte {
	enc, err := spaceStake.abi.Pack("withdraw", token)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackWithdraw is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x51cff8d9.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function withdraw(address token) returns()
func (spaceStake *SpaceStake) TryPackWithdraw(token common.Address) ([]byte, error) {
	return spaceStake.abi.Pack("withdraw", token)
}

// SpaceStakeAnchored represents a Anchored event raised by the SpaceStake contract.
type SpaceStakeAnchored struct {
	AgentId     [32]byte
	RecordHash  [32]byte
	BlockNumber *big.Int
	Raw         *types.Log // Blockchain specific contextual infos
}

const SpaceStakeAnchoredEventName = "Anchored"

// ContractEventName returns the user-defined event name.
func (SpaceStakeAnchored) ContractEventName() string {
	return SpaceStakeAnchoredEventName
}

// UnpackAnchoredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Anchored(bytes32 indexed agentId, bytes32 indexed recordHash, uint256 blockNumber)
func (spaceStake *SpaceStake) UnpackAnchoredEvent(log *types.Log) (*SpaceStakeAnchored, error) {
	event := "Anchored"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeAnchored)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeBonded represents a Bonded event raised by the SpaceStake contract.
type SpaceStakeBonded struct {
	Player common.Address
	Amount *big.Int
	Bond   *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const SpaceStakeBondedEventName = "Bonded"

// ContractEventName returns the user-defined event name.
func (SpaceStakeBonded) ContractEventName() string {
	return SpaceStakeBondedEventName
}

// UnpackBondedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Bonded(address indexed player, uint256 amount, uint256 bond)
func (spaceStake *SpaceStake) UnpackBondedEvent(log *types.Log) (*SpaceStakeBonded, error) {
	event := "Bonded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeBonded)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeEIP712DomainChanged represents a EIP712DomainChanged event raised by the SpaceStake contract.
type SpaceStakeEIP712DomainChanged struct {
	Raw *types.Log // Blockchain specific contextual infos
}

const SpaceStakeEIP712DomainChangedEventName = "EIP712DomainChanged"

// ContractEventName returns the user-defined event name.
func (SpaceStakeEIP712DomainChanged) ContractEventName() string {
	return SpaceStakeEIP712DomainChangedEventName
}

// UnpackEIP712DomainChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EIP712DomainChanged()
func (spaceStake *SpaceStake) UnpackEIP712DomainChangedEvent(log *types.Log) (*SpaceStakeEIP712DomainChanged, error) {
	event := "EIP712DomainChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeEIP712DomainChanged)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeEntered represents a Entered event raised by the SpaceStake contract.
type SpaceStakeEntered struct {
	TicketId *big.Int
	SpaceId  *big.Int
	AgentId  [32]byte
	Player   common.Address
	Fee      *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const SpaceStakeEnteredEventName = "Entered"

// ContractEventName returns the user-defined event name.
func (SpaceStakeEntered) ContractEventName() string {
	return SpaceStakeEnteredEventName
}

// UnpackEnteredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Entered(uint256 indexed ticketId, uint256 indexed spaceId, bytes32 indexed agentId, address player, uint256 fee)
func (spaceStake *SpaceStake) UnpackEnteredEvent(log *types.Log) (*SpaceStakeEntered, error) {
	event := "Entered"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeEntered)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeOperatorChanged represents a OperatorChanged event raised by the SpaceStake contract.
type SpaceStakeOperatorChanged struct {
	PreviousOperator common.Address
	NewOperator      common.Address
	Raw              *types.Log // Blockchain specific contextual infos
}

const SpaceStakeOperatorChangedEventName = "OperatorChanged"

// ContractEventName returns the user-defined event name.
func (SpaceStakeOperatorChanged) ContractEventName() string {
	return SpaceStakeOperatorChangedEventName
}

// UnpackOperatorChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OperatorChanged(address indexed previousOperator, address indexed newOperator)
func (spaceStake *SpaceStake) UnpackOperatorChangedEvent(log *types.Log) (*SpaceStakeOperatorChanged, error) {
	event := "OperatorChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeOperatorChanged)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeOperatorProposed represents a OperatorProposed event raised by the SpaceStake contract.
type SpaceStakeOperatorProposed struct {
	Operator common.Address
	ReadyAt  *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const SpaceStakeOperatorProposedEventName = "OperatorProposed"

// ContractEventName returns the user-defined event name.
func (SpaceStakeOperatorProposed) ContractEventName() string {
	return SpaceStakeOperatorProposedEventName
}

// UnpackOperatorProposedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OperatorProposed(address indexed operator, uint256 readyAt)
func (spaceStake *SpaceStake) UnpackOperatorProposedEvent(log *types.Log) (*SpaceStakeOperatorProposed, error) {
	event := "OperatorProposed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeOperatorProposed)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeOwnershipTransferStarted represents a OwnershipTransferStarted event raised by the SpaceStake contract.
type SpaceStakeOwnershipTransferStarted struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const SpaceStakeOwnershipTransferStartedEventName = "OwnershipTransferStarted"

// ContractEventName returns the user-defined event name.
func (SpaceStakeOwnershipTransferStarted) ContractEventName() string {
	return SpaceStakeOwnershipTransferStartedEventName
}

// UnpackOwnershipTransferStartedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferStarted(address indexed previousOwner, address indexed newOwner)
func (spaceStake *SpaceStake) UnpackOwnershipTransferStartedEvent(log *types.Log) (*SpaceStakeOwnershipTransferStarted, error) {
	event := "OwnershipTransferStarted"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeOwnershipTransferStarted)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeOwnershipTransferred represents a OwnershipTransferred event raised by the SpaceStake contract.
type SpaceStakeOwnershipTransferred struct {
	PreviousOwner common.Address
	NewOwner      common.Address
	Raw           *types.Log // Blockchain specific contextual infos
}

const SpaceStakeOwnershipTransferredEventName = "OwnershipTransferred"

// ContractEventName returns the user-defined event name.
func (SpaceStakeOwnershipTransferred) ContractEventName() string {
	return SpaceStakeOwnershipTransferredEventName
}

// UnpackOwnershipTransferredEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event OwnershipTransferred(address indexed previousOwner, address indexed newOwner)
func (spaceStake *SpaceStake) UnpackOwnershipTransferredEvent(log *types.Log) (*SpaceStakeOwnershipTransferred, error) {
	event := "OwnershipTransferred"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeOwnershipTransferred)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakePaused represents a Paused event raised by the SpaceStake contract.
type SpaceStakePaused struct {
	Account common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const SpaceStakePausedEventName = "Paused"

// ContractEventName returns the user-defined event name.
func (SpaceStakePaused) ContractEventName() string {
	return SpaceStakePausedEventName
}

// UnpackPausedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Paused(address account)
func (spaceStake *SpaceStake) UnpackPausedEvent(log *types.Log) (*SpaceStakePaused, error) {
	event := "Paused"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakePaused)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeRefunded represents a Refunded event raised by the SpaceStake contract.
type SpaceStakeRefunded struct {
	TicketId *big.Int
	Player   common.Address
	Amount   *big.Int
	Raw      *types.Log // Blockchain specific contextual infos
}

const SpaceStakeRefundedEventName = "Refunded"

// ContractEventName returns the user-defined event name.
func (SpaceStakeRefunded) ContractEventName() string {
	return SpaceStakeRefundedEventName
}

// UnpackRefundedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Refunded(uint256 indexed ticketId, address indexed player, uint256 amount)
func (spaceStake *SpaceStake) UnpackRefundedEvent(log *types.Log) (*SpaceStakeRefunded, error) {
	event := "Refunded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeRefunded)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeSettled represents a Settled event raised by the SpaceStake contract.
type SpaceStakeSettled struct {
	MatchId [32]byte
	SpaceId *big.Int
	Tickets []*big.Int
	Payees  []common.Address
	Amounts []*big.Int
	Rake    *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const SpaceStakeSettledEventName = "Settled"

// ContractEventName returns the user-defined event name.
func (SpaceStakeSettled) ContractEventName() string {
	return SpaceStakeSettledEventName
}

// UnpackSettledEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Settled(bytes32 indexed matchId, uint256 indexed spaceId, uint256[] tickets, address[] payees, uint256[] amounts, uint256 rake)
func (spaceStake *SpaceStake) UnpackSettledEvent(log *types.Log) (*SpaceStakeSettled, error) {
	event := "Settled"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeSettled)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeSlashed represents a Slashed event raised by the SpaceStake contract.
type SpaceStakeSlashed struct {
	Player       common.Address
	Amount       *big.Int
	EvidenceHash [32]byte
	Raw          *types.Log // Blockchain specific contextual infos
}

const SpaceStakeSlashedEventName = "Slashed"

// ContractEventName returns the user-defined event name.
func (SpaceStakeSlashed) ContractEventName() string {
	return SpaceStakeSlashedEventName
}

// UnpackSlashedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Slashed(address indexed player, uint256 amount, bytes32 indexed evidenceHash)
func (spaceStake *SpaceStake) UnpackSlashedEvent(log *types.Log) (*SpaceStakeSlashed, error) {
	event := "Slashed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeSlashed)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeSpaceCreated represents a SpaceCreated event raised by the SpaceStake contract.
type SpaceStakeSpaceCreated struct {
	SpaceId       *big.Int
	Token         common.Address
	EntryFee      *big.Int
	RefundTimeout *big.Int
	Raw           *types.Log // Blockchain specific contextual infos
}

const SpaceStakeSpaceCreatedEventName = "SpaceCreated"

// ContractEventName returns the user-defined event name.
func (SpaceStakeSpaceCreated) ContractEventName() string {
	return SpaceStakeSpaceCreatedEventName
}

// UnpackSpaceCreatedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event SpaceCreated(uint256 indexed spaceId, address indexed token, uint256 entryFee, uint256 refundTimeout)
func (spaceStake *SpaceStake) UnpackSpaceCreatedEvent(log *types.Log) (*SpaceStakeSpaceCreated, error) {
	event := "SpaceCreated"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeSpaceCreated)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeTokenAllowed represents a TokenAllowed event raised by the SpaceStake contract.
type SpaceStakeTokenAllowed struct {
	Token   common.Address
	Allowed bool
	Raw     *types.Log // Blockchain specific contextual infos
}

const SpaceStakeTokenAllowedEventName = "TokenAllowed"

// ContractEventName returns the user-defined event name.
func (SpaceStakeTokenAllowed) ContractEventName() string {
	return SpaceStakeTokenAllowedEventName
}

// UnpackTokenAllowedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TokenAllowed(address indexed token, bool allowed)
func (spaceStake *SpaceStake) UnpackTokenAllowedEvent(log *types.Log) (*SpaceStakeTokenAllowed, error) {
	event := "TokenAllowed"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeTokenAllowed)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeTreasuryChanged represents a TreasuryChanged event raised by the SpaceStake contract.
type SpaceStakeTreasuryChanged struct {
	PreviousTreasury common.Address
	NewTreasury      common.Address
	Raw              *types.Log // Blockchain specific contextual infos
}

const SpaceStakeTreasuryChangedEventName = "TreasuryChanged"

// ContractEventName returns the user-defined event name.
func (SpaceStakeTreasuryChanged) ContractEventName() string {
	return SpaceStakeTreasuryChangedEventName
}

// UnpackTreasuryChangedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event TreasuryChanged(address indexed previousTreasury, address indexed newTreasury)
func (spaceStake *SpaceStake) UnpackTreasuryChangedEvent(log *types.Log) (*SpaceStakeTreasuryChanged, error) {
	event := "TreasuryChanged"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeTreasuryChanged)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeUnbondRequested represents a UnbondRequested event raised by the SpaceStake contract.
type SpaceStakeUnbondRequested struct {
	Player  common.Address
	Amount  *big.Int
	ReadyAt *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const SpaceStakeUnbondRequestedEventName = "UnbondRequested"

// ContractEventName returns the user-defined event name.
func (SpaceStakeUnbondRequested) ContractEventName() string {
	return SpaceStakeUnbondRequestedEventName
}

// UnpackUnbondRequestedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event UnbondRequested(address indexed player, uint256 amount, uint256 readyAt)
func (spaceStake *SpaceStake) UnpackUnbondRequestedEvent(log *types.Log) (*SpaceStakeUnbondRequested, error) {
	event := "UnbondRequested"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeUnbondRequested)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeUnbonded represents a Unbonded event raised by the SpaceStake contract.
type SpaceStakeUnbonded struct {
	Player common.Address
	Amount *big.Int
	Raw    *types.Log // Blockchain specific contextual infos
}

const SpaceStakeUnbondedEventName = "Unbonded"

// ContractEventName returns the user-defined event name.
func (SpaceStakeUnbonded) ContractEventName() string {
	return SpaceStakeUnbondedEventName
}

// UnpackUnbondedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Unbonded(address indexed player, uint256 amount)
func (spaceStake *SpaceStake) UnpackUnbondedEvent(log *types.Log) (*SpaceStakeUnbonded, error) {
	event := "Unbonded"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeUnbonded)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeUnpaused represents a Unpaused event raised by the SpaceStake contract.
type SpaceStakeUnpaused struct {
	Account common.Address
	Raw     *types.Log // Blockchain specific contextual infos
}

const SpaceStakeUnpausedEventName = "Unpaused"

// ContractEventName returns the user-defined event name.
func (SpaceStakeUnpaused) ContractEventName() string {
	return SpaceStakeUnpausedEventName
}

// UnpackUnpausedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Unpaused(address account)
func (spaceStake *SpaceStake) UnpackUnpausedEvent(log *types.Log) (*SpaceStakeUnpaused, error) {
	event := "Unpaused"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeUnpaused)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// SpaceStakeWithdrawn represents a Withdrawn event raised by the SpaceStake contract.
type SpaceStakeWithdrawn struct {
	Account common.Address
	Token   common.Address
	Amount  *big.Int
	Raw     *types.Log // Blockchain specific contextual infos
}

const SpaceStakeWithdrawnEventName = "Withdrawn"

// ContractEventName returns the user-defined event name.
func (SpaceStakeWithdrawn) ContractEventName() string {
	return SpaceStakeWithdrawnEventName
}

// UnpackWithdrawnEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event Withdrawn(address indexed account, address indexed token, uint256 amount)
func (spaceStake *SpaceStake) UnpackWithdrawnEvent(log *types.Log) (*SpaceStakeWithdrawn, error) {
	event := "Withdrawn"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeWithdrawn)
	if len(log.Data) > 0 {
		if err := spaceStake.abi.UnpackIntoInterface(out, event, log.Data); err != nil {
			return nil, err
		}
	}
	var indexed abi.Arguments
	for _, arg := range spaceStake.abi.Events[event].Inputs {
		if arg.Indexed {
			indexed = append(indexed, arg)
		}
	}
	if err := abi.ParseTopics(out, indexed, log.Topics[1:]); err != nil {
		return nil, err
	}
	out.Raw = log
	return out, nil
}

// UnpackError attempts to decode the provided error data using user-defined
// error definitions.
func (spaceStake *SpaceStake) UnpackError(raw []byte) (any, error) {
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["AlreadyAnchored"].ID.Bytes()[:4]) {
		return spaceStake.UnpackAlreadyAnchoredError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["BatchLengthMismatch"].ID.Bytes()[:4]) {
		return spaceStake.UnpackBatchLengthMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["ECDSAInvalidSignature"].ID.Bytes()[:4]) {
		return spaceStake.UnpackECDSAInvalidSignatureError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["ECDSAInvalidSignatureLength"].ID.Bytes()[:4]) {
		return spaceStake.UnpackECDSAInvalidSignatureLengthError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["ECDSAInvalidSignatureS"].ID.Bytes()[:4]) {
		return spaceStake.UnpackECDSAInvalidSignatureSError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["EmptySettlement"].ID.Bytes()[:4]) {
		return spaceStake.UnpackEmptySettlementError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["EnforcedPause"].ID.Bytes()[:4]) {
		return spaceStake.UnpackEnforcedPauseError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["EthTransferFailed"].ID.Bytes()[:4]) {
		return spaceStake.UnpackEthTransferFailedError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["ExpectedPause"].ID.Bytes()[:4]) {
		return spaceStake.UnpackExpectedPauseError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["InvalidRefundTimeout"].ID.Bytes()[:4]) {
		return spaceStake.UnpackInvalidRefundTimeoutError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["InvalidShortString"].ID.Bytes()[:4]) {
		return spaceStake.UnpackInvalidShortStringError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["MatchAlreadySettled"].ID.Bytes()[:4]) {
		return spaceStake.UnpackMatchAlreadySettledError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["NoUnbondRequested"].ID.Bytes()[:4]) {
		return spaceStake.UnpackNoUnbondRequestedError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["NotOperator"].ID.Bytes()[:4]) {
		return spaceStake.UnpackNotOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["NotOwnerOrOperator"].ID.Bytes()[:4]) {
		return spaceStake.UnpackNotOwnerOrOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["NotPendingOperator"].ID.Bytes()[:4]) {
		return spaceStake.UnpackNotPendingOperatorError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["NotTicketPlayer"].ID.Bytes()[:4]) {
		return spaceStake.UnpackNotTicketPlayerError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["NothingToWithdraw"].ID.Bytes()[:4]) {
		return spaceStake.UnpackNothingToWithdrawError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["OperatorTimelockNotElapsed"].ID.Bytes()[:4]) {
		return spaceStake.UnpackOperatorTimelockNotElapsedError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["OwnableInvalidOwner"].ID.Bytes()[:4]) {
		return spaceStake.UnpackOwnableInvalidOwnerError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["OwnableUnauthorizedAccount"].ID.Bytes()[:4]) {
		return spaceStake.UnpackOwnableUnauthorizedAccountError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["PayeesAmountsMismatch"].ID.Bytes()[:4]) {
		return spaceStake.UnpackPayeesAmountsMismatchError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["ReentrancyGuardReentrantCall"].ID.Bytes()[:4]) {
		return spaceStake.UnpackReentrancyGuardReentrantCallError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["RefundTooEarly"].ID.Bytes()[:4]) {
		return spaceStake.UnpackRefundTooEarlyError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["SafeERC20FailedOperation"].ID.Bytes()[:4]) {
		return spaceStake.UnpackSafeERC20FailedOperationError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["SettlementExpired"].ID.Bytes()[:4]) {
		return spaceStake.UnpackSettlementExpiredError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["SettlementOverPool"].ID.Bytes()[:4]) {
		return spaceStake.UnpackSettlementOverPoolError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["SlashExceedsBond"].ID.Bytes()[:4]) {
		return spaceStake.UnpackSlashExceedsBondError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["SlashedTicketNotInSettlement"].ID.Bytes()[:4]) {
		return spaceStake.UnpackSlashedTicketNotInSettlementError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["SpaceAlreadyExists"].ID.Bytes()[:4]) {
		return spaceStake.UnpackSpaceAlreadyExistsError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["SpaceIdTooLarge"].ID.Bytes()[:4]) {
		return spaceStake.UnpackSpaceIdTooLargeError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["SpaceNotFound"].ID.Bytes()[:4]) {
		return spaceStake.UnpackSpaceNotFoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["StringTooLong"].ID.Bytes()[:4]) {
		return spaceStake.UnpackStringTooLongError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["TicketClosed"].ID.Bytes()[:4]) {
		return spaceStake.UnpackTicketClosedError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["TicketNotFound"].ID.Bytes()[:4]) {
		return spaceStake.UnpackTicketNotFoundError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["TicketNotInSpace"].ID.Bytes()[:4]) {
		return spaceStake.UnpackTicketNotInSpaceError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["TokenNotAllowed"].ID.Bytes()[:4]) {
		return spaceStake.UnpackTokenNotAllowedError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["UnbondExceedsBond"].ID.Bytes()[:4]) {
		return spaceStake.UnpackUnbondExceedsBondError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["UnbondNotReady"].ID.Bytes()[:4]) {
		return spaceStake.UnpackUnbondNotReadyError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["WrongEntryValue"].ID.Bytes()[:4]) {
		return spaceStake.UnpackWrongEntryValueError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["WrongSigner"].ID.Bytes()[:4]) {
		return spaceStake.UnpackWrongSignerError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["ZeroAddress"].ID.Bytes()[:4]) {
		return spaceStake.UnpackZeroAddressError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["ZeroAmount"].ID.Bytes()[:4]) {
		return spaceStake.UnpackZeroAmountError(raw[4:])
	}
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["ZeroEntryFee"].ID.Bytes()[:4]) {
		return spaceStake.UnpackZeroEntryFeeError(raw[4:])
	}
	return nil, errors.New("Unknown error")
}

// SpaceStakeAlreadyAnchored represents a AlreadyAnchored error raised by the SpaceStake contract.
type SpaceStakeAlreadyAnchored struct {
	AgentId    [32]byte
	RecordHash [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error AlreadyAnchored(bytes32 agentId, bytes32 recordHash)
func SpaceStakeAlreadyAnchoredErrorID() common.Hash {
	return common.HexToHash("0xc3ab7af0b9679bd0940164d416dc8db3e73403c51f59a8355826a6b53d97925d")
}

// UnpackAlreadyAnchoredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error AlreadyAnchored(bytes32 agentId, bytes32 recordHash)
func (spaceStake *SpaceStake) UnpackAlreadyAnchoredError(raw []byte) (*SpaceStakeAlreadyAnchored, error) {
	out := new(SpaceStakeAlreadyAnchored)
	if err := spaceStake.abi.UnpackIntoInterface(out, "AlreadyAnchored", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeBatchLengthMismatch represents a BatchLengthMismatch error raised by the SpaceStake contract.
type SpaceStakeBatchLengthMismatch struct {
	Settlements *big.Int
	Signatures  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error BatchLengthMismatch(uint256 settlements, uint256 signatures)
func SpaceStakeBatchLengthMismatchErrorID() common.Hash {
	return common.HexToHash("0x81b5b207f4ceee88a305d93332dfd817c8615ec6ddd3c8ac2066f79411ad6c78")
}

// UnpackBatchLengthMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error BatchLengthMismatch(uint256 settlements, uint256 signatures)
func (spaceStake *SpaceStake) UnpackBatchLengthMismatchError(raw []byte) (*SpaceStakeBatchLengthMismatch, error) {
	out := new(SpaceStakeBatchLengthMismatch)
	if err := spaceStake.abi.UnpackIntoInterface(out, "BatchLengthMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeECDSAInvalidSignature represents a ECDSAInvalidSignature error raised by the SpaceStake contract.
type SpaceStakeECDSAInvalidSignature struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ECDSAInvalidSignature()
func SpaceStakeECDSAInvalidSignatureErrorID() common.Hash {
	return common.HexToHash("0xf645eedf0193584640b6b90cb9477e4c95b98636c148a891d4c0a146dc46e75a")
}

// UnpackECDSAInvalidSignatureError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ECDSAInvalidSignature()
func (spaceStake *SpaceStake) UnpackECDSAInvalidSignatureError(raw []byte) (*SpaceStakeECDSAInvalidSignature, error) {
	out := new(SpaceStakeECDSAInvalidSignature)
	if err := spaceStake.abi.UnpackIntoInterface(out, "ECDSAInvalidSignature", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeECDSAInvalidSignatureLength represents a ECDSAInvalidSignatureLength error raised by the SpaceStake contract.
type SpaceStakeECDSAInvalidSignatureLength struct {
	Length *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ECDSAInvalidSignatureLength(uint256 length)
func SpaceStakeECDSAInvalidSignatureLengthErrorID() common.Hash {
	return common.HexToHash("0xfce698f7e8e5342cd615f641317bc45fe7e1e4a8b0a14dd1383ff8dc9c41917f")
}

// UnpackECDSAInvalidSignatureLengthError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ECDSAInvalidSignatureLength(uint256 length)
func (spaceStake *SpaceStake) UnpackECDSAInvalidSignatureLengthError(raw []byte) (*SpaceStakeECDSAInvalidSignatureLength, error) {
	out := new(SpaceStakeECDSAInvalidSignatureLength)
	if err := spaceStake.abi.UnpackIntoInterface(out, "ECDSAInvalidSignatureLength", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeECDSAInvalidSignatureS represents a ECDSAInvalidSignatureS error raised by the SpaceStake contract.
type SpaceStakeECDSAInvalidSignatureS struct {
	S [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ECDSAInvalidSignatureS(bytes32 s)
func SpaceStakeECDSAInvalidSignatureSErrorID() common.Hash {
	return common.HexToHash("0xd78bce0cccb935155ed6428d1c13e50b7f3550fd2b66b9fe266006fea4a5e1eb")
}

// UnpackECDSAInvalidSignatureSError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ECDSAInvalidSignatureS(bytes32 s)
func (spaceStake *SpaceStake) UnpackECDSAInvalidSignatureSError(raw []byte) (*SpaceStakeECDSAInvalidSignatureS, error) {
	out := new(SpaceStakeECDSAInvalidSignatureS)
	if err := spaceStake.abi.UnpackIntoInterface(out, "ECDSAInvalidSignatureS", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeEmptySettlement represents a EmptySettlement error raised by the SpaceStake contract.
type SpaceStakeEmptySettlement struct {
	MatchId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EmptySettlement(bytes32 matchId)
func SpaceStakeEmptySettlementErrorID() common.Hash {
	return common.HexToHash("0xf04ccfde28f3aa9986eebf07a6348f0ece65cdbd03d2b24221bcc8e6e7c2704f")
}

// UnpackEmptySettlementError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EmptySettlement(bytes32 matchId)
func (spaceStake *SpaceStake) UnpackEmptySettlementError(raw []byte) (*SpaceStakeEmptySettlement, error) {
	out := new(SpaceStakeEmptySettlement)
	if err := spaceStake.abi.UnpackIntoInterface(out, "EmptySettlement", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeEnforcedPause represents a EnforcedPause error raised by the SpaceStake contract.
type SpaceStakeEnforcedPause struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EnforcedPause()
func SpaceStakeEnforcedPauseErrorID() common.Hash {
	return common.HexToHash("0xd93c0665d6c96d04a8f174024fc4ddd66c250604aff22bbec808de86dd3637e3")
}

// UnpackEnforcedPauseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EnforcedPause()
func (spaceStake *SpaceStake) UnpackEnforcedPauseError(raw []byte) (*SpaceStakeEnforcedPause, error) {
	out := new(SpaceStakeEnforcedPause)
	if err := spaceStake.abi.UnpackIntoInterface(out, "EnforcedPause", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeEthTransferFailed represents a EthTransferFailed error raised by the SpaceStake contract.
type SpaceStakeEthTransferFailed struct {
	To     common.Address
	Amount *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error EthTransferFailed(address to, uint256 amount)
func SpaceStakeEthTransferFailedErrorID() common.Hash {
	return common.HexToHash("0xdea95fbae37714be25fb44980c1fdf19a4910995d20a75ed8a5d10aa28a1b9da")
}

// UnpackEthTransferFailedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error EthTransferFailed(address to, uint256 amount)
func (spaceStake *SpaceStake) UnpackEthTransferFailedError(raw []byte) (*SpaceStakeEthTransferFailed, error) {
	out := new(SpaceStakeEthTransferFailed)
	if err := spaceStake.abi.UnpackIntoInterface(out, "EthTransferFailed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeExpectedPause represents a ExpectedPause error raised by the SpaceStake contract.
type SpaceStakeExpectedPause struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ExpectedPause()
func SpaceStakeExpectedPauseErrorID() common.Hash {
	return common.HexToHash("0x8dfc202bcfe9a735b559bee70674422512bc5c30f687046ae8778315fb81da44")
}

// UnpackExpectedPauseError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ExpectedPause()
func (spaceStake *SpaceStake) UnpackExpectedPauseError(raw []byte) (*SpaceStakeExpectedPause, error) {
	out := new(SpaceStakeExpectedPause)
	if err := spaceStake.abi.UnpackIntoInterface(out, "ExpectedPause", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeInvalidRefundTimeout represents a InvalidRefundTimeout error raised by the SpaceStake contract.
type SpaceStakeInvalidRefundTimeout struct {
	RefundTimeout *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidRefundTimeout(uint256 refundTimeout)
func SpaceStakeInvalidRefundTimeoutErrorID() common.Hash {
	return common.HexToHash("0x030d1d8aa2949b1e15e957c6efe91d667ace929f687c4034fd721e3e5bab9750")
}

// UnpackInvalidRefundTimeoutError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidRefundTimeout(uint256 refundTimeout)
func (spaceStake *SpaceStake) UnpackInvalidRefundTimeoutError(raw []byte) (*SpaceStakeInvalidRefundTimeout, error) {
	out := new(SpaceStakeInvalidRefundTimeout)
	if err := spaceStake.abi.UnpackIntoInterface(out, "InvalidRefundTimeout", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeInvalidShortString represents a InvalidShortString error raised by the SpaceStake contract.
type SpaceStakeInvalidShortString struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error InvalidShortString()
func SpaceStakeInvalidShortStringErrorID() common.Hash {
	return common.HexToHash("0xb3512b0c6163e5f0bafab72bb631b9d58cd7a731b082f910338aa21c83d5c274")
}

// UnpackInvalidShortStringError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error InvalidShortString()
func (spaceStake *SpaceStake) UnpackInvalidShortStringError(raw []byte) (*SpaceStakeInvalidShortString, error) {
	out := new(SpaceStakeInvalidShortString)
	if err := spaceStake.abi.UnpackIntoInterface(out, "InvalidShortString", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeMatchAlreadySettled represents a MatchAlreadySettled error raised by the SpaceStake contract.
type SpaceStakeMatchAlreadySettled struct {
	MatchId [32]byte
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error MatchAlreadySettled(bytes32 matchId)
func SpaceStakeMatchAlreadySettledErrorID() common.Hash {
	return common.HexToHash("0x8308d6c3a01f01f885164559d408b4c876afb1075b67f6a84c73abac057d7739")
}

// UnpackMatchAlreadySettledError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error MatchAlreadySettled(bytes32 matchId)
func (spaceStake *SpaceStake) UnpackMatchAlreadySettledError(raw []byte) (*SpaceStakeMatchAlreadySettled, error) {
	out := new(SpaceStakeMatchAlreadySettled)
	if err := spaceStake.abi.UnpackIntoInterface(out, "MatchAlreadySettled", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeNoUnbondRequested represents a NoUnbondRequested error raised by the SpaceStake contract.
type SpaceStakeNoUnbondRequested struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NoUnbondRequested()
func SpaceStakeNoUnbondRequestedErrorID() common.Hash {
	return common.HexToHash("0x8eea0cb8817fafecd9e9559f037664a35a71a5273c62f93a54834d2fc6d5d888")
}

// UnpackNoUnbondRequestedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NoUnbondRequested()
func (spaceStake *SpaceStake) UnpackNoUnbondRequestedError(raw []byte) (*SpaceStakeNoUnbondRequested, error) {
	out := new(SpaceStakeNoUnbondRequested)
	if err := spaceStake.abi.UnpackIntoInterface(out, "NoUnbondRequested", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeNotOperator represents a NotOperator error raised by the SpaceStake contract.
type SpaceStakeNotOperator struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOperator(address caller)
func SpaceStakeNotOperatorErrorID() common.Hash {
	return common.HexToHash("0x76c6c93a6423c7e2cef5f93921b1d4d1a5ffb795cd7cfed2df95566b7c7f7c40")
}

// UnpackNotOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOperator(address caller)
func (spaceStake *SpaceStake) UnpackNotOperatorError(raw []byte) (*SpaceStakeNotOperator, error) {
	out := new(SpaceStakeNotOperator)
	if err := spaceStake.abi.UnpackIntoInterface(out, "NotOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeNotOwnerOrOperator represents a NotOwnerOrOperator error raised by the SpaceStake contract.
type SpaceStakeNotOwnerOrOperator struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotOwnerOrOperator(address caller)
func SpaceStakeNotOwnerOrOperatorErrorID() common.Hash {
	return common.HexToHash("0x242e9ab749cb5cb480db36d319962c18e18da7d049358b04ba533c0d3d9f3ebc")
}

// UnpackNotOwnerOrOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotOwnerOrOperator(address caller)
func (spaceStake *SpaceStake) UnpackNotOwnerOrOperatorError(raw []byte) (*SpaceStakeNotOwnerOrOperator, error) {
	out := new(SpaceStakeNotOwnerOrOperator)
	if err := spaceStake.abi.UnpackIntoInterface(out, "NotOwnerOrOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeNotPendingOperator represents a NotPendingOperator error raised by the SpaceStake contract.
type SpaceStakeNotPendingOperator struct {
	Caller common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotPendingOperator(address caller)
func SpaceStakeNotPendingOperatorErrorID() common.Hash {
	return common.HexToHash("0xddc2351849219cb02b9c4dcfa4914f2398e64123c2a6e3686751685460c0d435")
}

// UnpackNotPendingOperatorError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotPendingOperator(address caller)
func (spaceStake *SpaceStake) UnpackNotPendingOperatorError(raw []byte) (*SpaceStakeNotPendingOperator, error) {
	out := new(SpaceStakeNotPendingOperator)
	if err := spaceStake.abi.UnpackIntoInterface(out, "NotPendingOperator", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeNotTicketPlayer represents a NotTicketPlayer error raised by the SpaceStake contract.
type SpaceStakeNotTicketPlayer struct {
	TicketId *big.Int
	Caller   common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NotTicketPlayer(uint256 ticketId, address caller)
func SpaceStakeNotTicketPlayerErrorID() common.Hash {
	return common.HexToHash("0x1dc89b530e21e176eb95c3fa8203dcf20977304ded9e4389e9cc75ec73bbd325")
}

// UnpackNotTicketPlayerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NotTicketPlayer(uint256 ticketId, address caller)
func (spaceStake *SpaceStake) UnpackNotTicketPlayerError(raw []byte) (*SpaceStakeNotTicketPlayer, error) {
	out := new(SpaceStakeNotTicketPlayer)
	if err := spaceStake.abi.UnpackIntoInterface(out, "NotTicketPlayer", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeNothingToWithdraw represents a NothingToWithdraw error raised by the SpaceStake contract.
type SpaceStakeNothingToWithdraw struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error NothingToWithdraw(address token)
func SpaceStakeNothingToWithdrawErrorID() common.Hash {
	return common.HexToHash("0xdc69dc16e4a8405b44139edda9a06ee66b303337358b6f4633533d65de15b7f4")
}

// UnpackNothingToWithdrawError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error NothingToWithdraw(address token)
func (spaceStake *SpaceStake) UnpackNothingToWithdrawError(raw []byte) (*SpaceStakeNothingToWithdraw, error) {
	out := new(SpaceStakeNothingToWithdraw)
	if err := spaceStake.abi.UnpackIntoInterface(out, "NothingToWithdraw", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeOperatorTimelockNotElapsed represents a OperatorTimelockNotElapsed error raised by the SpaceStake contract.
type SpaceStakeOperatorTimelockNotElapsed struct {
	ReadyAt *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OperatorTimelockNotElapsed(uint256 readyAt)
func SpaceStakeOperatorTimelockNotElapsedErrorID() common.Hash {
	return common.HexToHash("0xc1cdb4c8171ed454ba7bcd157257204e27a19511d566b7da6f2e90ade16a42a5")
}

// UnpackOperatorTimelockNotElapsedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OperatorTimelockNotElapsed(uint256 readyAt)
func (spaceStake *SpaceStake) UnpackOperatorTimelockNotElapsedError(raw []byte) (*SpaceStakeOperatorTimelockNotElapsed, error) {
	out := new(SpaceStakeOperatorTimelockNotElapsed)
	if err := spaceStake.abi.UnpackIntoInterface(out, "OperatorTimelockNotElapsed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeOwnableInvalidOwner represents a OwnableInvalidOwner error raised by the SpaceStake contract.
type SpaceStakeOwnableInvalidOwner struct {
	Owner common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableInvalidOwner(address owner)
func SpaceStakeOwnableInvalidOwnerErrorID() common.Hash {
	return common.HexToHash("0x1e4fbdf7f3ef8bcaa855599e3abf48b232380f183f08f6f813d9ffa5bd585188")
}

// UnpackOwnableInvalidOwnerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableInvalidOwner(address owner)
func (spaceStake *SpaceStake) UnpackOwnableInvalidOwnerError(raw []byte) (*SpaceStakeOwnableInvalidOwner, error) {
	out := new(SpaceStakeOwnableInvalidOwner)
	if err := spaceStake.abi.UnpackIntoInterface(out, "OwnableInvalidOwner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeOwnableUnauthorizedAccount represents a OwnableUnauthorizedAccount error raised by the SpaceStake contract.
type SpaceStakeOwnableUnauthorizedAccount struct {
	Account common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func SpaceStakeOwnableUnauthorizedAccountErrorID() common.Hash {
	return common.HexToHash("0x118cdaa7a341953d1887a2245fd6665d741c67c8c50581daa59e1d03373fa188")
}

// UnpackOwnableUnauthorizedAccountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error OwnableUnauthorizedAccount(address account)
func (spaceStake *SpaceStake) UnpackOwnableUnauthorizedAccountError(raw []byte) (*SpaceStakeOwnableUnauthorizedAccount, error) {
	out := new(SpaceStakeOwnableUnauthorizedAccount)
	if err := spaceStake.abi.UnpackIntoInterface(out, "OwnableUnauthorizedAccount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakePayeesAmountsMismatch represents a PayeesAmountsMismatch error raised by the SpaceStake contract.
type SpaceStakePayeesAmountsMismatch struct {
	Payees  *big.Int
	Amounts *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error PayeesAmountsMismatch(uint256 payees, uint256 amounts)
func SpaceStakePayeesAmountsMismatchErrorID() common.Hash {
	return common.HexToHash("0x4f149c02ea78b4c09e85e0352d73405dd564a8cd258d02e1c6f02cf0b4829275")
}

// UnpackPayeesAmountsMismatchError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error PayeesAmountsMismatch(uint256 payees, uint256 amounts)
func (spaceStake *SpaceStake) UnpackPayeesAmountsMismatchError(raw []byte) (*SpaceStakePayeesAmountsMismatch, error) {
	out := new(SpaceStakePayeesAmountsMismatch)
	if err := spaceStake.abi.UnpackIntoInterface(out, "PayeesAmountsMismatch", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeReentrancyGuardReentrantCall represents a ReentrancyGuardReentrantCall error raised by the SpaceStake contract.
type SpaceStakeReentrancyGuardReentrantCall struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ReentrancyGuardReentrantCall()
func SpaceStakeReentrancyGuardReentrantCallErrorID() common.Hash {
	return common.HexToHash("0x3ee5aeb571de7fc460830b4d0017439a1ca56fb0bc39062227ade4fe4a24c1ca")
}

// UnpackReentrancyGuardReentrantCallError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ReentrancyGuardReentrantCall()
func (spaceStake *SpaceStake) UnpackReentrancyGuardReentrantCallError(raw []byte) (*SpaceStakeReentrancyGuardReentrantCall, error) {
	out := new(SpaceStakeReentrancyGuardReentrantCall)
	if err := spaceStake.abi.UnpackIntoInterface(out, "ReentrancyGuardReentrantCall", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeRefundTooEarly represents a RefundTooEarly error raised by the SpaceStake contract.
type SpaceStakeRefundTooEarly struct {
	TicketId *big.Int
	RefundAt *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error RefundTooEarly(uint256 ticketId, uint256 refundAt)
func SpaceStakeRefundTooEarlyErrorID() common.Hash {
	return common.HexToHash("0xe54646398425e24fcf45eff875d354ea9b9cfcb6c63dc2b23df99b16405a6127")
}

// UnpackRefundTooEarlyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error RefundTooEarly(uint256 ticketId, uint256 refundAt)
func (spaceStake *SpaceStake) UnpackRefundTooEarlyError(raw []byte) (*SpaceStakeRefundTooEarly, error) {
	out := new(SpaceStakeRefundTooEarly)
	if err := spaceStake.abi.UnpackIntoInterface(out, "RefundTooEarly", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeSafeERC20FailedOperation represents a SafeERC20FailedOperation error raised by the SpaceStake contract.
type SpaceStakeSafeERC20FailedOperation struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SafeERC20FailedOperation(address token)
func SpaceStakeSafeERC20FailedOperationErrorID() common.Hash {
	return common.HexToHash("0x5274afe73c98b4749fc91ffae6b7b574e7842cb2144a159e9377a5f20b32edf9")
}

// UnpackSafeERC20FailedOperationError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SafeERC20FailedOperation(address token)
func (spaceStake *SpaceStake) UnpackSafeERC20FailedOperationError(raw []byte) (*SpaceStakeSafeERC20FailedOperation, error) {
	out := new(SpaceStakeSafeERC20FailedOperation)
	if err := spaceStake.abi.UnpackIntoInterface(out, "SafeERC20FailedOperation", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeSettlementExpired represents a SettlementExpired error raised by the SpaceStake contract.
type SpaceStakeSettlementExpired struct {
	MatchId  [32]byte
	Deadline *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SettlementExpired(bytes32 matchId, uint256 deadline)
func SpaceStakeSettlementExpiredErrorID() common.Hash {
	return common.HexToHash("0xfc69fff928a81caa86d69cc9a9d1f9ab5e88e699852dd183b06017b6bc335458")
}

// UnpackSettlementExpiredError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SettlementExpired(bytes32 matchId, uint256 deadline)
func (spaceStake *SpaceStake) UnpackSettlementExpiredError(raw []byte) (*SpaceStakeSettlementExpired, error) {
	out := new(SpaceStakeSettlementExpired)
	if err := spaceStake.abi.UnpackIntoInterface(out, "SettlementExpired", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeSettlementOverPool represents a SettlementOverPool error raised by the SpaceStake contract.
type SpaceStakeSettlementOverPool struct {
	MatchId [32]byte
	Pool    *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SettlementOverPool(bytes32 matchId, uint256 pool)
func SpaceStakeSettlementOverPoolErrorID() common.Hash {
	return common.HexToHash("0x535d89195ba56f19694e3806278ae4671ac4459bd6936ce49d4970ec20434e8f")
}

// UnpackSettlementOverPoolError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SettlementOverPool(bytes32 matchId, uint256 pool)
func (spaceStake *SpaceStake) UnpackSettlementOverPoolError(raw []byte) (*SpaceStakeSettlementOverPool, error) {
	out := new(SpaceStakeSettlementOverPool)
	if err := spaceStake.abi.UnpackIntoInterface(out, "SettlementOverPool", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeSlashExceedsBond represents a SlashExceedsBond error raised by the SpaceStake contract.
type SpaceStakeSlashExceedsBond struct {
	Player common.Address
	Amount *big.Int
	Bond   *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SlashExceedsBond(address player, uint256 amount, uint256 bond)
func SpaceStakeSlashExceedsBondErrorID() common.Hash {
	return common.HexToHash("0x7248b19385df9098d00d74a0ec1ea7cacf0edaf9501b2380d02b73d76e483afe")
}

// UnpackSlashExceedsBondError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SlashExceedsBond(address player, uint256 amount, uint256 bond)
func (spaceStake *SpaceStake) UnpackSlashExceedsBondError(raw []byte) (*SpaceStakeSlashExceedsBond, error) {
	out := new(SpaceStakeSlashExceedsBond)
	if err := spaceStake.abi.UnpackIntoInterface(out, "SlashExceedsBond", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeSlashedTicketNotInSettlement represents a SlashedTicketNotInSettlement error raised by the SpaceStake contract.
type SpaceStakeSlashedTicketNotInSettlement struct {
	TicketId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SlashedTicketNotInSettlement(uint256 ticketId)
func SpaceStakeSlashedTicketNotInSettlementErrorID() common.Hash {
	return common.HexToHash("0xe54bbd858866ca12adbc5a6fa2ae0d6217def6a9c6591567a04ad87b847d857d")
}

// UnpackSlashedTicketNotInSettlementError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SlashedTicketNotInSettlement(uint256 ticketId)
func (spaceStake *SpaceStake) UnpackSlashedTicketNotInSettlementError(raw []byte) (*SpaceStakeSlashedTicketNotInSettlement, error) {
	out := new(SpaceStakeSlashedTicketNotInSettlement)
	if err := spaceStake.abi.UnpackIntoInterface(out, "SlashedTicketNotInSettlement", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeSpaceAlreadyExists represents a SpaceAlreadyExists error raised by the SpaceStake contract.
type SpaceStakeSpaceAlreadyExists struct {
	SpaceId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SpaceAlreadyExists(uint256 spaceId)
func SpaceStakeSpaceAlreadyExistsErrorID() common.Hash {
	return common.HexToHash("0x22847040e239bab2c6d99f71d961be7d1646a51a91c029994a9b365bcf7df2a5")
}

// UnpackSpaceAlreadyExistsError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SpaceAlreadyExists(uint256 spaceId)
func (spaceStake *SpaceStake) UnpackSpaceAlreadyExistsError(raw []byte) (*SpaceStakeSpaceAlreadyExists, error) {
	out := new(SpaceStakeSpaceAlreadyExists)
	if err := spaceStake.abi.UnpackIntoInterface(out, "SpaceAlreadyExists", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeSpaceIdTooLarge represents a SpaceIdTooLarge error raised by the SpaceStake contract.
type SpaceStakeSpaceIdTooLarge struct {
	SpaceId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SpaceIdTooLarge(uint256 spaceId)
func SpaceStakeSpaceIdTooLargeErrorID() common.Hash {
	return common.HexToHash("0xe6a92a82c5b6f6f169c6122720e2b4ee91dc890eee564237a1e459a3dd110c74")
}

// UnpackSpaceIdTooLargeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SpaceIdTooLarge(uint256 spaceId)
func (spaceStake *SpaceStake) UnpackSpaceIdTooLargeError(raw []byte) (*SpaceStakeSpaceIdTooLarge, error) {
	out := new(SpaceStakeSpaceIdTooLarge)
	if err := spaceStake.abi.UnpackIntoInterface(out, "SpaceIdTooLarge", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeSpaceNotFound represents a SpaceNotFound error raised by the SpaceStake contract.
type SpaceStakeSpaceNotFound struct {
	SpaceId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error SpaceNotFound(uint256 spaceId)
func SpaceStakeSpaceNotFoundErrorID() common.Hash {
	return common.HexToHash("0xedcad4c3962b0acec059c802ea3188cae269b7749bcc862502530f334bdd684e")
}

// UnpackSpaceNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error SpaceNotFound(uint256 spaceId)
func (spaceStake *SpaceStake) UnpackSpaceNotFoundError(raw []byte) (*SpaceStakeSpaceNotFound, error) {
	out := new(SpaceStakeSpaceNotFound)
	if err := spaceStake.abi.UnpackIntoInterface(out, "SpaceNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeStringTooLong represents a StringTooLong error raised by the SpaceStake contract.
type SpaceStakeStringTooLong struct {
	Str string
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error StringTooLong(string str)
func SpaceStakeStringTooLongErrorID() common.Hash {
	return common.HexToHash("0x305a27a93f8e33b7392df0a0f91d6fc63847395853c45991eec52dbf24d72381")
}

// UnpackStringTooLongError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error StringTooLong(string str)
func (spaceStake *SpaceStake) UnpackStringTooLongError(raw []byte) (*SpaceStakeStringTooLong, error) {
	out := new(SpaceStakeStringTooLong)
	if err := spaceStake.abi.UnpackIntoInterface(out, "StringTooLong", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeTicketClosed represents a TicketClosed error raised by the SpaceStake contract.
type SpaceStakeTicketClosed struct {
	TicketId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TicketClosed(uint256 ticketId)
func SpaceStakeTicketClosedErrorID() common.Hash {
	return common.HexToHash("0x6d2c80179b04a23c47a28c10782fd5f01c62c4d5e7355a74399a98983d8758d8")
}

// UnpackTicketClosedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TicketClosed(uint256 ticketId)
func (spaceStake *SpaceStake) UnpackTicketClosedError(raw []byte) (*SpaceStakeTicketClosed, error) {
	out := new(SpaceStakeTicketClosed)
	if err := spaceStake.abi.UnpackIntoInterface(out, "TicketClosed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeTicketNotFound represents a TicketNotFound error raised by the SpaceStake contract.
type SpaceStakeTicketNotFound struct {
	TicketId *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TicketNotFound(uint256 ticketId)
func SpaceStakeTicketNotFoundErrorID() common.Hash {
	return common.HexToHash("0x2cfc0f727f03810f421b030779d0442194d3de1e2879bb0a9ce07409be1915f9")
}

// UnpackTicketNotFoundError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TicketNotFound(uint256 ticketId)
func (spaceStake *SpaceStake) UnpackTicketNotFoundError(raw []byte) (*SpaceStakeTicketNotFound, error) {
	out := new(SpaceStakeTicketNotFound)
	if err := spaceStake.abi.UnpackIntoInterface(out, "TicketNotFound", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeTicketNotInSpace represents a TicketNotInSpace error raised by the SpaceStake contract.
type SpaceStakeTicketNotInSpace struct {
	TicketId *big.Int
	SpaceId  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TicketNotInSpace(uint256 ticketId, uint256 spaceId)
func SpaceStakeTicketNotInSpaceErrorID() common.Hash {
	return common.HexToHash("0x056b7aefb9962c025d596efb22755a1c97e75836eccda19d8b3304efaed3ea23")
}

// UnpackTicketNotInSpaceError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TicketNotInSpace(uint256 ticketId, uint256 spaceId)
func (spaceStake *SpaceStake) UnpackTicketNotInSpaceError(raw []byte) (*SpaceStakeTicketNotInSpace, error) {
	out := new(SpaceStakeTicketNotInSpace)
	if err := spaceStake.abi.UnpackIntoInterface(out, "TicketNotInSpace", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeTokenNotAllowed represents a TokenNotAllowed error raised by the SpaceStake contract.
type SpaceStakeTokenNotAllowed struct {
	Token common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error TokenNotAllowed(address token)
func SpaceStakeTokenNotAllowedErrorID() common.Hash {
	return common.HexToHash("0x94403b7099477045d56a4ad621224a9a16fcb7e4b0d02e508215a9bf747a12d4")
}

// UnpackTokenNotAllowedError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error TokenNotAllowed(address token)
func (spaceStake *SpaceStake) UnpackTokenNotAllowedError(raw []byte) (*SpaceStakeTokenNotAllowed, error) {
	out := new(SpaceStakeTokenNotAllowed)
	if err := spaceStake.abi.UnpackIntoInterface(out, "TokenNotAllowed", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeUnbondExceedsBond represents a UnbondExceedsBond error raised by the SpaceStake contract.
type SpaceStakeUnbondExceedsBond struct {
	Amount *big.Int
	Bond   *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnbondExceedsBond(uint256 amount, uint256 bond)
func SpaceStakeUnbondExceedsBondErrorID() common.Hash {
	return common.HexToHash("0xe83cd820ae8d483c320551ac6dc37bca41e5b293af3ff3a88cf80a3e992007e1")
}

// UnpackUnbondExceedsBondError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnbondExceedsBond(uint256 amount, uint256 bond)
func (spaceStake *SpaceStake) UnpackUnbondExceedsBondError(raw []byte) (*SpaceStakeUnbondExceedsBond, error) {
	out := new(SpaceStakeUnbondExceedsBond)
	if err := spaceStake.abi.UnpackIntoInterface(out, "UnbondExceedsBond", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeUnbondNotReady represents a UnbondNotReady error raised by the SpaceStake contract.
type SpaceStakeUnbondNotReady struct {
	ReadyAt *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error UnbondNotReady(uint256 readyAt)
func SpaceStakeUnbondNotReadyErrorID() common.Hash {
	return common.HexToHash("0xf19b80c7358aea0dd3846f5362ea0455c6cca12623dc11e6a1d7ed5c80ed0b90")
}

// UnpackUnbondNotReadyError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error UnbondNotReady(uint256 readyAt)
func (spaceStake *SpaceStake) UnpackUnbondNotReadyError(raw []byte) (*SpaceStakeUnbondNotReady, error) {
	out := new(SpaceStakeUnbondNotReady)
	if err := spaceStake.abi.UnpackIntoInterface(out, "UnbondNotReady", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeWrongEntryValue represents a WrongEntryValue error raised by the SpaceStake contract.
type SpaceStakeWrongEntryValue struct {
	Sent     *big.Int
	Expected *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongEntryValue(uint256 sent, uint256 expected)
func SpaceStakeWrongEntryValueErrorID() common.Hash {
	return common.HexToHash("0x9a7d4af9099650bf3aa6e13a1ae05d3564022e5efdf7f52c8ef6aec5a3f30abf")
}

// UnpackWrongEntryValueError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongEntryValue(uint256 sent, uint256 expected)
func (spaceStake *SpaceStake) UnpackWrongEntryValueError(raw []byte) (*SpaceStakeWrongEntryValue, error) {
	out := new(SpaceStakeWrongEntryValue)
	if err := spaceStake.abi.UnpackIntoInterface(out, "WrongEntryValue", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeWrongSigner represents a WrongSigner error raised by the SpaceStake contract.
type SpaceStakeWrongSigner struct {
	Recovered common.Address
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error WrongSigner(address recovered)
func SpaceStakeWrongSignerErrorID() common.Hash {
	return common.HexToHash("0x32c15fc200d7dd37fbdda4b6dcf3c666dc26a587020101795852cde5be582e91")
}

// UnpackWrongSignerError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error WrongSigner(address recovered)
func (spaceStake *SpaceStake) UnpackWrongSignerError(raw []byte) (*SpaceStakeWrongSigner, error) {
	out := new(SpaceStakeWrongSigner)
	if err := spaceStake.abi.UnpackIntoInterface(out, "WrongSigner", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeZeroAddress represents a ZeroAddress error raised by the SpaceStake contract.
type SpaceStakeZeroAddress struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAddress()
func SpaceStakeZeroAddressErrorID() common.Hash {
	return common.HexToHash("0xd92e233df2717d4a40030e20904abd27b68fcbeede117eaaccbbdac9618c8c73")
}

// UnpackZeroAddressError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAddress()
func (spaceStake *SpaceStake) UnpackZeroAddressError(raw []byte) (*SpaceStakeZeroAddress, error) {
	out := new(SpaceStakeZeroAddress)
	if err := spaceStake.abi.UnpackIntoInterface(out, "ZeroAddress", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeZeroAmount represents a ZeroAmount error raised by the SpaceStake contract.
type SpaceStakeZeroAmount struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroAmount()
func SpaceStakeZeroAmountErrorID() common.Hash {
	return common.HexToHash("0x1f2a2005cb66a8e145327e8814e243a0996aec9bfe1e15a495778b1236dbd485")
}

// UnpackZeroAmountError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroAmount()
func (spaceStake *SpaceStake) UnpackZeroAmountError(raw []byte) (*SpaceStakeZeroAmount, error) {
	out := new(SpaceStakeZeroAmount)
	if err := spaceStake.abi.UnpackIntoInterface(out, "ZeroAmount", raw); err != nil {
		return nil, err
	}
	return out, nil
}

// SpaceStakeZeroEntryFee represents a ZeroEntryFee error raised by the SpaceStake contract.
type SpaceStakeZeroEntryFee struct {
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error ZeroEntryFee()
func SpaceStakeZeroEntryFeeErrorID() common.Hash {
	return common.HexToHash("0x0a036de35bc27a422bcbb90ab7620e3c5bc01b5df5362d07049cda9fd1807dfc")
}

// UnpackZeroEntryFeeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error ZeroEntryFee()
func (spaceStake *SpaceStake) UnpackZeroEntryFeeError(raw []byte) (*SpaceStakeZeroEntryFee, error) {
	out := new(SpaceStakeZeroEntryFee)
	if err := spaceStake.abi.UnpackIntoInterface(out, "ZeroEntryFee", raw); err != nil {
		return nil, err
	}
	return out, nil
}
