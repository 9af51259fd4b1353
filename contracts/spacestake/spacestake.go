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
	ABI: "[{\"inputs\":[{\"internalType\":\"address\",\"name\":\"initialOwner\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"initialOperator\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"initialTreasury\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"recordHash\",\"type\":\"bytes32\"}],\"name\":\"AlreadyAnchored\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"settlements\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"signatures\",\"type\":\"uint256\"}],\"name\":\"BatchLengthMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ECDSAInvalidSignature\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"length\",\"type\":\"uint256\"}],\"name\":\"ECDSAInvalidSignatureLength\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"s\",\"type\":\"bytes32\"}],\"name\":\"ECDSAInvalidSignatureS\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"}],\"name\":\"EmptySettlement\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"EnforcedPause\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"to\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"EthTransferFailed\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ExpectedPause\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"gasLeft\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"needed\",\"type\":\"uint256\"}],\"name\":\"GasTooLowForPayee\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"refundTimeout\",\"type\":\"uint256\"}],\"name\":\"InvalidRefundTimeout\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"InvalidShortString\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"}],\"name\":\"MatchAlreadySettled\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"NoUnbondRequested\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotOwnerOrOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotPendingOperator\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"caller\",\"type\":\"address\"}],\"name\":\"NotTicketPlayer\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"NothingToWithdraw\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"readyAt\",\"type\":\"uint256\"}],\"name\":\"OperatorTimelockNotElapsed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"owner\",\"type\":\"address\"}],\"name\":\"OwnableInvalidOwner\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"OwnableUnauthorizedAccount\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"payees\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"amounts\",\"type\":\"uint256\"}],\"name\":\"PayeesAmountsMismatch\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ReentrancyGuardReentrantCall\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"refundAt\",\"type\":\"uint256\"}],\"name\":\"RefundTooEarly\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"SafeERC20FailedOperation\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"name\":\"SettlementExpired\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"pool\",\"type\":\"uint256\"}],\"name\":\"SettlementOverPool\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"}],\"name\":\"SlashExceedsBond\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"name\":\"SlashedTicketNotInSettlement\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"}],\"name\":\"SpaceAlreadyExists\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"}],\"name\":\"SpaceIdTooLarge\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"}],\"name\":\"SpaceNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"string\",\"name\":\"str\",\"type\":\"string\"}],\"name\":\"StringTooLong\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"name\":\"TicketClosed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"name\":\"TicketNotFound\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"}],\"name\":\"TicketNotInSpace\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"TokenNotAllowed\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"}],\"name\":\"UnbondExceedsBond\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"readyAt\",\"type\":\"uint256\"}],\"name\":\"UnbondNotReady\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"sent\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"expected\",\"type\":\"uint256\"}],\"name\":\"WrongEntryValue\",\"type\":\"error\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"recovered\",\"type\":\"address\"}],\"name\":\"WrongSigner\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAddress\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroAmount\",\"type\":\"error\"},{\"inputs\":[],\"name\":\"ZeroEntryFee\",\"type\":\"error\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"recordHash\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"blockNumber\",\"type\":\"uint256\"}],\"name\":\"Anchored\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"bond\",\"type\":\"uint256\"}],\"name\":\"Bonded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[],\"name\":\"EIP712DomainChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"fee\",\"type\":\"uint256\"}],\"name\":\"Entered\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"bytes32\",\"name\":\"reason\",\"type\":\"bytes32\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"credited\",\"type\":\"bool\"}],\"name\":\"EntryRefused\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOperator\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOperator\",\"type\":\"address\"}],\"name\":\"OperatorChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"operator\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"readyAt\",\"type\":\"uint256\"}],\"name\":\"OperatorProposed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferStarted\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousOwner\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"OwnershipTransferred\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"Paused\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Refunded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"tickets\",\"type\":\"uint256[]\"},{\"indexed\":false,\"internalType\":\"address[]\",\"name\":\"payees\",\"type\":\"address[]\"},{\"indexed\":false,\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"rake\",\"type\":\"uint256\"}],\"name\":\"Settled\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"Slashed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"entryFee\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"refundTimeout\",\"type\":\"uint256\"}],\"name\":\"SpaceCreated\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"}],\"name\":\"TokenAllowed\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"previousTreasury\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"newTreasury\",\"type\":\"address\"}],\"name\":\"TreasuryChanged\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"readyAt\",\"type\":\"uint256\"}],\"name\":\"UnbondRequested\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Unbonded\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":false,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"Unpaused\",\"type\":\"event\"},{\"anonymous\":false,\"inputs\":[{\"indexed\":true,\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"},{\"indexed\":true,\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"indexed\":false,\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"Withdrawn\",\"type\":\"event\"},{\"inputs\":[],\"name\":\"MAX_REFUND_TIMEOUT\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"OPERATOR_DELAY\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"REFUSAL_PAY_GAS\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"SETTLEMENT_TYPEHASH\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"UNBOND_DELAY\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"acceptOperator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"acceptOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"bool\",\"name\":\"allowed\",\"type\":\"bool\"}],\"name\":\"allowToken\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"allowedTokens\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"recordHash\",\"type\":\"bytes32\"}],\"name\":\"anchor\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"},{\"internalType\":\"bytes32\",\"name\":\"recordHash\",\"type\":\"bytes32\"}],\"name\":\"anchoredAt\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"bond\",\"outputs\":[],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"}],\"name\":\"bonds\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"completeUnbond\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"entryFee\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"refundTimeout\",\"type\":\"uint256\"}],\"name\":\"createSpace\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"address\",\"name\":\"account\",\"type\":\"address\"}],\"name\":\"credits\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"domainSeparator\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"eip712Domain\",\"outputs\":[{\"internalType\":\"bytes1\",\"name\":\"fields\",\"type\":\"bytes1\"},{\"internalType\":\"string\",\"name\":\"name\",\"type\":\"string\"},{\"internalType\":\"string\",\"name\":\"version\",\"type\":\"string\"},{\"internalType\":\"uint256\",\"name\":\"chainId\",\"type\":\"uint256\"},{\"internalType\":\"address\",\"name\":\"verifyingContract\",\"type\":\"address\"},{\"internalType\":\"bytes32\",\"name\":\"salt\",\"type\":\"bytes32\"},{\"internalType\":\"uint256[]\",\"name\":\"extensions\",\"type\":\"uint256[]\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"}],\"name\":\"enter\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"}],\"name\":\"getSpace\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"entryFee\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"refundTimeout\",\"type\":\"uint256\"},{\"internalType\":\"bool\",\"name\":\"exists\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"uint256[]\",\"name\":\"tickets\",\"type\":\"uint256[]\"},{\"internalType\":\"address[]\",\"name\":\"payees\",\"type\":\"address[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"slashed\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256\",\"name\":\"rake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"internalType\":\"structSpaceStake.Settlement\",\"name\":\"s\",\"type\":\"tuple\"}],\"name\":\"hashSettlement\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"}],\"name\":\"latestAnchor\",\"outputs\":[{\"internalType\":\"bytes32\",\"name\":\"\",\"type\":\"bytes32\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"nextTicketId\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"operator\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"operatorReadyAt\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"owner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pause\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"paused\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingOperator\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"pendingOwner\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOperator\",\"type\":\"address\"}],\"name\":\"proposeOperator\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"name\":\"refund\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"reason\",\"type\":\"bytes32\"}],\"name\":\"refuseEntry\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"renounceOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"}],\"name\":\"requestUnbond\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newTreasury\",\"type\":\"address\"}],\"name\":\"setTreasury\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"uint256[]\",\"name\":\"tickets\",\"type\":\"uint256[]\"},{\"internalType\":\"address[]\",\"name\":\"payees\",\"type\":\"address[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"slashed\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256\",\"name\":\"rake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"internalType\":\"structSpaceStake.Settlement\",\"name\":\"s\",\"type\":\"tuple\"},{\"internalType\":\"bytes\",\"name\":\"signature\",\"type\":\"bytes\"}],\"name\":\"settle\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"components\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"},{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"uint256[]\",\"name\":\"tickets\",\"type\":\"uint256[]\"},{\"internalType\":\"address[]\",\"name\":\"payees\",\"type\":\"address[]\"},{\"internalType\":\"uint256[]\",\"name\":\"amounts\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256[]\",\"name\":\"slashed\",\"type\":\"uint256[]\"},{\"internalType\":\"uint256\",\"name\":\"rake\",\"type\":\"uint256\"},{\"internalType\":\"uint256\",\"name\":\"deadline\",\"type\":\"uint256\"}],\"internalType\":\"structSpaceStake.Settlement[]\",\"name\":\"s\",\"type\":\"tuple[]\"},{\"internalType\":\"bytes[]\",\"name\":\"signatures\",\"type\":\"bytes[]\"}],\"name\":\"settleBatch\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"bytes32\",\"name\":\"matchId\",\"type\":\"bytes32\"}],\"name\":\"settledMatches\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"internalType\":\"uint256\",\"name\":\"amount\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"evidenceHash\",\"type\":\"bytes32\"}],\"name\":\"slash\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"ticketId\",\"type\":\"uint256\"}],\"name\":\"tickets\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"},{\"internalType\":\"uint48\",\"name\":\"spaceId\",\"type\":\"uint48\"},{\"internalType\":\"uint48\",\"name\":\"refundAt\",\"type\":\"uint48\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"newOwner\",\"type\":\"address\"}],\"name\":\"transferOwnership\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"treasury\",\"outputs\":[{\"internalType\":\"address\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"player\",\"type\":\"address\"}],\"name\":\"unbonding\",\"outputs\":[{\"internalType\":\"uint128\",\"name\":\"amount\",\"type\":\"uint128\"},{\"internalType\":\"uint64\",\"name\":\"readyAt\",\"type\":\"uint64\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"unpause\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"address\",\"name\":\"token\",\"type\":\"address\"}],\"name\":\"withdraw\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"}]",
	ID:  "SpaceStake",
	Bin: "0x6101606040526001600c55348015610015575f5ffd5b5060405161382738038061382783398101604081905261003491610326565b604080518082018252601081526f4172656e612053706163655374616b6560801b602080830191909152825180840190935260018352603160f81b9083015290846001600160a01b0381166100a357604051631e4fbdf760e01b81525f60048201526024015b60405180910390fd5b6100ac81610231565b5060016002556100bd82600361024d565b610120526100cc81600461024d565b61014052815160208084019190912060e052815190820120610100524660a05261015860e05161010051604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201529081019290925260608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b60805250503060c0526001600160a01b038216158061017e57506001600160a01b038116155b1561019c5760405163d92e233d60e01b815260040160405180910390fd5b600580546001600160a01b038085166001600160a01b0319928316811790935560088054918516919092161790556040515f907fd58299b712891143e76310d5e664c4203c940a67db37cf856bdaa3c5c76a802c908290a36040516001600160a01b038216905f907f8c3aa5f43a388513435861bf27dfad7829cd248696fed367c62d441f62954496908290a3505050610510565b600180546001600160a01b031916905561024a8161027f565b50565b5f60208351101561026857610261836102ce565b9050610279565b8161027384826103fe565b5060ff90505b92915050565b5f80546001600160a01b038381166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b5f5f829050601f815111156102f8578260405163305a27a960e01b815260040161009a91906104b8565b8051610303826104ed565b179392505050565b80516001600160a01b0381168114610321575f5ffd5b919050565b5f5f5f60608486031215610338575f5ffd5b6103418461030b565b925061034f6020850161030b565b915061035d6040850161030b565b90509250925092565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061038e57607f821691505b6020821081036103ac57634e487b7160e01b5f52602260045260245ffd5b50919050565b601f8211156103f957805f5260205f20601f840160051c810160208510156103d75750805b601f840160051c820191505b818110156103f6575f81556001016103e3565b50505b505050565b81516001600160401b0381111561041757610417610366565b61042b81610425845461037a565b846103b2565b6020601f82116001811461045d575f83156104465750848201515b5f19600385901b1c1916600184901b1784556103f6565b5f84815260208120601f198516915b8281101561048c578785015182556020948501946001909201910161046c565b50848210156104a957868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b805160208083015191908110156103ac575f1960209190910360031b1b16919050565b60805160a05160c05160e0516101005161012051610140516132c66105615f395f611eea01525f611ebd01525f61238801525f61236001525f6122bb01525f6122e501525f61230f01526132c65ff3fe608060405260043610610275575f3560e01c80638456cb591161014a578063cd801346116100be578063f2fde38b11610078578063f2fde38b14610886578063f698da25146108a5578063fba2c05a146108b9578063fcad4448146108d8578063fe10d774146108ec578063ffc7b48a146103fb575f5ffd5b8063cd8013461461077d578063ced4cd2e1461079c578063e30c397814610809578063e744092e14610826578063f0f4426014610854578063f2342bde14610873575f5ffd5b8063a21f3c6a1161010f578063a21f3c6a146106ae578063ac7e534e146106cd578063b1fb79c0146106ec578063b5bbf65b1461071f578063b629d6fd14610733578063cbcd60f91461075e575f5ffd5b80638456cb591461061957806384b0196e1461062d5780638a4153c9146106545780638da5cb5b14610673578063929c74c41461068f575f5ffd5b806354f63b14116101ec578063637cd7f0116101a6578063637cd7f0146104f757806364c9ec6f1461052d57806367948f941461053557806370e104311461056b578063715018a6146105f157806379ba509714610605575f5ffd5b806354f63b1414610430578063570ca7351461044f5780635bc35ae8146104865780635c975abb146104a55780636031a52f146104c357806361d027b3146104d8575f5ffd5b80633fd7fa2c1161023d5780633fd7fa2c1461030c57806341eb1d47146103215780634508124d1461034057806350b447121461037e5780635188abbb146103fb57806351cff8d914610411575f5ffd5b80630ab00289146102795780631661f530146102a35780631c6a4a50146102c4578063278ecde1146102d95780633f4ba83a146102f8575b5f5ffd5b348015610284575f5ffd5b506102906301e1338081565b6040519081526020015b60405180910390f35b3480156102ae575f5ffd5b506102c26102bd366004612c6b565b610917565b005b3480156102cf575f5ffd5b5061029060075481565b3480156102e4575f5ffd5b506102c26102f3366004612c8b565b6109b3565b348015610303575f5ffd5b506102c2610adc565b348015610317575f5ffd5b5061029061c35081565b34801561032c575f5ffd5b506102c261033b366004612ca2565b610aee565b34801561034b575f5ffd5b5061036e61035a366004612c8b565b600d6020525f908152604090205460ff1681565b604051901515815260200161029a565b348015610389575f5ffd5b506103cd610398366004612c8b565b600b6020525f90815260409020546001600160a01b0381169065ffffffffffff600160a01b8204811691600160d01b90041683565b604080516001600160a01b03909416845265ffffffffffff928316602085015291169082015260600161029a565b348015610406575f5ffd5b506102906202a30081565b34801561041c575f5ffd5b506102c261042b366004612c6b565b610cce565b34801561043b575f5ffd5b506102c261044a366004612c8b565b610d92565b34801561045a575f5ffd5b5060055461046e906001600160a01b031681565b6040516001600160a01b03909116815260200161029a565b348015610491575f5ffd5b506102c26104a0366004612cc2565b610e99565b3480156104b0575f5ffd5b50600154600160a01b900460ff1661036e565b3480156104ce575f5ffd5b50610290600c5481565b3480156104e3575f5ffd5b5060085461046e906001600160a01b031681565b348015610502575f5ffd5b50610290610511366004612cfb565b600e60209081525f928352604080842090915290825290205481565b6102c2610f44565b348015610540575f5ffd5b5061029061054f366004612ca2565b601160209081525f928352604080842090915290825290205481565b348015610576575f5ffd5b506105c5610585366004612c8b565b5f908152600a6020526040902080546001909101546001600160a01b038216929091600160a01b810465ffffffffffff1691600160d01b90910460ff1690565b604080516001600160a01b0390951685526020850193909352918301521515606082015260800161029a565b3480156105fc575f5ffd5b506102c2610fd9565b348015610610575f5ffd5b506102c2610fea565b348015610624575f5ffd5b506102c261102b565b348015610638575f5ffd5b50610641611078565b60405161029a9796959493929190612d5a565b34801561065f575f5ffd5b5061029061066e366004612e01565b6110ba565b34801561067e575f5ffd5b505f546001600160a01b031661046e565b34801561069a575f5ffd5b506102c26106a9366004612e32565b61122a565b3480156106b9575f5ffd5b506102c26106c8366004612ca2565b611242565b3480156106d8575f5ffd5b5060065461046e906001600160a01b031681565b3480156106f7575f5ffd5b506102907ff61e9d79bcb71d0a5f9d0810c2e1f08f9a736530e21e696d1fca9d2d8f03be6881565b34801561072a575f5ffd5b506102c261131a565b34801561073e575f5ffd5b5061029061074d366004612c8b565b60126020525f908152604090205481565b348015610769575f5ffd5b506102c2610778366004612ec7565b611493565b348015610788575f5ffd5b506102c2610797366004612f46565b611698565b3480156107a7575f5ffd5b506107e26107b6366004612c6b565b60106020525f90815260409020546001600160801b03811690600160801b90046001600160401b031682565b604080516001600160801b0390931683526001600160401b0390911660208301520161029a565b348015610814575f5ffd5b506001546001600160a01b031661046e565b348015610831575f5ffd5b5061036e610840366004612c6b565b60096020525f908152604090205460ff1681565b34801561085f575f5ffd5b506102c261086e366004612c6b565b611733565b610290610881366004612ca2565b6117bd565b348015610891575f5ffd5b506102c26108a0366004612c6b565b6119d0565b3480156108b0575f5ffd5b50610290611a40565b3480156108c4575f5ffd5b506102c26108d3366004612fb0565b611a4e565b3480156108e3575f5ffd5b506102c2611aff565b3480156108f7575f5ffd5b50610290610906366004612c6b565b600f6020525f908152604090205481565b61091f611bb3565b6001600160a01b0381166109465760405163d92e233d60e01b815260040160405180910390fd5b5f6109546202a30042612ff4565b600680546001600160a01b0319166001600160a01b0385169081179091556007829055604051828152919250907fc31407936aa8d90a2ca5870449acd9e66d5630bf42a03629aa4338e0851626a4906020015b60405180910390a25050565b6109bb611bdf565b5f6109c582611c07565b80519091506001600160a01b03163314610a0057604051631dc89b5360e01b8152600481018390523360248201526044015b60405180910390fd5b806040015165ffffffffffff16421015610a4457604080820151905163e546463960e01b81526004810184905265ffffffffffff90911660248201526044016109f7565b60208181015165ffffffffffff165f908152600a825260408082206001810154868452600b8552828420939093558451915183815290936001600160a01b039092169186917f7ca5472b7ea78c2c0141c5a12ee6d170cf4ce8ed06be3d22c8252ddfc7a6a2c4910160405180910390a381548351610acc916001600160a01b03169083611cc1565b505050610ad96001600255565b50565b610ae4611bb3565b610aec611d65565b565b6005546001600160a01b03163314610b1b57604051633b63649d60e11b81523360048201526024016109f7565b610b23611bdf565b5f610b2d83611c07565b60208181015165ffffffffffff165f908152600a8252604080822080546001820154898552600b8652838520949094558551925184815295965090946001600160a01b0391821694919092169188917f7ca5472b7ea78c2c0141c5a12ee6d170cf4ce8ed06be3d22c8252ddfc7a6a2c4910160405180910390a35f6001600160a01b038316610c23575f619c40610bc7603f61c350613007565b610bd39061c350612ff4565b610bdd9190612ff4565b9050805a1015610c0c575a60405163309d45b560e11b81526004810191909152602481018290526044016109f7565b855161c3505f808080888686f19350505050610c3d565b8451610c3a906001600160a01b0385169084611dba565b90505b80610c80576001600160a01b038084165f908152600e60209081526040808320895190941683529290529081208054849290610c7a908490612ff4565b90915550505b604080518781528215602082015288917f27c1a772c9aed3dc4777c89595c14985302f5e6194aac578c87daca00676ac99910160405180910390a25050505050610cca6001600255565b5050565b610cd6611bdf565b6001600160a01b0381165f908152600e6020908152604080832033845290915281205490819003610d2557604051636e34ee0b60e11b81526001600160a01b03831660048201526024016109f7565b6001600160a01b0382165f818152600e602090815260408083203380855290835281842093909355518481527fd1c19fbcd4551a5edfb66d43d2e337c04837afda3482b42bdf569a8fccdae5fb910160405180910390a3610d87823383611cc1565b50610ad96001600255565b805f03610db257604051631f2a200560e01b815260040160405180910390fd5b335f908152600f602052604090205480821115610dec57604051630741e6c160e51b815260048101839052602481018290526044016109f7565b5f610dfa6202a30042612ff4565b6040805180820182526001600160801b0386811682526001600160401b038481166020808501828152335f81815260108452889020965187549251909516600160801b026001600160c01b03199092169490951693909317929092179093558351888152908101929092529293507f6d3667c1f315297763391f067e0e6360ee88a7abdfff34ab037c5c72b2a3dd4b91015b60405180910390a2505050565b6005546001600160a01b03163314610ec657604051633b63649d60e11b81523360048201526024016109f7565b6001600160a01b038216610eed5760405163d92e233d60e01b815260040160405180910390fd5b6001600160a01b0382165f81815260096020908152604091829020805460ff191685151590811790915591519182527f9a8e30a8658b96ab3f034ce4bac6806278b4aee5880ccdd1ac35e4ed5bb31d2391016109a7565b610f4c611e2f565b345f03610f6c57604051631f2a200560e01b815260040160405180910390fd5b335f908152600f6020526040812054610f86903490612ff4565b335f818152600f6020908152604091829020849055815134815290810184905292935090917f524384adee0b2f52827eebf00ddd616aa286978612393216724d61cdb43dc835910160405180910390a250565b610fe1611bb3565b610aec5f611e5a565b60015433906001600160a01b031681146110225760405163118cdaa760e01b81526001600160a01b03821660048201526024016109f7565b610ad981611e5a565b5f546001600160a01b0316331480159061105057506005546001600160a01b03163314155b156110705760405163242e9ab760e01b81523360048201526024016109f7565b610aec611e73565b5f6060805f5f5f6060611089611eb6565b611091611ee3565b604080515f80825260208201909252600f60f81b9b939a50919850469750309650945092509050565b5f6112247ff61e9d79bcb71d0a5f9d0810c2e1f08f9a736530e21e696d1fca9d2d8f03be68833560208501356110f3604087018761303a565b60405160200161110492919061307f565b60408051601f198184030181529190528051602090910120611129606088018861303a565b60405160200161113a9291906130a6565b60408051601f19818403018152919052805160209091012061115f608089018961303a565b60405160200161117092919061307f565b60408051601f19818403018152919052805160209091012061119560a08a018a61303a565b6040516020016111a692919061307f565b60408051601f198184030181528282528051602091820120908301989098528101959095526060850193909352608084019190915260a083015260c08083019190915260e080830193909352850135610100820152908401356101208201526101400160405160208183030381529060405280519060200120611f10565b92915050565b611232611e2f565b61123d838383611f3c565b505050565b6005546001600160a01b0316331461126f57604051633b63649d60e11b81523360048201526024016109f7565b611277611e2f565b5f828152601160209081526040808320848452909152902054156112b857604051630c3ab7af60e41b815260048101839052602481018290526044016109f7565b5f82815260116020908152604080832084845282528083204390819055858452601283529281902084905551918252829184917f59848f28dc002d29725176b135eb44ae5a7b3512bf265f2056efd6780d5c4bfd910160405180910390a35050565b335f9081526010602090815260408083208151808301909252546001600160801b0381168252600160801b90046001600160401b03169181018290529103611375576040516311dd419760e31b815260040160405180910390fd5b80602001516001600160401b03164210156113b457602081015160405163f19b80c760e01b81526001600160401b0390911660048201526024016109f7565b335f908152600f602052604081205482519091906001600160801b031682116113dd57816113e9565b82516001600160801b03165b335f90815260106020526040902080546001600160c01b0319169055905061141181836130e5565b335f908152600f60209081526040808320939093557fe710864318d4a32f37d6ce54cb3fadbef648dd12d8dbdf53973564d56b7f881c9052908120805483929061145c908490612ff4565b909155505060405181815233907fd24dbf5e9299ce53c3aa9f7227ff1cc8441c2faae04509aa370ca3703385d6b490602001610e8c565b6005546001600160a01b031633146114c057604051633b63649d60e11b81523360048201526024016109f7565b65ffffffffffff8411156114ea57604051637354954160e11b8152600481018590526024016109f7565b5f848152600a6020526040902054600160d01b900460ff161561152257604051628a11c160e61b8152600481018590526024016109f7565b6001600160a01b0383161580159061155257506001600160a01b0383165f9081526009602052604090205460ff16155b1561157b5760405163094403b760e41b81526001600160a01b03841660048201526024016109f7565b815f0361159b57604051630a036de360e01b815260040160405180910390fd5b8015806115ab57506301e1338081115b156115cc576040516301868ec560e11b8152600481018290526024016109f7565b604080516080810182526001600160a01b0385811680835265ffffffffffff85811660208086019182526001868801818152606088018b81525f8e8152600a85528a9020985189549551925198166001600160d01b031990951694909417600160a01b91909516029390931760ff60d01b1916600160d01b95151595909502949094178555519301929092558251858152908101849052909186917fc0c8d45ab3965a697ccaab9930f402eb0352b363ca2b75dcfbaa10881327202e910160405180910390a350505050565b6116a0611e2f565b8281146116ca576040516381b5b20760e01b815260048101849052602481018290526044016109f7565b5f5b8381101561172c576117248585838181106116e9576116e96130f8565b90506020028101906116fb919061310c565b84848481811061170d5761170d6130f8565b905060200281019061171f919061312a565b611f3c565b6001016116cc565b5050505050565b61173b611bb3565b6001600160a01b0381166117625760405163d92e233d60e01b815260040160405180910390fd5b6008546040516001600160a01b038084169216907f8c3aa5f43a388513435861bf27dfad7829cd248696fed367c62d441f62954496905f90a3600880546001600160a01b0319166001600160a01b0392909216919091179055565b5f6117c6611e2f565b5f838152600a602052604090208054600160d01b900460ff166117ff5760405163edcad4c360e01b8152600481018590526024016109f7565b805460018201546001600160a01b0390911690816118455780341461184057604051639a7d4af960e01b8152346004820152602481018290526044016109f7565b6118af565b341561186c57604051639a7d4af960e01b81523460048201525f60248201526044016109f7565b6001600160a01b0382165f9081526009602052604090205460ff166118af5760405163094403b760e41b81526001600160a01b03831660048201526024016109f7565b600c8054905f6118be8361316c565b909155506040805160608101825233815265ffffffffffff808a16602083015286549397509092918301916118fc91600160a01b9091041642612ff4565b65ffffffffffff9081169091525f868152600b60209081526040918290208451815486840151968501518616600160d01b026001600160d01b0397909616600160a01b026001600160d01b03199091166001600160a01b039092169190911717949094169290921790925581513381529081018390528691889187917f9e8697d548e906391b038668fa84e89d0ffe9273409b0145b42c40a1964375b0910160405180910390a46001600160a01b038216156119c7576119c76001600160a01b038316333084612248565b50505092915050565b6119d8611bb3565b600180546001600160a01b0383166001600160a01b03199091168117909155611a085f546001600160a01b031690565b6001600160a01b03167f38d16b8cac22d99fc7c124b9cd0de2d3fa1faef420bfe791d8c362d765e2270060405160405180910390a350565b5f611a496122af565b905090565b6005546001600160a01b03163314611a7b57604051633b63649d60e11b81523360048201526024016109f7565b6001600160a01b0383165f908152600f602052604081205490839003611ab457604051631f2a200560e01b815260040160405180910390fd5b80831115611aee57604051637248b19360e01b81526001600160a01b038516600482015260248101849052604481018290526064016109f7565b611af98484846123d8565b50505050565b6006546001600160a01b03163314611b2c57604051631bb846a360e31b81523360048201526024016109f7565b600754421015611b5557600754604051631839b69960e31b81526004016109f791815260200190565b600580546001600160a01b0319808216339081179093556006805490911690555f60078190556040516001600160a01b03909216929183917fd58299b712891143e76310d5e664c4203c940a67db37cf856bdaa3c5c76a802c91a350565b5f546001600160a01b03163314610aec5760405163118cdaa760e01b81523360048201526024016109f7565b6002805403611c0157604051633ee5aeb560e01b815260040160405180910390fd5b60028055565b60408051606080820183525f8083526020808401829052928401819052848152600b835283902083519182018452546001600160a01b03811680835265ffffffffffff600160a01b8304811694840194909452600160d01b90910490921692810192909252611cbc57811580611c7f5750600c548210155b15611ca05760405163167e07b960e11b8152600481018390526024016109f7565b604051636d2c801760e01b8152600481018390526024016109f7565b919050565b6001600160a01b038316611d51575f826001600160a01b0316826040515f6040518083038185875af1925050503d805f8114611d18576040519150601f19603f3d011682016040523d82523d5f602084013e611d1d565b606091505b5050905080611af957604051636f54afdd60e11b81526001600160a01b0384166004820152602481018390526044016109f7565b61123d6001600160a01b03841683836124a1565b611d6d6124d2565b6001805460ff60a01b191690557f5db9ee0a495bf2e6ff9c91a7834c1ba4fdd244a5e8aa4e537bd38aeae4b073aa335b6040516001600160a01b03909116815260200160405180910390a1565b5f611e2784856001600160a01b031663a9059cbb8686604051602401611df59291906001600160a01b03929092168252602082015260400190565b604051602081830303815290604052915060e01b6020820180516001600160e01b0383818316178352505050506124fc565b949350505050565b600154600160a01b900460ff1615610aec5760405163d93c066560e01b815260040160405180910390fd5b600180546001600160a01b0319169055610ad981612545565b611e7b611e2f565b6001805460ff60a01b1916600160a01b1790557f62e78cea01bee320cd4e420270b5ea74000d11b0c9f74754ebdbfc544b05a258611d9d3390565b6060611a497f00000000000000000000000000000000000000000000000000000000000000006003612594565b6060611a497f00000000000000000000000000000000000000000000000000000000000000006004612594565b5f611224611f1c6122af565b8360405161190160f01b8152600281019290925260228201526042902090565b8260e00135421115611f6e5760405163fc69fff960e01b81528335600482015260e084013560248201526044016109f7565b82355f908152600d602052604090205460ff1615611fa257604051638308d6c360e01b8152833560048201526024016109f7565b5f611fea611faf856110ba565b84848080601f0160208091040260200160405190810160405280939291908181526020018383808284375f9201919091525061263d92505050565b6005549091506001600160a01b0380831691161461202657604051631960afe160e11b81526001600160a01b03821660048201526024016109f7565b6020848101355f908152600a909152604090208054600160d01b900460ff166120685760405163edcad4c360e01b8152602086013560048201526024016109f7565b5f612076604087018761303a565b90509050805f0361209d5760405163782667ef60e11b8152863560048201526024016109f7565b6120aa608087018761303a565b90506120b9606088018861303a565b9050146120ff576120cd606087018761303a565b90506120dc608088018861303a565b60405163278a4e0160e11b815260048101939093526024830152506044016109f7565b85355f908152600d60205260408120805460ff1916600117905561212287612665565b8354600185015491925061214b9189916001600160a01b0316906121469086613184565b61278a565b5f5b61215a60a089018961303a565b90508110156121cf575f61219e61217460408b018b61303a565b8561218260a08e018e61303a565b87818110612192576121926130f8565b9050602002013561294b565b6001600160a01b0381165f908152600f60205260409020549091506121c69082908b356123d8565b5060010161214d565b50602087013587357fd6ed116e63ed0c5ecd83a254c088f30c59be9d51287099d4db440debe08024a861220560408b018b61303a565b61221260608d018d61303a565b61221f60808f018f61303a565b8f60c0013560405161223797969594939291906131cb565b60405180910390a350505050505050565b6040516001600160a01b038481166024830152838116604483015260648201839052611af99186918216906323b872dd906084015b604051602081830303815290604052915060e01b6020820180516001600160e01b0383818316178352505050506129bc565b5f306001600160a01b037f00000000000000000000000000000000000000000000000000000000000000001614801561230757507f000000000000000000000000000000000000000000000000000000000000000046145b1561233157507f000000000000000000000000000000000000000000000000000000000000000090565b611a49604080517f8b73c3c69bb8fe3d512ecc4cf759cc79239f7b179b0ffacaa9a75d522b39400f60208201527f0000000000000000000000000000000000000000000000000000000000000000918101919091527f000000000000000000000000000000000000000000000000000000000000000060608201524660808201523060a08201525f9060c00160405160208183030381529060405280519060200120905090565b8115612458576001600160a01b0383165f908152600f6020526040812080548492906124059084906130e5565b90915550506008546001600160a01b03165f9081527fe710864318d4a32f37d6ce54cb3fadbef648dd12d8dbdf53973564d56b7f881c602052604081208054849290612452908490612ff4565b90915550505b80836001600160a01b03167fde801f971d0ff4da891bdda531ed09f84916be41f6903734f816d6855210ff5a8460405161249491815260200190565b60405180910390a3505050565b6040516001600160a01b0383811660248301526044820183905261123d91859182169063a9059cbb9060640161227d565b600154600160a01b900460ff16610aec57604051638dfc202b60e01b815260040160405180910390fd5b5f5f5f5f60205f8651602088015f8a5af192503d91505f51905082801561253b5750811561252d578060011461253b565b5f866001600160a01b03163b115b9695505050505050565b5f80546001600160a01b038381166001600160a01b0319831681178455604051919092169283917f8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e09190a35050565b606060ff83146125ae576125a783612a28565b9050611224565b8180546125ba9061324a565b80601f01602080910402602001604051908101604052809291908181526020018280546125e69061324a565b80156126315780601f1061260857610100808354040283529160200191612631565b820191905f5260205f20905b81548152906001019060200180831161261457829003601f168201915b50505050509050611224565b5f5f5f5f61264b8686612a65565b92509250925061265b8282612aae565b5090949350505050565b6060612674604083018361303a565b90506001600160401b0381111561268d5761268d613026565b6040519080825280602002602001820160405280156126b6578160200160208202803683370190505b5090505f5b6126c8604084018461303a565b9050811015612784575f6126df604085018561303a565b838181106126ef576126ef6130f8565b9050602002013590505f61270282611c07565b90508460200135816020015165ffffffffffff16146127415760405163056b7aef60e01b815260048101839052602086013560248201526044016109f7565b805f0151848481518110612757576127576130f8565b6001600160a01b039092166020928302919091018201525f928352600b90525060408120556001016126bb565b50919050565b60c0830135818111156127ba5760405163535d891960e01b815284356004820152602481018390526044016109f7565b5f5b6127c9606086018661303a565b90508110156128e3575f6127e0606087018761303a565b838181106127f0576127f06130f8565b90506020020160208101906128059190612c6b565b90505f612815608088018861303a565b84818110612825576128256130f8565b60200291909101359150506001600160a01b0382166128575760405163d92e233d60e01b815260040160405180910390fd5b61286184866130e5565b81111561288b5760405163535d891960e01b815287356004820152602481018690526044016109f7565b6128958185612ff4565b6001600160a01b038088165f908152600e602090815260408083209387168352929052908120805492965083929091906128d0908490612ff4565b9091555050600190920191506127bc9050565b505f60c08501356128f483856130e5565b6128fe9190612ff4565b9050801561172c576001600160a01b038085165f908152600e602090815260408083206008549094168352929052908120805483929061293f908490612ff4565b90915550505050505050565b5f805b8481101561299f5782868683818110612969576129696130f8565b905060200201350361299757838181518110612987576129876130f8565b6020026020010151915050611e27565b60010161294e565b5060405163e54bbd8560e01b8152600481018390526024016109f7565b5f5f60205f8451602086015f885af1806129db576040513d5f823e3d81fd5b50505f513d915081156129f25780600114156129ff565b6001600160a01b0384163b155b15611af957604051635274afe760e01b81526001600160a01b03851660048201526024016109f7565b60605f612a3483612b66565b6040805160208082528183019092529192505f91906020820181803683375050509182525060208101929092525090565b5f5f5f8351604103612a9c576020840151604085015160608601515f1a612a8e88828585612b8d565b955095509550505050612aa7565b505081515f91506002905b9250925092565b5f826003811115612ac157612ac161327c565b03612aca575050565b6001826003811115612ade57612ade61327c565b03612afc5760405163f645eedf60e01b815260040160405180910390fd5b6002826003811115612b1057612b1061327c565b03612b315760405163fce698f760e01b8152600481018290526024016109f7565b6003826003811115612b4557612b4561327c565b03610cca576040516335e2f38360e21b8152600481018290526024016109f7565b5f60ff8216601f81111561122457604051632cd44ac360e21b815260040160405180910390fd5b5f80807f7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0841115612bc657505f91506003905082612c4b565b604080515f808252602082018084528a905260ff891692820192909252606081018790526080810186905260019060a0016020604051602081039080840390855afa158015612c17573d5f5f3e3d5ffd5b5050604051601f1901519150506001600160a01b038116612c4257505f925060019150829050612c4b565b92505f91508190505b9450945094915050565b80356001600160a01b0381168114611cbc575f5ffd5b5f60208284031215612c7b575f5ffd5b612c8482612c55565b9392505050565b5f60208284031215612c9b575f5ffd5b5035919050565b5f5f60408385031215612cb3575f5ffd5b50508035926020909101359150565b5f5f60408385031215612cd3575f5ffd5b612cdc83612c55565b915060208301358015158114612cf0575f5ffd5b809150509250929050565b5f5f60408385031215612d0c575f5ffd5b612d1583612c55565b9150612d2360208401612c55565b90509250929050565b5f81518084528060208401602086015e5f602082860101526020601f19601f83011685010191505092915050565b60ff60f81b8816815260e060208201525f612d7860e0830189612d2c565b8281036040840152612d8a8189612d2c565b606084018890526001600160a01b038716608085015260a0840186905283810360c0850152845180825260208087019350909101905f5b81811015612ddf578351835260209384019390920191600101612dc1565b50909b9a5050505050505050505050565b5f6101008284031215612784575f5ffd5b5f60208284031215612e11575f5ffd5b81356001600160401b03811115612e26575f5ffd5b611e2784828501612df0565b5f5f5f60408486031215612e44575f5ffd5b83356001600160401b03811115612e59575f5ffd5b612e6586828701612df0565b93505060208401356001600160401b03811115612e80575f5ffd5b8401601f81018613612e90575f5ffd5b80356001600160401b03811115612ea5575f5ffd5b866020828401011115612eb6575f5ffd5b939660209190910195509293505050565b5f5f5f5f60808587031215612eda575f5ffd5b84359350612eea60208601612c55565b93969395505050506040820135916060013590565b5f5f83601f840112612f0f575f5ffd5b5081356001600160401b03811115612f25575f5ffd5b6020830191508360208260051b8501011115612f3f575f5ffd5b9250929050565b5f5f5f5f60408587031215612f59575f5ffd5b84356001600160401b03811115612f6e575f5ffd5b612f7a87828801612eff565b90955093505060208501356001600160401b03811115612f98575f5ffd5b612fa487828801612eff565b95989497509550505050565b5f5f5f60608486031215612fc2575f5ffd5b612fcb84612c55565b95602085013595506040909401359392505050565b634e487b7160e01b5f52601160045260245ffd5b8082018082111561122457611224612fe0565b5f8261302157634e487b7160e01b5f52601260045260245ffd5b500490565b634e487b7160e01b5f52604160045260245ffd5b5f5f8335601e1984360301811261304f575f5ffd5b8301803591506001600160401b03821115613068575f5ffd5b6020019150600581901b3603821315612f3f575f5ffd5b5f6001600160fb1b03831115613093575f5ffd5b8260051b80858437919091019392505050565b5f8184825b858110156130da576001600160a01b036130c483612c55565b16835260209283019291909101906001016130ab565b509095945050505050565b8181038181111561122457611224612fe0565b634e487b7160e01b5f52603260045260245ffd5b5f823560fe19833603018112613120575f5ffd5b9190910192915050565b5f5f8335601e1984360301811261313f575f5ffd5b8301803591506001600160401b03821115613158575f5ffd5b602001915036819003821315612f3f575f5ffd5b5f6001820161317d5761317d612fe0565b5060010190565b808202811582820484141761122457611224612fe0565b8183525f6001600160fb1b038311156131b2575f5ffd5b8260051b80836020870137939093016020019392505050565b608081525f6131de60808301898b61319b565b8281036020808501919091528782528891015f5b88811015613220576001600160a01b0361320b84612c55565b168252602092830192909101906001016131f2565b50838103604085015261323481878961319b565b9250505082606083015298975050505050505050565b600181811c9082168061325e57607f821691505b60208210810361278457634e487b7160e01b5f52602260045260245ffd5b634e487b7160e01b5f52602160045260245ffdfea2646970667358221220bc482f9ee5d0d5f80810cd7b7a12451d23ae406d4e53ded806f746947246403a64736f6c634300081f0033",
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

