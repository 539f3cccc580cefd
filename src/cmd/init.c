/* postmortem init: the configuration and the folder, never overwriting. */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cmd.h"
#include "postmortem/diag.h"
#include "postmortem/newfile.h"
#include "postmortem/path.h"
#include "postmortem/template.h"

const char cmd_init_usage[] =
	"usage: postmortem init [--dir DIR] [--lang LANG] [--hook]\n"
	"\n"
	"Writes .postmortem.yml at the top of the work tree, with every key and\n"
	"its default, and makes the folder of postmortems with a README for the\n"
	"team. What exists already is left as it is: running it again is safe.\n"
	"\n"
	"  --dir DIR     the folder of postmortems (default: postmortems)\n"
	"  --lang LANG   the language of new documents and of the README: en, de,\n"
	"                fr, it, es, ja, or one of DIR/templates/ (default: en)\n"
	"  --hook        also install the pre-commit hook (postmortem hook install)\n"
	"\n"
	"Exit status: 0 done, 2 usage, configuration, I/O or git error.\n";

/* The commented configuration: every key with its value, the lists from
 * the built-in defaults so that the file and the program agree. */
static char *config_text(const pm_config *defaults, const char *dir, const char *lang)
{
	char *dir_y = pm_yaml_scalar(dir);
	char *lang_y = pm_yaml_scalar(lang);
	char *sev_y = pm_yaml_flow_list(&defaults->severities);
	char *status_y = pm_yaml_flow_list(&defaults->statuses);
	char *types_y = pm_yaml_flow_list(&defaults->action_types);
	char *exclude_y = pm_yaml_flow_list(&defaults->exclude);
	char *text = NULL;
	if (dir_y && lang_y && sev_y && status_y && types_y && exclude_y)
		text = pm_xasprintf(
			"# The configuration of postmortem. Every key is optional; the values\n"
			"# below are the defaults, written out to be seen and changed.\n"
			"\n"
			"# The folder of postmortems, relative to the top of the repository.\n"
			"directory: %s\n"
			"\n"
			"# The language of new documents (postmortem new --lang chooses another):\n"
			"# en, de, fr, it, es, ja, or any language of a template in the folder's\n"
			"# templates/ (templates/pt.md).\n"
			"default_lang: %s\n"
			"\n"
			"# The severities, most severe first. postmortem new uses the last one\n"
			"# unless --severity says otherwise.\n"
			"severities: %s\n"
			"\n"
			"# The statuses, in order. The first is the draft status: in a draft,\n"
			"# empty sections and missing failure categories are only warnings.\n"
			"statuses: %s\n"
			"\n"
			"# The types an action item may have (- type: ...).\n"
			"action_types: %s\n"
			"\n"
			"# Files in the folder that are not postmortems, matched as .gitignore\n"
			"# matches. Keep README.md here, or validate checks the folder's README.\n"
			"exclude: %s\n"
			"\n"
			"# The failure categories: the ### headings under Failures. The built-in\n"
			"# ones are technical, procedural, manual, process, communication and\n"
			"# attack-vector, with titles in six languages. A list here replaces them:\n"
			"# categories:\n"
			"#   - key: technical\n"
			"#     titles: {en: Technical lapses, de: Technische Fehler}\n"
			"#   - key: security\n"
			"#     titles: {en: Security failures, de: Sicherheitsfehler}\n"
			"\n"
			"# A list of sections adds sections, or changes which of the built-in ones\n"
			"# are required: always, full (when customer_impact or data_breach is\n"
			"# true) or no.\n"
			"# sections:\n"
			"#   - key: customer-communication\n"
			"#     titles: {en: Customer communication, de: Kundenkommunikation}\n"
			"#     required: full\n",
			dir_y, lang_y, sev_y, status_y, types_y, exclude_y);
	free(dir_y);
	free(lang_y);
	free(sev_y);
	free(status_y);
	free(types_y);
	free(exclude_y);
	return text;
}

/* "created PATH" or "exists PATH", the path from the current directory. */
static void report(const pm_workspace *ws, const char *rel_from_root, bool created, bool is_dir)
{
	char *abs = strcmp(rel_from_root, ".") == 0 ? pm_xstrdup(ws->root)
						     : pm_xasprintf("%s/%s", ws->root, rel_from_root);
	char *shown = pm_path_relative(ws->cwd, abs);
	char *safe = pm_sanitize(shown, strlen(shown));
	printf("%-7s %s%s\n", created ? "created" : "exists", safe, is_dir ? "/" : "");
	free(safe);
	free(shown);
	free(abs);
}

static bool exists(const pm_workspace *ws, const char *rel_from_root)
{
	struct stat st;
	char *abs = pm_xasprintf("%s/%s", ws->root, rel_from_root);
	bool found = lstat(abs, &st) == 0;
	free(abs);
	return found;
}

/* Writes one file under dirfd unless it is there. Returns 0 or an exit status. */
static int create_file(const pm_workspace *ws, int dirfd, const char *dir, const char *name,
		       const char *text)
{
	char *why = NULL;
	char *rel = pm_path_join(dir, name);
	int rc = pm_newfile_create(dirfd, name, text, strlen(text), &why);
	if (rc < 0) {
		int status = pm_fail(rel, "%s", why);
		free(why);
		free(rel);
		return status;
	}
	report(ws, rel, rc == 0, false);
	free(rel);
	return 0;
}

