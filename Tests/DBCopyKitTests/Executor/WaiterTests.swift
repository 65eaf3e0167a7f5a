import Foundation
import Testing

@testable import DBCopyKit

@Suite("Waiter: backoff, timeout, interruption")
struct WaiterTests {
    @Test("polls with growing, jittered, capped intervals until done")
    func backoff() async throws {
        let clock = ManualClock()
        let sleeps = LockedValue<[TimeInterval]>([])
        var waiter = Waiter(
            initialInterval: 1, maximumInterval: 4,
            sleeper: { seconds in
                sleeps.update { $0.append(seconds) }
                clock.advance(seconds)
            }, clock: { clock.date })
        waiter.isInterrupted = { false }
        let polls = LockedValue(0)
        let value = try await waiter.wait(for: "x", timeout: 3600) { () -> Waiter.Poll<String> in
            polls.update { $0 += 1 }
            return polls.get() == 8 ? .done("ready") : .pending(status: "CREATING")
        }
        #expect(value == "ready")
        let intervals = sleeps.get()
        #expect(intervals.count == 7)
        let caps: [TimeInterval] = [1, 1.5, 2.25, 3.375, 4, 4, 4]
        for (interval, cap) in zip(intervals, caps) {
            #expect(interval <= cap && interval >= cap / 2)
        }
    }

    @Test("a timeout names what it waited for and its last status")
    func timeout() async throws {
        let clock = ManualClock()
        let waiter = Waiter(sleeper: { clock.advance($0) }, clock: { clock.date })
        do {
            _ = try await waiter.wait(for: "table t to become ACTIVE", timeout: 60) { () -> Waiter.Poll<Void> in
                .pending(status: "CREATING")
            }
            Issue.record("no timeout")
        } catch let error as ExecutionError {
            guard case .timedOut(let what, let status, let after) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(what == "table t to become ACTIVE")
            #expect(status == "CREATING")
            #expect(after >= 60)
            #expect(String(describing: error).contains("(last status CREATING)"))
        }
    }

    @Test("Ctrl-C ends a wait at the next poll")
    func interrupted() async throws {
        let clock = ManualClock()
        var waiter = Waiter(sleeper: { clock.advance($0) }, clock: { clock.date })
        let polls = LockedValue(0)
        waiter.isInterrupted = { polls.get() >= 3 }
        await #expect(throws: ExecutionError.interrupted) {
            _ = try await waiter.wait(for: "x", timeout: 3600) { () -> Waiter.Poll<Void> in
                polls.update { $0 += 1 }
                return .pending(status: "CREATING")
            }
        }
        #expect(polls.get() == 3)
    }
}
