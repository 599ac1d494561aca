#include "CCmark.h"
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm/houdini.h>
// The node layout of the installed cmark-gfm (same Debian package as the library): literals are
// read in place, because cmark_node_get_literal copies every text node to NUL-terminate it.
#include <cmark-gfm/node.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

// Node types the extensions register at run time (exported by libcmark-gfm-extensions, not declared
// in its installed headers).
extern cmark_node_type CMARK_NODE_TABLE, CMARK_NODE_TABLE_ROW, CMARK_NODE_TABLE_CELL, CMARK_NODE_STRIKETHROUGH;

int ccmark_version(void) { return cmark_version(); }

// cmark allocates every node and text buffer on its own; a document's memory comes from an arena
// instead (bump allocation, freed at once with the document), which halves cmark's time in
// malloc and free. cmark_mem has no context pointer, so the arena being filled is thread-local:
// it is only set while ccmark_parse runs, on the calling thread.
typedef struct arena_block {
    struct arena_block *next;
    size_t used, size, padding;  // 32 bytes, so that data stays 16-byte aligned
    unsigned char data[];
} arena_block;

typedef struct {
    arena_block *head;
} arena;

static _Thread_local arena *filling;
enum { ARENA_HEADER = 16, ARENA_BLOCK = 1 << 20 };

static void *arena_alloc(size_t size) {
    arena *a = filling;
    size_t need = (size + ARENA_HEADER + 15) & ~(size_t)15;
    if (!a->head || a->head->used + need > a->head->size) {
        size_t capacity = need > ARENA_BLOCK ? need : ARENA_BLOCK;
        arena_block *block = malloc(sizeof(arena_block) + capacity);
        if (!block) abort();  // as cmark's own allocator does
        block->next = a->head;
        block->used = 0;
        block->size = capacity;
        a->head = block;
    }
    unsigned char *at = a->head->data + a->head->used;
    a->head->used += need;
    *(size_t *)at = size;  // realloc needs the old size
    return at + ARENA_HEADER;
}

static void *arena_calloc(size_t count, size_t size) {
    void *memory = arena_alloc(count * size);
    memset(memory, 0, count * size);
    return memory;
}

static void *arena_realloc(void *old, size_t size) {
    void *memory = arena_alloc(size);
    if (old) {
        size_t old_size = *(size_t *)((unsigned char *)old - ARENA_HEADER);
        memcpy(memory, old, old_size < size ? old_size : size);
    }
    return memory;
}

static void arena_free(void *memory) { (void)memory; }

static cmark_mem arena_allocator = {arena_calloc, arena_realloc, arena_free};

struct ccmark_document {
    arena memory;
    cmark_node *root;
    cmark_iter *iter;
};

static pthread_once_t registered = PTHREAD_ONCE_INIT;
static void register_extensions(void) { cmark_gfm_core_extensions_ensure_registered(); }

ccmark_document *ccmark_parse(const char *text, size_t length) {
    pthread_once(&registered, register_extensions);
    ccmark_document *document = calloc(1, sizeof *document);
    if (!document) return NULL;
    filling = &document->memory;
    cmark_parser *parser = cmark_parser_new_with_mem(CMARK_OPT_SOURCEPOS, &arena_allocator);
    static const char *extensions[] = {"table", "strikethrough"};
    for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(extensions[i]);
        if (extension) cmark_parser_attach_syntax_extension(parser, extension);
    }
    cmark_parser_feed(parser, text, length);
    document->root = cmark_parser_finish(parser);
    document->iter = cmark_iter_new(document->root);  // from the arena too
    filling = NULL;
    return document;
}

