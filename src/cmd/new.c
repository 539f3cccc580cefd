/* postmortem new: a new document from the template of its language. */
#include <errno.h>
#include <getopt.h>
#include <git2.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "postmortem/check.h"
#include "postmortem/newfile.h"
#include "postmortem/out.h"
#include "postmortem/path.h"
#include "postmortem/ptime.h"
#include "postmortem/slug.h"
#include "postmortem/template.h"
#include "postmortem/text.h"

const char cmd_new_usage[] =
	"usage: postmortem new TITLE [--date YYYY-MM-DD] [--severity S] [--lang L]\n"
	"                      [--author A]... [--no-edit | --edit] [--commit]\n"
	"\n"
	"Writes a new postmortem, DIR/YYYY-MM-DD-SLUG.md, from the template of its\n"
	"language (the repository's DIR/templates/LANG.md, else the built-in one),\n"
	"never replacing a file, and prints its path. When stdin and stdout are\n"
	"terminals, it then opens the document in $VISUAL, $EDITOR or vi, and\n"
	"prints its diagnostics on stderr once the editor exits.\n"
	"\n"
	"  --date DATE     the day the incident started (default: today)\n"
	"  --severity S    one of the configured severities (default: the last)\n"
	"  --lang L        the language of the template (default: default_lang)\n"
	"  --author A      an author; repeat it for more (default: git's user.name,\n"
	"                  else $USER)\n"
	"  --no-edit       do not open the editor\n"
	"  --edit          open the editor even when not on a terminal\n"
	"  --commit        then commit the document alone (postmortem: add ID), as\n"
	"                  `postmortem commit` does; its short id follows the path\n"
	"\n"
	"Exit status: 0 written; 1 written, but the document has validation\n"
	"errors; 2 usage, configuration, I/O or git error.\n";

typedef struct {
	const char *title;
	char date[11];
	const char *severity;
	const char *lang;
	pm_strlist authors;
	int edit; /* -1: when on a terminal */
	bool commit;
} new_options;

/* git's user.name, read through libgit2 (every configuration level). */
static char *git_user_name(git_repository *repo)
{
	git_config *cfg = NULL;
	const char *name = NULL;
	char *out = NULL;
	if (git_repository_config_snapshot(&cfg, repo) == 0 &&
	    git_config_get_string(&name, cfg, "user.name") == 0 && name && !pm_is_blank(name, strlen(name)))
		out = pm_xstrdup(name);
	git_config_free(cfg);
	return out;
}

/* The file names of every document of the repository. */
static void taken_names(pm_workspace *ws, pm_strlist *out)
{
	pm_strlist all = {0};
	char *failed = NULL;
	if (pm_worktree_list(&all, ws->root, ws->cfg.directory, ws->exclude, &failed) == 0)
		for (size_t i = 0; i < all.count; i++) {
			const char *base = strrchr(all.items[i], '/');
			pm_strlist_add(out, base ? base + 1 : all.items[i]);
		}
	free(failed);
	pm_strlist_clear(&all);
}

static int check_text(const char *what, const char *value)
{
	size_t len = strlen(value);
	if (pm_is_blank(value, len))
		return pm_fail("new", "the %s is empty", what);
	if (!pm_utf8_valid(value, len, NULL))
		return pm_fail("new", "the %s is not valid UTF-8", what);
	return 0;
}

static int parse_options(new_options *o, int argc, char **argv, const pm_config *cfg)
{
	static const struct option options[] = {
		{"date", required_argument, NULL, 'd'},
		{"severity", required_argument, NULL, 's'},
		{"lang", required_argument, NULL, 'l'},
		{"author", required_argument, NULL, 'a'},
		{"no-edit", no_argument, NULL, 'n'},
		{"edit", no_argument, NULL, 'e'},
		{"commit", no_argument, NULL, 'c'},
		{NULL, 0, NULL, 0},
	};
	int opt;
	pm_date date;
	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			if (!pm_date_parse(optarg, strlen(optarg), &date))
				return pm_fail("--date", "'%s' is not a calendar day written YYYY-MM-DD", optarg);
			pm_date_format(date, o->date);
			break;
		case 's':
			if (!pm_strlist_has(&cfg->severities, optarg)) {
				pm_buf known = {0};
				int status;
				for (size_t i = 0; i < cfg->severities.count; i++)
					pm_buf_printf(&known, "%s%s", i ? ", " : "", cfg->severities.items[i]);
				status = pm_fail("--severity", "'%s' is not one of the severities: %s", optarg,
						 known.data ? known.data : "");
				pm_buf_free(&known);
				return status;
			}
			o->severity = optarg;
			break;
		case 'l':
			o->lang = optarg;
			break;
		case 'a':
			if (check_text("author", optarg))
				return PM_EXIT_FAILURE;
			pm_strlist_add(&o->authors, optarg);
			break;
		case 'n':
			o->edit = 0;
			break;
		case 'e':
			o->edit = 1;
			break;
		case 'c':
			o->commit = true;
			break;
		case ':':
			return pm_fail("new", "option '%s' needs a value", argv[optind - 1]);
		default:
			return pm_unknown_option("new", argv, cmd_new_usage);
		}
	}
	if (optind >= argc)
		return pm_fail("new", "no title: postmortem new \"What happened\"");
	if (optind + 1 < argc)
		return pm_fail("new", "one title, in quotes: postmortem new \"%s %s\"", argv[optind],
			       argv[optind + 1]);
	o->title = argv[optind];
	return check_text("title", o->title);
}

