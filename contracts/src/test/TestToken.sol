// SPDX-License-Identifier: MIT
pragma solidity 0.8.31;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestToken: a plain ERC-20 that anyone can mint, for the Go tests only.
contract TestToken is ERC20 {
    constructor() ERC20("Arena Test Token", "ATT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
