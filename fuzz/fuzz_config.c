/* libFuzzer: any bytes as .postmortem.yml; when accepted, the resulting
 * configuration checks a fixed document without trouble. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "postmortem/check.h"
#include "postmortem/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char doc[] = "---\ntitle: x\ndate: 2026-11-20\nstatus: final\nseverity: SEV1\n"
			  "customer_impact: false\ndata_breach: false\nauthors: [a]\n"
			  "failure_categories: [technical]\n---\n## Summary\nx\n## Failures\n"
			  "### Technical lapses\nx\n## Action items\n- [ ] a\n  - owner: b\n";

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pm_config cfg;
	pm_config_error err;
	pm_diags diags = {0};
	pm_config_init(&cfg);
	if (pm_config_load(&cfg, (const char *)data, size, &err) == 0) {
		pm_check_buffer(&cfg, "x.md", doc, sizeof(doc) - 1, NULL, &diags);
		pm_diags_clear(&diags);
	} else if (err.line < 1 || err.column < 1 || memchr(err.message, '\0', sizeof(err.message)) == NULL) {
		__builtin_trap();
	}
	pm_config_free(&cfg);
	return 0;
}
