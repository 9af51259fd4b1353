// Code generated via abigen V2 - DO NOT EDIT.
// This file is a generated binding and any manual changes will be lost.

package testcontracts

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

// ReentrantWithdrawerMetaData contains all meta data concerning the ReentrantWithdrawer contract.
var ReentrantWithdrawerMetaData = bind.MetaData{
	ABI: "[{\"inputs\":[{\"internalType\":\"contractSpaceStake\",\"name\":\"stake_\",\"type\":\"address\"}],\"stateMutability\":\"nonpayable\",\"type\":\"constructor\"},{\"inputs\":[],\"name\":\"attack\",\"outputs\":[],\"stateMutability\":\"nonpayable\",\"type\":\"function\"},{\"inputs\":[{\"internalType\":\"uint256\",\"name\":\"spaceId\",\"type\":\"uint256\"},{\"internalType\":\"bytes32\",\"name\":\"agentId\",\"type\":\"bytes32\"}],\"name\":\"enter\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"payable\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryAttempts\",\"outputs\":[{\"internalType\":\"uint256\",\"name\":\"\",\"type\":\"uint256\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentryError\",\"outputs\":[{\"internalType\":\"bytes\",\"name\":\"\",\"type\":\"bytes\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"reentrySucceeded\",\"outputs\":[{\"internalType\":\"bool\",\"name\":\"\",\"type\":\"bool\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"inputs\":[],\"name\":\"stake\",\"outputs\":[{\"internalType\":\"contractSpaceStake\",\"name\":\"\",\"type\":\"address\"}],\"stateMutability\":\"view\",\"type\":\"function\"},{\"stateMutability\":\"payable\",\"type\":\"receive\"}]",
	ID:  "ReentrantWithdrawer",
	Bin: "0x60a060405234801561000f575f5ffd5b5060405161066a38038061066a83398101604081905261002e9161003f565b6001600160a01b031660805261006c565b5f6020828403121561004f575f5ffd5b81516001600160a01b0381168114610065575f5ffd5b9392505050565b6080516105d26100985f395f8181608c0152818161014a01528181610231015261034501526105d25ff3fe608060405260043610610057575f3560e01c80633a4b66f11461013957806359703b2e146101895780639e5faafc146101b2578063a8745cd2146101c6578063ca6ddc2f146101e8578063f2342bde14610209575f5ffd5b36610135575f545f03610125575f80549080610072836103b9565b90915550506040516351cff8d960e01b81525f60048201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906351cff8d9906024015f604051808303815f87803b1580156100d5575f5ffd5b505af19250505080156100e6575060015b610127573d808015610113576040519150601f19603f3d011682016040523d82523d5f602084013e610118565b606091505b5060026101258282610475565b005b6001805460ff191681179055005b5f5ffd5b348015610144575f5ffd5b5061016c7f000000000000000000000000000000000000000000000000000000000000000081565b6040516001600160a01b0390911681526020015b60405180910390f35b348015610194575f5ffd5b506001546101a29060ff1681565b6040519015158152602001610180565b3480156101bd575f5ffd5b5061012561021c565b3480156101d1575f5ffd5b506101da5f5481565b604051908152602001610180565b3480156101f3575f5ffd5b506101fc610292565b6040516101809190610530565b6101da610217366004610565565b61031e565b6040516351cff8d960e01b81525f60048201527f00000000000000000000000000000000000000000000000000000000000000006001600160a01b0316906351cff8d9906024015f604051808303815f87803b15801561027a575f5ffd5b505af115801561028c573d5f5f3e3d5ffd5b50505050565b6002805461029f906103f1565b80601f01602080910402602001604051908101604052809291908181526020018280546102cb906103f1565b80156103165780601f106102ed57610100808354040283529160200191610316565b820191905f5260205f20905b8154815290600101906020018083116102f957829003601f168201915b505050505081565b60405163791a15ef60e11b815260048101839052602481018290525f906001600160a01b037f0000000000000000000000000000000000000000000000000000000000000000169063f2342bde90349060440160206040518083038185885af115801561038d573d5f5f3e3d5ffd5b50505050506040513d601f19601f820116820180604052508101906103b29190610585565b9392505050565b5f600182016103d657634e487b7160e01b5f52601160045260245ffd5b5060010190565b634e487b7160e01b5f52604160045260245ffd5b600181811c9082168061040557607f821691505b60208210810361042357634e487b7160e01b5f52602260045260245ffd5b50919050565b601f82111561047057805f5260205f20601f840160051c8101602085101561044e5750805b601f840160051c820191505b8181101561046d575f815560010161045a565b50505b505050565b815167ffffffffffffffff81111561048f5761048f6103dd565b6104a38161049d84546103f1565b84610429565b6020601f8211600181146104d5575f83156104be5750848201515b5f19600385901b1c1916600184901b17845561046d565b5f84815260208120601f198516915b8281101561050457878501518255602094850194600190920191016104e4565b508482101561052157868401515f19600387901b60f8161c191681555b50505050600190811b01905550565b602081525f82518060208401528060208501604085015e5f604082850101526040601f19601f83011684010191505092915050565b5f5f60408385031215610576575f5ffd5b50508035926020909101359150565b5f60208284031215610595575f5ffd5b505191905056fea2646970667358221220e9fa9332af55f16ca670383cc8f238525f73b74ecc964680bfed066a6ae9584764736f6c634300081f0033",
}

