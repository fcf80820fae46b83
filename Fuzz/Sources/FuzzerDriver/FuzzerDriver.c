// Empty: the module only exports the declaration in include/FuzzerDriver.h.
#include "FuzzerDriver.h"
