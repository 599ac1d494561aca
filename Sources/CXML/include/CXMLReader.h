#ifndef CXML_READER_H
#define CXML_READER_H
// A streaming XML reader over libxml2's push parser: bytes go in by chunks, events come out as
// plain C values. No network, no DTD loading, no entity substitution; entity declarations,
// undeclared entity references, too many attributes and too deep nesting stop the parse.
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// An opaque reader (one parse of one document).
typedef struct cxml_reader cxml_reader;

typedef enum {
    /// A start tag; `end_offset` is the byte just after its `>` (or `/>`).
    CXML_EVENT_START = 1,
    /// An end tag (or the end of an empty element); `end_offset` is the byte after its `>`.
    CXML_EVENT_END = 2,
    /// Character data (entities and character references decoded, line ends normalised to LF).
    CXML_EVENT_TEXT = 3,
    /// The content of a CDATA section.
    CXML_EVENT_CDATA = 4,
} cxml_event_kind;

typedef enum {
    CXML_ERROR_NONE = 0,
    /// The input is not well-formed XML.
    CXML_ERROR_SYNTAX = 1,
    /// The DOCTYPE declares an entity.
    CXML_ERROR_ENTITY_DECLARATION = 2,
    /// A reference to an entity that is neither predefined nor declared.
    CXML_ERROR_UNDECLARED_ENTITY = 3,
    /// Bytes that are not valid in the document's encoding.
    CXML_ERROR_ENCODING = 4,
    /// More attributes on one element, or deeper nesting, than the reader allows.
    CXML_ERROR_LIMIT = 5,
} cxml_error_kind;

/// One event; pointers stay valid until the next `cxml_reader_feed` or `cxml_reader_clear`.
typedef struct {
    int32_t kind;
    /// The parser's line when the event was reported (the line of a start tag's `>`).
    int32_t line;
    /// Bytes of the input consumed when the event was reported (see the kinds).
    int64_t end_offset;
    /// The qualified element name (UTF-8), for START and END.
    const char *name;
    int32_t name_length;
    /// The text (UTF-8), for TEXT and CDATA.
    const char *text;
    int32_t text_length;
    /// Attributes of a START event: indexes `first_attribute ..< first_attribute + attribute_count`.
    int32_t first_attribute;
    int32_t attribute_count;
} cxml_event;

typedef struct {
    const char *name;
    int32_t name_length;
    /// The value with character and predefined entity references decoded.
    const char *value;
    int32_t value_length;
} cxml_attribute;

/// Opens a reader that refuses elements with more than `max_attributes` attributes or nested
/// deeper than `max_depth`.
cxml_reader *cxml_reader_create(int32_t max_depth, int32_t max_attributes);
/// Parses the next `length` bytes (`is_last` non-zero for the final chunk, which may be empty).
/// Returns the error kind (CXML_ERROR_NONE while the document is fine so far); events reported
/// before an error are still available.
int32_t cxml_reader_feed(cxml_reader *reader, const uint8_t *bytes, int32_t length, int32_t is_last);
/// The events reported since the last `cxml_reader_clear`.
int32_t cxml_reader_event_count(const cxml_reader *reader);
void cxml_reader_event(const cxml_reader *reader, int32_t index, cxml_event *event);
void cxml_reader_attribute(const cxml_reader *reader, int32_t index, cxml_attribute *attribute);
/// Forgets the events read so far (call after handling them, before the next feed).
void cxml_reader_clear(cxml_reader *reader);
/// The first error: its kind, its line, and a message in words (UTF-8, no trailing newline).
int32_t cxml_reader_error_kind(const cxml_reader *reader);
int32_t cxml_reader_error_line(const cxml_reader *reader);
const char *cxml_reader_error_message(const cxml_reader *reader);
/// Whether the root element has been closed.
int32_t cxml_reader_finished_root(const cxml_reader *reader);
void cxml_reader_free(cxml_reader *reader);

#ifdef __cplusplus
}
#endif

#endif
