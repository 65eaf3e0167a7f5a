internal import CYAML

/// The one place that talks to libyaml: its event API turned into a `YAMLNode` tree.
///
/// C types never leave this file, and every C struct is freed (`yaml_event_delete` after each
/// event, `yaml_parser_delete` in `deinit`). The tree is built with an explicit stack rather
/// than recursion, and nesting is capped, so that no input can exhaust the call stack.
/// Anchors, aliases and explicit tags are reported, never expanded: an alias "bomb" costs no
/// more than its bytes.
final class LibYAMLParser {
    /// Plan files nest five levels deep (top level, jobs, a job, indexes, an index's capacity);
    /// 64 leaves room without letting a hostile file go deep.
    static let maximumDepth = 64

    struct Outcome {
        /// nil when the stream holds no document (an empty file, or only comments).
        var root: YAMLNode?
        var diagnostics: [Diagnostic]
    }

    private let parser: UnsafeMutablePointer<yaml_parser_t>
    private let input: UnsafeMutableBufferPointer<UInt8>
    private let file: String
    private var diagnostics: [Diagnostic] = []
    private var aliasCount = 0
    private var anchorCount = 0
    private var tagCount = 0
    /// Where the first of each kind was reported: the count of the others goes there too.
    private var firstMarks: [String: SourceMark] = [:]

    /// Parses `bytes` (already checked to be UTF-8 and at most 1 MiB) as one YAML document.
    static func parse(_ bytes: [UInt8], file: String) -> Outcome {
        let parser = LibYAMLParser(bytes, file: file)
        let root = parser.run()
        return Outcome(root: root, diagnostics: parser.diagnostics + parser.summaryOfRepeats())
    }

    private init(_ bytes: [UInt8], file: String) {
        self.file = file
        parser = .allocate(capacity: 1)
        // libyaml reads from this copy for as long as the parser lives, so it must not move.
        input = .allocate(capacity: max(bytes.count, 1))
        _ = input.initialize(from: bytes)
        yaml_parser_initialize(parser)
        yaml_parser_set_encoding(parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(parser, input.baseAddress, bytes.count)
    }

    deinit {
        yaml_parser_delete(parser)
        parser.deallocate()
        input.deallocate()
    }

    private func mark(_ mark: yaml_mark_t) -> SourceMark {
        SourceMark(file: file, line: mark.line + 1, column: mark.column + 1)
    }

    private func string(_ pointer: UnsafePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    private func syntaxError() {
        let problem = parser.pointee.problem.map { String(cString: $0) } ?? "unreadable YAML"
        var message = "YAML syntax error: \(problem)"
        if let context = parser.pointee.context.map({ String(cString: $0) }) {
            let start = mark(parser.pointee.context_mark)
            message += " (\(context) at \(start.line):\(start.column))"
        }
        message += "; check the indentation, the quoting and the brackets around here"
        diagnostics.append(.error(message, at: mark(parser.pointee.problem_mark)))
    }

    private func checkDecorations(
        anchor: UnsafePointer<yaml_char_t>?, tag: UnsafePointer<yaml_char_t>?, at start: SourceMark
    ) {
        if let anchor = string(anchor) {
            anchorCount += 1
            if anchorCount == 1 {
                firstMarks["anchors"] = start
                diagnostics.append(
                    .error(
                        "YAML anchors (&\(anchor)) are not allowed in plan files; "
                            + "put settings shared by jobs under 'defaults' instead", at: start))
            }
        }
        if let tag = string(tag) {
            tagCount += 1
            if tagCount == 1 {
                firstMarks["tags"] = start
                diagnostics.append(
                    .error(
                        "explicit YAML tags (\(tag)) are not allowed in plan files; "
                            + "write plain values, and quote a value to make it a string", at: start))
            }
        }
    }

    private func summaryOfRepeats() -> [Diagnostic] {
        // One error per kind keeps a hostile file's report short; the count says how many more.
        var notes: [Diagnostic] = []
        for (count, what) in [(aliasCount, "aliases"), (anchorCount, "anchors"), (tagCount, "tags")] where count > 1 {
            notes.append(.error("\(count - 1) more YAML \(what) after this one; remove them all", at: firstMarks[what]))
        }
        return notes
    }
}

extension LibYAMLParser {
    /// A collection being read: its start, and what it holds so far.
    private struct Frame {
        var mark: SourceMark
        var isMapping: Bool
        var items: [YAMLNode] = []
        var pairs: [YAMLPair] = []
        var pendingKey: YAMLNode?

        mutating func add(_ node: YAMLNode) {
            guard isMapping else { return items.append(node) }
            if let key = pendingKey {
                pairs.append(YAMLPair(key: key, value: node))
                pendingKey = nil
            } else {
                pendingKey = node
            }
        }

        var node: YAMLNode {
            YAMLNode(kind: isMapping ? .mapping(pairs) : .sequence(items), mark: mark)
        }
    }

    private func run() -> YAMLNode? {
        var stack: [Frame] = []
        var root: YAMLNode?
        var documents = 0
        var event = yaml_event_t()
        func add(_ node: YAMLNode) {
            if stack.isEmpty { root = node } else { stack[stack.count - 1].add(node) }
        }
        while true {
            guard yaml_parser_parse(parser, &event) == 1 else {
                syntaxError()
                return nil
            }
            defer { yaml_event_delete(&event) }
            let start = mark(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return root
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    diagnostics.append(
                        .error(
                            "a second YAML document starts here; a plan file holds exactly one document "
                                + "(remove this '---' and what follows, or put it in its own file)", at: start))
                    return nil
                }
            case YAML_ALIAS_EVENT:
                aliasCount += 1
                if aliasCount == 1 {
                    firstMarks["aliases"] = start
                    let name = string(event.data.alias.anchor) ?? ""
                    diagnostics.append(
                        .error(
                            "YAML aliases (*\(name)) are not allowed in plan files; "
                                + "if you meant a glob, quote it (\"*\(name)\")", at: start))
                }
                add(YAMLNode(kind: .invalid, mark: start))
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let plainTagged = scalar.plain_implicit == 0 && scalar.quoted_implicit == 0
                checkDecorations(anchor: scalar.anchor, tag: plainTagged ? scalar.tag : nil, at: start)
                let text = String(
                    decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let style: YAMLScalar.Style = scalar.style == YAML_PLAIN_SCALAR_STYLE ? .plain : .quoted
                add(YAMLNode(kind: .scalar(YAMLScalar(text: text, style: style)), mark: start))
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
                let implicit = isMapping ? event.data.mapping_start.implicit : event.data.sequence_start.implicit
                let tag = isMapping ? event.data.mapping_start.tag : event.data.sequence_start.tag
                checkDecorations(anchor: anchor, tag: implicit == 0 ? tag : nil, at: start)
                guard stack.count < Self.maximumDepth else {
                    diagnostics.append(
                        .error(
                            "nesting is deeper than \(Self.maximumDepth) levels; "
                                + "plan files nest at most 5 levels (top level, jobs, a job, indexes, an index's capacity)",
                            at: start))
                    return nil
                }
                stack.append(Frame(mark: start, isMapping: isMapping))
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                guard let frame = stack.popLast() else { continue }
                add(frame.node)
            default:
                continue
            }
        }
    }
}
