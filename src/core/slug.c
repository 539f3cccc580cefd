#include "postmortem/slug.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "postmortem/util.h"

/* Latin letters that have no decomposition, so that stripping marks
 * leaves them alone: their usual ASCII spelling. */
static const char *latin_fold(utf8proc_int32_t cp)
{
	switch (cp) {
	case 0xe6: /* æ */
		return "ae";
	case 0xf8: /* ø */
		return "o";
	case 0x153: /* œ */
		return "oe";
	case 0xf0: /* ð */
	case 0x111: /* đ */
		return "d";
	case 0xfe: /* þ */
		return "th";
	case 0x131: /* dotless ı */
		return "i";
	case 0x142: /* ł */
		return "l";
	case 0x127: /* ħ */
		return "h";
	default:
		return NULL;
	}
}

/* Apostrophes join a word ("don't" -> "dont") instead of splitting it. */
static bool is_apostrophe(utf8proc_int32_t cp)
{
	return cp == '\'' || cp == 0x2019 || cp == 0x2018 || cp == 0x02bc;
}

static bool is_slug_char(utf8proc_int32_t cp)
{
	return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9');
}

/* Cuts at max bytes; a cut inside a word goes back to the dash before it
 * when that keeps at least half the slug. */
static void cut(pm_buf *slug, size_t max)
{
	if (slug->len > max) {
		size_t at = max;
		if (slug->data[max] != '-') {
			size_t dash = max;
			while (dash > 0 && slug->data[dash - 1] != '-')
				dash--;
			if (dash > max / 2)
				at = dash - 1;
		}
		slug->len = at;
	}
	while (slug->len > 0 && slug->data[slug->len - 1] == '-')
		slug->len--;
	if (slug->data)
		slug->data[slug->len] = '\0';
}

char *pm_slug(const char *title, size_t len)
{
	utf8proc_uint8_t *folded = NULL;
	utf8proc_ssize_t n;
	pm_buf slug = {0};
	bool gap = false;

	/* Compatibility decomposition (full-width letters, ligatures), marks
	 * stripped (accents), case folded (ß -> ss). */
	n = utf8proc_map((const utf8proc_uint8_t *)title, (utf8proc_ssize_t)len, &folded,
			 UTF8PROC_STABLE | UTF8PROC_COMPAT | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK |
				 UTF8PROC_CASEFOLD | UTF8PROC_LUMP);
	for (utf8proc_ssize_t i = 0; n > 0 && i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t step = utf8proc_iterate(folded + i, n - i, &cp);
		const char *latin;
		if (step <= 0)
			break;
		i += step;
		if (is_apostrophe(cp))
			continue;
		latin = latin_fold(cp);
		if (!is_slug_char(cp) && !latin) {
			gap = slug.len > 0;
			continue;
		}
		if (gap)
			pm_buf_addc(&slug, '-');
		gap = false;
		if (latin)
			pm_buf_adds(&slug, latin);
		else
			pm_buf_addc(&slug, (char)cp);
		/* Enough read: the rest would be cut anyway. */
		if (slug.len > PM_SLUG_MAX + 1)
			break;
	}
	free(folded);
	cut(&slug, PM_SLUG_MAX);
	if (slug.len == 0) {
		pm_buf_free(&slug);
		return pm_xstrdup(PM_SLUG_EMPTY);
	}
	return pm_buf_detach(&slug);
}
