#include "CICU.h"

#include <unicode/ubrk.h>
#include <unicode/unorm2.h>
#include <unicode/utypes.h>

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

const char *cicu_error_name(int32_t error) { return u_errorName((UErrorCode)error); }
