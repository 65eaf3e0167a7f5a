import Foundation

extension CopyRun {
    /// AWS answers that mean "not now": too many table operations at once in the account, a
    /// table or backup still in a transition, PITR not yet available on a fresh table. The
    /// client's few quick retries cannot outlast them; the copy waits (with the waiter's backoff,
    /// up to `wait_timeout`) and calls again.
    static let busyCodes: Set<String> = [
        "LimitExceededException", "ResourceInUseException", "TableInUseException", "BackupInUseException",
        "ContinuousBackupsUnavailableException",
    ]

    func whenNotBusy<T: Sendable>(_ what: String, _ call: @Sendable () async throws -> T) async throws -> T {
        try await waiter.wait(for: "AWS to accept \(what)", timeout: timeout, report: progress(what)) {
            do {
                return .done(try await call())
            } catch let error as any ServiceErrorCode {
                guard let code = error.serviceErrorCode, Self.busyCodes.contains(code) else { throw error }
                return .pending(status: code)
            }
        }
    }
}
