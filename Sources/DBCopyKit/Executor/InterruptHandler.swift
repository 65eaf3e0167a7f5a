import Dispatch
import Foundation

/// Ctrl-C during apply: the first stops new steps from starting and lets calls in flight finish
/// (the next apply continues from there); the second exits at once with 130.
public final class InterruptHandler: @unchecked Sendable {
    private var sources: [DispatchSourceSignal] = []
    private let count = LockedValue(0)

    public init() {}

    /// Starts handling SIGINT and SIGTERM for `stop`; messages go to `stream`.
    public func install(stop: StopSignal, stream: any TextStream) {
        for number in [SIGINT, SIGTERM] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [count] in
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
            source.resume()
            sources.append(source)
        }
    }
}
