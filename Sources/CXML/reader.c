// The streaming XML reader: libxml2's push parser with SAX2 callbacks that queue events as plain C
// values (names as written, `prefix:local`; attribute values decoded). The handler is marked SAX2,
// so libxml2 reports errors through our structured handler instead of printing them.
#include "CXMLReader.h"
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    int32_t kind, line;
    int64_t end_offset;
    size_t name_offset;
    int32_t name_length;
    size_t text_offset;
    int32_t text_length;
    int32_t first_attribute, attribute_count;
} stored_event;

typedef struct {
    size_t name_offset, value_offset;
    int32_t name_length, value_length;
} stored_attribute;

struct cxml_reader {
    xmlParserCtxtPtr ctxt;
    xmlSAXHandler sax;
    int32_t max_depth, max_attributes, depth;
    int32_t finished_root, started_root;
    stored_event *events;
    int32_t event_count, event_capacity;
    stored_attribute *attributes;
    int32_t attribute_count, attribute_capacity;
    char *arena;
    size_t arena_length, arena_capacity;
    int32_t error_kind, error_line;
    char message[512];
};

static int grow(void **buffer, size_t element, int32_t *capacity, int32_t needed) {
    if (needed <= *capacity) return 1;
    int32_t next = *capacity ? *capacity * 2 : 256;
    while (next < needed) next *= 2;
    void *grown = realloc(*buffer, (size_t)next * element);
    if (!grown) return 0;
    *buffer = grown;
    *capacity = next;
    return 1;
}

/// Copies `length` bytes into the arena; returns its offset, or (size_t)-1 when out of memory.
static size_t keep(cxml_reader *r, const void *bytes, size_t length) {
    if (r->arena_length + length + 1 > r->arena_capacity) {
        size_t next = r->arena_capacity ? r->arena_capacity : 65536;
        while (next < r->arena_length + length + 1) next *= 2;
        char *grown = realloc(r->arena, next);
        if (!grown) return (size_t)-1;
        r->arena = grown;
        r->arena_capacity = next;
    }
    size_t at = r->arena_length;
    if (length) memcpy(r->arena + at, bytes, length);
    r->arena[at + length] = 0;
    r->arena_length += length + 1;
    return at;
}

static int32_t current_line(const cxml_reader *r) {
    return (r->ctxt && r->ctxt->input) ? (int32_t)r->ctxt->input->line : 0;
}

static int64_t current_offset(const cxml_reader *r) {
    xmlParserInputPtr input = r->ctxt ? r->ctxt->input : NULL;
    if (!input || !input->cur || !input->base) return 0;
    return (int64_t)input->consumed + (int64_t)(input->cur - input->base);
}

/// Records the first error and stops the parser; later errors are consequences of the first.
// Records the first error; `stop` also halts the parser (libxml2 halts it by itself when pushing
// the input fails, and halting it from inside that push frees the buffer being filled).
static void record_failure(cxml_reader *r, int32_t kind, int32_t line, const char *message, int stop) {
    if (r->error_kind != CXML_ERROR_NONE) return;
    r->error_kind = kind;
    r->error_line = line > 0 ? line : current_line(r);
    snprintf(r->message, sizeof r->message, "%s", message);
    if (stop && r->ctxt) xmlStopParser(r->ctxt);
}

static void fail(cxml_reader *r, int32_t kind, int32_t line, const char *message) {
    record_failure(r, kind, line, message, 1);
}

static stored_event *add_event(cxml_reader *r, int32_t kind) {
    if (!grow((void **)&r->events, sizeof(stored_event), &r->event_capacity, r->event_count + 1)) {
        fail(r, CXML_ERROR_LIMIT, 0, "out of memory");
        return NULL;
    }
    stored_event *e = &r->events[r->event_count++];
    memset(e, 0, sizeof *e);
    e->kind = kind;
    e->line = current_line(r);
    e->end_offset = current_offset(r);
    return e;
}

