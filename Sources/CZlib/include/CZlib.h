// A sealed C shim over zlib: only plain C types cross this boundary, so that Swift modules never
// see <zlib.h>, and gzip is read in-process (never through a gunzip subprocess).
#ifndef CZLIB_H
#define CZLIB_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Results of `czlib_gunzip`.
typedef enum {
    CZLIB_OK = 0,
    /// The data ends before the gzip stream does (a cut-off download or copy).
    CZLIB_TRUNCATED = 1,
    /// The bytes are not a valid gzip stream (bad header, checksum or compressed data).
    CZLIB_CORRUPT = 2,
    /// Out of memory, or the output would exceed `limit`.
    CZLIB_TOO_LARGE = 3,
} czlib_status;

/// Whether `data` starts with the gzip magic bytes 1f 8b.
int32_t czlib_is_gzip(const uint8_t *data, size_t length);

/// Decompresses every gzip member in `data` into a buffer allocated with malloc (`*output`,
/// `*output_length`; free it with `czlib_free`). Output beyond `limit` bytes is refused.
/// On failure `*output` is NULL and `*message` (if not NULL) is zlib's reason or a fixed text.
czlib_status czlib_gunzip(const uint8_t *data, size_t length, size_t limit, uint8_t **output, size_t *output_length, const char **message);

/// Frees a buffer returned by `czlib_gunzip`.
void czlib_free(uint8_t *buffer);

#ifdef __cplusplus
}
#endif

#endif
