#include "CZlib.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

int32_t czlib_is_gzip(const uint8_t *data, size_t length) {
    return length >= 2 && data[0] == 0x1f && data[1] == 0x8b;
}

czlib_status czlib_gunzip(const uint8_t *data, size_t length, size_t limit, uint8_t **output, size_t *output_length, const char **message) {
    *output = NULL;
    *output_length = 0;
    if (message) *message = NULL;
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    // 16 + MAX_WBITS: gzip header and trailer (CRC and length are checked by zlib).
    if (inflateInit2(&stream, 16 + MAX_WBITS) != Z_OK) {
        if (message) *message = "cannot start zlib";
        return CZLIB_TOO_LARGE;
    }
    size_t capacity = length * 4 + 4096;
    if (capacity > limit) capacity = limit;
    uint8_t *buffer = malloc(capacity);
    if (buffer == NULL) {
        inflateEnd(&stream);
        return CZLIB_TOO_LARGE;
    }
    size_t used = 0;
    size_t consumed = 0;
    czlib_status result = CZLIB_OK;
    for (;;) {
        if (used == capacity) {
            if (capacity >= limit) { result = CZLIB_TOO_LARGE; break; }
            size_t grown = capacity * 2 > limit ? limit : capacity * 2;
            uint8_t *bigger = realloc(buffer, grown);
            if (bigger == NULL) { result = CZLIB_TOO_LARGE; break; }
            buffer = bigger;
            capacity = grown;
        }
        // zlib counts in uInt; feed and drain at most 1 GiB at a time.
        size_t inChunk = length - consumed > (1u << 30) ? (1u << 30) : length - consumed;
        size_t outChunk = capacity - used > (1u << 30) ? (1u << 30) : capacity - used;
        stream.next_in = (Bytef *)(data + consumed);
        stream.avail_in = (uInt)inChunk;
        stream.next_out = buffer + used;
        stream.avail_out = (uInt)outChunk;
        int status = inflate(&stream, Z_NO_FLUSH);
        consumed += inChunk - stream.avail_in;
        used += outChunk - stream.avail_out;
        if (status == Z_STREAM_END) {
            // gzip allows several members one after another (cat a.gz b.gz); read them all.
            if (consumed == length) break;
            if (inflateReset(&stream) != Z_OK) { result = CZLIB_CORRUPT; break; }
            continue;
        }
        if (status == Z_OK) continue;
        if (status == Z_BUF_ERROR) {
            if (stream.avail_out == 0) continue;  // needs more room: grow and go on
            result = CZLIB_TRUNCATED;  // needs more input, and there is none
            break;
        }
        if (message) *message = stream.msg ? stream.msg : "invalid compressed data";
        result = status == Z_MEM_ERROR ? CZLIB_TOO_LARGE : CZLIB_CORRUPT;
        break;
    }
    // The C literal messages of zlib outlive the stream; stream.msg points at static strings.
    inflateEnd(&stream);
    if (result != CZLIB_OK) {
        free(buffer);
        return result;
    }
    *output = buffer;
    *output_length = used;
    return CZLIB_OK;
}

void czlib_free(uint8_t *buffer) { free(buffer); }
