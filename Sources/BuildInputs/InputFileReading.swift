import CaseLoading
import Platform

/// The limits and the forms of reading that belong to the inputs and templates
/// (``FileReading`` itself, in Platform, reads any file within a limit).
extension FileReading {
    /// Largest template, style sheet, figure description or baseline: the inputs' limit.
    public static var maxFileBytes: Int { LoadingLimits.standard.maxFileBytes }
    /// Largest input of any kind the loader reads: a spreadsheet may be larger than a YAML file.
    public static var maxInputBytes: Int { max(LoadingLimits.standard.maxFileBytes, LoadingLimits.standard.maxSpreadsheetBytes) }

    /// An input file, with no link followed as the last part of `path`: nothing, a
    /// folder, a regular file whose reported size is over `maxBytes` (not opened),
    /// or at most `maxBytes + 1` of its bytes. One `lstat`, `open`, `fstat` and the
    /// reads: the loader's one look at each case file.
    public static func readInput(_ path: String, maxBytes: Int) throws -> InputFileRead {
        let info: FileInfo
        do throws(SystemError) {
            info = try System.linkInfo(path)
        } catch {
            if error.isMissing { return .missing }
            throw Problem.system(error)
        }
        switch info.kind {
        case .folder: return .folder
        case .link: throw Problem.symbolicLink
        case .file: break
        default: throw Problem.notRegular(info.kind.words)
        }
        if info.size > maxBytes { return .tooLarge(reportedSize: info.size) }
        let read = try readRegular(path, atMost: maxBytes == Int.max ? maxBytes : maxBytes + 1, followLinks: false)
        return .bytes(read.bytes, reportedSize: read.reportedSize)
    }

    /// A whole template, style sheet, figure description or baseline, within
    /// ``maxFileBytes``, or a ``Failure`` that names the file: 66 when it does not
    /// exist, 65 when it is not a regular file, too large or unreadable.
    /// `role` follows the path in messages (" (--baseline)").
    public static func wholeFile(_ path: String, role: String = "") throws -> [UInt8] {
        let shown = Printable.text(path)
        let bytes: [UInt8]
        do throws(Problem) {
            bytes = try read(path, atMost: maxFileBytes + 1)
        } catch .missing {
            throw Failure(.missingInput, "\(shown)\(role): no such file")
        } catch {
            if case .notRegular = error {
                throw Failure(.badData, "\(shown)\(role): \(error); expected a text file")
            }
            throw Failure(.badData, "\(shown)\(role): could not be read: \(error)")
        }
        guard bytes.count <= maxFileBytes else {
            throw Failure(
                .badData,
                "\(shown)\(role): the file is too large (more than \(maxFileBytes) bytes, the limit for a template or baseline) and is "
                    + "refused")
        }
        return bytes
    }
}