int cmd_init(int argc, char **argv, pm_workspace *ws, pm_ws_status ws_status)
{
	static const struct option options[] = {
		{"dir", required_argument, NULL, 'd'},
		{"lang", required_argument, NULL, 'l'},
		{"hook", no_argument, NULL, 'H'},
		{NULL, 0, NULL, 0},
	};
	const char *opt_dir = NULL, *opt_lang = NULL;
	bool have_config, hook = false;
	pm_config defaults, chosen;
	pm_config_error err;
	pm_strlist langs = {0};
	const pm_embedded_file *readme;
	char *text = NULL, *why = NULL;
	int opt, status = PM_EXIT_OK, rootfd = -1, dirfd = -1;
	bool dir_existed;

	optind = 0;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":", options, NULL)) != -1) {
		switch (opt) {
		case 'd':
			opt_dir = optarg;
			break;
		case 'l':
			opt_lang = optarg;
			break;
		case 'H':
			hook = true;
			break;
		case ':':
			return pm_fail("init", "option '%s' needs a value", argv[optind - 1]);
		default:
			return pm_unknown_option("init", argv, cmd_init_usage);
		}
	}
	if (optind < argc)
		return pm_fail("init", "unexpected argument '%s'", argv[optind]);
	if (ws_status == PM_WS_BARE)
		return pm_fail("init", "this is a bare repository: postmortems need a working tree");
	if (ws_status != PM_WS_OK)
		return pm_fail("init", "not in a git repository: run 'git init' first");

	pm_config_init(&defaults);
	pm_config_init(&chosen);
	have_config = exists(ws, PM_CONFIG_FILE);

	/* The values to write, checked as the configuration will be read. */
	text = config_text(&defaults, opt_dir ? opt_dir : ws->cfg.directory,
			   opt_lang ? opt_lang : ws->cfg.default_lang);
	if (!text) {
		status = pm_fail("init", "--dir and --lang must be UTF-8 text");
		goto done;
	}
	if (pm_config_load(&chosen, text, strlen(text), &err) != 0) {
		status = pm_fail("init", "%s", err.message);
		goto done;
	}
	/* Written as it is read: "./docs/" is "docs". */
	free(text);
	text = config_text(&defaults, chosen.directory, chosen.default_lang);
	pm_template_langs(&langs, ws->root, chosen.directory);
	if (!pm_strlist_has(&langs, chosen.default_lang)) {
		pm_template tmpl;
		int found = pm_template_find(&tmpl, ws->root, chosen.directory, chosen.default_lang, &why);
		pm_template_free(&tmpl);
		if (found != 0) {
			pm_buf known = {0};
			for (size_t i = 0; i < langs.count; i++)
				pm_buf_printf(&known, "%s%s", i ? ", " : "", langs.items[i]);
			status = found < 0 ? pm_fail("--lang", "%s", why)
					   : pm_fail("--lang", "no template for the language '%s'; known: %s",
						     chosen.default_lang, known.data);
			pm_buf_free(&known);
			goto done;
		}
	}
	/* An existing configuration rules: init does not quietly do
	 * something other than what it says. */
	if (have_config && opt_dir && strcmp(chosen.directory, ws->cfg.directory) != 0) {
		status = pm_fail("--dir", "%s already sets the directory to '%s'; change it there",
				 PM_CONFIG_FILE, ws->cfg.directory);
		goto done;
	}
	if (have_config && opt_lang && strcmp(chosen.default_lang, ws->cfg.default_lang) != 0) {
		status = pm_fail("--lang", "%s already sets default_lang to '%s'; change it there",
				 PM_CONFIG_FILE, ws->cfg.default_lang);
		goto done;
	}

	rootfd = pm_dir_open_inside(ws->root, ".", false, &why);
	if (rootfd < 0) {
		status = pm_fail("init", "%s", why);
		goto done;
	}
	if (have_config)
		report(ws, PM_CONFIG_FILE, false, false);
	else if ((status = create_file(ws, rootfd, ".", PM_CONFIG_FILE, text)) != 0)
		goto done;

	dir_existed = exists(ws, chosen.directory);
	dirfd = pm_dir_open_inside(ws->root, chosen.directory, true, &why);
	if (dirfd < 0) {
		status = pm_fail(chosen.directory, "%s", why);
		goto done;
	}
	if (strcmp(chosen.directory, ".") != 0)
		report(ws, chosen.directory, !dir_existed, true);

	/* With the postmortems at the top of the work tree, a README of ours
	 * would pose as the repository's own: then there is none. */
	if (strcmp(chosen.directory, ".") == 0)
		goto done;
	/* A README that the exclude globs do not skip would be checked as a
	 * postmortem and fail: then there is none either. */
	if (have_config && !pm_exclude_matches(ws->exclude, "README.md", false)) {
		fprintf(stderr, "postmortem: init: no README.md written: 'exclude' in %s does not "
				"list it, so validate would check it as a postmortem\n",
			PM_CONFIG_FILE);
		goto done;
	}
	readme = pm_embedded_readme(chosen.default_lang);
	status = create_file(ws, dirfd, chosen.directory, "README.md", readme->data);

done:
	if (status == PM_EXIT_OK && hook)
		status = pm_install_hook(ws, false);
	if (rootfd >= 0)
		close(rootfd);
	if (dirfd >= 0)
		close(dirfd);
	free(text);
	free(why);
	pm_strlist_clear(&langs);
	pm_config_free(&defaults);
	pm_config_free(&chosen);
	return status;
}
