// SPDX-License-Identifier: MIT
pragma solidity 0.8.31;

import {SpaceStake} from "../SpaceStake.sol";

/// @title ReentrantWithdrawer: a test player whose ETH receive hook re-enters withdraw.
/// @notice Used only by the Go tests. It enters a Space, gets credited by a
/// settlement, then withdraws; while receiving the payout it calls withdraw again.
/// The re-entry must fail and the payout must happen exactly once.
contract ReentrantWithdrawer {
    SpaceStake public immutable stake;
    /// @notice How many times receive() tried to re-enter.
    uint256 public reentryAttempts;
    /// @notice True if a re-entrant withdraw ever succeeded (it must not).
    bool public reentrySucceeded;
    /// @notice The revert data the re-entrant call got.
    bytes public reentryError;

    constructor(SpaceStake stake_) {
        stake = stake_;
    }

    function enter(uint256 spaceId, bytes32 agentId) external payable returns (uint256) {
        return stake.enter{value: msg.value}(spaceId, agentId);
    }

    function attack() external {
        stake.withdraw(address(0));
    }

    receive() external payable {
        if (reentryAttempts == 0) {
            reentryAttempts++;
            // Catch the failure so the outer withdraw can finish: the test then
            // sees that exactly one payout left the contract.
            try stake.withdraw(address(0)) {
                reentrySucceeded = true;
            } catch (bytes memory reason) {
                reentryError = reason;
            }
        }
    }
}
