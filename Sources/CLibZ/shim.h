#ifndef CLIBZ_SHIM_H
#define CLIBZ_SHIM_H
// zlib (Debian zlib1g-dev): WorkbookReading's zip checksums (crc32_z).
#include <zlib.h>
#endif
