/// Writes one HTML5 document in XHTML syntax, one standalone SVG document, or one
/// plain XML document (such as a part of an .xlsx workbook), into memory through
/// libxml2's text writer, and returns it as a string.
///
/// libxml2 escapes `&`, `<`, `>` and `"`, but checks nothing else; this type refuses
/// what would make the output ill-formed or misread before anything is written, so a
/// refused call leaves the document as it was. Non-ASCII text stays raw UTF-8 and
/// line breaks are normalised to `\n`. There is no indentation.
///
/// ```swift
/// let writer = try XMLWriter(kind: .html)
/// try writer.element("html", ["lang": "en"]) {
///     try writer.element("body") {
///         try writer.element("p", ["class": "lead"], text: "Findings")
///     }
/// }
/// let html = try writer.finish()
/// ```
///
/// HTML elements always get an end tag (`<p></p>`), except void elements such as
/// `meta`, written `<meta charset="UTF-8"/>`. Elements in SVG, inline or standalone,
/// self-close when empty. The `svg` root and an inline `svg` element get the SVG
/// namespace, and the HTML `html` root the XHTML one, written by the writer.
public final class XMLWriter {
    /// The kind of document, which fixes its prologue, its root element and how
    /// empty elements end.
    public enum Kind: Sendable, Equatable {
        /// An HTML5 document in XHTML syntax: `<!DOCTYPE html>` with no XML
        /// declaration, and an `html` root.
        case html
        /// A standalone SVG document: an XML declaration and an `svg` root.
        case svg
        /// A plain XML document: an XML declaration and the given root element. Every
        /// element self-closes when empty and nothing is raw text; no namespace is
        /// added (write `xmlns` attributes yourself).
        case xml(root: String)

        /// The only element that may be the document's root.
        var root: String {
            switch self {
            case .html: "html"
            case .svg: "svg"
            case .xml(let root): root
            }
        }
    }

    /// The namespace the writer declares on an `svg` element that starts SVG content.
    public static let svgNamespace = "http://www.w3.org/2000/svg"
    /// The namespace the writer declares on the `html` root of an HTML document.
    public static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"

    /// The kind of document being written.
    public let kind: Kind

    private struct OpenElement {
        var name: String
        /// Inside `svg`: may self-close, and `script`/`style` are not raw text.
        var isForeign: Bool
        var hasContent = false
        /// A few names at most: a list is quicker to search than a set is to hash.
        var attributeNames: [String] = []

        var isVoid: Bool { !isForeign && MarkupRules.voidElements.contains(name) }
        var isRawText: Bool { !isForeign && MarkupRules.rawTextElements.contains(name) }
    }

    private let output: LibXML2TextWriter
    private var open: [OpenElement] = []
    private var rootStarted = false
    private var isFinished = false

    /// Starts a document of the given kind, writing its prologue.
    ///
    /// - Throws: `XMLWriterError.libxml2` if libxml2 cannot allocate or start it.
    public init(kind: Kind) throws(XMLWriterError) {
        self.kind = kind
        output = try LibXML2TextWriter()
        switch kind {
        case .html:
            try output.startDocument(xmlDeclaration: false)
            try output.doctype("html")
            // One line break, like the one libxml2 puts after an XML declaration.
            try output.raw("\n")
        case .svg, .xml:
            try output.startDocument(xmlDeclaration: true)
        }
    }

    // MARK: - Elements

    /// Opens an element; write its attributes next, then its content, then call
    /// `endElement()`.
    ///
    /// - Throws: `XMLWriterError` if the name is invalid, the element would be a
    ///   wrong or second root, or its parent cannot hold elements.
    public func startElement(_ name: String) throws(XMLWriterError) {
        try checkNotFinished()
        let parent = open.last
        guard MarkupRules.isValidName(name) else { throw .invalidName(name, path: path(appending: name)) }
        if let parent {
            try checkCanHoldContent(parent)
        } else {
            guard !rootStarted else { throw .secondRoot(name: name) }
            guard name == kind.root else { throw .unexpectedRoot(expected: kind.root, found: name) }
        }
        let isPlainXML = if case .xml = kind { true } else { false }
        let isForeign = parent?.isForeign ?? (kind != .html) || name == "svg"
        let namespace: String? =
            if isPlainXML { nil } else if isForeign && parent?.isForeign != true {
                Self.svgNamespace
            } else if parent == nil && kind == .html { Self.xhtmlNamespace } else { nil }

        try output.startElement(name)
        rootStarted = true
        if !open.isEmpty { open[open.count - 1].hasContent = true }
        var element = OpenElement(name: name, isForeign: isForeign)
        if let namespace {
            try output.attribute("xmlns", namespace)
            element.attributeNames.append("xmlns")
        }
        open.append(element)
    }

