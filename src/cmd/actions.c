/* postmortem actions: every action item of every document, in one list. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cmd/cmd.h"
#include "cmd/gather.h"
#include "postmortem/atomic.h"
#include "postmortem/out.h"
#include "postmortem/rollup.h"
#include "postmortem/source.h"

const char cmd_actions_usage[] =
	"usage: postmortem actions [--status open|done|all] [--owner O] [--type T] [--severity S]\n"
	"                          [--overdue] [--due-before D] [--today D] [--rev REV | --staged]\n"
	"                          [--group-by none|owner|postmortem]\n"
	"                          [--format table|markdown|json|csv] [--output FILE [--check]]\n"
	"\n"
	"Lists the action items of every document, named DOCUMENT-ID#N: by default\n"
	"the open ones, by due date (items without one last), then by id.\n"
	"\n"
	"  --status S        open (default), done or all\n"
	"  --owner O         items of this owner ('@alice' or 'alice', any case)\n"
	"  --type T          items of this type\n"
	"  --severity S      items of documents of this severity\n"
	"                    (--owner, --type and --severity may be repeated: any matches)\n"
	"  --overdue         open items due before today\n"
	"  --due-before D    items due before the day D (YYYY-MM-DD)\n"
	"  --today D         the day that decides what is overdue (default: today)\n"
	"  --rev REV         the documents of a revision, without a checkout\n"
	"  --staged          the documents as the index holds them\n"
	"  --group-by G      none (default), owner or postmortem\n"
	"  --format F        table (default), markdown, json or csv\n"
	"  --output FILE     write to FILE, atomically, instead of standard output\n"
	"  --check           with --output: write nothing; exit 1 if FILE is not what\n"
	"                    would be written\n"
	"\n"
	"Exit status: 0 success, 1 a document could not be read (the others are\n"
	"listed) or --check found FILE out of date, 2 usage, configuration, I/O or\n"
	"git error.\n";

enum format { FORMAT_TABLE, FORMAT_MARKDOWN, FORMAT_JSON, FORMAT_CSV };

enum {
	OPT_STATUS = 0x200,
	OPT_OWNER,
	OPT_TYPE,
	OPT_SEVERITY,
	OPT_OVERDUE,
	OPT_DUE_BEFORE,
	OPT_GROUP_BY,
	OPT_FORMAT,
	OPT_OUTPUT,
	OPT_CHECK
};

static int write_items(FILE *out, enum format format, const pm_rollup *r, pm_group_by group,
		       const gather_opts *g, size_t width, bool color)
{
	switch (format) {
	case FORMAT_MARKDOWN:
		return pm_write_items_markdown(out, r->items, r->count, group, g->has_today ? &g->today : NULL);
	case FORMAT_JSON:
		return pm_write_items_json(out, r->items, r->count);
	case FORMAT_CSV:
		return pm_write_items_csv(out, r->items, r->count);
	default:
		return pm_write_items_table(out, r->items, r->count, group, width, color);
	}
}

/* --output: writes (or with --check compares) what stdout would get. */
static int write_file(const char *path, bool check, const char *data, size_t len)
{
	char *old = NULL, *why = NULL, *shown;
	size_t old_len = 0;
	int status = PM_EXIT_OK;
	if (!check) {
		/* The user named this path, so links on it are followed, the
		 * last one too, as the shell's > would: the file it points to
		 * is replaced and the link stays a link. */
		struct stat st;
		char *target = NULL;
		if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode) && !(target = realpath(path, NULL)))
			return pm_fail(path, "cannot follow the symbolic link: %s", strerror(errno));
		if (pm_write_atomic(target ? target : path, data, len, -1, &why) != 0)
			status = pm_fail(path, "%s", why);
		free(target);
		free(why);
		return status;
	}
	if (pm_read_file(path, PM_MAX_FILE_SIZE, &old, &old_len) != 0 && errno != ENOENT)
		return pm_fail(path, "cannot read: %s", errno == EINVAL ? "not a regular file" : strerror(errno));
	shown = pm_sanitize(path, strlen(path));
	if (!old) {
		fprintf(stderr, "postmortem: %s: missing; run the command without --check to write it\n", shown);
		status = PM_EXIT_PROBLEMS;
	} else if (old_len != len || memcmp(old, data, len) != 0) {
		fprintf(stderr, "postmortem: %s: out of date; run the command without --check to update it\n",
			shown);
		status = PM_EXIT_PROBLEMS;
	}
	free(shown);
	free(old);
	return status;
}