static ccmark_kind kind_of(cmark_node *node) {
    cmark_node_type type = cmark_node_get_type(node);
    switch (type) {
    case CMARK_NODE_BLOCK_QUOTE: return CCMARK_BLOCK_QUOTE;
    case CMARK_NODE_LIST: return CCMARK_LIST;
    case CMARK_NODE_ITEM: return CCMARK_ITEM;
    case CMARK_NODE_CODE_BLOCK: return CCMARK_CODE_BLOCK;
    case CMARK_NODE_HTML_BLOCK: return CCMARK_HTML_BLOCK;
    case CMARK_NODE_PARAGRAPH: return CCMARK_PARAGRAPH;
    case CMARK_NODE_HEADING: return CCMARK_HEADING;
    case CMARK_NODE_THEMATIC_BREAK: return CCMARK_THEMATIC_BREAK;
    case CMARK_NODE_TEXT: return CCMARK_TEXT;
    case CMARK_NODE_SOFTBREAK: return CCMARK_SOFTBREAK;
    case CMARK_NODE_LINEBREAK: return CCMARK_LINEBREAK;
    case CMARK_NODE_CODE: return CCMARK_CODE;
    case CMARK_NODE_HTML_INLINE: return CCMARK_HTML_INLINE;
    case CMARK_NODE_EMPH: return CCMARK_EMPH;
    case CMARK_NODE_STRONG: return CCMARK_STRONG;
    case CMARK_NODE_LINK: return CCMARK_LINK;
    case CMARK_NODE_IMAGE: return CCMARK_IMAGE;
    default: break;
    }
    if (type == CMARK_NODE_TABLE) return CCMARK_TABLE;
    if (type == CMARK_NODE_TABLE_ROW) return CCMARK_TABLE_ROW;
    if (type == CMARK_NODE_TABLE_CELL) return CCMARK_TABLE_CELL;
    if (type == CMARK_NODE_STRIKETHROUGH) return CCMARK_STRIKETHROUGH;
    return CCMARK_OTHER;
}

int ccmark_next(ccmark_document *document, ccmark_event *event) {
    cmark_event_type step = cmark_iter_next(document->iter);
    if (step == CMARK_EVENT_DONE || step == CMARK_EVENT_NONE) return 0;
    cmark_node *node = cmark_iter_get_node(document->iter);
    event->kind = kind_of(node);
    event->entering = step == CMARK_EVENT_ENTER;
    event->start_line = cmark_node_get_start_line(node);
    event->start_column = cmark_node_get_start_column(node);
    event->end_line = cmark_node_get_end_line(node);
    event->end_column = cmark_node_get_end_column(node);
    const cmark_chunk *literal = NULL;
    switch (event->kind) {
    case CCMARK_TEXT: case CCMARK_CODE: case CCMARK_HTML_INLINE: case CCMARK_HTML_BLOCK:
        literal = &node->as.literal;
        break;
    case CCMARK_CODE_BLOCK:
        literal = &node->as.code.literal;
        break;
    default: break;
    }
    event->content_lines = 0;
    if ((event->kind == CCMARK_PARAGRAPH || event->kind == CCMARK_HEADING) && event->entering) {
        const unsigned char *content = node->content.ptr;
        size_t length = node->content.size > 0 ? (size_t)node->content.size : 0;
        int lines = 0;
        for (const unsigned char *at = content; at && (at = memchr(at, '\n', length - (size_t)(at - content))); at++) lines++;
        if (length > 0 && content[length - 1] != '\n') lines += 1;
        event->content_lines = lines;
    }
    event->setext = event->kind == CCMARK_HEADING && node->as.heading.setext;
    event->literal = literal && literal->len > 0 ? literal->data : NULL;
    event->literal_length = literal && literal->len > 0 ? (size_t)literal->len : 0;
    return 1;
}

void ccmark_skip_children(ccmark_document *document) {
    cmark_node *node = cmark_iter_get_node(document->iter);
    // Making the node's exit the current step means the next step is whatever follows the node.
    if (node) cmark_iter_reset(document->iter, node, CMARK_EVENT_EXIT);
}

void ccmark_free(ccmark_document *document) {
    if (!document) return;
    // Nodes, buffers, the parser and the iterator all live in the arena.
    for (arena_block *block = document->memory.head; block;) {
        arena_block *next = block->next;
        free(block);
        block = next;
    }
    free(document);
}

size_t ccmark_decode_entity(const uint8_t *text, size_t length, uint8_t *out, size_t capacity, size_t *out_length) {
    *out_length = 0;
    if (length < 3 || text[0] != '&') return 0;
    cmark_strbuf buffer;
    cmark_strbuf_init(cmark_get_default_mem_allocator(), &buffer, 0);
    // houdini reads what follows the '&' and returns the bytes it used, the ';' included.
    bufsize_t used = houdini_unescape_ent(&buffer, text + 1, (bufsize_t)(length - 1 > 64 ? 64 : length - 1));
    size_t taken = 0;
    if (used > 0 && (size_t)buffer.size <= capacity) {
        memcpy(out, buffer.ptr, (size_t)buffer.size);
        *out_length = (size_t)buffer.size;
        taken = (size_t)used + 1;
    }
    cmark_strbuf_free(&buffer);
    return taken;
}
