import CYaml
import CaseModel

/// A first pass over a YAML text with libyaml's event parser, before anything is built.
///
/// Yams' composer recurses once per nesting level, shares aliased nodes, and hashes
/// mapping keys in full; a hostile file could therefore overflow the stack or make
/// hashing and walking take exponential time. This pass is iterative and linear: it
/// refuses deep nesting and documents that expand (through aliases) past a bound,
/// and reports syntax errors, duplicate keys, undefined aliases and extra documents
/// with their line and column. This is the only file that touches libyaml directly.
enum YAMLPreflight {
    private struct Frame {
        var isMapping: Bool
        var expectingKey = true
        var keys: [String: Int] = [:]
        var expandedAtStart: Int
        var anchor: String?
    }

    /// `nil` when the text may be composed safely, otherwise the reason it may not.
    static func check(_ text: String, file: String, limits: LoadingLimits) -> Diagnostic? {
        var bytes = Array(text.utf8)
        if bytes.isEmpty { bytes = [0x0A] }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .error(at: SourceLocation(file: file), "could not start the YAML reader")
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)

        return bytes.withUnsafeBufferPointer { buffer -> Diagnostic? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var stack: [Frame] = []
            var anchors: [String: Int] = [:]
            var expanded = 0
            var documents = 0

            func here(_ mark: yaml_mark_t) -> SourceLocation {
                SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
            }

            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return syntaxError(parser, bytes: bytes, file: file, limits: limits)
                }
                defer { yaml_event_delete(&event) }
                let at = here(event.start_mark)

                // A node (not an end event) that starts inside a mapping is a key or a value.
                let startsNode = [YAML_SCALAR_EVENT, YAML_ALIAS_EVENT, YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT]
                    .contains(event.type)
                var isKey = false
                if startsNode, !stack.isEmpty, stack[stack.count - 1].isMapping {
                    isKey = stack[stack.count - 1].expectingKey
                    stack[stack.count - 1].expectingKey.toggle()
                }

                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_DOCUMENT_START_EVENT:
                    documents += 1
                    if documents > 1 {
                        return .error(at: at, "the file holds more than one YAML document (a second \"---\"); keep one document per file")
                    }
                case YAML_SCALAR_EVENT:
                    expanded += 1
                    let value = String(decoding: UnsafeBufferPointer(start: event.data.scalar.value, count: event.data.scalar.length), as: UTF8.self)
                    if let anchor = name(event.data.scalar.anchor) { anchors[anchor] = 1 }
                    if isKey {
                        let line = Int(event.start_mark.line) + 1
                        if let first = stack[stack.count - 1].keys[value] {
                            return .error(at: at, "key \(value.quotedForDiagnostic) appears twice in the same mapping (first on line \(first)); keep one")
                        }
                        stack[stack.count - 1].keys[value] = line
                    }
                case YAML_ALIAS_EVENT:
                    let anchor = name(event.data.alias.anchor) ?? ""
                    guard let size = anchors[anchor] else {
                        let shown = anchor.excerptForDiagnostic
                        return .error(at: at, "the alias *\(shown) refers to no anchor &\(shown) defined before it")
                    }
                    expanded += size
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    expanded += 1
                    let isMapping = event.type == YAML_MAPPING_START_EVENT
                    let anchor = name(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                    stack.append(Frame(isMapping: isMapping, expandedAtStart: expanded - 1, anchor: anchor))
                    if stack.count > limits.maxYAMLDepth {
                        return .error(at: at, "lists and mappings are nested more than \(limits.maxYAMLDepth) levels deep; the file is refused")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let frame = stack.popLast(), let anchor = frame.anchor {
                        anchors[anchor] = expanded - frame.expandedAtStart
                    }
                default:
                    break
                }
                if expanded > limits.maxYAMLValues {
                    return .error(at: at, "the document expands to more than \(limits.maxYAMLValues) values (through YAML aliases or sheer size); the file is refused")
                }
            }
        }
    }

    private static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        guard let pointer else { return nil }
        return String(cString: pointer)
    }

    private static func syntaxError(_ parser: yaml_parser_t, bytes: [UInt8], file: String, limits: LoadingLimits) -> Diagnostic {
        let problem = parser.problem.map { String(cString: $0) } ?? "unreadable YAML"
        if parser.error == YAML_READER_ERROR {
            // libyaml's reader reports a byte offset, not a line.
            let offset = min(Int(parser.problem_offset), bytes.count)
            let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            let location = SourceLocation(file: file, position: .line(line))
            if problem == "control characters are not allowed" {
                let scalar = Unicode.Scalar(UInt32(bitPattern: parser.problem_value))
                let code = scalar?.codePointName ?? "?"
                if let scalar, scalar.isNoncharacter {
                    return .error(at: location, "contains \(code), which is not a character (a noncharacter code point) at byte offset \(offset); remove it: it cannot appear in a web page")
                }
                return .error(at: location, "contains a control character (\(code)) at byte offset \(offset); only tab and line breaks are allowed")
            }
            return .error(at: location, "YAML syntax error: \(problem) at byte offset \(offset)")
        }
        let mark = parser.problem_mark
        let location = SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        if problem.hasPrefix("Maximum nesting level reached") {
            // libyaml's own bound (higher than ours) can trip first, while it scans ahead.
            return .error(at: location, "lists and mappings are nested more than \(limits.maxYAMLDepth) levels deep; the file is refused")
        }
        var message = "YAML syntax error: \(problem)"
        if let context = parser.context.map({ String(cString: $0) }) { message += " (\(context))" }
        return .error(at: location, message)
    }
}
