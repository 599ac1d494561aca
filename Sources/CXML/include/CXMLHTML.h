#ifndef CXML_HTML_H
#define CXML_HTML_H
// libxml2's HTML parser as a walk over events in document order, in plain C types. The parser
// and its context live only inside cxml_html_walk, so no libxml2 handle crosses into Swift.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What an HTML event is.
typedef enum {
    /// An element opens (written in the file or implied by the parser, like <p> or <body>).
    CXML_HTML_START = 1,
    /// An element closes (written, or implied when the parser recovers from missing end tags).
    CXML_HTML_END = 2,
    /// Character data, entities decoded (a text node may come in several events).
    CXML_HTML_TEXT = 3,
    /// The raw content of a script or style element.
    CXML_HTML_RAW_TEXT = 4,
    /// A comment or processing instruction: markup that is not an element.
    CXML_HTML_OTHER = 5,
} cxml_html_event_kind;

/// One event of the walk; its pointers are valid only during the callback.
typedef struct {
    cxml_html_event_kind kind;
    /// START and END: the element name, lower case; OTHER: a processing instruction's target
    /// (`xml` for an XHTML declaration), NULL for a comment.
    const char *name;
    /// START: attribute names and values alternating, NULL-terminated (a value may be NULL for an
    /// attribute written without one); NULL when the element has no attributes or for other kinds.
    const char *const *attributes;
    /// TEXT and RAW_TEXT: UTF-8 bytes; OTHER: a processing instruction's data (NULL for a
    /// comment). Not NUL-terminated: `length` bytes.
    const uint8_t *text;
    int32_t length;
    /// Bytes of the input the parser had consumed when the event came: for text, where it ends
    /// (within a scalar or two for a long text node, which the parser hands on in slices).
    int64_t consumed;
} cxml_html_event;

/// Called for every event; returns 0 to go on, anything else to stop the walk.
typedef int32_t (*cxml_html_callback)(const cxml_html_event *event, void *context);

/// Parses `count` bytes of UTF-8 HTML leniently (recovering from malformed markup, no network,
/// no error output, any <meta charset> ignored) and calls `callback` with each event.
/// Returns 0 when the document was walked to its end, 1 when the callback stopped it, and -1 when
/// the parser could not be created (out of memory, or more than 2 GiB of input).
int32_t cxml_html_walk(const uint8_t *bytes, int64_t count, cxml_html_callback callback, void *context);

/// The code point of an HTML named character reference (`amp`, `nbsp`) as libxml2's HTML parser
/// knows it, or -1 when the parser does not know the name.
int32_t cxml_html_entity(const char *name);

#ifdef __cplusplus
}
#endif

#endif
