import CLibYAML
import CaseModel

/// Reads a YAML text into a ``LocatedValue`` tree whose every part knows its line
/// and column, in one pass over libyaml's events.
///
/// No general node tree is composed: each event goes straight into the located
/// tree, and the limits are enforced as the events arrive, so a hostile document
/// is refused before it costs anything. The pass is iterative (no recursion per
/// nesting level) and linear: it refuses nesting deeper than
/// ``LoadingLimits/maxYAMLDepth`` and documents that expand, through aliases,
/// past ``LoadingLimits/maxYAMLValues``; it reports syntax errors, duplicate keys,
/// undefined aliases, keys that are not text and a second document with their
/// line and column. This is the only file that touches libyaml.
public enum YAMLReader {
    /// The document's tree (`.null` for an empty file), or the diagnostic that stopped it.
    public static func read(_ text: String, file: String, limits: LoadingLimits = .standard) -> Result<LocatedValue, Diagnostic> {
        // The text's own UTF-8 storage when it has one (a String read from a file
        // does), else a copy; libyaml wants at least one byte.
        if text.isEmpty { return read("\n", file: file, limits: limits) }
        var text = text
        return text.withUTF8 { buffer in read(buffer, file: file, limits: limits) }
    }

    private static func read(_ buffer: UnsafeBufferPointer<UInt8>, file: String, limits: LoadingLimits) -> Result<LocatedValue, Diagnostic>
    {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(.error(at: SourceLocation(file: file), "could not start the YAML reader"))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        do {
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var builder = Builder(file: file, limits: limits)
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else {
                    return .failure(syntaxError(parser, bytes: Array(buffer), file: file, limits: limits))
                }
                defer { yaml_event_delete(&event) }
                switch builder.take(event) {
                case .more: continue
                case .done(let tree): return .success(tree)
                case .refused(let diagnostic): return .failure(diagnostic)
                }
            }
        }
    }

    /// Builds the located tree from events, one open list or mapping per frame.
    private struct Builder {
        enum Step {
            case more
            case done(LocatedValue)
            case refused(Diagnostic)
        }

        struct Frame {
            var isMapping: Bool
            var location: SourceLocation
            var anchor: String?
            /// Values counted before this frame opened, to size its anchor.
            var expandedAtStart: Int
            var items: [LocatedValue] = []
            var entries: [LocatedValue.Entry] = []
            /// A mapping's key waiting for its value.
            var pendingKey: (text: String, location: SourceLocation)?
            /// First line of each key, to report a repeated key: kept only once a
            /// mapping has more keys than are quicker to compare one by one.
            var keyLines: [String: Int]?

            /// The line of an earlier key `text` of this mapping, if there is one.
            /// A case file's mappings have a handful of keys, compared in turn;
            /// past 16 (a hostile file may have 100,000) they are looked up by hash.
            mutating func line(ofKey text: String) -> Int? {
                if keyLines == nil, entries.count < 16 {
                    guard let entry = entries.first(where: { $0.key == text }) else { return nil }
                    if case .lineColumn(let line, _) = entry.keyLocation.position { return line }
                    return nil
                }
                if keyLines == nil {
                    var lines: [String: Int] = [:]
                    for entry in entries where lines[entry.key] == nil {
                        if case .lineColumn(let line, _) = entry.keyLocation.position { lines[entry.key] = line }
                    }
                    keyLines = lines
                }
                if let first = keyLines?[text] { return first }
                return nil
            }

            /// Notes a key whose value has arrived.
            mutating func noteKey(_ text: String, at location: SourceLocation) {
                if keyLines != nil, keyLines?[text] == nil, case .lineColumn(let line, _) = location.position {
                    keyLines?[text] = line
                }
            }
        }

        let file: String
        let limits: LoadingLimits
        var stack: [Frame] = []
        /// Anchored values, and how many values each expands to.
        var anchors: [String: (value: LocatedValue, size: Int)] = [:]
        var expanded = 0
        var documents = 0
        var root: LocatedValue?

        init(file: String, limits: LoadingLimits) {
            self.file = file
            self.limits = limits
        }

        func here(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        }

        mutating func take(_ event: yaml_event_t) -> Step {
            let at = here(event.start_mark)
            switch event.type {
            case YAML_STREAM_END_EVENT:
                return .done(root ?? LocatedValue(.null, at: SourceLocation(file: file, line: 1, column: 1)))
            case YAML_DOCUMENT_START_EVENT:
                documents += 1
                if documents > 1 {
                    return .refused(
                        .error(at: at, "the file holds more than one YAML document (a second \"---\"); keep one document per file"))
                }
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
                let plain = scalar.style == YAML_PLAIN_SCALAR_STYLE
                let value =
                    plain && Self.isNull(text)
                    ? LocatedValue(.null, at: at)
                    : LocatedValue(.scalar(text, plain ? .plain : .quoted), at: at)
                if let anchor = Self.name(scalar.anchor) { anchors[anchor] = (value, 1) }
                return add(value, counting: 1, keyText: text, at: at)
            case YAML_ALIAS_EVENT:
                let anchor = Self.name(event.data.alias.anchor) ?? ""
                guard let target = anchors[anchor] else {
                    let shown = anchor.excerptForDiagnostic
                    return .refused(.error(at: at, "the alias *\(shown) refers to no anchor &\(shown) defined before it"))
                }
                let keyText: String? = if case .scalar(let text, _) = target.value.kind { text } else { nil }
                return add(target.value, counting: target.size, keyText: keyText, at: at)
            case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                let isMapping = event.type == YAML_MAPPING_START_EVENT
                if let frame = stack.last, frame.isMapping, frame.pendingKey == nil {
                    return .refused(.error(at: at, "a key must be plain text, not a list or mapping"))
                }
                expanded += 1
                let anchor = Self.name(isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor)
                stack.append(Frame(isMapping: isMapping, location: at, anchor: anchor, expandedAtStart: expanded - 1))
                if stack.count > limits.maxYAMLDepth {
                    return .refused(
                        .error(at: at, "lists and mappings are nested more than \(limits.maxYAMLDepth) levels deep; the file is refused"))
                }
                return checkExpansion(at)
            case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                let frame = stack.removeLast()
                let value = LocatedValue(frame.isMapping ? .mapping(frame.entries) : .sequence(frame.items), at: frame.location)
                if let anchor = frame.anchor { anchors[anchor] = (value, expanded - frame.expandedAtStart) }
                return add(value, counting: 0, keyText: nil, at: at)
            default:
                break
            }
            return .more
        }

        /// Places a finished value: as the document, a list item, a key, or a key's value.
        /// `at` is where the event that finished it stands (an alias, not its anchor).
        mutating func add(_ value: LocatedValue, counting size: Int, keyText: String?, at: SourceLocation) -> Step {
            expanded += size
            guard !stack.isEmpty else {
                root = value
                return checkExpansion(at)
            }
            let top = stack.count - 1
            if !stack[top].isMapping {
                stack[top].items.append(value)
            } else if let key = stack[top].pendingKey {
                stack[top].noteKey(key.text, at: key.location)
                stack[top].entries.append(LocatedValue.Entry(key: key.text, keyLocation: key.location, value: value))
                stack[top].pendingKey = nil
            } else {
                let location = keyText != nil ? at : value.location
                guard let text = keyText else {
                    return .refused(.error(at: location, "a key must be plain text, not a list or mapping"))
                }
                if let first = stack[top].line(ofKey: text) {
                    return .refused(
                        .error(
                            at: location,
                            "key \(text.quotedForDiagnostic) appears twice in the same mapping (first on line \(first)); keep one"))
                }
                stack[top].pendingKey = (text, location)
            }
            return checkExpansion(at)
        }

        func checkExpansion(_ at: SourceLocation) -> Step {
            guard expanded > limits.maxYAMLValues else { return .more }
            return .refused(
                .error(
                    at: at,
                    "the document expands to more than \(limits.maxYAMLValues) values (through YAML aliases or sheer size); the file is refused"
                ))
        }

        /// Whether plain text is YAML's null (`~`, `null`, or nothing).
        static func isNull(_ text: String) -> Bool {
            switch text {
            case "", "~", "null", "Null", "NULL": true
            default: false
            }
        }

        static func name(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
            guard let pointer else { return nil }
            return String(cString: pointer)
        }
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
                    return .error(
                        at: location,
                        "contains \(code), which is not a character (a noncharacter code point) at byte offset \(offset); remove it: it "
                            + "cannot appear in a web page"
                    )
                }
                return .error(
                    at: location, "contains a control character (\(code)) at byte offset \(offset); only tab and line breaks are allowed")
            }
            return .error(at: location, "YAML syntax error: \(problem) at byte offset \(offset)")
        }
        let mark = parser.problem_mark
        let location = SourceLocation(file: file, line: Int(mark.line) + 1, column: Int(mark.column) + 1)
        if problem.hasPrefix("Maximum nesting level reached") {
            // libyaml's own bound (higher than ours) can trip first, while it scans ahead.
            return .error(at: location, "lists and mappings are nested more than \(limits.maxYAMLDepth) levels deep; the file is refused")
        }
        let context = parser.context.map { String(cString: $0) }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        let line = Int(mark.line)

        // Something opened and never closed: blame the place it was opened, which is
        // where the mistake is, not where libyaml gave up looking for its end.
        let opened = parser.context_mark
        let openedAt = SourceLocation(file: file, line: Int(opened.line) + 1, column: Int(opened.column) + 1)
        let gaveUp = "libyaml: \(problem) at line \(line + 1), column \(Int(mark.column) + 1)"
        switch context {
        case "while scanning a quoted scalar" where problem == "found unexpected end of stream":
            let quote = character(in: lines, line: Int(opened.line), column: Int(opened.column)) ?? "\""
            return .error(
                at: openedAt, "the text in quotes opened here with \(quote) is never closed (\(gaveUp)); end it with a closing \(quote)")
        case "while parsing a flow sequence":
            return .error(
                at: openedAt,
                "the list opened here with \"[\" is not closed (\(gaveUp)); close it with \"]\" and separate its items with commas")
        case "while parsing a flow mapping":
            return .error(
                at: openedAt,
                "the mapping opened here with \"{\" is not closed (\(gaveUp)); close it with \"}\" and separate its entries with commas")
        default:
            break
        }

        var message = "YAML syntax error: \(problem)"
        if let context { message += " (\(context))" }
        let indentation = line < lines.count ? lines[line].prefix { $0 == " " || $0 == "\t" } : ""
        if indentation.contains("\t") || problem.contains("tab character") {
            message += "; indent with spaces, not tabs"
        } else if [
            "mapping values are not allowed in this context", "did not find expected key",
            "did not find expected '-' indicator", "block sequence entries are not allowed in this context",
        ].contains(problem),
            let above = lines[..<min(line, lines.count)].lastIndex(where: { !$0.allSatisfy { $0 == " " } && !$0.hasPrefix("#") })
        {
            let mine = indentation.count
            let theirs = lines[above].prefix { $0 == " " }.count
            if mine != theirs {
                message +=
                    "; check the indentation of this line against the line above (line \(above + 1) is indented \(theirs) "
                    + "\(theirs == 1 ? "space" : "spaces"), this one \(mine))"
            }
        }
        return .error(at: location, message)
    }

    /// The character at a 0-based line and column (columns count characters).
    private static func character(in lines: [Substring], line: Int, column: Int) -> String? {
        guard line < lines.count else { return nil }
        let text = lines[line]
        guard column < text.count else { return nil }
        return String(text[text.index(text.startIndex, offsetBy: column)])
    }
}
