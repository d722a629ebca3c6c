// Clients such as ReportRendering will import Foundation next to XMLWriter; this
// file keeps that combination compiled. (The "'UErrorCode' has different
// definitions" clash needs Foundation and CLibXML2 imported by the same module,
// which XMLWriter avoids; CLibXML2's shim guards against it anyway.)
import Foundation
import Testing
import XMLWriter

@Suite("Foundation alongside XMLWriter")
struct FoundationInteropTests {
    @Test("The output's UTF-8 bytes hold the emoji itself, not a character reference")
    func rawUTF8Bytes() throws {
        let body = try bodyHTML { try $0.element("p", ["title": "😀"], text: "😀") }
        let data = Data(body.utf8)
        let emoji = Data([0xF0, 0x9F, 0x98, 0x80])
        let first = try #require(data.range(of: emoji))
        let second = try #require(data.range(of: emoji, in: first.upperBound..<data.endIndex))
        #expect(data.range(of: emoji, in: second.upperBound..<data.endIndex) == nil)
        #expect(String(data: data, encoding: .utf8) == "<p title=\"😀\">😀</p>")
    }
}
