#include "CICU.h"

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/utypes.h>
#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>

struct cicu_breaker {
    UBreakIterator *iterator;
};

#include <stdlib.h>

cicu_breaker *cicu_breaker_open(cicu_break_kind kind, const char *locale, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *iterator = ubrk_open((UBreakIteratorType)kind, locale, NULL, 0, &status);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        return NULL;
    }
    cicu_breaker *breaker = malloc(sizeof(cicu_breaker));
    if (breaker == NULL) {
        ubrk_close(iterator);
        *error = (int32_t)U_MEMORY_ALLOCATION_ERROR;
        return NULL;
    }
    breaker->iterator = iterator;
    *error = 0;
    return breaker;
}

void cicu_breaker_set_text(cicu_breaker *breaker, const uint16_t *text, int32_t length, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    ubrk_setText(breaker->iterator, (const UChar *)text, length, &status);
    *error = U_FAILURE(status) ? (int32_t)status : 0;
}

int32_t cicu_breaker_first(cicu_breaker *breaker) { return ubrk_first(breaker->iterator); }

int32_t cicu_breaker_next(cicu_breaker *breaker) {
    int32_t next = ubrk_next(breaker->iterator);
    return next == UBRK_DONE ? -1 : next;
}

int32_t cicu_breaker_rule_status(cicu_breaker *breaker) { return ubrk_getRuleStatus(breaker->iterator); }

int32_t cicu_breaker_is_boundary(cicu_breaker *breaker, int32_t offset) {
    return ubrk_isBoundary(breaker->iterator, offset) ? 1 : 0;
}

void cicu_breaker_close(cicu_breaker *breaker) {
    if (breaker == NULL) return;
    ubrk_close(breaker->iterator);
    free(breaker);
}

int32_t cicu_nfkc(const uint16_t *source, int32_t length, uint16_t *dest, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfkc = unorm2_getNFKCInstance(&status);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        return 0;
    }
    int32_t needed = unorm2_normalize(nfkc, (const UChar *)source, length, (UChar *)dest, capacity, &status);
    *error = (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) ? (int32_t)status : 0;
    return needed;
}

int32_t cicu_fold_english(const uint16_t *source, int32_t length, uint16_t *dest, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizer2 *nfkd = unorm2_getNFKDInstance(&status);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        return 0;
    }
    // NFKD never grows a string more than 18-fold; decompose into a scratch buffer.
    int32_t scratchCapacity = length * 18 + 1;
    UChar *scratch = malloc(sizeof(UChar) * (size_t)scratchCapacity);
    if (scratch == NULL) {
        *error = (int32_t)U_MEMORY_ALLOCATION_ERROR;
        return 0;
    }
    int32_t decomposed = unorm2_normalize(nfkd, (const UChar *)source, length, scratch, scratchCapacity, &status);
    if (U_FAILURE(status)) {
        free(scratch);
        *error = (int32_t)status;
        return 0;
    }
    // Drop combining marks in place.
    int32_t kept = 0;
    for (int32_t i = 0; i < decomposed;) {
        UChar32 c;
        int32_t start = i;
        U16_NEXT(scratch, i, decomposed, c);
        if (u_charType(c) == U_NON_SPACING_MARK) continue;
        for (int32_t k = start; k < i; k++) scratch[kept++] = scratch[k];
    }
    int32_t needed = u_strFoldCase((UChar *)dest, capacity, scratch, kept, U_FOLD_CASE_DEFAULT, &status);
    free(scratch);
    *error = (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) ? (int32_t)status : 0;
    return needed;
}

uint8_t cicu_combining_class(uint32_t c) { return u_getCombiningClass((UChar32)c); }

const char *cicu_error_name(int32_t error) { return u_errorName((UErrorCode)error); }

int32_t cicu_convert_to_utf16(const char *charset, const char *source, int32_t length, uint16_t *dest, int32_t capacity, int32_t *error) {
    UErrorCode status = U_ZERO_ERROR;
    UConverter *converter = ucnv_open(charset, &status);
    if (U_FAILURE(status)) {
        *error = (int32_t)status;
        return 0;
    }
    // Stop on an illegal or unmapped sequence: a dictionary read with the wrong charset must fail,
    // not fill the store with U+FFFD.
    ucnv_setToUCallBack(converter, UCNV_TO_U_CALLBACK_STOP, NULL, NULL, NULL, &status);
    int32_t needed = ucnv_toUChars(converter, (UChar *)dest, capacity, source, length, &status);
    ucnv_close(converter);
    *error = (U_FAILURE(status) && status != U_BUFFER_OVERFLOW_ERROR) ? (int32_t)status : 0;
    return needed;
}
