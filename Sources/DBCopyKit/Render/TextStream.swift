import Foundation

/// Where output goes: stdout, stderr, or a buffer in tests. Writes are whole strings, so
/// lines from concurrent jobs never interleave mid-line.
public protocol TextStream: Sendable {
    func write(_ text: String)
    /// Whether this stream is an interactive terminal.
    var isTerminal: Bool { get }
}

/// A file descriptor (1 for stdout, 2 for stderr).
public struct FileStream: TextStream {
    public let descriptor: Int32

    public init(descriptor: Int32) { self.descriptor = descriptor }

    public static let standardOutput = FileStream(descriptor: 1)
    public static let standardError = FileStream(descriptor: 2)

    public func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(descriptor, $0.baseAddress, $0.count) }
            if written <= 0 {
                if written < 0, errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }

    public var isTerminal: Bool { isatty(descriptor) == 1 }
}

/// Collects output in memory (tests).
public final class BufferStream: TextStream, @unchecked Sendable {
    private let lock = NSLock()
    private var buffer = ""
    public let isTerminal: Bool

    public init(isTerminal: Bool = false) { self.isTerminal = isTerminal }

    public func write(_ text: String) { lock.withLock { buffer += text } }

    public var text: String { lock.withLock { buffer } }
}