/* Values that were not given: today, the last severity, the default
 * language, git's user.name. */
static int fill_defaults(new_options *o, const pm_workspace *ws)
{
	if (!o->date[0]) {
		time_t now = time(NULL);
		struct tm local;
		if (!localtime_r(&now, &local))
			return pm_fail("new", "cannot read the clock");
		strftime(o->date, sizeof(o->date), "%Y-%m-%d", &local);
	}
	if (!o->severity)
		o->severity = ws->cfg.severities.items[ws->cfg.severities.count - 1];
	if (!o->lang)
		o->lang = ws->cfg.default_lang;
	if (o->authors.count == 0) {
		char *name = git_user_name(ws->repo);
		const char *user = getenv("USER");
		if (name)
			pm_strlist_add_owned(&o->authors, name);
		else if (user && *user && pm_utf8_valid(user, strlen(user), NULL))
			pm_strlist_add(&o->authors, user);
		else
			return pm_fail("new", "no author: give --author NAME, or set git's user.name");
	}
	return 0;
}

static int unknown_language(const pm_workspace *ws, const char *lang)
{
	pm_strlist langs = {0};
	pm_buf known = {0};
	int status;
	pm_template_langs(&langs, ws->root, ws->cfg.directory);
	for (size_t i = 0; i < langs.count; i++)
		pm_buf_printf(&known, "%s%s", i ? ", " : "", langs.items[i]);
	status = pm_fail("--lang", "no template for the language '%s'; known: %s", lang,
			 known.data ? known.data : "none");
	pm_buf_free(&known);
	pm_strlist_clear(&langs);
	return status;
}

/* Runs the editor as git does: sh -c '<editor> "$@"' <editor> FILE, so
 * that $EDITOR may hold options, while the file name is an argument that
 * no shell reads. Returns 0, or -1 with *why. */
static int run_editor(const char *path, char **why)
{
	const char *editor = getenv("VISUAL");
	struct sigaction ignore, old_int, old_quit;
	char *script;
	pid_t pid;
	int status = 0;

	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	script = pm_xasprintf("%s \"$@\"", editor);
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid < 0) {
		*why = pm_xasprintf("cannot start the editor: %s", strerror(errno));
		free(script);
		return -1;
	}
	if (pid == 0) {
		execl("/bin/sh", "sh", "-c", script, editor, path, (char *)NULL);
		_exit(127);
	}
	/* ^C goes to the editor, not to us (as git does). */
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	free(script);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	*why = WIFEXITED(status) ? pm_xasprintf("the editor '%s' failed (exit status %d)", editor,
						 WEXITSTATUS(status))
				 : pm_xasprintf("the editor '%s' was killed by signal %d", editor,
						 WIFSIGNALED(status) ? WTERMSIG(status) : 0);
	return -1;
}

/* The document as validate sees it, with the repository's ids for the
 * cross-document rules. Returns the number of errors, or -1 when the
 * report cannot be written. */
static long check_document(const pm_workspace *ws, const char *abs, const char *root_rel,
			   const char *shown, bool everything)
{
	pm_strlist all = {0};
	pm_idset ids = {0};
	pm_diags diags = {0};
	char *buf = NULL, *failed = NULL;
	size_t len = 0;
	char why[256];
	long errors;
	if (pm_worktree_list(&all, ws->root, ws->cfg.directory, ws->exclude, &failed) != 0)
		free(failed); /* the rules still run, without those ids */
	for (size_t i = 0; i < all.count; i++)
		pm_idset_add(&ids, all.items[i]);
	if (!pm_strlist_has(&all, root_rel))
		pm_idset_add(&ids, root_rel);
	pm_idset_finish(&ids);
	if (pm_read_document(abs, &buf, &len, why, sizeof(why)) != 0)
		pm_diags_add(&diags, shown, 1, 1, PM_ERROR, PM_RULE_FILE_INVALID, "%s", why);
	else
		pm_check_buffer(&ws->cfg, shown, buf, len, &ids, &diags);
	pm_diags_sort(&diags);
	errors = (long)pm_diags_count(&diags, PM_ERROR);
	/* A fresh draft has warnings (empty sections) by design: without the
	 * editor, only errors are worth a word. */
	if ((everything || errors) && pm_write_diags_text(stderr, &diags, 1, pm_use_color(stderr)) != 0)
		errors = -1;
	free(buf);
	pm_diags_clear(&diags);
	pm_idset_clear(&ids);
	pm_strlist_clear(&all);
	return errors;
}