// PackREFUSALPAYGAS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3fd7fa2c.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function REFUSAL_PAY_GAS() view returns(uint256)
func (spaceStake *SpaceStake) PackREFUSALPAYGAS() []byte {
	enc, err := spaceStake.abi.Pack("REFUSAL_PAY_GAS")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackREFUSALPAYGAS is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3fd7fa2c.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function REFUSAL_PAY_GAS() view returns(uint256)
func (spaceStake *SpaceStake) TryPackREFUSALPAYGAS() ([]byte, error) {
	return spaceStake.abi.Pack("REFUSAL_PAY_GAS")
}

// UnpackREFUSALPAYGAS is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3fd7fa2c.
//
// Solidity: function REFUSAL_PAY_GAS() view returns(uint256)
func (spaceStake *SpaceStake) UnpackREFUSALPAYGAS(data []byte) (*big.Int, error) {
	out, err := spaceStake.abi.Unpack("REFUSAL_PAY_GAS", data)
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

// PackRefuseEntry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x41eb1d47.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function refuseEntry(uint256 ticketId, bytes32 reason) returns()
func (spaceStake *SpaceStake) PackRefuseEntry(ticketId *big.Int, reason [32]byte) []byte {
	enc, err := spaceStake.abi.Pack("refuseEntry", ticketId, reason)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackRefuseEntry is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x41eb1d47.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function refuseEntry(uint256 ticketId, bytes32 reason) returns()
func (spaceStake *SpaceStake) TryPackRefuseEntry(ticketId *big.Int, reason [32]byte) ([]byte, error) {
	return spaceStake.abi.Pack("refuseEntry", ticketId, reason)
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

// SpaceStakeEntryRefused represents a EntryRefused event raised by the SpaceStake contract.
type SpaceStakeEntryRefused struct {
	TicketId *big.Int
	Reason   [32]byte
	Credited bool
	Raw      *types.Log // Blockchain specific contextual infos
}

const SpaceStakeEntryRefusedEventName = "EntryRefused"

// ContractEventName returns the user-defined event name.
func (SpaceStakeEntryRefused) ContractEventName() string {
	return SpaceStakeEntryRefusedEventName
}

// UnpackEntryRefusedEvent is the Go binding that unpacks the event data emitted
// by contract.
//
// Solidity: event EntryRefused(uint256 indexed ticketId, bytes32 reason, bool credited)
func (spaceStake *SpaceStake) UnpackEntryRefusedEvent(log *types.Log) (*SpaceStakeEntryRefused, error) {
	event := "EntryRefused"
	if len(log.Topics) == 0 {
		return nil, bind.ErrNoEventSignature
	}
	if log.Topics[0] != spaceStake.abi.Events[event].ID {
		return nil, bind.ErrEventSignatureMismatch
	}
	out := new(SpaceStakeEntryRefused)
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
	if bytes.Equal(raw[:4], spaceStake.abi.Errors["GasTooLowForPayee"].ID.Bytes()[:4]) {
		return spaceStake.UnpackGasTooLowForPayeeError(raw[4:])
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

// SpaceStakeGasTooLowForPayee represents a GasTooLowForPayee error raised by the SpaceStake contract.
type SpaceStakeGasTooLowForPayee struct {
	GasLeft *big.Int
	Needed  *big.Int
}

// ErrorID returns the hash of canonical representation of the error's signature.
//
// Solidity: error GasTooLowForPayee(uint256 gasLeft, uint256 needed)
func SpaceStakeGasTooLowForPayeeErrorID() common.Hash {
	return common.HexToHash("0x613a8b6a47cb4b7a16c6555170f9594b341ab9f743d3fa96dd7091f1a0fb63fe")
}

// UnpackGasTooLowForPayeeError is the Go binding used to decode the provided
// error data into the corresponding Go error struct.
//
// Solidity: error GasTooLowForPayee(uint256 gasLeft, uint256 needed)
func (spaceStake *SpaceStake) UnpackGasTooLowForPayeeError(raw []byte) (*SpaceStakeGasTooLowForPayee, error) {
	out := new(SpaceStakeGasTooLowForPayee)
	if err := spaceStake.abi.UnpackIntoInterface(out, "GasTooLowForPayee", raw); err != nil {
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
