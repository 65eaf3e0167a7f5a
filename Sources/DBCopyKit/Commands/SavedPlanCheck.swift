import Foundation

/// `apply SAVED`: re-reads every precondition of the whole plan before anything runs, so a
/// stale saved plan changes nothing at all.
enum SavedPlanCheck {
    /// One line per precondition that no longer holds; empty when the plan is current.
    static func staleReasons(_ plan: Plan, services: @escaping LiveStateReader.ServicesForRegion) async throws
        -> [String]
    {
        try await PreconditionCheck.failures(plan.copies.flatMap(\.preconditions), services: services)
    }
}
