#ifndef CGLPK_SHIM_H
#define CGLPK_SHIM_H
// GLPK (Debian libglpk-dev): DisclosureControl's integer programs, which find the
// range of values each withheld count could take given everything published.
#include <glpk.h>
#endif
