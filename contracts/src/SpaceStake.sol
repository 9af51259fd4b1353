// SPDX-License-Identifier: MIT
pragma solidity 0.8.31;

import {Ownable} from "@openzeppelin/contracts/access/Ownable.sol";
import {Ownable2Step} from "@openzeppelin/contracts/access/Ownable2Step.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {Pausable} from "@openzeppelin/contracts/utils/Pausable.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";

/// @title SpaceStake: entry stakes, signed match settlement and payouts for the arena.
/// @notice Players escrow an entry ticket to enter a Space; the arena's operator signs
/// each match's settlement (EIP-712) and anyone may relay it; payouts are credited
/// and pulled with `withdraw`. Tickets never settled can be refunded after the
/// Space's timeout, and the operator gives back at once the tickets the arena
/// refuses to queue. Players may post an ETH bond that the operator can slash for
/// cheating, and the operator anchors proof-of-learning record hashes.
/// @dev Value leaves the contract in exactly three places, `withdraw`, `refund`
/// and `refuseEntry`; all follow checks-effects-interactions and are
/// nonReentrant. Everything else only moves internal balances, so a malicious
/// payee cannot block a settlement.
/// ERC-20 tokens are allow-listed because the accounting assumes a transfer moves
/// exactly the amount asked for: fee-on-transfer or rebasing tokens must not be
/// allowed.
contract SpaceStake is Ownable2Step, Pausable, ReentrancyGuard, EIP712 {
    using SafeERC20 for IERC20;

    /// @notice How long a proposed operator waits before it can take over, so the
    /// owner key alone cannot instantly redirect settlements.
    uint256 public constant OPERATOR_DELAY = 2 days;
    /// @notice How long a bond stays slashable after its owner asks for it back,
    /// so a cheater cannot pull the bond out ahead of the slash.
    uint256 public constant UNBOND_DELAY = 2 days;
    /// @notice Upper bound on a Space's refund timeout (keeps timestamps in uint48).
    uint256 public constant MAX_REFUND_TIMEOUT = 365 days;
    /// @notice Gas `refuseEntry` lets a player's account spend receiving ETH:
    /// enough for a smart-contract wallet, too little for a player to burn
    /// much of the operator's gas. A player whose account needs more, or
    /// refuses the payment, is credited instead (see `withdraw`).
    uint256 public constant REFUSAL_PAY_GAS = 50_000;
    /// @dev What `refuseEntry` needs besides the payee's allowance: the call
    /// itself (up to 36,600 gas to a new account) and, if the payment fails,
    /// the credit and the event.
    uint256 private constant REFUSAL_RESERVE = 40_000;

    /// @notice EIP-712 type hash of a Settlement.
    bytes32 public constant SETTLEMENT_TYPEHASH = keccak256(
        "Settlement(bytes32 matchId,uint256 spaceId,uint256[] tickets,address[] payees,uint256[] amounts,uint256[] slashed,uint256 rake,uint256 deadline)"
    );

    /// @notice A match's outcome as signed by the operator.
    /// @param matchId unique id of the match; each is settled at most once.
    /// @param spaceId the Space every ticket belongs to.
    /// @param tickets entry tickets consumed by the match; their fees form the pool.
    /// @param payees accounts credited, in the Space's token.
    /// @param amounts what each payee gets (same length as payees).
    /// @param slashed tickets (among `tickets`) whose players lose their whole bond.
    /// @param rake the house's cut; it and whatever the payees do not take go to the treasury.
    /// @param deadline unix time after which the signature is no longer accepted.
    struct Settlement {
        bytes32 matchId;
        uint256 spaceId;
        uint256[] tickets;
        address[] payees;
        uint256[] amounts;
        uint256[] slashed;
        uint256 rake;
        uint256 deadline;
    }

    /// @dev A Space is immutable once created, so a ticket's fee is its Space's fee.
    struct Space {
        address token; // address(0) means ETH
        uint48 refundTimeout;
        bool exists;
        uint256 entryFee;
    }

    /// @dev One storage slot. A ticket is deleted when it is settled or refunded
    /// (which also refunds gas); ids below nextTicketId with no player are closed.
    struct Ticket {
        address player;
        uint48 spaceId;
        uint48 refundAt;
    }

    /// @dev A pending request to take a bond back.
    struct Unbonding {
        uint128 amount;
        uint64 readyAt;
    }

    address public operator;
    address public pendingOperator;
    uint256 public operatorReadyAt;
    address public treasury;

    /// @notice ERC-20 tokens the operator allows as entry fees.
    mapping(address token => bool) public allowedTokens;
    mapping(uint256 spaceId => Space) private _spaces;
    /// @notice Open tickets by id (deleted once settled or refunded).
    mapping(uint256 ticketId => Ticket) public tickets;
    /// @notice The id the next entry gets; ids start at 1.
    uint256 public nextTicketId = 1;
    /// @notice Matches already settled (replay protection).
    mapping(bytes32 matchId => bool) public settledMatches;
    /// @notice Pull-payment balances: what each account can withdraw, per token.
    mapping(address token => mapping(address account => uint256)) public credits;
    /// @notice ETH bonds posted by players.
    mapping(address player => uint256) public bonds;
    /// @notice Pending unbond requests.
    mapping(address player => Unbonding) public unbonding;
    /// @notice Block number at which a record hash was anchored for an agent (0 = never).
    mapping(bytes32 agentId => mapping(bytes32 recordHash => uint256)) public anchoredAt;
    /// @notice The last record hash anchored for an agent.
    mapping(bytes32 agentId => bytes32) public latestAnchor;

    event OperatorProposed(address indexed operator, uint256 readyAt);
    event OperatorChanged(address indexed previousOperator, address indexed newOperator);
    event TreasuryChanged(address indexed previousTreasury, address indexed newTreasury);
    event TokenAllowed(address indexed token, bool allowed);
    event SpaceCreated(uint256 indexed spaceId, address indexed token, uint256 entryFee, uint256 refundTimeout);
    event Entered(
        uint256 indexed ticketId, uint256 indexed spaceId, bytes32 indexed agentId, address player, uint256 fee
    );
    event Settled(
        bytes32 indexed matchId,
        uint256 indexed spaceId,
        uint256[] tickets,
        address[] payees,
        uint256[] amounts,
        uint256 rake
    );
    event Withdrawn(address indexed account, address indexed token, uint256 amount);
    event Refunded(uint256 indexed ticketId, address indexed player, uint256 amount);
    /// @notice The operator refused an entry (after its Refunded event): `reason`
    /// is a short ASCII code, zero-padded; `credited` says the fee went to the
    /// player's credit because the direct payment failed.
    event EntryRefused(uint256 indexed ticketId, bytes32 reason, bool credited);
    event Bonded(address indexed player, uint256 amount, uint256 bond);
    event UnbondRequested(address indexed player, uint256 amount, uint256 readyAt);
    event Unbonded(address indexed player, uint256 amount);
    event Slashed(address indexed player, uint256 amount, bytes32 indexed evidenceHash);
    event Anchored(bytes32 indexed agentId, bytes32 indexed recordHash, uint256 blockNumber);

    error NotOperator(address caller);
    error NotOwnerOrOperator(address caller);
    error NotPendingOperator(address caller);
    error OperatorTimelockNotElapsed(uint256 readyAt);
    error ZeroAddress();
    error ZeroAmount();
    error TokenNotAllowed(address token);
    error SpaceAlreadyExists(uint256 spaceId);
    error SpaceNotFound(uint256 spaceId);
    error SpaceIdTooLarge(uint256 spaceId);
    error ZeroEntryFee();
    error InvalidRefundTimeout(uint256 refundTimeout);
    error WrongEntryValue(uint256 sent, uint256 expected);
    error TicketNotFound(uint256 ticketId);
    error TicketClosed(uint256 ticketId);
    error TicketNotInSpace(uint256 ticketId, uint256 spaceId);
    error NotTicketPlayer(uint256 ticketId, address caller);
    error RefundTooEarly(uint256 ticketId, uint256 refundAt);
    error SettlementExpired(bytes32 matchId, uint256 deadline);
    error MatchAlreadySettled(bytes32 matchId);
    error WrongSigner(address recovered);
    error EmptySettlement(bytes32 matchId);
    error PayeesAmountsMismatch(uint256 payees, uint256 amounts);
    error SettlementOverPool(bytes32 matchId, uint256 pool);
    error SlashedTicketNotInSettlement(uint256 ticketId);
    error BatchLengthMismatch(uint256 settlements, uint256 signatures);
    error NothingToWithdraw(address token);
    error EthTransferFailed(address to, uint256 amount);
    error SlashExceedsBond(address player, uint256 amount, uint256 bond);
    error UnbondExceedsBond(uint256 amount, uint256 bond);
    error NoUnbondRequested();
    error UnbondNotReady(uint256 readyAt);
    error AlreadyAnchored(bytes32 agentId, bytes32 recordHash);
    error GasTooLowForPayee(uint256 gasLeft, uint256 needed);

    modifier onlyOperator() {
        if (msg.sender != operator) revert NotOperator(msg.sender);
        _;
    }

    /// @param initialOwner may rotate the operator (timelocked), set the treasury and unpause.
    /// @param initialOperator signs settlements, creates Spaces, slashes and anchors.
    /// @param initialTreasury is credited rakes, pool remainders and slashed bonds.
    constructor(address initialOwner, address initialOperator, address initialTreasury)
        Ownable(initialOwner)
        EIP712("Arena SpaceStake", "1")
    {
        if (initialOperator == address(0) || initialTreasury == address(0)) revert ZeroAddress();
        operator = initialOperator;
        treasury = initialTreasury;
        emit OperatorChanged(address(0), initialOperator);
        emit TreasuryChanged(address(0), initialTreasury);
    }

    // ---- administration ----

    /// @notice Starts an operator rotation; the new operator accepts after OPERATOR_DELAY.
    /// Proposing again replaces the pending one and restarts the clock.
    function proposeOperator(address newOperator) external onlyOwner {
        if (newOperator == address(0)) revert ZeroAddress();
        uint256 readyAt = block.timestamp + OPERATOR_DELAY;
        pendingOperator = newOperator;
        operatorReadyAt = readyAt;
        emit OperatorProposed(newOperator, readyAt);
    }

    /// @notice The proposed operator takes over once the delay has passed. Accepting
    /// from the new key proves that key works before it is trusted.
    function acceptOperator() external {
        if (msg.sender != pendingOperator) revert NotPendingOperator(msg.sender);
        if (block.timestamp < operatorReadyAt) revert OperatorTimelockNotElapsed(operatorReadyAt);
        address previous = operator;
        operator = msg.sender;
        pendingOperator = address(0);
        operatorReadyAt = 0;
        emit OperatorChanged(previous, msg.sender);
    }

    /// @notice Sets where rakes, pool remainders and slashed bonds are credited.
    function setTreasury(address newTreasury) external onlyOwner {
        if (newTreasury == address(0)) revert ZeroAddress();
        emit TreasuryChanged(treasury, newTreasury);
        treasury = newTreasury;
    }

    /// @notice Allows (or stops allowing) an ERC-20 token for new Spaces and entries.
    function allowToken(address token, bool allowed) external onlyOperator {
        if (token == address(0)) revert ZeroAddress();
        allowedTokens[token] = allowed;
        emit TokenAllowed(token, allowed);
    }

    /// @notice Stops entries, settlements, bonding and anchoring. The operator may
    /// pause too, so the arena can react at once; only the owner unpauses.
    /// Withdrawals, refunds and unbonding stay open so players can always exit.
    function pause() external {
        if (msg.sender != owner() && msg.sender != operator) revert NotOwnerOrOperator(msg.sender);
        _pause();
    }

    /// @notice Resumes after a pause.
    function unpause() external onlyOwner {
        _unpause();
    }

    // ---- spaces and entry ----

    /// @notice Creates a Space with a fixed entry fee in ETH (token = address(0)) or
    /// an allow-listed ERC-20, and the time after which unsettled tickets refund.
    function createSpace(uint256 spaceId, address token, uint256 entryFee, uint256 refundTimeout)
        external
        onlyOperator
    {
        if (spaceId > type(uint48).max) revert SpaceIdTooLarge(spaceId);
        if (_spaces[spaceId].exists) revert SpaceAlreadyExists(spaceId);
        if (token != address(0) && !allowedTokens[token]) revert TokenNotAllowed(token);
        if (entryFee == 0) revert ZeroEntryFee();
        if (refundTimeout == 0 || refundTimeout > MAX_REFUND_TIMEOUT) revert InvalidRefundTimeout(refundTimeout);
        _spaces[spaceId] =
            Space({token: token, refundTimeout: uint48(refundTimeout), exists: true, entryFee: entryFee});
        emit SpaceCreated(spaceId, token, entryFee, refundTimeout);
    }

    /// @notice A Space's settings.
    function getSpace(uint256 spaceId)
        external
        view
        returns (address token, uint256 entryFee, uint256 refundTimeout, bool exists)
    {
        Space storage space = _spaces[spaceId];
        return (space.token, space.entryFee, space.refundTimeout, space.exists);
    }

    /// @notice Escrows one entry ticket for `agentId` in a Space: send exactly the
    /// fee in ETH, or approve the fee in the Space's token beforehand.
    /// @return ticketId the new ticket's id.
    function enter(uint256 spaceId, bytes32 agentId) external payable whenNotPaused returns (uint256 ticketId) {
        Space storage space = _spaces[spaceId];
        if (!space.exists) revert SpaceNotFound(spaceId);
        address token = space.token;
        uint256 fee = space.entryFee;
        if (token == address(0)) {
            if (msg.value != fee) revert WrongEntryValue(msg.value, fee);
        } else {
            if (msg.value != 0) revert WrongEntryValue(msg.value, 0);
            if (!allowedTokens[token]) revert TokenNotAllowed(token);
        }
        ticketId = nextTicketId++;
        tickets[ticketId] = Ticket({
            player: msg.sender,
            spaceId: uint48(spaceId),
            refundAt: uint48(block.timestamp + space.refundTimeout)
        });
        emit Entered(ticketId, spaceId, agentId, msg.sender, fee);
        if (token != address(0)) {
            IERC20(token).safeTransferFrom(msg.sender, address(this), fee);
        }
    }

    /// @notice Gives a ticket's fee back to its player once the Space's refund
    /// timeout has passed without the ticket being settled.
    function refund(uint256 ticketId) external nonReentrant {
        Ticket memory ticket = _openTicket(ticketId);
        if (msg.sender != ticket.player) revert NotTicketPlayer(ticketId, msg.sender);
        if (block.timestamp < ticket.refundAt) revert RefundTooEarly(ticketId, ticket.refundAt);
        Space storage space = _spaces[ticket.spaceId];
        uint256 fee = space.entryFee;
        delete tickets[ticketId];
        emit Refunded(ticketId, ticket.player, fee);
        _pay(space.token, ticket.player, fee);
    }

    /// @notice The operator gives a ticket's fee back at once, before any
    /// timeout, when the arena will not queue its entry (an unknown agent, an
    /// agent id encoded wrongly, an agent already queued); `reason` says why as
    /// a short ASCII code. The fee is paid to the player, or credited to it when
    /// its account refuses the payment or needs more than REFUSAL_PAY_GAS (or
    /// the token transfer fails), so a player cannot make the refusal revert.
    /// Works while paused, like `refund`: a player can always get out. Only an
    /// open ticket can be refused, so a ticket is never both settled and
    /// refunded, nor refunded twice.
    function refuseEntry(uint256 ticketId, bytes32 reason) external onlyOperator nonReentrant {
        Ticket memory ticket = _openTicket(ticketId);
        Space storage space = _spaces[ticket.spaceId];
        address token = space.token;
        uint256 fee = space.entryFee;
        delete tickets[ticketId];
        emit Refunded(ticketId, ticket.player, fee);
        bool paid;
        if (token == address(0)) {
            // The payee must get its whole allowance: otherwise a gas limit
            // just low enough (the one eth_estimateGas finds) would make the
            // payment fail and every refusal end as a credit.
            uint256 needed = REFUSAL_PAY_GAS + REFUSAL_PAY_GAS / 63 + REFUSAL_RESERVE;
            if (gasleft() < needed) revert GasTooLowForPayee(gasleft(), needed);
            address to = ticket.player;
            uint256 stipend = REFUSAL_PAY_GAS;
            // No return data is copied: a payee cannot make the operator pay
            // for a large one.
            assembly ("memory-safe") {
                paid := call(stipend, to, fee, 0, 0, 0, 0)
            }
        } else {
            paid = IERC20(token).trySafeTransfer(ticket.player, fee);
        }
        if (!paid) credits[token][ticket.player] += fee;
        emit EntryRefused(ticketId, reason, !paid);
    }

    // ---- settlement ----

    /// @notice The EIP-712 domain separator settlements are signed under.
    function domainSeparator() external view returns (bytes32) {
        return _domainSeparatorV4();
    }

    /// @notice The EIP-712 digest the operator signs for a settlement.
    function hashSettlement(Settlement calldata s) public view returns (bytes32) {
        return _hashTypedDataV4(
            keccak256(
                abi.encode(
                    SETTLEMENT_TYPEHASH,
                    s.matchId,
                    s.spaceId,
                    keccak256(abi.encodePacked(s.tickets)),
                    keccak256(abi.encodePacked(s.payees)),
                    keccak256(abi.encodePacked(s.amounts)),
                    keccak256(abi.encodePacked(s.slashed)),
                    s.rake,
                    s.deadline
                )
            )
        );
    }

    /// @notice Settles a match with the operator's signature; anyone may relay it.
    function settle(Settlement calldata s, bytes calldata signature) external whenNotPaused {
        _settle(s, signature);
    }

    /// @notice Settles several matches in one transaction; all or none.
    function settleBatch(Settlement[] calldata s, bytes[] calldata signatures) external whenNotPaused {
        if (s.length != signatures.length) revert BatchLengthMismatch(s.length, signatures.length);
        for (uint256 i = 0; i < s.length; i++) {
            _settle(s[i], signatures[i]);
        }
    }

    /// @dev Only moves internal balances (no external calls), so it needs no
    /// reentrancy guard and one payee cannot make the settlement fail.
    function _settle(Settlement calldata s, bytes calldata signature) private {
        if (block.timestamp > s.deadline) revert SettlementExpired(s.matchId, s.deadline);
        if (settledMatches[s.matchId]) revert MatchAlreadySettled(s.matchId);
        address signer = ECDSA.recover(hashSettlement(s), signature);
        if (signer != operator) revert WrongSigner(signer);

        Space storage space = _spaces[s.spaceId];
        if (!space.exists) revert SpaceNotFound(s.spaceId);
        uint256 n = s.tickets.length;
        if (n == 0) revert EmptySettlement(s.matchId);
        if (s.payees.length != s.amounts.length) revert PayeesAmountsMismatch(s.payees.length, s.amounts.length);

        settledMatches[s.matchId] = true;
        address[] memory players = _consumeTickets(s);
        _credit(s, space.token, n * space.entryFee);
        for (uint256 i = 0; i < s.slashed.length; i++) {
            address player = _playerOf(s.tickets, players, s.slashed[i]);
            _slash(player, bonds[player], s.matchId);
        }
        emit Settled(s.matchId, s.spaceId, s.tickets, s.payees, s.amounts, s.rake);
    }

    /// @dev Closes a settlement's tickets and returns their players. Deleting a
    /// ticket on first use also rejects a ticket listed twice (the second sight
    /// finds it closed).
    function _consumeTickets(Settlement calldata s) private returns (address[] memory players) {
        players = new address[](s.tickets.length);
        for (uint256 i = 0; i < s.tickets.length; i++) {
            uint256 ticketId = s.tickets[i];
            Ticket memory ticket = _openTicket(ticketId);
            if (ticket.spaceId != s.spaceId) revert TicketNotInSpace(ticketId, s.spaceId);
            players[i] = ticket.player;
            delete tickets[ticketId];
        }
    }

    /// @dev Credits the payees, then the rake and whatever is left of the pool to
    /// the treasury, so no wei is stranded. `paid` never exceeds `pool`, so the
    /// running check cannot overflow and an oversized settlement gets a clear error.
    function _credit(Settlement calldata s, address token, uint256 pool) private {
        uint256 paid = s.rake;
        if (paid > pool) revert SettlementOverPool(s.matchId, pool);
        for (uint256 i = 0; i < s.payees.length; i++) {
            address payee = s.payees[i];
            uint256 amount = s.amounts[i];
            if (payee == address(0)) revert ZeroAddress();
            if (amount > pool - paid) revert SettlementOverPool(s.matchId, pool);
            paid += amount;
            credits[token][payee] += amount;
        }
        uint256 toTreasury = pool - paid + s.rake;
        if (toTreasury != 0) credits[token][treasury] += toTreasury;
    }

    /// @dev Finds the player of a slashed ticket among the settlement's tickets.
    function _playerOf(uint256[] calldata ticketIds, address[] memory players, uint256 ticketId)
        private
        pure
        returns (address)
    {
        for (uint256 i = 0; i < ticketIds.length; i++) {
            if (ticketIds[i] == ticketId) return players[i];
        }
        revert SlashedTicketNotInSettlement(ticketId);
    }

    /// @dev Loads a ticket that exists and is still open.
    function _openTicket(uint256 ticketId) private view returns (Ticket memory ticket) {
        ticket = tickets[ticketId];
        if (ticket.player == address(0)) {
            if (ticketId == 0 || ticketId >= nextTicketId) revert TicketNotFound(ticketId);
            revert TicketClosed(ticketId);
        }
    }

    // ---- payouts ----

    /// @notice Pays out the caller's whole credit in `token` (address(0) = ETH).
    function withdraw(address token) external nonReentrant {
        uint256 amount = credits[token][msg.sender];
        if (amount == 0) revert NothingToWithdraw(token);
        credits[token][msg.sender] = 0;
        emit Withdrawn(msg.sender, token, amount);
        _pay(token, msg.sender, amount);
    }

    function _pay(address token, address to, uint256 amount) private {
        if (token == address(0)) {
            (bool ok,) = payable(to).call{value: amount}("");
            if (!ok) revert EthTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
    }

    // ---- bonds ----

    /// @notice Adds the ETH sent to the caller's bond.
    function bond() external payable whenNotPaused {
        if (msg.value == 0) revert ZeroAmount();
        uint256 total = bonds[msg.sender] + msg.value;
        bonds[msg.sender] = total;
        emit Bonded(msg.sender, msg.value, total);
    }

    /// @notice Asks for `amount` of the bond back; it stays slashable for UNBOND_DELAY.
    /// A new request replaces the previous one and restarts the clock.
    function requestUnbond(uint256 amount) external {
        if (amount == 0) revert ZeroAmount();
        uint256 current = bonds[msg.sender];
        if (amount > current) revert UnbondExceedsBond(amount, current);
        uint64 readyAt = uint64(block.timestamp + UNBOND_DELAY);
        unbonding[msg.sender] = Unbonding({amount: uint128(amount), readyAt: readyAt});
        emit UnbondRequested(msg.sender, amount, readyAt);
    }

    /// @notice After the delay, moves the requested bond (less anything slashed
    /// meanwhile) to the caller's ETH credit, to be withdrawn with `withdraw`.
    function completeUnbond() external {
        Unbonding memory request = unbonding[msg.sender];
        if (request.readyAt == 0) revert NoUnbondRequested();
        if (block.timestamp < request.readyAt) revert UnbondNotReady(request.readyAt);
        uint256 current = bonds[msg.sender];
        uint256 amount = request.amount < current ? request.amount : current;
        delete unbonding[msg.sender];
        bonds[msg.sender] = current - amount;
        credits[address(0)][msg.sender] += amount;
        emit Unbonded(msg.sender, amount);
    }

    /// @notice Moves `amount` of a player's bond to the treasury; `evidenceHash`
    /// points at the evidence (e.g. a hash of the offending match transcript).
    function slash(address player, uint256 amount, bytes32 evidenceHash) external onlyOperator {
        uint256 current = bonds[player];
        if (amount == 0) revert ZeroAmount();
        if (amount > current) revert SlashExceedsBond(player, amount, current);
        _slash(player, amount, evidenceHash);
    }

    function _slash(address player, uint256 amount, bytes32 evidenceHash) private {
        if (amount != 0) {
            bonds[player] -= amount;
            credits[address(0)][treasury] += amount;
        }
        emit Slashed(player, amount, evidenceHash);
    }

    // ---- proof-of-learning anchors ----

    /// @notice Records that `recordHash` (a proof-of-learning record's hash) was
    /// published for `agentId` at this block.
    function anchor(bytes32 agentId, bytes32 recordHash) external onlyOperator whenNotPaused {
        if (anchoredAt[agentId][recordHash] != 0) revert AlreadyAnchored(agentId, recordHash);
        anchoredAt[agentId][recordHash] = block.number;
        latestAnchor[agentId] = recordHash;
        emit Anchored(agentId, recordHash, block.number);
    }
}
