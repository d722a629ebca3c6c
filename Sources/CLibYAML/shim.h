#ifndef CLIBYAML_SHIM_H
#define CLIBYAML_SHIM_H
// libyaml (Debian libyaml-dev): CaseLoading's YAML pass reads its events.
#include <yaml.h>
#endif
