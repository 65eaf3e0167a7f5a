import Testing

@testable import DBCopyKit

@Suite("Diagnostics as printed: source line, caret, colour only when asked")
struct DiagnosticPrinterTests {
    let diagnostic = Diagnostic.error("bad value", at: SourceMark(file: "p.json", line: 2, column: 4))

    @Test("the caret keeps the line's tabs so that it lines up at any tab width; CRLF files quote right")
    func caretWithTabs() {
        let printer = DiagnosticPrinter(source: "{\n\t\t\"x\": 1\r\n}", style: OutputStyle.plain)
        #expect(printer.render(diagnostic) == "p.json:2:4: error: bad value\n\t\t\"x\": 1\n\t\t ^\n")
    }

    @Test("no source line for whole-file problems or lines past the end")
    func noSource() {
        let printer = DiagnosticPrinter(source: "one line", style: OutputStyle.plain)
        #expect(printer.render(.error("too big", at: nil, file: "p.json")) == "p.json: error: too big\n")
        #expect(printer.render(diagnostic) == "p.json:2:4: error: bad value\n")
    }

    @Test("colour: bold location, red error, yellow warning, green caret")
    func colour() {
        let printer = DiagnosticPrinter(source: "a\n   b", style: OutputStyle.coloured)
        #expect(
            printer.render(diagnostic)
                == "\u{1B}[1mp.json:2:4:\u{1B}[0m \u{1B}[1;31merror:\u{1B}[0m \u{1B}[1mbad value\u{1B}[0m\n   b\n   \u{1B}[1;32m^\u{1B}[0m\n"
        )
        #expect(printer.render(.warning("w", at: nil, file: "p")).contains("\u{1B}[1;33mwarning:\u{1B}[0m"))
    }
}
