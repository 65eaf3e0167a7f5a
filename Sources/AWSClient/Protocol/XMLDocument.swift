/// A minimal XML reader for STS's query-protocol responses: elements, text, the five predefined
/// entities and numeric character references. No DTDs, namespaces are kept as written, and
/// attributes are skipped (STS's answers carry everything in element text).
struct XMLNode: Sendable, Equatable {
    var name: String
    var text = ""
    var children: [XMLNode] = []

    /// The first descendant at `path` (element names, outermost first).
    func find(_ path: String...) -> XMLNode? {
        var node = self
        for name in path {
            guard let next = node.children.first(where: { $0.name == name }) else { return nil }
            node = next
        }
        return node
    }

    /// The text of the first element named `name` anywhere below this one.
    func firstText(named name: String) -> String? {
        for child in children {
            if child.name == name { return child.text }
            if let found = child.firstText(named: name) { return found }
        }
        return nil
    }

    struct ParseError: Error {}

    /// Parses a whole document and returns its root element.
    static func parse(_ text: String) throws -> XMLNode {
        var stack: [XMLNode] = []
        var root: XMLNode?
        var rest = Substring(text)
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "<") else {
                stack.indices.last.map { stack[$0].text += decodeEntities(rest) }
                break
            }
            if open > rest.startIndex, !stack.isEmpty { stack[stack.count - 1].text += decodeEntities(rest[..<open]) }
            rest = rest[open...]
            if rest.hasPrefix("<?") || rest.hasPrefix("<!--") || rest.hasPrefix("<!") {
                let terminator = rest.hasPrefix("<?") ? "?>" : (rest.hasPrefix("<!--") ? "-->" : ">")
                guard let end = rest.range(of: terminator) else { throw ParseError() }
                rest = rest[end.upperBound...]
                continue
            }
            guard let close = rest.firstIndex(of: ">") else { throw ParseError() }
            let tag = rest[rest.index(after: rest.startIndex)..<close]
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("/") {
                guard var finished = stack.popLast(), finished.name == tag.dropFirst() else { throw ParseError() }
                finished.text = finished.text.trimmingWhitespace()
                if stack.isEmpty { root = finished } else { stack[stack.count - 1].children.append(finished) }
                continue
            }
            let selfClosing = tag.hasSuffix("/")
            let name = String(tag.prefix { $0 != " " && $0 != "/" && $0 != "\t" && $0 != "\n" })
            if selfClosing {
                let node = XMLNode(name: name)
                if stack.isEmpty { root = node } else { stack[stack.count - 1].children.append(node) }
            } else {
                stack.append(XMLNode(name: name))
            }
        }
        guard stack.isEmpty, let root else { throw ParseError() }
        return root
    }

    private static func decodeEntities(_ text: Substring) -> String {
        guard text.contains("&") else { return String(text) }
        var out = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            guard let semi = rest[amp...].firstIndex(of: ";") else { break }
            let entity = rest[rest.index(after: amp)..<semi]
            switch entity {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let number =
                    entity.hasPrefix("#x")
                    ? UInt32(entity.dropFirst(2), radix: 16)
                    : (entity.hasPrefix("#") ? UInt32(entity.dropFirst()) : nil)
                if let number, let scalar = Unicode.Scalar(number) {
                    out.unicodeScalars.append(scalar)
                } else {
                    out += "&\(entity);"
                }
            }
            rest = rest[rest.index(after: semi)...]
        }
        return out + rest
    }
}

extension String {
    fileprivate func trimmingWhitespace() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[first...last])
    }
}
