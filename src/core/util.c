#include "postmortem/util.h"

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
