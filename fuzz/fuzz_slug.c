/* libFuzzer: any bytes as a title. Every slug keeps the promises of
 * contract section 2, whatever the title: only [a-z0-9-], no dash at
 * either end, no "--", so no "/", no "..", no leading '.' or '-'; at
 * most PM_SLUG_MAX bytes; never empty. A slug is its own slug, so
 * `new` names a document the same way when its title is the slug. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "postmortem/slug.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_slug(const char *slug)
{
	size_t n = strlen(slug);
	if (n == 0 || n > PM_SLUG_MAX)
		__builtin_trap();
	if (slug[0] == '-' || slug[0] == '.' || slug[n - 1] == '-' || slug[n - 1] == '.')
		__builtin_trap();
	if (strstr(slug, "--") || strstr(slug, "..") || strchr(slug, '/'))
		__builtin_trap();
	for (size_t i = 0; i < n; i++)
		if (!((slug[i] >= 'a' && slug[i] <= 'z') || (slug[i] >= '0' && slug[i] <= '9') || slug[i] == '-'))
			__builtin_trap();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* The title as its own allocation of exactly size bytes, so that
	 * a read past its end is an overflow the sanitizer sees. */
	char *title = malloc(size ? size : 1);
	char *slug, *again;
	if (size)
		memcpy(title, data, size);
	slug = pm_slug(title, size);
	check_slug(slug);
	again = pm_slug(slug, strlen(slug));
	if (strcmp(again, slug) != 0)
		__builtin_trap();
	free(again);
	free(slug);
	free(title);
	return 0;
}
