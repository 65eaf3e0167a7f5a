#ifndef DBCOPY_CYAML_SHIM_H
#define DBCOPY_CYAML_SHIM_H
#include <yaml.h>
#endif