/// Copies `prefix:local` (or `local`) into the arena; returns its length.
static int32_t keep_name(cxml_reader *r, const xmlChar *prefix, const xmlChar *local, size_t *offset) {
    char stack[256];
    size_t p = prefix ? strlen((const char *)prefix) : 0, l = strlen((const char *)local);
    if (!prefix) {
        *offset = keep(r, local, l);
        return (int32_t)l;
    }
    char *joined = p + l + 1 < sizeof stack ? stack : malloc(p + l + 1);
    if (!joined) {
        *offset = (size_t)-1;
        return 0;
    }
    memcpy(joined, prefix, p);
    joined[p] = ':';
    memcpy(joined + p + 1, local, l);
    *offset = keep(r, joined, p + 1 + l);
    if (joined != stack) free(joined);
    return (int32_t)(p + 1 + l);
}

static void on_start(void *context, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri, int namespace_count,
                     const xmlChar **namespaces, int count, int defaulted, const xmlChar **attributes) {
    (void)uri; (void)namespace_count; (void)namespaces; (void)defaulted;
    cxml_reader *r = context;
    if (r->error_kind) return;
    r->depth += 1;
    r->started_root = 1;
    if (r->depth > r->max_depth) {
        char message[128];
        snprintf(message, sizeof message, "elements nested deeper than %d levels", (int)r->max_depth);
        fail(r, CXML_ERROR_LIMIT, 0, message);
        return;
    }
    if (count > r->max_attributes) {
        char message[160];
        snprintf(message, sizeof message, "<%.60s> has %d attributes; more than %d are refused", (const char *)local, count,
                 (int)r->max_attributes);
        fail(r, CXML_ERROR_LIMIT, 0, message);
        return;
    }
    stored_event *e = add_event(r, CXML_EVENT_START);
    if (!e) return;
    // libxml2 reports a start tag with its input at the closing `>` or `/>`.
    const xmlChar *cur = r->ctxt->input ? r->ctxt->input->cur : NULL;
    if (cur && cur[0] == '>') e->end_offset += 1;
    else if (cur && cur[0] == '/' && cur[1] == '>') e->end_offset += 2;
    e->name_length = keep_name(r, prefix, local, &e->name_offset);
    e->first_attribute = r->attribute_count;
    e->attribute_count = count;
    if (!grow((void **)&r->attributes, sizeof(stored_attribute), &r->attribute_capacity, r->attribute_count + count)) {
        fail(r, CXML_ERROR_LIMIT, 0, "out of memory");
        return;
    }
    // Five pointers per attribute: local name, prefix, namespace, value start, value end.
    for (int32_t i = 0; i < count; i++) {
        const xmlChar **a5 = attributes + 5 * i;
        stored_attribute *a = &r->attributes[r->attribute_count++];
        a->name_length = keep_name(r, a5[1], a5[0], &a->name_offset);
        a->value_length = (int32_t)(a5[4] - a5[3]);
        a->value_offset = keep(r, a5[3], (size_t)a->value_length);
        // Without entity substitution libxml2 leaves `&amp;` in a value as `&#38;`: decode it here.
        if (a->value_offset != (size_t)-1 && memchr(r->arena + a->value_offset, '&', (size_t)a->value_length)) {
            char *v = r->arena + a->value_offset, *out = v;
            for (int32_t k = 0; k < a->value_length; k++) {
                if (strncmp(v + k, "&#38;", 5) == 0 && k + 5 <= a->value_length) {
                    *out++ = '&';
                    k += 4;
                } else {
                    *out++ = v[k];
                }
            }
            *out = 0;
            a->value_length = (int32_t)(out - v);
        }
        if (a->value_offset == (size_t)-1 || a->name_offset == (size_t)-1) fail(r, CXML_ERROR_LIMIT, 0, "out of memory");
    }
    if (e->name_offset == (size_t)-1) fail(r, CXML_ERROR_LIMIT, 0, "out of memory");
}

static void on_end(void *context, const xmlChar *local, const xmlChar *prefix, const xmlChar *uri) {
    (void)uri;
    cxml_reader *r = context;
    if (r->error_kind) return;
    stored_event *e = add_event(r, CXML_EVENT_END);
    if (!e) return;
    e->name_length = keep_name(r, prefix, local, &e->name_offset);
    r->depth -= 1;
    if (r->depth == 0) r->finished_root = 1;
}

static void add_text(cxml_reader *r, int32_t kind, const xmlChar *text, int length) {
    if (r->error_kind || length <= 0) return;
    stored_event *e = add_event(r, kind);
    if (!e) return;
    e->text_offset = keep(r, text, (size_t)length);
    e->text_length = length;
}

