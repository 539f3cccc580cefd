/* File names for new documents: a slug of the title (contract section 2). */
#ifndef POSTMORTEM_SLUG_H
#define POSTMORTEM_SLUG_H

#include <stddef.h>

#define PM_SLUG_MAX 60
#define PM_SLUG_EMPTY "postmortem"

/* The slug of a title: lowercase ASCII letters, digits and single dashes,
 * at most PM_SLUG_MAX bytes, never starting or ending with a dash. Latin
 * letters lose their accents ("é" -> "e", "ß" -> "ss"), other characters
 * separate words. A title that leaves nothing (Japanese, emoji, invalid
 * UTF-8) gives PM_SLUG_EMPTY. Never NULL; free() it. */
char *pm_slug(const char *title, size_t len);

#endif
