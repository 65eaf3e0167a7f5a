import Dispatch
import Foundation

/// Where the signal handler reports a signal: the write end of a pipe, -1 until installed. A C
/// signal handler can capture nothing, so it reads this global; `write(2)` is async-signal-safe.
private nonisolated(unsafe) var signalPipeWriteEnd: Int32 = -1

/// Ctrl-C during apply: the first stops new steps from starting and lets calls in flight finish
/// (the next apply continues from there); the second exits at once with 130.
///
/// A real handler writes each signal to a pipe that a dispatch source reads (the self-pipe
/// trick). A `DispatchSource` signal source with the signal ignored is not enough on Linux:
/// there it sees a signal only while every thread blocks it, and by the time apply runs other
/// threads (libcurl's, the concurrency pool's) exist that do not, so the kernel discarded
/// Ctrl-C and apply ran on to the end.
public final class InterruptHandler: @unchecked Sendable {
    /// Kept for the life of the process, as signal handling is process-wide: callers need not
    /// keep the handler (a dispatch source that is released stops delivering).
    private nonisolated(unsafe) static var source: (any DispatchSourceRead)?
    private let count = LockedValue(0)

    public init() {}

    /// Starts handling SIGINT and SIGTERM for `stop`; messages go to `stream`.
    public func install(stop: StopSignal, stream: any TextStream) {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else { return }
        let (readEnd, writeEnd) = (ends[0], ends[1])
        // Never block in the signal handler, however many signals arrive before they are read.
        _ = fcntl(writeEnd, F_SETFL, fcntl(writeEnd, F_GETFL) | O_NONBLOCK)
        signalPipeWriteEnd = writeEnd
        let source = DispatchSource.makeReadSource(fileDescriptor: readEnd, queue: .global())
        source.setEventHandler { [count] in
            var bytes = [UInt8](repeating: 0, count: 16)
            let received = read(readEnd, &bytes, bytes.count)
            for _ in 0..<max(0, received) {
                let presses = count.update { value -> Int in
                    value += 1
                    return value
                }
                if presses == 1 {
                    stop.stop(StopSignal.interruptReason)
                    stream.write(
                        "\nInterrupt received: finishing the AWS calls in flight and starting nothing new. "
                            + "Press Ctrl-C again to exit now; apply again to continue.\n")
                } else {
                    stream.write("\nExiting now.\n")
                    exit(DBCopyExitCode.interrupted.rawValue)
                }
            }
        }
        source.resume()
        Self.source = source
        for number in [SIGINT, SIGTERM] {
            signal(number) { _ in
                var byte: UInt8 = 1
                _ = write(signalPipeWriteEnd, &byte, 1)
            }
        }
    }
}
