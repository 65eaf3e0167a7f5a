/// The standard retry mode's token bucket, shared by every call of a session: each retry spends
/// tokens (5, or 10 after a timeout), each success puts some back. When an outage empties the
/// bucket, calls stop retrying and fail at once instead of multiplying the load.
public final class RetryQuota: Sendable {
    public static let initialTokens = 500
    public static let retryCost = 5
    public static let timeoutRetryCost = 10
    /// Put back after a call that succeeded on its first attempt.
    public static let successIncrement = 1

    private let tokens = Locked(RetryQuota.initialTokens)

    public init() {}

    public var available: Int { tokens.current }

    /// Takes the cost of one retry, or returns `nil` when the bucket cannot pay for it.
    func acquire(for kind: RetryPolicy.FailureKind) -> Int? {
        let cost = kind == .timeout ? Self.timeoutRetryCost : Self.retryCost
        return tokens.withLock { available in
            guard available >= cost else { return nil }
            available -= cost
            return cost
        }
    }

    /// A call succeeded: refund what its last retry cost, or the small increment if it had none.
    func recordSuccess(refunding cost: Int?) {
        tokens.withLock { $0 = min(Self.initialTokens, $0 + (cost ?? Self.successIncrement)) }
    }
}