int cmd_actions(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status)
{
	static const struct option options[] = {
		{"status", required_argument, NULL, OPT_STATUS},
		{"owner", required_argument, NULL, OPT_OWNER},
		{"type", required_argument, NULL, OPT_TYPE},
		{"severity", required_argument, NULL, OPT_SEVERITY},
		{"overdue", no_argument, NULL, OPT_OVERDUE},
		{"due-before", required_argument, NULL, OPT_DUE_BEFORE},
		{"group-by", required_argument, NULL, OPT_GROUP_BY},
		{"format", required_argument, NULL, OPT_FORMAT},
		{"output", required_argument, NULL, OPT_OUTPUT},
		{"check", no_argument, NULL, OPT_CHECK},
		GATHER_OPTIONS,
		{NULL, 0, NULL, 0},
	};
	static const char *const statuses[] = {"open", "done", "all", NULL};
	static const char *const groups[] = {"none", "owner", "postmortem", NULL};
	static const char *const formats[] = {"table", "markdown", "json", "csv", NULL};
	pm_item_filter filter;
	gather_opts g;
	pm_rollup r = {0};
	pm_group_by group = PM_GROUP_NONE;
	enum format format = FORMAT_TABLE;
	const char *output = NULL;
	bool check = false;
	int opt, status = PM_EXIT_OK, rc, choice;
	char *data = NULL;
	size_t len = 0;
	FILE *out;

	memset(&filter, 0, sizeof(filter));
	gather_init(&g);
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case OPT_STATUS:
			if ((choice = gather_choice(optarg, statuses)) < 0) {
				status = pm_fail("actions", "--status takes open, done or all, not '%s'", optarg);
				goto done;
			}
			filter.status = (pm_want)choice;
			break;
		case OPT_OWNER:
			pm_strlist_add(&filter.owners, optarg);
			break;
		case OPT_TYPE:
			if ((status = gather_known("actions", "--type", optarg, &ws->cfg.action_types)))
				goto done;
			pm_strlist_add(&filter.types, optarg);
			break;
		case OPT_SEVERITY:
			if ((status = gather_known("actions", "--severity", optarg, &ws->cfg.severities)))
				goto done;
			pm_strlist_add(&filter.severities, optarg);
			break;
		case OPT_OVERDUE:
			filter.overdue = true;
			break;
		case OPT_DUE_BEFORE:
			filter.has_due_before = true;
			if ((status = gather_date("actions", "--due-before", optarg, &filter.due_before)))
				goto done;
			break;
		case OPT_GROUP_BY:
			if ((choice = gather_choice(optarg, groups)) < 0) {
				status = pm_fail("actions", "--group-by takes none, owner or postmortem, not '%s'", optarg);
				goto done;
			}
			group = (pm_group_by)choice;
			break;
		case OPT_FORMAT:
			if ((choice = gather_choice(optarg, formats)) < 0) {
				status = pm_fail("actions", "unknown format '%s' (table, markdown, json or csv)", optarg);
				goto done;
			}
			format = (enum format)choice;
			break;
		case OPT_OUTPUT:
			output = optarg;
			break;
		case OPT_CHECK:
			check = true;
			break;
		default:
			if ((status = gather_option(&g, "actions", cmd_actions_usage, opt, argv)))
				goto done;
			break;
		}
	}
	if ((status = gather_no_arguments("actions", argc, argv)))
		goto done;
	if (check && !output) {
		status = pm_fail("actions", "--check needs --output FILE: the file to compare");
		goto done;
	}
	status = gather_rollup(&r, ws, ws_status, &g, "actions");
	if (status == PM_EXIT_FAILURE)
		goto done;
	pm_rollup_filter(&r, &filter);
	pm_items_sort(r.items, r.count, group);

	/* A file gets the same bytes on every terminal: no colour, no cut. */
	out = output ? open_memstream(&data, &len) : stdout;
	if (!out) {
		status = pm_fail("actions", "cannot allocate the output: %s", strerror(errno));
		goto done;
	}
	rc = write_items(out, format, &r, group, &g, output ? 0 : gather_terminal_width(),
			 !output && pm_use_color(stdout));
	if (output && fclose(out) != 0)
		rc = -1;
	if (rc != 0) {
		status = pm_fail("actions", "cannot write the list: %s", strerror(errno ? errno : EIO));
		goto done;
	}
	if (output) {
		rc = write_file(output, check, data, len);
		if (rc > status)
			status = rc;
	}
done:
	free(data);
	pm_rollup_free(&r);
	pm_strlist_clear(&filter.owners);
	pm_strlist_clear(&filter.types);
	pm_strlist_clear(&filter.severities);
	return status;
}
