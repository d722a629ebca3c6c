import Foundation
import Platform

/// Where a build may write: a build replaces `report.html`, `figures/` and
/// `data/` in its output folder, so the folder must be one of its own.
///
/// Refused, before anything is created or locked there (exit 64, a wrong command
/// line): the root folder, the home folder, the inputs folder or anything inside
/// it, and the templates folder or anything inside it. Paths are compared by their
/// real paths, so a symbolic link or `..` cannot slip past; the part of `--output`
/// that does not exist yet is taken as written.
public enum OutputPlace {
    public static func check(
        output: String, inputs: String, templates: String,
        home: String? = ProcessInfo.processInfo.environment["HOME"]
    ) throws {
        guard !output.isEmpty else {
            throw Failure(.usage, "panel-report: --output is empty; give the folder to write the report to (such as Output)")
        }
        let place = resolved(output)
        let shown = "the output folder \(output)"
        let advice =
            "a build replaces report.html, figures/ and data/ in its output folder, so give --output a folder of its own (such as Output)"
        if place == "/" {
            throw Failure(.usage, "panel-report: \(shown) is the root folder; \(advice)")
        }
        if let home, !home.isEmpty, place == resolved(home) {
            throw Failure(.usage, "panel-report: \(shown) is your home folder; \(advice)")
        }
        for (folder, what) in [(inputs, "inputs"), (templates, "templates")] {
            let other = resolved(folder)
            if place == other {
                throw Failure(.usage, "panel-report: \(shown) is the \(what) folder; \(advice)")
            }
            if place.hasPrefix(other == "/" ? "/" : other + "/") {
                throw Failure(.usage, "panel-report: \(shown) is inside the \(what) folder \(folder); \(advice)")
            }
        }
    }

    /// Where `publish` may keep its site: never the root or home folder, nor the
    /// output, inputs or templates folder or anything inside one of them (a build
    /// there would find releases among its report, or read them as inputs), nor
    /// a folder that holds one of those. Refused with exit 64, before anything is made.
    public static func check(
        site: String, output: String, inputs: String, templates: String,
        home: String? = ProcessInfo.processInfo.environment["HOME"]
    ) throws {
        guard !site.isEmpty else { throw Failure(.usage, "panel-report: --site is empty; give the folder the web server serves from") }
        let place = resolved(site)
        let advice = "give --site a folder of its own, such as /var/www/panel-report"
        if place == "/" { throw Failure(.usage, "panel-report: the site folder \(site) is the root folder; \(advice)") }
        if let home, !home.isEmpty, place == resolved(home) {
            throw Failure(.usage, "panel-report: the site folder \(site) is your home folder; \(advice)")
        }
        for (folder, what) in [(output, "output"), (inputs, "inputs"), (templates, "templates")] {
            let other = resolved(folder)
            if place == other || place.hasPrefix(other == "/" ? "/" : other + "/") || other.hasPrefix(place + "/") {
                throw Failure(
                    .usage,
                    "panel-report: the site folder \(site) \(place == other ? "is" : other.hasPrefix(place + "/") ? "holds" : "is inside") "
                        + "the \(what) folder \(folder); \(advice)")
            }
        }
    }

    /// The real path of `path`: its longest existing part resolved with
    /// `realpath`, the rest (not there yet, so it holds no links) appended as written.
    static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        let parts = absolute.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        var current = "/"
        var index = 0
        while index < parts.count {
            let candidate = current == "/" ? "/" + parts[index] : current + "/" + parts[index]
            guard let real = System.realPath(candidate) else { break }
            current = real
            index += 1
        }
        var climbed = false
        for part in parts[index...] {
            switch part {
            case ".": continue
            case "..":
                climbed = true
                current = current == "/" ? "/" : String(current[..<(current.lastIndex(of: "/")!)])
                if current.isEmpty { current = "/" }
            default:
                current = current == "/" ? "/" + part : current + "/" + part
            }
        }
        // "missing/../Inputs" climbs back into folders that exist: resolve those too.
        return climbed && current != absolute ? resolved(current) : current
    }
}