// ReentrantWithdrawer is an auto generated Go binding around an Ethereum contract.
type ReentrantWithdrawer struct {
	abi abi.ABI
}

// GetABI returns the ABI associated with this contract binding.
func (c *ReentrantWithdrawer) GetABI() abi.ABI {
	return c.abi
}

// NewReentrantWithdrawer creates a new instance of ReentrantWithdrawer.
func NewReentrantWithdrawer() *ReentrantWithdrawer {
	parsed, err := ReentrantWithdrawerMetaData.ParseABI()
	if err != nil {
		panic(errors.New("invalid ABI: " + err.Error()))
	}
	return &ReentrantWithdrawer{abi: *parsed}
}

// Instance creates a wrapper for a deployed contract instance at the given address.
// Use this to create the instance object passed to abigen v2 library functions Call, Transact, etc.
func (c *ReentrantWithdrawer) Instance(backend bind.ContractBackend, addr common.Address) *bind.BoundContract {
	return bind.NewBoundContract(addr, c.abi, backend, backend, backend)
}

// PackConstructor is the Go binding used to pack the parameters required for
// contract deployment.
//
// Solidity: constructor(address stake_) returns()
func (reentrantWithdrawer *ReentrantWithdrawer) PackConstructor(stake_ common.Address) []byte {
	enc, err := reentrantWithdrawer.abi.Pack("", stake_)
	if err != nil {
		panic(err)
	}
	return enc
}

