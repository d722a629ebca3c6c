#ifndef CFILESYNC_H
#define CFILESYNC_H

/// Asks the kernel to start writing a file's written pages to disk, without
/// waiting (Linux's sync_file_range with SYNC_FILE_RANGE_WRITE). Started for every
/// file of a report before the first fsync, the disk writes them together, and
/// each fsync then waits for less. A hint only: fsync is what makes a file safe.
/// (glibc declares sync_file_range only under _GNU_SOURCE, which Swift's Glibc
/// module does not define, hence this file.) Returns 0, or -1 with errno set;
/// on other systems it does nothing and returns 0.
int cfilesync_start_writeback(int fd);

#endif
