import Platform

extension OutputWriter.Folder {
    /// Makes the staged report durable before the journal says it is complete.
    ///
    /// Every file is written before any is synced, and all of them, and the
    /// folders that hold them, are synced before the journal is written: after a
    /// power cut, a journal on disk means a whole new report on disk.
    func sync(written: [Int32], kept: [Int32], folders: Set<String>) throws(SystemError) {
        for fd in written { try System.fsync(fd) }
        // A kept file's data, and what is needed to read it (its size, where it
        // lies), if not on disk yet; not its link count, which only our second
        // name changed, and which is back as it was once the old report is gone
        // (fdatasync: an fsync would write each one's inode again).
        for fd in kept { try System.fdatasync(fd) }
        // Deepest first: a folder's own entry is synced by the folder above it.
        for folder in folders.sorted(by: >) { System.syncFolder(path(folder)) }
    }

}