static void on_characters(void *context, const xmlChar *text, int length) {
    add_text(context, CXML_EVENT_TEXT, text, length);
}

static void on_cdata(void *context, const xmlChar *text, int length) {
    add_text(context, CXML_EVENT_CDATA, text, length);
}

static void on_entity_declaration(void *context, const xmlChar *name, int type, const xmlChar *public_id,
                                  const xmlChar *system_id, xmlChar *content) {
    (void)name; (void)type; (void)public_id; (void)system_id; (void)content;
    fail(context, CXML_ERROR_ENTITY_DECLARATION, 0, "the DOCTYPE declares entities");
}

static void describe_undeclared(cxml_reader *r, const char *name, int32_t line) {
    char message[160];
    snprintf(message, sizeof message, "reference to an undeclared entity &%.60s; (only &amp; &lt; &gt; &quot; &apos; and character references are read)",
             name ? name : "");
    fail(r, CXML_ERROR_UNDECLARED_ENTITY, line, message);
}

static void on_reference(void *context, const xmlChar *name) {
    describe_undeclared(context, (const char *)name, 0);
}

/// The first line of libxml2's own message, for errors without a description of ours.
static void first_line(char *out, size_t size, const char *message) {
    size_t n = 0;
    if (message) {
        while (message[n] && message[n] != '\n' && n + 1 < size) { out[n] = message[n]; n++; }
    }
    while (n > 0 && (out[n - 1] == ' ' || out[n - 1] == '\r')) n--;
    out[n] = 0;
}

