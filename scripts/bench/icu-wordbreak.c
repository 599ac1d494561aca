/* The baseline for scripts/bench-check: a plain ICU word-break pass over a UTF-8 file, line by
 * line, as cheap as ICU allows (UTF-8 → UTF-16, ubrk_setText, walk every boundary). It prints the
 * number of word segments so the work cannot be optimised away. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

int main(int argc, char **argv) {
    if (argc != 2) { fprintf(stderr, "usage: %s FILE\n", argv[0]); return 2; }
    FILE *in = fopen(argv[1], "rb");
    if (!in) { perror(argv[1]); return 2; }
    UErrorCode status = U_ZERO_ERROR;
    UBreakIterator *words = ubrk_open(UBRK_WORD, "ja", NULL, 0, &status);
    if (U_FAILURE(status)) { fprintf(stderr, "ubrk_open: %s\n", u_errorName(status)); return 2; }
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    UChar *utf16 = NULL;
    int32_t utf16Cap = 0;
    long long segments = 0;
    while ((len = getline(&line, &cap, in)) > 0) {
        if (line[len - 1] == '\n') len--;
        if (len > 0 && line[len - 1] == '\r') len--;
        int32_t needed = 0;
        status = U_ZERO_ERROR;
        u_strFromUTF8(utf16, utf16Cap, &needed, line, (int32_t)len, &status);
        if (status == U_BUFFER_OVERFLOW_ERROR || needed > utf16Cap) {
            utf16Cap = needed + 1024;
            utf16 = realloc(utf16, sizeof(UChar) * utf16Cap);
            status = U_ZERO_ERROR;
            u_strFromUTF8(utf16, utf16Cap, &needed, line, (int32_t)len, &status);
        }
        if (U_FAILURE(status)) continue;
        ubrk_setText(words, utf16, needed, &status);
        ubrk_first(words);
        while (ubrk_next(words) != UBRK_DONE) segments++;
    }
    printf("%lld\n", segments);
    ubrk_close(words);
    free(line);
    free(utf16);
    fclose(in);
    return 0;
}
