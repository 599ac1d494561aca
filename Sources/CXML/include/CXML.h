#ifndef CXML_H
#define CXML_H
// The only header Swift sees of libxml2: plain C types, every function prefixed cxml_.
// libxml2's own headers are included by the .c files of this target alone.
#include <stdint.h>
#include "CXMLHTML.h"

/// Initialises libxml2 once per process (thread-safe to call repeatedly).
void cxml_init(void);

#include "CXMLReader.h"

#endif
