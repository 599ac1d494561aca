#include "CCmark.h"
#include <cmark-gfm.h>

int ccmark_version(void) { return cmark_version(); }
