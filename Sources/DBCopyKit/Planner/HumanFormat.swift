import Foundation

/// Numbers, sizes, dates and ages as reviewers read them in a plan.
enum HumanFormat {
    /// `1,204`.
    static func count(_ value: Int64) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    /// `3.1 MB` (decimal units, as the AWS console shows table sizes).
    static func bytes(_ value: Int64) -> String {
        let units = ["bytes", "kB", "MB", "GB", "TB", "PB"]
        var size = Double(value)
        var unit = 0
        while size >= 1000, unit < units.count - 1 {
            size /= 1000
            unit += 1
        }
        if unit == 0 { return "\(value) bytes" }
        return String(format: size < 10 ? "%.1f %@" : "%.0f %@", size, units[unit])
    }

    /// `2026-11-21`.
    static func day(_ date: Date) -> String { String(CopyTimestamp.format(date).prefix(8)).insertingDashes() }

    /// `2026-11-21 03:00 UTC`.
    static func minute(_ date: Date) -> String {
        let stamp = CopyTimestamp.format(date)
        let hour = stamp.dropFirst(9).prefix(2)
        let minute = stamp.dropFirst(12).prefix(2)
        return "\(day(date)) \(hour):\(minute) UTC"
    }

    /// `3h ago`, `2d ago`.
    static func age(_ seconds: TimeInterval) -> String {
        let value = max(0, Int(seconds))
        switch value {
        case ..<60: return "\(value)s"
        case ..<3600: return "\(value / 60)m"
        case ..<172_800: return "\(value / 3600)h"
        default: return "\(value / 86_400)d"
        }
    }

    /// `provisioned 3/3` or `on-demand`.
    static func billing(_ mode: BillingMode, _ capacity: Capacity?) -> String {
        guard mode == .provisioned, let capacity else { return mode.rawValue }
        return "provisioned \(capacity.read)/\(capacity.write)"
    }
}

extension String {
    /// `20261121` → `2026-11-21`.
    fileprivate func insertingDashes() -> String {
        guard count == 8 else { return self }
        return "\(prefix(4))-\(dropFirst(4).prefix(2))-\(suffix(2))"
    }
}
