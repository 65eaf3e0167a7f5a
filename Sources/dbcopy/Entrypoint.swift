import DBCopyKit

/// The executable only hands over to the library, so that everything is testable.
@main
struct Entrypoint {
    static func main() async {
        await CommandLineEntry.run()
    }
}
