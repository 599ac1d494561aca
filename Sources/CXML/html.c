#include "CXMLHTML.h"

#include <limits.h>
#include <string.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

typedef struct {
    cxml_html_callback callback;
    void *context;
    htmlParserCtxtPtr parser;
    int stopped;
} walk_state;

static void deliver(walk_state *state, cxml_html_event *event) {
    if (state->stopped) return;
    // Cheap without an input encoder, which is why the walk never installs one (UTF-8 is native).
    event->consumed = (int64_t)xmlByteConsumed(state->parser);
    if (state->callback(event, state->context) != 0) {
        state->stopped = 1;
        xmlStopParser(state->parser);
    }
}

static void on_start(void *context, const xmlChar *name, const xmlChar **attributes) {
    cxml_html_event event = {CXML_HTML_START, (const char *)name, (const char *const *)attributes, NULL, 0, 0};
    deliver(context, &event);
}

static void on_end(void *context, const xmlChar *name) {
    cxml_html_event event = {CXML_HTML_END, (const char *)name, NULL, NULL, 0, 0};
    deliver(context, &event);
}

static void on_text(void *context, const xmlChar *text, int length) {
    cxml_html_event event = {CXML_HTML_TEXT, NULL, NULL, (const uint8_t *)text, length, 0};
    deliver(context, &event);
}

static void on_raw_text(void *context, const xmlChar *text, int length) {
    cxml_html_event event = {CXML_HTML_RAW_TEXT, NULL, NULL, (const uint8_t *)text, length, 0};
    deliver(context, &event);
}

static void on_comment(void *context, const xmlChar *text) {
    (void)text;
    cxml_html_event event = {CXML_HTML_OTHER, NULL, NULL, NULL, 0, 0};
    deliver(context, &event);
}

static void on_instruction(void *context, const xmlChar *target, const xmlChar *data) {
    cxml_html_event event = {CXML_HTML_OTHER, (const char *)target, NULL, (const uint8_t *)data,
                             data == NULL ? 0 : (int32_t)strlen((const char *)data), 0};
    deliver(context, &event);
}

int32_t cxml_html_walk(const uint8_t *bytes, int64_t count, cxml_html_callback callback, void *context) {
    if (count > INT_MAX) return -1;
    xmlInitParser();
    htmlParserCtxtPtr parser = htmlCreateMemoryParserCtxt((const char *)bytes, (int)count);
    if (parser == NULL) return -1;
    walk_state state = {callback, context, parser, 0};

    // Only the events the walk hands on: no tree is built, and errors go nowhere.
    htmlSAXHandler *sax = (htmlSAXHandler *)parser->sax;
    memset(sax, 0, sizeof(*sax));
    sax->startElement = on_start;
    sax->endElement = on_end;
    sax->characters = on_text;
    sax->ignorableWhitespace = on_text;
    sax->cdataBlock = on_raw_text;
    sax->comment = on_comment;
    sax->processingInstruction = on_instruction;
    parser->userData = &state;
    // IGNORE_ENC: the caller has checked that the bytes are UTF-8; a <meta charset> switching the
    // decoder mid-file would garble the text and the byte offsets the events report.
    htmlCtxtUseOptions(parser, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_RECOVER |
                                   HTML_PARSE_IGNORE_ENC);
    // The parser starts out assuming a single-byte encoding and would decode UTF-8 as Latin-1.
    parser->charset = XML_CHAR_ENCODING_UTF8;
    htmlParseDocument(parser);
    if (parser->myDoc != NULL) xmlFreeDoc(parser->myDoc);
    htmlFreeParserCtxt(parser);
    return state.stopped ? 1 : 0;
}

int32_t cxml_html_entity(const char *name) {
    const htmlEntityDesc *entity = htmlEntityLookup((const xmlChar *)name);
    return entity == NULL ? -1 : (int32_t)entity->value;
}
