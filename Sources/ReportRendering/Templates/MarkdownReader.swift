import CCmark

/// A Markdown node as the CommonMark parser read it, with its source line.
///
/// The only file that touches libcmark: it turns Markdown text into this small
/// tree and frees the C tree before returning.
enum MarkdownNode: Hashable {
    case heading(level: Int, line: Int, [MarkdownNode])
    case paragraph(line: Int, [MarkdownNode])
    case list(ordered: Bool, line: Int, items: [[MarkdownNode]])
    case quote([MarkdownNode])
    case rule
    case text(String, line: Int)
    case softBreak
    case lineBreak
    case code(String, line: Int)
    case emphasis([MarkdownNode])
    case strong([MarkdownNode])
    case link(url: String, line: Int, [MarkdownNode])
    /// Something a template may not contain (raw HTML, images, code blocks), with why.
    case refused(String, line: Int)
}

extension MarkdownNode {
    /// The line a block starts on (0 for nodes that carry none).
    var line: Int {
        switch self {
        case .heading(_, let line, _), .paragraph(let line, _), .list(_, let line, _), .text(_, let line),
            .code(_, let line), .link(_, let line, _), .refused(_, let line):
            line
        case .quote(let children): children.first?.line ?? 0
        case .rule, .softBreak, .lineBreak, .emphasis, .strong: 0
        }
    }
}

enum MarkdownReader {
    /// Parses CommonMark text. Lines are 1-based, counted from `firstLine`.
    static func read(_ markdown: String, firstLine: Int = 1) -> [MarkdownNode] {
        let bytes = Array(markdown.utf8)
        guard let document = cmark_parse_document(bytes, bytes.count, CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8) else {
            return [.refused("the Markdown parser could not read this text", line: firstLine)]
        }
        defer { cmark_node_free(document) }
        return children(of: document, offset: firstLine - 1)
    }

    private static func children(of node: OpaquePointer, offset: Int) -> [MarkdownNode] {
        var result: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            result.append(convert(current, offset: offset))
            child = cmark_node_next(current)
        }
        return result
    }

    private static func convert(_ node: OpaquePointer, offset: Int) -> MarkdownNode {
        let line = Int(cmark_node_get_start_line(node)) + offset
        let literal = cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            return .heading(level: Int(cmark_node_get_heading_level(node)), line: line, children(of: node, offset: offset))
        case CMARK_NODE_PARAGRAPH:
            return .paragraph(line: line, children(of: node, offset: offset))
        case CMARK_NODE_LIST:
            var items: [[MarkdownNode]] = []
            var item = cmark_node_first_child(node)
            while let current = item {
                items.append(children(of: current, offset: offset))
                item = cmark_node_next(current)
            }
            return .list(ordered: cmark_node_get_list_type(node) == CMARK_ORDERED_LIST, line: line, items: items)
        case CMARK_NODE_BLOCK_QUOTE:
            return .quote(children(of: node, offset: offset))
        case CMARK_NODE_THEMATIC_BREAK:
            return .rule
        case CMARK_NODE_TEXT:
            return .text(literal, line: line)
        case CMARK_NODE_SOFTBREAK:
            return .softBreak
        case CMARK_NODE_LINEBREAK:
            return .lineBreak
        case CMARK_NODE_CODE:
            return .code(literal, line: line)
        case CMARK_NODE_EMPH:
            return .emphasis(children(of: node, offset: offset))
        case CMARK_NODE_STRONG:
            return .strong(children(of: node, offset: offset))
        case CMARK_NODE_LINK:
            let url = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
            return .link(url: url, line: line, children(of: node, offset: offset))
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_HTML_INLINE:
            return .refused("raw HTML is not allowed in templates; write Markdown instead", line: line)
        case CMARK_NODE_IMAGE:
            return .refused("images are not allowed in templates; figures are placed with {{ figure: ID }}", line: line)
        case CMARK_NODE_CODE_BLOCK:
            return .refused("code blocks are not allowed in templates (is a line indented by four spaces?)", line: line)
        default:
            return .refused("this Markdown construct is not supported in templates", line: line)
        }
    }
}
