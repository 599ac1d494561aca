// The only header Swift sees of cmark-gfm: plain C types, every function prefixed ccmark_.
// cmark's own headers are included only by CCmark.c.
#ifndef CCMARK_H
#define CCMARK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The cmark-gfm version number (for messages and tests).
int ccmark_version(void);

/// The kinds of node a Markdown reader tells apart; everything else (the document, footnotes,
/// extension nodes tsuzuri does not enable) is CCMARK_OTHER.
typedef enum {
    CCMARK_OTHER = 0,
    CCMARK_BLOCK_QUOTE,
    CCMARK_LIST,
    CCMARK_ITEM,
    CCMARK_CODE_BLOCK,
    CCMARK_HTML_BLOCK,
    CCMARK_PARAGRAPH,
    CCMARK_HEADING,
    CCMARK_THEMATIC_BREAK,
    CCMARK_TABLE,
    CCMARK_TABLE_ROW,
    CCMARK_TABLE_CELL,
    CCMARK_TEXT,
    CCMARK_SOFTBREAK,
    CCMARK_LINEBREAK,
    CCMARK_CODE,
    CCMARK_HTML_INLINE,
    CCMARK_EMPH,
    CCMARK_STRONG,
    CCMARK_STRIKETHROUGH,
    CCMARK_LINK,
    CCMARK_IMAGE,
} ccmark_kind;

/// One step of a depth-first walk: a node entered or left, with cmark's source positions
/// (1-based lines, 1-based columns in bytes; inline positions are not reliable in cmark-gfm) and
/// the node's literal text (text, code, HTML; not NUL-terminated), which lives as long as the document.
typedef struct {
    ccmark_kind kind;
    /// 1 when the walk enters the node, 0 when it leaves it (leaf nodes are only entered).
    int entering;
    int start_line, start_column, end_line, end_column;
    const uint8_t *literal;
    size_t literal_length;
    /// For a paragraph or heading: how many lines its text takes once cmark has taken link
    /// reference definitions out of it (they stand at its top); 0 for other nodes.
    int content_lines;
    /// For a heading: 1 when it is a setext heading (text over `===` or `---`).
    int setext;
} ccmark_event;

/// A parsed document with its walk position.
typedef struct ccmark_document ccmark_document;

/// Parses `length` bytes of UTF-8 Markdown with source positions and the GFM table and
/// strikethrough extensions; NULL when memory runs out.
ccmark_document *ccmark_parse(const char *text, size_t length);
/// The next step of the walk into *event; 0 when the walk is over.
int ccmark_next(ccmark_document *document, ccmark_event *event);
/// Skips the node just entered with all its children: the next step is the one after it.
void ccmark_skip_children(ccmark_document *document);
void ccmark_free(ccmark_document *document);

/// Reads the entity or numeric character reference at the start of `text` (`&amp;`, `&#x30D8;`)
/// as cmark does: returns how many bytes it takes (0 when it is none, e.g. an unknown name) and
/// writes its UTF-8 to `out` (at most `capacity` bytes), the length in *out_length.
size_t ccmark_decode_entity(const uint8_t *text, size_t length, uint8_t *out, size_t capacity, size_t *out_length);

#ifdef __cplusplus
}
#endif

#endif
