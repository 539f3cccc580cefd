/* UTF-8 and title normalisation (utf8proc underneath). */
#ifndef POSTMORTEM_TEXT_H
#define POSTMORTEM_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* Length in bytes of the well-formed UTF-8 character at s (1..4), or 0
 * when the bytes there are not well-formed UTF-8. */
size_t pm_utf8_char_len(const char *s, size_t avail);

/* Whether buf is well-formed UTF-8; on failure *bad is the offset of the
 * first bad byte. */
bool pm_utf8_valid(const char *buf, size_t len, size_t *bad);

/* The comparable form of a heading or title: trimmed, inner white space
 * collapsed, Unicode case-folded and NFC-normalised, with the apostrophes
 * U+2019, U+2018 and U+02BC replaced by '. Returns NULL on bad input. */
char *pm_title_key(const char *text, size_t len);

/* Whether s (len bytes) is blank: only spaces, tabs, CR and LF. */
bool pm_is_blank(const char *s, size_t len);

#endif