    /// Writes an attribute on the element just opened, before any of its content.
    ///
    /// The value is escaped by libxml2; its line breaks are normalised to `\n`.
    /// - Throws: `XMLWriterError` for an invalid name, a forbidden character, a
    ///   repeated name, or no start tag to put it on.
    public func attribute(_ name: String, _ value: String) throws(XMLWriterError) {
        try checkNotFinished()
        guard let element = open.last, !element.hasContent else {
            throw .misplacedAttribute(name: name, path: path())
        }
        guard MarkupRules.isValidName(name) else { throw .invalidName(name, path: path()) }
        guard !element.attributeNames.contains(name) else { throw .duplicateAttribute(name: name, path: path()) }
        let value = try checked(value, place: .attribute(name: name))
        try output.attribute(name, value)
        open[open.count - 1].attributeNames.append(name)
    }

    /// Closes the innermost open element: with an end tag for HTML elements, as
    /// `<name/>` for void elements, and self-closing when empty inside SVG.
    ///
    /// - Throws: `XMLWriterError.noOpenElement` if no element is open.
    public func endElement() throws(XMLWriterError) {
        try checkNotFinished()
        guard let element = open.last else { throw .noOpenElement }
        if element.isForeign || element.isVoid {
            try output.endElement()
        } else {
            try output.fullEndElement()
        }
        open.removeLast()
    }

    // MARK: - Content

    /// Writes text inside the innermost element; libxml2 escapes `&`, `<`, `>`, `"`.
    ///
    /// Line breaks are normalised to `\n`; empty text writes nothing.
    /// - Throws: `XMLWriterError` for a forbidden character, text outside the root,
    ///   or text inside a void, `script` or `style` element.
    public func text(_ text: String) throws(XMLWriterError) {
        try checkNotFinished()
        guard let element = open.last else { throw .textOutsideRoot }
        try checkCanHoldContent(element)
        let text = try checked(text, place: .text)
        guard !text.isEmpty else { return }
        try output.text(text)
        open[open.count - 1].hasContent = true
    }

    /// Writes `<!--text-->`, inside the innermost element or at the document level.
    ///
    /// - Throws: `XMLWriterError` for a forbidden character, text an HTML or XML
    ///   parser would misread (`--`, a trailing `-`, a leading `>` or `->`), or a
    ///   comment inside a void, `script` or `style` element.
    public func comment(_ text: String) throws(XMLWriterError) {
        try checkNotFinished()
        if let element = open.last { try checkCanHoldContent(element) }
        let text = try checked(text, place: .comment)
        if let reason = MarkupRules.commentProblem(text) { throw .invalidComment(reason: reason, path: path()) }
        try output.comment(text)
        if !open.isEmpty { open[open.count - 1].hasContent = true }
    }

    /// Writes a complete `<style>` element holding `css` unescaped, so that selectors
    /// such as `a > b` reach an HTML parser intact.
    ///
    /// Line breaks are normalised to `\n`.
    /// - Throws: `XMLWriterError.unsafeStyleSheet` if the CSS contains `</style`
    ///   (in any case), `<`, `&` or `]]>`, which an HTML and an XML parser would
    ///   read differently; or a forbidden character.
    public func styleSheet(_ css: String) throws(XMLWriterError) {
        try checkNotFinished()
        let stylePath = path(appending: "style")
        let (css, forbidden) = MarkupRules.normalise(css)
        if let forbidden { throw .illegalCharacter(forbidden, place: .styleSheet, path: stylePath) }
        if let found = MarkupRules.styleSheetProblem(css) { throw .unsafeStyleSheet(found: found, path: stylePath) }
        try startElement("style")
        if !css.isEmpty {
            try output.raw(css)
            open[open.count - 1].hasContent = true
        }
        try endElement()
    }

    // MARK: - Finishing

    /// Ends the document and returns all of it as UTF-8 text; the writer cannot be
    /// used afterwards.
    ///
    /// - Throws: `XMLWriterError.elementsStillOpen` or `.missingRoot` (the writer
    ///   stays usable, so the document can still be completed), `.finished` if called
    ///   twice, or `.libxml2`.
    public func finish() throws(XMLWriterError) -> String {
        try checkNotFinished()
        guard open.isEmpty else { throw .elementsStillOpen(path: path()) }
        guard rootStarted else { throw .missingRoot }
        isFinished = true
        return try output.finish()
    }

    // MARK: - Checks

    private func checkNotFinished() throws(XMLWriterError) {
        if isFinished { throw .finished }
    }

    private func checkCanHoldContent(_ element: OpenElement) throws(XMLWriterError) {
        if element.isVoid { throw .contentInVoidElement(path: path()) }
        if element.isRawText { throw .contentInRawTextElement(path: path()) }
    }

    /// The text with line breaks normalised, or an error naming its first forbidden character.
    private func checked(_ text: String, place: XMLWriterError.Place) throws(XMLWriterError) -> String {
        let (normalised, forbidden) = MarkupRules.normalise(text)
        if let forbidden { throw .illegalCharacter(forbidden, place: place, path: path()) }
        return normalised
    }

    /// The path of the open elements, such as `/html/body/p`, optionally with one more name.
    private func path(appending name: String? = nil) -> String {
        let names = open.map(\.name) + (name.map { [$0] } ?? [])
        return "/" + names.joined(separator: "/")
    }
}
