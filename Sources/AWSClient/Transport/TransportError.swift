/// A request that got no HTTP response: the connection failed, dropped or timed out.
public struct TransportError: Error, Sendable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Could not resolve or connect, or the connection dropped mid-exchange: worth retrying.
        case connection
        /// The connect or total timeout passed: worth retrying, and costs more retry quota.
        case timeout
        /// The peer's certificate or TLS handshake was refused: retrying cannot help.
        case tls
        /// Anything else libcurl reports (bad URL, out of memory, transport shut down).
        case other
    }

    public let kind: Kind
    /// libcurl's `CURLcode`, 0 when the error did not come from libcurl.
    public let curlCode: Int
    public let message: String

    public init(kind: Kind, curlCode: Int, message: String) {
        self.kind = kind
        self.curlCode = curlCode
        self.message = message
    }

    public var description: String {
        curlCode == 0 ? message : "\(message) (curl error \(curlCode))"
    }
}
