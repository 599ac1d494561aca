#ifndef CCMARK_H
#define CCMARK_H
// The only header Swift sees of cmark-gfm: plain C types, every function prefixed ccmark_.
#include <stdint.h>

/// The cmark-gfm version number (for messages and tests).
int ccmark_version(void);

#endif
