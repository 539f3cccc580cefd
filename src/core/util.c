#include "postmortem/util.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static void out_of_memory(void)
{
	/* Only place the core writes to the terminal: there is no way back. */
	fputs("postmortem: out of memory\n", stderr);
	abort();
}

void *pm_xmalloc(size_t size)
{
	void *p = malloc(size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *pm_xcalloc(size_t count, size_t size)
{
	void *p = calloc(count ? count : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *pm_xrealloc(void *ptr, size_t size)
{
	void *p = realloc(ptr, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

char *pm_xstrdup(const char *s)
{
	return pm_xstrndup(s, strlen(s));
}

char *pm_xstrndup(const char *s, size_t len)
{
	char *p = pm_xmalloc(len + 1);
	memcpy(p, s, len);
	p[len] = '\0';
	return p;
}

char *pm_xasprintf(const char *fmt, ...)
{
	pm_buf buf = {0};
	va_list ap;
	va_start(ap, fmt);
	pm_buf_vprintf(&buf, fmt, ap);
	va_end(ap);
	return pm_buf_detach(&buf);
}

void pm_grow(void *items_ptr, size_t *cap, size_t need, size_t size)
{
	void **items = items_ptr;
	size_t n;
	if (need <= *cap)
		return;
	n = *cap ? *cap : 8;
	while (n < need)
		n *= 2;
	*items = pm_xrealloc(*items, n * size);
	*cap = n;
}

void pm_buf_add(pm_buf *buf, const char *data, size_t len)
{
	pm_grow(&buf->data, &buf->cap, buf->len + len + 1, 1);
	if (len)
		memcpy(buf->data + buf->len, data, len);
	buf->len += len;
	buf->data[buf->len] = '\0';
}

void pm_buf_adds(pm_buf *buf, const char *s)
{
	pm_buf_add(buf, s, strlen(s));
}

void pm_buf_addc(pm_buf *buf, char c)
{
	pm_buf_add(buf, &c, 1);
}

void pm_buf_vprintf(pm_buf *buf, const char *fmt, va_list ap)
{
	va_list copy;
	int n;
	va_copy(copy, ap);
	n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return;
	pm_grow(&buf->data, &buf->cap, buf->len + (size_t)n + 1, 1);
	vsnprintf(buf->data + buf->len, (size_t)n + 1, fmt, ap);
	buf->len += (size_t)n;
}

void pm_buf_printf(pm_buf *buf, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	pm_buf_vprintf(buf, fmt, ap);
	va_end(ap);
}

char *pm_buf_detach(pm_buf *buf)
{
	char *p = buf->data ? buf->data : pm_xstrdup("");
	buf->data = NULL;
	buf->len = buf->cap = 0;
	return p;
}

void pm_buf_free(pm_buf *buf)
{
	free(buf->data);
	buf->data = NULL;
	buf->len = buf->cap = 0;
}

void pm_strlist_add_owned(pm_strlist *list, char *s)
{
	pm_grow(&list->items, &list->cap, list->count + 1, sizeof(*list->items));
	list->items[list->count++] = s;
}

void pm_strlist_add(pm_strlist *list, const char *s)
{
	pm_strlist_add_owned(list, pm_xstrdup(s));
}

bool pm_strlist_has(const pm_strlist *list, const char *s)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcmp(list->items[i], s) == 0)
			return true;
	return false;
}

long pm_strlist_find_icase(const pm_strlist *list, const char *s)
{
	for (size_t i = 0; i < list->count; i++)
		if (strcasecmp(list->items[i], s) == 0)
			return (long)i;
	return -1;
}

void pm_strlist_clear(pm_strlist *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = list->cap = 0;
}

struct pm_strmap_slot {
	const char *s; /* NULL: a free slot */
	size_t len;
	size_t hash;
	long value;
};

/* FNV-1a, then a final mix (from MurmurHash3) so that the low bits, which
 * pick the slot, depend on every byte. The seed differs from run to run
 * (the addresses of the heap and the stack move), so that no file can be
 * crafted whose keys all fall into one slot. */
static size_t strmap_hash(size_t seed, const char *s, size_t len)
{
	uint64_t h = 14695981039346656037ULL ^ (uint64_t)seed;
	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 1099511628211ULL;
	}
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return (size_t)h;
}

static pm_strmap_slot *strmap_find(const pm_strmap *map, const char *s, size_t len, size_t hash)
{
	size_t mask = map->cap - 1;
	for (size_t i = hash & mask;; i = (i + 1) & mask) {
		pm_strmap_slot *slot = &map->slots[i];
		if (!slot->s || (slot->hash == hash && slot->len == len && memcmp(slot->s, s, len) == 0))
			return slot;
	}
}

long pm_strmap_get(const pm_strmap *map, const char *s, size_t len)
{
	const pm_strmap_slot *slot;
	if (!map->cap)
		return -1;
	slot = strmap_find(map, s, len, strmap_hash(map->seed, s, len));
	return slot->s ? slot->value : -1;
}

long pm_strmap_put(pm_strmap *map, const char *s, size_t len, long value)
{
	pm_strmap_slot *slot;
	size_t hash;
	int here;
	/* At most half full, so that probing stays short. */
	if ((map->count + 1) * 2 > map->cap) {
		pm_strmap old = *map;
		map->cap = old.cap ? old.cap * 2 : 16;
		map->slots = pm_xcalloc(map->cap, sizeof(*map->slots));
		if (!old.cap)
			map->seed = (size_t)(uintptr_t)map->slots ^ ((size_t)(uintptr_t)&here << 16);
		for (size_t i = 0; i < old.cap; i++)
			if (old.slots[i].s)
				*strmap_find(map, old.slots[i].s, old.slots[i].len, old.slots[i].hash) = old.slots[i];
		free(old.slots);
	}
	hash = strmap_hash(map->seed, s, len);
	slot = strmap_find(map, s, len, hash);
	if (slot->s)
		return slot->value;
	slot->s = s;
	slot->len = len;
	slot->hash = hash;
	slot->value = value;
	map->count++;
	return -1;
}

void pm_strmap_clear(pm_strmap *map)
{
	free(map->slots);
	memset(map, 0, sizeof(*map));
}
