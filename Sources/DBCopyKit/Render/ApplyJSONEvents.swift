import Foundation

/// `apply --format json`: one JSON object per line, stable keys.
enum ApplyJSONEvents {
    static func line(for event: ApplyEvent) -> String {
        var object: [String: Any] = [:]
        func copy(_ reference: CopyReference, _ at: Date) {
            object["job"] = reference.job
            object["origin"] = reference.origin
            object["target"] = reference.target
            object["region"] = reference.region
            object["time"] = at.formatted(.iso8601)
        }
        switch event {
        case .started(let reference, let at):
            object["type"] = "start"
            copy(reference, at)
        case .step(let reference, let step, let resource, let at):
            object["type"] = "progress"
            copy(reference, at)
            object["step"] = step
            object["resource"] = resource
        case .waiting(let reference, let resource, let status, let elapsed, let at):
            object["type"] = "progress"
            copy(reference, at)
            object["step"] = "waiting"
            object["resource"] = resource
            object["status"] = status
            object["elapsed_seconds"] = Int(elapsed)
        case .completed(let reference, let duration, let at):
            object["type"] = "complete"
            copy(reference, at)
            object["duration_seconds"] = Int(duration.rounded())
        case .failed(let reference, let error, let refused, let duration, let at):
            object["type"] = "errored"
            copy(reference, at)
            object["error"] = error
            object["refused"] = refused
            object["duration_seconds"] = Int(duration.rounded())
        case .skipped(let reference, let reason, let at):
            object["type"] = "skipped"
            copy(reference, at)
            object["reason"] = reason
        }
        return encode(object)
    }

    /// The plan as the first line of `apply --format json`: `{"type": "plan", "plan": {...}}`.
    static func planLine(_ plan: Plan) throws -> String {
        let encoder = PlanJSONCoding.encoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let document = String(decoding: try encoder.encode(plan), as: UTF8.self)
        return "{\"plan\":\(document),\"type\":\"plan\"}"
    }

    static func summary(_ report: ApplyReport) -> String {
        let jobs: [[String: Any]] = report.outcomes.map { outcome in
            var job: [String: Any] = [
                "job": outcome.copy.job, "origin": outcome.copy.origin, "target": outcome.copy.target,
                "region": outcome.copy.region, "result": outcome.result.rawValue,
                "duration_seconds": Int(outcome.duration.rounded()),
            ]
            if let message = outcome.message { job["error"] = message }
            return job
        }
        return encode([
            "type": "summary", "added": report.added, "changed": report.changed, "destroyed": report.destroyed,
            "failed": report.failed, "refused": report.refused, "interrupted": report.interrupted, "jobs": jobs,
        ])
    }

    private static func encode(_ object: [String: Any]) -> String {
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
