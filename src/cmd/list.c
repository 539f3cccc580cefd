/* postmortem list: one row a document, newest first. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cmd.h"
#include "cmd/gather.h"
#include "postmortem/out.h"
#include "postmortem/rollup.h"

const char cmd_list_usage[] =
	"usage: postmortem list [--status S] [--format table|json|csv] [--today D]\n"
	"                       [--rev REV | --staged]\n"
	"\n"
	"Lists the documents, newest first (by date, then id): id, date, severity,\n"
	"status, title, and how many action items are open and overdue.\n"
	"\n"
	"  --status S     documents of this status (one of `statuses`; may be repeated)\n"
	"  --format F     table (default), json or csv\n"
	"  --today D      the day that decides what is overdue (default: today)\n"
	"  --rev REV      the documents of a revision, without a checkout\n"
	"  --staged       the documents as the index holds them\n"
	"\n"
	"Exit status: 0 success, 1 a document could not be read (the others are\n"
	"listed), 2 usage, configuration, I/O or git error.\n";

enum format { FORMAT_TABLE, FORMAT_JSON, FORMAT_CSV };
enum { OPT_STATUS = 0x200, OPT_FORMAT };

int cmd_list(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status)
{
	static const struct option options[] = {
		{"status", required_argument, NULL, OPT_STATUS},
		{"format", required_argument, NULL, OPT_FORMAT},
		GATHER_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	gather_opts g;
	pm_rollup r = {0};
	pm_strlist statuses = {0};
	enum format format = FORMAT_TABLE;
	static const char *const formats[] = {"table", "json", "csv", NULL};
	int opt, status = PM_EXIT_OK, rc, choice;

	gather_init(&g);
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case OPT_STATUS:
			if ((status = gather_known("list", "--status", optarg, &ws->cfg.statuses)))
				goto done;
			pm_strlist_add(&statuses, optarg);
			break;
		case OPT_FORMAT:
			if ((choice = gather_choice(optarg, formats)) < 0) {
				status = pm_fail("list", "unknown format '%s' (table, json or csv)", optarg);
				goto done;
			}
			format = (enum format)choice;
			break;
		default:
			if ((status = gather_option(&g, "list", cmd_list_usage, opt, argv)))
				goto done;
			break;
		}
	}
	if ((status = gather_no_arguments("list", argc, argv)))
		goto done;
	status = gather_rollup(&r, ws, ws_status, &g, "list");
	if (status == PM_EXIT_FAILURE)
		goto done;
	if (statuses.count)
		pm_docrows_filter(&r, &statuses);
	pm_docrows_sort(r.docs, r.ndocs);
	switch (format) {
	case FORMAT_JSON:
		rc = pm_write_docs_json(stdout, r.docs, r.ndocs);
		break;
	case FORMAT_CSV:
		rc = pm_write_docs_csv(stdout, r.docs, r.ndocs);
		break;
	default:
		rc = pm_write_docs_table(stdout, r.docs, r.ndocs, gather_terminal_width(), pm_use_color(stdout));
		break;
	}
	if (rc != 0)
		status = pm_fail("list", "cannot write the list: %s", strerror(errno ? errno : EIO));
done:
	pm_rollup_free(&r);
	pm_strlist_clear(&statuses);
	return status;
}
