// SPDX-License-Identifier: MIT
pragma solidity 0.8.31;

import {SpaceStake} from "../SpaceStake.sol";

/// @title RefusingPlayer: a test player whose account refuses every ETH payment.
/// @notice Used only by the Go tests: it has no receive or fallback function,
/// so paying it reverts. The operator's refusal of its entry must still go
/// through (as a credit). Its constructor and `enter` are ReentrantWithdrawer's,
/// so the tests pack its calls with that binding.
contract RefusingPlayer {
    SpaceStake public immutable stake;

    constructor(SpaceStake stake_) {
        stake = stake_;
    }

    function enter(uint256 spaceId, bytes32 agentId) external payable returns (uint256) {
        return stake.enter{value: msg.value}(spaceId, agentId);
    }
}
