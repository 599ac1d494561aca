// A sealed C shim over system ICU: only plain C types cross this boundary, so that Swift modules
// never see <unicode/*.h> (Foundation on Linux carries its own ICU and the two clash).
#ifndef CICU_H
#define CICU_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// Kinds of text boundary, mirroring ICU's UBreakIteratorType values that tsuzuri uses.
typedef enum {
    CICU_BREAK_WORD = 1,
    CICU_BREAK_SENTENCE = 3,
} cicu_break_kind;

/// An opaque ICU break iterator.
typedef struct cicu_breaker cicu_breaker;

/// Opens a break iterator for `locale` (e.g. "ja"); returns NULL and sets *error (non-zero) on failure.
cicu_breaker *cicu_breaker_open(cicu_break_kind kind, const char *locale, int32_t *error);
/// Points the iterator at `text` (UTF-16, `length` code units); the buffer must outlive its use.
void cicu_breaker_set_text(cicu_breaker *breaker, const uint16_t *text, int32_t length, int32_t *error);
/// The first boundary (always 0).
int32_t cicu_breaker_first(cicu_breaker *breaker);
/// The next boundary in UTF-16 code units, or -1 at the end of the text.
int32_t cicu_breaker_next(cicu_breaker *breaker);
/// The rule status of the boundary last returned (word kinds: 0 none, 100 number, 200 letter, 300 kana, 400 ideo).
int32_t cicu_breaker_rule_status(cicu_breaker *breaker);
/// Whether `offset` (UTF-16 code units) is a boundary of the current text.
int32_t cicu_breaker_is_boundary(cicu_breaker *breaker, int32_t offset);
void cicu_breaker_close(cicu_breaker *breaker);

/// NFKC-normalises `source` into `dest`; returns the needed length (which may exceed `capacity`).
int32_t cicu_nfkc(const uint16_t *source, int32_t length, uint16_t *dest, int32_t capacity, int32_t *error);

/// Folds `source` for comparing English: NFKD, combining marks removed (é → e), then ICU's
/// default case folding (Straße → strasse). Returns the needed length (which may exceed `capacity`).
int32_t cicu_fold_english(const uint16_t *source, int32_t length, uint16_t *dest, int32_t capacity, int32_t *error);

/// ICU's canonical combining class of a code point (0 for base characters).
uint8_t cicu_combining_class(uint32_t c);

/// Converts `length` bytes of `source` in the charset `charset` (an ICU converter name such as
/// "EUC-JP") to UTF-16 in `dest`, stopping at the first byte sequence that is not valid in that
/// charset (an error then, never a substitution character). Returns the needed length in UTF-16
/// code units (which may exceed `capacity`).
int32_t cicu_convert_to_utf16(const char *charset, const char *source, int32_t length, uint16_t *dest, int32_t capacity, int32_t *error);

/// ICU's name for an error code, for messages.
const char *cicu_error_name(int32_t error);

#ifdef __cplusplus
}
#endif

#endif
