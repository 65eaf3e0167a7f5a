/// Why the test harness itself could not do what a test asked (not a product failure).
public struct TestHarnessError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
