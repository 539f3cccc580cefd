/* libFuzzer: any bytes as a document, through parsing and every rule,
 * with the default configuration and with a configuration of its own. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "postmortem/check.h"
#include "postmortem/config.h"
#include "postmortem/out.h"
#include "postmortem/rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pm_config cfg;
	pm_idset ids = {0};
	pm_diags diags = {0};
	FILE *sink = fopen("/dev/null", "w");
	pm_config_init(&cfg);
	pm_idset_add(&ids, "postmortems/2026-11-20-fuzz.md");
	pm_idset_add(&ids, "postmortems/2026-11-01-other.md");
	pm_idset_finish(&ids);
	pm_check_buffer(&cfg, "postmortems/2026-11-20-fuzz.md", (const char *)data, size, &ids, &diags);
	pm_diags_sort(&diags);
	/* The writers too: every message must be printable and valid JSON. */
	if (sink) {
		pm_write_diags_text(sink, &diags, 1, true);
		pm_write_diags_json(sink, &diags, 1);
		pm_write_diags_github(sink, &diags, 1);
		fclose(sink);
	}
	for (size_t i = 0; i < diags.count; i++) {
		/* Positions are always real places. */
		if (diags.items[i].line < 1 || diags.items[i].column < 1)
			__builtin_trap();
	}
	pm_diags_clear(&diags);
	pm_idset_clear(&ids);
	pm_config_free(&cfg);
	return 0;
}
