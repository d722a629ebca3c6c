import Foundation

/// Runs the real `panel-report` binary, as a person or a cron job does.
enum CLI {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static var binary: URL {
        // The test bundle sits beside the products (…/.build/debug/).
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("panel-report").path) && dir.path != "/" {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("panel-report")
    }

    /// A fresh scratch folder, removed with `folders` (when the test ends).
    static func scratch(_ folders: ScratchFolders) throws -> URL {
        try folders.make()
    }

    /// A copy of `Inputs/` to break on purpose.
    static func copyOfInputs(_ folders: ScratchFolders) throws -> URL {
        let target = try scratch(folders).appendingPathComponent("Inputs")
        try FileManager.default.copyItem(at: repository.appendingPathComponent("Inputs"), to: target)
        return target
    }

    /// Every file under a folder, by relative path.
    static func files(under root: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])!
        for case let url as URL in enumerator where (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true {
            result[String(url.path.dropFirst(root.path.count + 1))] = try Data(contentsOf: url)
        }
        return result
    }
}

/// The scratch folders of one test: a suite holds one, and Swift Testing makes a
/// new suite value for each test, so they go when the test ends.
final class ScratchFolders: @unchecked Sendable {
    private var made: [URL] = []

    func make() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("panel-report-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        made.append(url)
        return url
    }

    deinit { for url in made { try? FileManager.default.removeItem(at: url) } }
}
