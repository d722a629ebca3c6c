import BuildInputs
import Foundation
import Platform

extension OutputWriter.Folder {
    /// The marker, or `nil` if there is none; refused if it is not one of ours.
    var marked: Record? {
        get throws { try readRecord(marker) }
    }

    func readRecord(_ name: String) throws -> Record? {
        let bytes: [UInt8]
        do throws(FileReading.Problem) {
            // A draft's record lists a digest for every input file: room for many thousands.
            bytes = try FileReading.read(path(name), atMost: FileReading.maxFileBytes, followLinks: false)
        } catch .missing {
            return nil
        } catch .symbolicLink {
            try refuseLinks()
            throw Failure(
                .cannotCreateOutput, file: path(name),
                "\(Printable.text(path(name))): is a symbolic link; remove it, or choose another --output")
        } catch {
            throw Failure(
                .cannotCreateOutput, file: path(name),
                "\(Printable.text(path(name))): could not be read (\(error)); remove it, or choose another --output")
        }
        guard let text = String(validating: bytes, as: UTF8.self), let record = Record(text: text) else {
            throw Failure(
                .cannotCreateOutput, file: path(name),
                "\(Printable.text(path(name))): not a file panel-report wrote; remove it, or choose another --output")
        }
        return record
    }

    /// Writes a record whole or not at all: a new file, then one rename over the old.
    func writeRecord(_ record: Record, as name: String) throws {
        let temporary = path(name + ".tmp")
        try? System.unlink(temporary)
        do {
            try writeFile(temporary, Data(record.text.utf8))
            try move(name + ".tmp", name)
            System.syncFolder(root)
        } catch let failure as MoveFailure {
            try? System.unlink(temporary)
            throw Failure(.cannotCreateOutput, "\(shown): cannot write there (\(failure))")
        } catch let error as SystemError {
            try? System.unlink(temporary)
            throw Failure(.cannotCreateOutput, file: temporary, "\(shown): cannot write there (\(Printable.text(temporary)): \(error))")
        }
    }
}
