/* Small allocation and string helpers shared by the core.
 *
 * Allocation failure aborts (as git's xmalloc dies): a validator that
 * cannot allocate a few kilobytes has nothing sensible left to report. */
#ifndef POSTMORTEM_UTIL_H
#define POSTMORTEM_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

void *pm_xmalloc(size_t size);
void *pm_xcalloc(size_t count, size_t size);
void *pm_xrealloc(void *ptr, size_t size);
char *pm_xstrdup(const char *s);
char *pm_xstrndup(const char *s, size_t len);
char *pm_xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Grow *items so that it holds at least `need` elements of `size` bytes. */
void pm_grow(void *items_ptr, size_t *cap, size_t need, size_t size);

/* A growable byte buffer, always NUL-terminated once anything is added. */
typedef struct {
	char *data;
	size_t len;
	size_t cap;
} pm_buf;

void pm_buf_add(pm_buf *buf, const char *data, size_t len);
void pm_buf_adds(pm_buf *buf, const char *s);
void pm_buf_addc(pm_buf *buf, char c);
void pm_buf_printf(pm_buf *buf, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void pm_buf_vprintf(pm_buf *buf, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));
/* Hands the contents over to the caller (never NULL) and empties the buffer. */
char *pm_buf_detach(pm_buf *buf);
void pm_buf_free(pm_buf *buf);

/* A list of owned strings. */
typedef struct {
	char **items;
	size_t count;
	size_t cap;
} pm_strlist;

void pm_strlist_add(pm_strlist *list, const char *s);
void pm_strlist_add_owned(pm_strlist *list, char *s);
bool pm_strlist_has(const pm_strlist *list, const char *s);
/* Index of s compared ASCII-case-insensitively, or -1. */
long pm_strlist_find_icase(const pm_strlist *list, const char *s);
void pm_strlist_clear(pm_strlist *list);

/* A hash index from strings to numbers, so that repeats in input of any
 * size (the keys of a mapping, the values of a list) are found in linear
 * time, not by comparing every pair. The strings are not copied: they
 * must outlive the map. A zeroed pm_strmap is empty. */
typedef struct pm_strmap_slot pm_strmap_slot;
typedef struct {
	pm_strmap_slot *slots;
	size_t cap, count;
	size_t seed;
} pm_strmap;

/* The number stored under the len bytes at s, or -1 after storing value
 * (>= 0) under them. */
long pm_strmap_put(pm_strmap *map, const char *s, size_t len, long value);
/* The number stored under s, or -1. */
long pm_strmap_get(const pm_strmap *map, const char *s, size_t len);
void pm_strmap_clear(pm_strmap *map);

#endif
