import Testing
import XMLWriter

@Suite("Concurrency")
struct ConcurrencyTests {
    @Test("Writers on many threads at once each produce their own document intact")
    func manyWritersAtOnce() async throws {
        let documents = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for index in 0..<64 {
                group.addTask {
                    let writer = try XMLWriter(kind: index.isMultiple(of: 2) ? .html : .svg)
                    try writer.element(index.isMultiple(of: 2) ? "html" : "svg", ["id": "d\(index)"]) {
                        for row in 0..<50 { try writer.element("g", ["data-row": "\(row)"], text: "é \(index)") }
                    }
                    return (index, try writer.finish())
                }
            }
            return try await group.reduce(into: [Int: String]()) { $0[$1.0] = $1.1 }
        }
        #expect(documents.count == 64)
        for (index, document) in documents {
            let rows = (0..<50).map { "<g data-row=\"\($0)\">é \(index)</g>" }.joined()
            let expected =
                index.isMultiple(of: 2)
                ? "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" id=\"d\(index)\">\(rows)</html>\n"
                : "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"d\(index)\">\(rows)</svg>\n"
            #expect(document == expected)
        }
    }
}