// PackAttack is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9e5faafc.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function attack() returns()
func (reentrantWithdrawer *ReentrantWithdrawer) PackAttack() []byte {
	enc, err := reentrantWithdrawer.abi.Pack("attack")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackAttack is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x9e5faafc.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function attack() returns()
func (reentrantWithdrawer *ReentrantWithdrawer) TryPackAttack() ([]byte, error) {
	return reentrantWithdrawer.abi.Pack("attack")
}

// PackEnter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2342bde.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function enter(uint256 spaceId, bytes32 agentId) payable returns(uint256)
func (reentrantWithdrawer *ReentrantWithdrawer) PackEnter(spaceId *big.Int, agentId [32]byte) []byte {
	enc, err := reentrantWithdrawer.abi.Pack("enter", spaceId, agentId)
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackEnter is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xf2342bde.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function enter(uint256 spaceId, bytes32 agentId) payable returns(uint256)
func (reentrantWithdrawer *ReentrantWithdrawer) TryPackEnter(spaceId *big.Int, agentId [32]byte) ([]byte, error) {
	return reentrantWithdrawer.abi.Pack("enter", spaceId, agentId)
}

// UnpackEnter is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xf2342bde.
//
// Solidity: function enter(uint256 spaceId, bytes32 agentId) payable returns(uint256)
func (reentrantWithdrawer *ReentrantWithdrawer) UnpackEnter(data []byte) (*big.Int, error) {
	out, err := reentrantWithdrawer.abi.Unpack("enter", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackReentryAttempts is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa8745cd2.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentryAttempts() view returns(uint256)
func (reentrantWithdrawer *ReentrantWithdrawer) PackReentryAttempts() []byte {
	enc, err := reentrantWithdrawer.abi.Pack("reentryAttempts")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentryAttempts is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xa8745cd2.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentryAttempts() view returns(uint256)
func (reentrantWithdrawer *ReentrantWithdrawer) TryPackReentryAttempts() ([]byte, error) {
	return reentrantWithdrawer.abi.Pack("reentryAttempts")
}

// UnpackReentryAttempts is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xa8745cd2.
//
// Solidity: function reentryAttempts() view returns(uint256)
func (reentrantWithdrawer *ReentrantWithdrawer) UnpackReentryAttempts(data []byte) (*big.Int, error) {
	out, err := reentrantWithdrawer.abi.Unpack("reentryAttempts", data)
	if err != nil {
		return new(big.Int), err
	}
	out0 := abi.ConvertType(out[0], new(big.Int)).(*big.Int)
	return out0, nil
}

// PackReentryError is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xca6ddc2f.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentryError() view returns(bytes)
func (reentrantWithdrawer *ReentrantWithdrawer) PackReentryError() []byte {
	enc, err := reentrantWithdrawer.abi.Pack("reentryError")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentryError is the Go binding used to pack the parameters required for calling
// the contract method with ID 0xca6ddc2f.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentryError() view returns(bytes)
func (reentrantWithdrawer *ReentrantWithdrawer) TryPackReentryError() ([]byte, error) {
	return reentrantWithdrawer.abi.Pack("reentryError")
}

// UnpackReentryError is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0xca6ddc2f.
//
// Solidity: function reentryError() view returns(bytes)
func (reentrantWithdrawer *ReentrantWithdrawer) UnpackReentryError(data []byte) ([]byte, error) {
	out, err := reentrantWithdrawer.abi.Unpack("reentryError", data)
	if err != nil {
		return *new([]byte), err
	}
	out0 := *abi.ConvertType(out[0], new([]byte)).(*[]byte)
	return out0, nil
}

// PackReentrySucceeded is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59703b2e.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function reentrySucceeded() view returns(bool)
func (reentrantWithdrawer *ReentrantWithdrawer) PackReentrySucceeded() []byte {
	enc, err := reentrantWithdrawer.abi.Pack("reentrySucceeded")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackReentrySucceeded is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x59703b2e.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function reentrySucceeded() view returns(bool)
func (reentrantWithdrawer *ReentrantWithdrawer) TryPackReentrySucceeded() ([]byte, error) {
	return reentrantWithdrawer.abi.Pack("reentrySucceeded")
}

// UnpackReentrySucceeded is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x59703b2e.
//
// Solidity: function reentrySucceeded() view returns(bool)
func (reentrantWithdrawer *ReentrantWithdrawer) UnpackReentrySucceeded(data []byte) (bool, error) {
	out, err := reentrantWithdrawer.abi.Unpack("reentrySucceeded", data)
	if err != nil {
		return *new(bool), err
	}
	out0 := *abi.ConvertType(out[0], new(bool)).(*bool)
	return out0, nil
}

// PackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3a4b66f1.  This method will panic if any
// invalid/nil inputs are passed.
//
// Solidity: function stake() view returns(address)
func (reentrantWithdrawer *ReentrantWithdrawer) PackStake() []byte {
	enc, err := reentrantWithdrawer.abi.Pack("stake")
	if err != nil {
		panic(err)
	}
	return enc
}

// TryPackStake is the Go binding used to pack the parameters required for calling
// the contract method with ID 0x3a4b66f1.  This method will return an error
// if any inputs are invalid/nil.
//
// Solidity: function stake() view returns(address)
func (reentrantWithdrawer *ReentrantWithdrawer) TryPackStake() ([]byte, error) {
	return reentrantWithdrawer.abi.Pack("stake")
}

// UnpackStake is the Go binding that unpacks the parameters returned
// from invoking the contract method with ID 0x3a4b66f1.
//
// Solidity: function stake() view returns(address)
func (reentrantWithdrawer *ReentrantWithdrawer) UnpackStake(data []byte) (common.Address, error) {
	out, err := reentrantWithdrawer.abi.Unpack("stake", data)
	if err != nil {
		return *new(common.Address), err
	}
	out0 := *abi.ConvertType(out[0], new(common.Address)).(*common.Address)
	return out0, nil
}