int cmd_new(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status)
{
	new_options o = {.edit = -1};
	pm_template tmpl = {0};
	pm_template_values values;
	char *doc = NULL, *why = NULL, *slug = NULL, *stem = NULL, *name = NULL;
	char *root_rel = NULL, *abs = NULL, *shown = NULL;
	pm_strlist taken = {0};
	size_t doc_len = 0;
	int status, found, dirfd = -1;
	bool edit;
	long errors;

	status = parse_options(&o, argc, argv, &ws->cfg);
	if (status)
		goto done;
	if (ws_status == PM_WS_BARE) {
		status = pm_fail("new", "this is a bare repository: postmortems need a working tree");
		goto done;
	}
	if (ws_status != PM_WS_OK) {
		status = pm_fail("new", "not in a git repository: postmortems live in one (git init, "
					"then postmortem init)");
		goto done;
	}
	if ((status = fill_defaults(&o, ws)) != 0)
		goto done;

	found = pm_template_find(&tmpl, ws->root, ws->cfg.directory, o.lang, &why);
	if (found != 0) {
		status = found < 0 ? pm_fail("new", "%s", why) : unknown_language(ws, o.lang);
		goto done;
	}
	values.title = o.title;
	values.date = o.date;
	values.status = ws->cfg.statuses.items[0];
	values.severity = o.severity;
	values.lang = o.lang;
	values.authors = &o.authors;
	if (pm_template_fill(&doc, &doc_len, tmpl.text, tmpl.len, &values, &why) != 0) {
		status = pm_fail(tmpl.origin, "%s", why);
		goto done;
	}

	dirfd = pm_dir_open_inside(ws->root, ws->cfg.directory, true, &why);
	if (dirfd < 0) {
		status = pm_fail(ws->cfg.directory, "%s", why);
		goto done;
	}
	slug = pm_slug(o.title, strlen(o.title));
	stem = pm_xasprintf("%s-%s", o.date, slug);
	/* An id is a file name: one that a document in another folder has is
	 * taken too, or both would be id-duplicate. */
	taken_names(ws, &taken);
	if (pm_newfile_create_unique(dirfd, stem, ".md", doc, doc_len, &taken, &name, &why) != 0) {
		status = pm_fail(ws->cfg.directory, "%s", why);
		goto done;
	}
	root_rel = pm_path_join(ws->cfg.directory, name);
	abs = pm_xasprintf("%s/%s", ws->root, root_rel);
	shown = pm_path_relative(ws->cwd, abs);
	/* The path first, alone on stdout, so that scripts can take it. */
	printf("%s\n", shown);
	if (fflush(stdout) != 0) {
		status = pm_fail("new", "cannot write the path: %s", strerror(errno));
		goto done;
	}

	edit = o.edit == -1 ? isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) : o.edit == 1;
	if (edit && run_editor(shown, &why) != 0) {
		status = pm_fail("new", "%s; the document is kept at %s", why, shown);
		goto done;
	}
	errors = check_document(ws, abs, root_rel, shown, edit);
	if (errors < 0)
		status = pm_fail("new", "cannot write the diagnostics: %s", strerror(errno));
	else
		status = errors ? PM_EXIT_PROBLEMS : PM_EXIT_OK;
	/* Only a document without errors is committed (as commit would
	 * refuse it anyway); its short id follows the path on stdout. */
	if (status == PM_EXIT_OK && o.commit) {
		pm_strlist paths = {0};
		pm_strlist_add(&paths, root_rel);
		status = pm_commit_and_report(ws, &paths, NULL);
		pm_strlist_clear(&paths);
	}

done:
	if (dirfd >= 0)
		close(dirfd);
	pm_template_free(&tmpl);
	pm_strlist_clear(&o.authors);
	pm_strlist_clear(&taken);
	free(doc);
	free(why);
	free(slug);
	free(stem);
	free(name);
	free(root_rel);
	free(abs);
	free(shown);
	return status;
}