static void on_error(void *context, xmlErrorPtr error) {
    cxml_reader *r = context;
    if (!error || r->error_kind) return;
    int32_t line = error->line;
    // Namespace mistakes (an undeclared prefix such as Trados' sdl:) do not stop reading: TMX and
    // XLIFF elements are recognised by their local names.
    if (error->domain == XML_FROM_NAMESPACE) return;
    if (error->level == XML_ERR_WARNING) {
        // Without a loaded DTD an unknown entity is only a warning, and libxml2 would drop the
        // reference silently: refuse it like any other undeclared entity.
        if (error->code == XML_WAR_UNDECLARED_ENTITY) describe_undeclared(r, error->str1, line);
        return;
    }
    char libxml[256];
    first_line(libxml, sizeof libxml, error->message);
    char message[400];
    int32_t kind = CXML_ERROR_SYNTAX;
    const char *s1 = error->str1 ? error->str1 : "", *s2 = error->str2 ? error->str2 : "";
    switch (error->code) {
    case XML_ERR_DOCUMENT_EMPTY: snprintf(message, sizeof message, "no element (empty or not an XML file)"); break;
    case XML_ERR_DOCUMENT_END:
    case XML_ERR_EXTRA_CONTENT:
        // The push parser reports a file that ends too early with the same code as one that goes on.
        if (!r->started_root) {
            snprintf(message, sizeof message, "no root element (empty or truncated file)");
        } else if (!r->finished_root) {
            const char *open = (r->ctxt && r->ctxt->name) ? (const char *)r->ctxt->name : NULL;
            if (open) snprintf(message, sizeof message, "the file ends inside <%.80s> (truncated file?)", open);
            else snprintf(message, sizeof message, "the file ends inside a tag (truncated file?)");
        } else {
            snprintf(message, sizeof message, "content after the end of the root element");
        }
        break;
    case XML_ERR_INVALID_CHAR:
    case XML_ERR_INVALID_ENCODING:
        if (strstr(libxml, "UTF-8") || strstr(libxml, "encoding")) {
            kind = CXML_ERROR_ENCODING;
            snprintf(message, sizeof message, "bytes that are not valid UTF-8 (nor valid in the declared encoding); save the file as UTF-8");
        } else {
            snprintf(message, sizeof message, "a character XML does not allow (a control character, or a reference to one)");
        }
        break;
    case XML_ERR_INVALID_HEX_CHARREF:
    case XML_ERR_INVALID_DEC_CHARREF:
    case XML_ERR_INVALID_CHARREF: snprintf(message, sizeof message, "malformed character reference (write &#NNNN; or &#xHHHH;)"); break;
    case XML_ERR_UNDECLARED_ENTITY:
    case XML_WAR_UNDECLARED_ENTITY:
        describe_undeclared(r, s1, line);
        return;
    case XML_ERR_ENTITYREF_SEMICOL_MISSING:
    case XML_ERR_NAME_REQUIRED:
        if (strstr(libxml, "EntityRef") || strstr(libxml, "Entity")) {
            snprintf(message, sizeof message, "'&' not followed by an entity name and ';' (write &amp; for a literal '&')");
        } else {
            snprintf(message, sizeof message, "malformed element or attribute name");
        }
        break;
    case XML_ERR_LT_IN_ATTRIBUTE: snprintf(message, sizeof message, "'<' inside an attribute value (write &lt;)"); break;
    case XML_ERR_ATTRIBUTE_NOT_STARTED: snprintf(message, sizeof message, "attribute value without quotes"); break;
    case XML_ERR_ATTRIBUTE_NOT_FINISHED: snprintf(message, sizeof message, "unfinished attribute value (a quote is missing)"); break;
    case XML_ERR_ATTRIBUTE_WITHOUT_VALUE: snprintf(message, sizeof message, "attribute %s without a value", s1); break;
    case XML_ERR_ATTRIBUTE_REDEFINED: snprintf(message, sizeof message, "attribute %s given twice on one element", s1); break;
    case XML_ERR_GT_REQUIRED: snprintf(message, sizeof message, "'>' expected to close the tag"); break;
    case XML_ERR_LTSLASH_REQUIRED: snprintf(message, sizeof message, "end tag expected"); break;
    case XML_ERR_TAG_NAME_MISMATCH:
        snprintf(message, sizeof message, "end tag </%s> does not match the start tag <%s> of line %d", s2, s1, error->int1);
        break;
    case XML_ERR_TAG_NOT_FINISHED:
        snprintf(message, sizeof message, "<%s> opened on line %d is never closed (truncated file?)", s1, error->int1);
        break;
    case XML_ERR_CDATA_NOT_FINISHED: snprintf(message, sizeof message, "unfinished CDATA section (truncated file?)"); break;
    case XML_ERR_COMMENT_NOT_FINISHED: snprintf(message, sizeof message, "unfinished comment (truncated file?)"); break;
    case XML_ERR_MISPLACED_CDATA_END: snprintf(message, sizeof message, "']]>' in text (write ]]&gt;)"); break;
    case XML_ERR_RESERVED_XML_NAME: snprintf(message, sizeof message, "XML declaration not at the very start of the file"); break;
    case XML_ERR_UNSUPPORTED_ENCODING:
    case XML_I18N_CONV_FAILED:
    case XML_I18N_NO_HANDLER:
        kind = CXML_ERROR_ENCODING;
        snprintf(message, sizeof message, "bytes that are not valid in the file's encoding; save the file as UTF-8");
        break;
    case XML_ERR_INTERNAL_ERROR:
        if (strstr(libxml, "encoder") || strstr(libxml, "encoding")) {
            kind = CXML_ERROR_ENCODING;
            snprintf(message, sizeof message, "bytes that are not valid in the file's encoding; save the file as UTF-8");
        } else if (strstr(libxml, "depth")) {
            kind = CXML_ERROR_LIMIT;
            snprintf(message, sizeof message, "elements nested too deeply");
        } else {
            snprintf(message, sizeof message, "%s", libxml[0] ? libxml : "the XML parser gave up");
        }
        break;
    default:
        // libxml2's own words (never its error number): "Specification mandates value for attribute x" …
        snprintf(message, sizeof message, "%s", libxml[0] ? libxml : "not well-formed");
        break;
    }
    // Input and encoding errors are raised from inside xmlParseChunk's push of the input (bytes
    // invalid in UTF-16, say): xmlStopParser there frees ctxt->input->buf under the push, and
    // xmlParseChunk then dereferences NULL (found by the tmx fuzz harness, Fuzz/crashes/tmx/).
    int inside_push = error->domain == XML_FROM_IO || error->domain == XML_FROM_I18N;
    record_failure(r, kind, line, message, !inside_push);
}

static void ignore_generic(void *context, const char *message, ...) {
    (void)context; (void)message;
}

