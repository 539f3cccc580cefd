#include "postmortem/text.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "postmortem/util.h"

size_t pm_utf8_char_len(const char *s, size_t avail)
{
	const unsigned char *p = (const unsigned char *)s;
	unsigned char c;
	if (avail == 0)
		return 0;
	c = p[0];
	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		if (avail < 2 || (p[1] & 0xc0) != 0x80)
			return 0;
		return 2;
	}
	if (c >= 0xe0 && c <= 0xef) {
		if (avail < 3 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80)
			return 0;
		if (c == 0xe0 && p[1] < 0xa0)
			return 0; /* overlong */
		if (c == 0xed && p[1] >= 0xa0)
			return 0; /* surrogate */
		return 3;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (avail < 4 || (p[1] & 0xc0) != 0x80 || (p[2] & 0xc0) != 0x80 ||
		    (p[3] & 0xc0) != 0x80)
			return 0;
		if (c == 0xf0 && p[1] < 0x90)
			return 0; /* overlong */
		if (c == 0xf4 && p[1] >= 0x90)
			return 0; /* above U+10FFFF */
		return 4;
	}
	return 0;
}

bool pm_utf8_valid(const char *buf, size_t len, size_t *bad)
{
	size_t i = 0;
	while (i < len) {
		size_t n;
		/* Fast path: documents are mostly ASCII. */
		if ((unsigned char)buf[i] < 0x80) {
			i++;
			continue;
		}
		n = pm_utf8_char_len(buf + i, len - i);
		if (n == 0) {
			if (bad)
				*bad = i;
			return false;
		}
		i += n;
	}
	return true;
}

bool pm_is_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

static bool is_space_cp(utf8proc_int32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xa0 ||
	       cp == 0x3000 || utf8proc_category(cp) == UTF8PROC_CATEGORY_ZS;
}

char *pm_title_key(const char *text, size_t len)
{
	pm_buf plain = {0};
	utf8proc_uint8_t *mapped = NULL;
	utf8proc_ssize_t n;
	size_t i = 0;
	bool pending_space = false;

	/* Collapse and trim white space and unify apostrophes first, so the
	 * case folding sees the final characters. */
	while (i < len) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t step =
			utf8proc_iterate((const utf8proc_uint8_t *)text + i, (utf8proc_ssize_t)(len - i), &cp);
		if (step <= 0) {
			pm_buf_free(&plain);
			return NULL;
		}
		i += (size_t)step;
		if (is_space_cp(cp)) {
			pending_space = plain.len > 0;
			continue;
		}
		if (pending_space)
			pm_buf_addc(&plain, ' ');
		pending_space = false;
		if (cp == 0x2019 || cp == 0x2018 || cp == 0x02bc) {
			pm_buf_addc(&plain, '\'');
			continue;
		}
		pm_buf_add(&plain, text + i - step, (size_t)step);
	}
	if (plain.len == 0)
		return pm_buf_detach(&plain);
	n = utf8proc_map((const utf8proc_uint8_t *)plain.data, (utf8proc_ssize_t)plain.len, &mapped,
			 UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_CASEFOLD);
	pm_buf_free(&plain);
	if (n < 0)
		return NULL;
	return (char *)mapped;
}
