import ChartLayout
import Foundation
import Testing

@testable import ReportRendering

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The figures as SVG: well-formed, accessible, and drawn exactly as the scene says.
@Suite struct SVGTests {
    @Test func aSceneIsDrawnExactly() throws {
        let scene = Scene(
            width: 100, height: 50, title: "A & B", description: "Of 2 cases: A 1 (50%), B 1 (50%).",
            primitives: [
                .rect(SceneRect(x: 1, y: 2, width: 30.456, height: 10, fill: "#12436D", role: .bar)),
                .line(SceneLine(x1: 0, y1: 40, x2: 100, y2: 40, stroke: "#595959", strokeWidth: 1, role: .axis)),
                .text(
                    SceneText(
                        x: 50, y: 20, lines: ["two", "lines"], anchor: .middle, fontSize: 14, weight: .bold, fill: "#0B0C0C",
                        role: .categoryLabel)),
                .group(
                    SceneGroup(
                        role: .group,
                        children: [
                            .path(
                                ScenePath(
                                    commands: [.move(to: ScenePoint(x: 0, y: 0)), .line(to: ScenePoint(x: 5, y: 5)), .close],
                                    fill: nil, stroke: "#FFFFFF", strokeWidth: 2, role: .slice))
                        ])),
            ])
        let svg = try SceneSVGWriter.document(scene, id: "f")
        #expect(
            svg == """
                <?xml version="1.0" encoding="UTF-8"?>
                <svg xmlns="http://www.w3.org/2000/svg" id="f_svg" viewBox="0 0 100 50" width="100" height="50" role="img" \
                aria-labelledby="f_title f_desc" font-family="Arial, 'Liberation Sans', Helvetica, sans-serif" class="chart">\
                <title id="f_title">A &amp; B</title><desc id="f_desc">Of 2 cases: A 1 (50%), B 1 (50%).</desc>\
                <rect x="1" y="2" width="30.46" height="10" fill="#12436D" class="bar"/>\
                <line x1="0" y1="40" x2="100" y2="40" stroke="#595959" stroke-width="1" class="axis"/>\
                <text x="50" y="20" font-size="14" fill="#0B0C0C" text-anchor="middle" font-weight="bold" class="category-label">\
                <tspan x="50" dy="0">two</tspan><tspan x="50" dy="16.8">lines</tspan></text>\
                <g class="group"><path d="M0,0L5,5Z" fill="none" stroke="#FFFFFF" stroke-width="2" class="slice"/></g></svg>

                """)
    }

    static let figureFiles = (1...9).map { "figures/figure-\($0).svg" }

    @Test(arguments: figureFiles)
    func everyFigureIsWellFormedAndAccessible(path: String) throws {
        let data = try #require(ReferenceBuild.published[path])
        let collector = SVGCollector()
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.delegate = collector
        #expect(parser.parse(), "\(path) is not well-formed XML: \(String(describing: parser.parserError))")
        let root = try #require(collector.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["role"] == "img")
        let labelled = try #require(root.attributes["aria-labelledby"]).split(separator: " ").map(String.init)
        let ids = Set(collector.elements.compactMap { $0.attributes["id"] })
        for id in labelled { #expect(ids.contains(id), "aria-labelledby names \(id), which is missing") }
        #expect(!(collector.text["title"] ?? "").isEmpty)
        #expect((collector.text["desc"] ?? "").count > 20)
        let sizes = collector.elements.compactMap { $0.attributes["font-size"] }.compactMap(Double.init)
        #expect(!sizes.isEmpty)
        #expect(sizes.allSatisfy { $0 >= 12 }, "text smaller than 12px in \(path)")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 ") == true)
    }

    @Test func theTextAlternativeStatesEveryValue() throws {
        let svg = String(decoding: try #require(ReferenceBuild.published["figures/figure-5.svg"]), as: UTF8.self)
        for expected in [
            "Universal services only 14 (61%)", "Child protection plan 4 (17%)", "Early help 3 (13%)",
            "Child in need plan 2 (9%)", "Of 23 families",
        ] {
            #expect(svg.contains(expected), "figure 5's description lacks \(expected)")
        }
    }
}

/// Collects elements and the text of `title`/`desc` while parsing.
final class SVGCollector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }
    var elements: [Element] = []
    var text: [String: String] = [:]
    private var current: String?

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        elements.append(Element(name: name, attributes: attributes))
        current = name
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let current, current == "title" || current == "desc" { text[current, default: ""] += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        current = nil
    }
}