cxml_reader *cxml_reader_create(int32_t max_depth, int32_t max_attributes) {
    xmlInitParser();
    cxml_reader *r = calloc(1, sizeof *r);
    if (!r) return NULL;
    r->max_depth = max_depth;
    r->max_attributes = max_attributes;
    r->sax.initialized = XML_SAX2_MAGIC;
    r->sax.startElementNs = on_start;
    r->sax.endElementNs = on_end;
    r->sax.characters = on_characters;
    r->sax.ignorableWhitespace = on_characters;
    r->sax.cdataBlock = on_cdata;
    r->sax.entityDecl = on_entity_declaration;
    r->sax.reference = on_reference;
    r->sax.serror = on_error;
    // No externalSubset, resolveEntity or getEntity: nothing outside the document is ever read.
    return r;
}

int32_t cxml_reader_feed(cxml_reader *r, const uint8_t *bytes, int32_t length, int32_t is_last) {
    if (r->error_kind) return r->error_kind;
    const char *chunk = (const char *)bytes;
    if (!r->ctxt) {
        // The first bytes go to the context so that libxml2 detects a UTF-16 byte order mark.
        int32_t head = length < 4 ? length : 4;
        r->ctxt = xmlCreatePushParserCtxt(&r->sax, r, chunk, head, NULL);
        if (!r->ctxt) {
            fail(r, CXML_ERROR_LIMIT, 1, "cannot start the XML parser (out of memory)");
            return r->error_kind;
        }
        // NONET: no network; no NOENT (entities stay unexpanded), no DTDLOAD/DTDVALID (no DTD is read).
        xmlCtxtUseOptions(r->ctxt, XML_PARSE_NONET);
        if (chunk) chunk += head;
        length -= head;
    }
    // Encoding and I/O errors are raised without the parser context: route them (and libxml2's
    // generic messages) to this reader for the duration of the call, so nothing is printed.
    xmlSetStructuredErrorFunc(r, on_error);
    xmlSetGenericErrorFunc(r, ignore_generic);
    int status = xmlParseChunk(r->ctxt, chunk, length, is_last ? 1 : 0);
    xmlSetStructuredErrorFunc(NULL, NULL);
    xmlSetGenericErrorFunc(NULL, NULL);
    if (status != 0 && r->error_kind == CXML_ERROR_NONE) fail(r, CXML_ERROR_SYNTAX, 0, "not well-formed XML");
    return r->error_kind;
}

int32_t cxml_reader_event_count(const cxml_reader *r) { return r->event_count; }

void cxml_reader_event(const cxml_reader *r, int32_t index, cxml_event *out) {
    const stored_event *e = &r->events[index];
    out->kind = e->kind;
    out->line = e->line;
    out->end_offset = e->end_offset;
    out->name = e->name_length || e->kind == CXML_EVENT_START || e->kind == CXML_EVENT_END ? r->arena + e->name_offset : NULL;
    out->name_length = e->name_length;
    out->text = e->text_length ? r->arena + e->text_offset : NULL;
    out->text_length = e->text_length;
    out->first_attribute = e->first_attribute;
    out->attribute_count = e->attribute_count;
}

void cxml_reader_attribute(const cxml_reader *r, int32_t index, cxml_attribute *out) {
    const stored_attribute *a = &r->attributes[index];
    out->name = r->arena + a->name_offset;
    out->name_length = a->name_length;
    out->value = r->arena + a->value_offset;
    out->value_length = a->value_length;
}

void cxml_reader_clear(cxml_reader *r) {
    r->event_count = 0;
    r->attribute_count = 0;
    r->arena_length = 0;
    // A single huge text event may have grown the arena: give the memory back.
    if (r->arena_capacity > (16u << 20)) {
        free(r->arena);
        r->arena = NULL;
        r->arena_capacity = 0;
    }
}

int32_t cxml_reader_error_kind(const cxml_reader *r) { return r->error_kind; }
int32_t cxml_reader_error_line(const cxml_reader *r) { return r->error_line; }
const char *cxml_reader_error_message(const cxml_reader *r) { return r->message; }
int32_t cxml_reader_finished_root(const cxml_reader *r) { return r->finished_root; }

void cxml_reader_free(cxml_reader *r) {
    if (!r) return;
    if (r->ctxt) {
        if (r->ctxt->myDoc) xmlFreeDoc(r->ctxt->myDoc);
        xmlFreeParserCtxt(r->ctxt);
    }
    free(r->events);
    free(r->attributes);
    free(r->arena);
    free(r);
}
