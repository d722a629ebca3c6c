#ifndef CLIBXML2_SHIM_H
#define CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU; Foundation carries its own ICU. Importing both
// into one Swift module fails a clean build ("'UErrorCode' has different
// definitions"), so hide libxml2's ICU parts: we never use them.
#undef LIBXML_ICU_ENABLED
#include <libxml/xmlwriter.h>
#include <libxml/xmlmemory.h>
#include <libxml/parser.h>

// Swift 6 cannot call `xmlFree` (a global function pointer) directly.
static inline void clibxml2_free(void *pointer) { xmlFree(pointer); }
#endif
