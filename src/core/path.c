#include "postmortem/path.h"

#include <string.h>

#include "postmortem/util.h"

/* Length of the first part of p (up to '/' or the end). */
static size_t part_len(const char *p)
{
	return strcspn(p, "/");
}

char *pm_path_relative(const char *from, const char *to)
{
	const char *f = from, *t = to;
	pm_buf out = {0};
	/* Skip the parts both share. */
	for (;;) {
		size_t fn, tn;
		while (*f == '/')
			f++;
		while (*t == '/')
			t++;
		fn = part_len(f);
		tn = part_len(t);
		if (fn == 0 || fn != tn || memcmp(f, t, fn) != 0)
			break;
		f += fn;
		t += tn;
	}
	/* One ".." for each part of from that is left. */
	while (*f) {
		size_t fn = part_len(f);
		if (fn)
			pm_buf_adds(&out, out.len ? "/.." : "..");
		f += fn;
		while (*f == '/')
			f++;
	}
	if (*t) {
		if (out.len)
			pm_buf_addc(&out, '/');
		pm_buf_adds(&out, t);
	}
	if (out.len == 0)
		pm_buf_addc(&out, '.');
	return pm_buf_detach(&out);
}

char *pm_path_join(const char *dir, const char *name)
{
	if (!*dir || strcmp(dir, ".") == 0)
		return pm_xstrdup(name);
	return pm_xasprintf("%s/%s", dir, name);
}
