/// An error that carries an AWS error code (`ResourceNotFoundException`, …). The AWS client's
/// error conforms in the adapter; the executor asks by code, not by type.
public protocol ServiceErrorCode: Error {
    var serviceErrorCode: String? { get }
}

/// Whether `error` is an AWS error with `code`.
func isAWSError(_ error: any Error, code: String) -> Bool {
    (error as? any ServiceErrorCode)?.serviceErrorCode == code
}
