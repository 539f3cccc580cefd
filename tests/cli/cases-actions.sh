# shellcheck shell=bash disable=SC1010,SC2016,SC2034
# (`done` is a subcommand here, not the shell keyword; RC and OUT are
# read by run.sh's helpers; backquotes and dollars in single quotes are
# expected output and Python code.)
# End-to-end cases of `actions`, `list` and `done` (contract section 5),
# sourced by run.sh, whose helpers they use (t, pm, expect_rc, expect_out,
# write...). The authority is the contract, with README.md where it leaves
# a detail open (column layout, sort order of `list`, messages).

# Layouts depend on the terminal's width: each case that cares sets it.
unset COLUMNS

# rdoc FILE TITLE DATE SEVERITY STATUS <<EOF: a document whose body is
# "## Action items" and stdin. (Other sections are left out: documents
# with validation errors still roll up.)
rdoc() {
	local items=
	IFS= read -r -d '' items
	mkparent "$1"
	printf -- '---\ntitle: %s\ndate: %s\nseverity: %s\nstatus: %s\n---\n\n## Action items\n\n%s' \
		"$2" "$3" "$4" "$5" "$items" >"$1"
}

# The fixture: three documents, one in a folder, eight action items, four
# of them overdue on 2026-11-23 (one done item is past its date).
FAILOVER=postmortems/2026-11-20-db-failover.md
HOOKS=postmortems/2026/2026-10-07-webhooks.md
DISK=postmortems/2026-11-10-ci-disk.md
rollup_fixture() {
	rdoc "$FAILOVER" 'Database failover' 2026-11-20 SEV1 final <<'EOF'
- [ ] Page on replication lag
  - owner: @alice
  - due: 2026-12-01
  - type: bug
  - ticket: OPS-1
- [x] Write the runbook
  - owner: @bob
  - due: 2026-11-21
  - type: sop
- [ ] Reset the lag setting
  - owner: @Carol
  - due: 2026-11-22
  - type: change-request
  - ticket: OPS-2
EOF
	rdoc "$HOOKS" 'Webhooks timing out, "payment pending"' 2026-10-07 SEV2 review <<'EOF'
- [ ] Make the handler idempotent
  - owner: alice
  - type: bug
- [ ] Retry with backoff *and* jitter | or not
  - owner: @dmitri
  - due: 2026-10-20
  - type: BUG
- [X] Raise the worker pool
  - owner: @dmitri
  - due: 2026-10-09
EOF
	rdoc "$DISK" 'CI ランナーのディスク枯渇' 2026-11-10 SEV3 review <<'EOF'
- [ ] ディスク使用率 80% で当番に通知する
  - owner: @sato
  - due: 2026-11-17
  - type: bug
  - ticket: INFRA-881, urgent
- [ ] Say "hello" to the \<team\> & `others`
  - owner: @sato
  - due: 2026-12-18
  - type: process
EOF
}

# ids: the first column of the table rows (the item ids), one line.
ids() {
	local line out=()
	while IFS= read -r line; do
		[[ $line =~ ^(20[^ ]*#[0-9]+)\  ]] && out+=("${BASH_REMATCH[1]}")
	done <<<"$OUT"
	IDS="${out[*]}"
}
expect_ids() {
	ids
	if [ "$IDS" = "$1" ]; then pass; else fail "ids: expected [$1]; got [$IDS]; $(ctx)"; fi
}

ITEM_KEYS='["id", "document", "path", "line", "title", "status", "owner", "due", "type", "ticket", "overdue", "severity", "date"]'

# --- actions: the default table ------------------------------------------

t 'actions: open items by due date (none last), then id; overdue marked'
rollup_fixture
COLUMNS=120 pm actions --today 2026-11-23
expect_rc 0
expect_empty_stderr
expect_out 'ID                        STATUS   DUE         OWNER    TYPE            TITLE
2026-10-07-webhooks#2     overdue  2026-10-20  @dmitri  BUG             Retry with backoff and jitter | or not
2026-11-10-ci-disk#1      overdue  2026-11-17  @sato    bug             ディスク使用率 80% で当番に通知する
2026-11-20-db-failover#3  overdue  2026-11-22  @Carol   change-request  Reset the lag setting
2026-11-20-db-failover#1  open     2026-12-01  @alice   bug             Page on replication lag
2026-11-10-ci-disk#2      open     2026-12-18  @sato    process         Say "hello" to the <team> & others
2026-10-07-webhooks#1     open     -           alice    bug             Make the handler idempotent

6 action items: 6 open, 3 overdue, 0 done'

t 'actions: "today" decides what is overdue'
rollup_fixture
pm actions --today 2026-10-01
expect_rc 0
[[ $OUT != *overdue\ \ * && $OUT == *'6 open, 0 overdue'* ]]
check $? "nothing is overdue on 2026-10-01: $(ctx)"
pm actions --today 2026-12-31
[[ $OUT == *'6 open, 5 overdue'* ]]
check $? "five are overdue on 2026-12-31: $(ctx)"
# The due day itself is not overdue.
pm actions --today 2026-11-22 --overdue
expect_ids '2026-10-07-webhooks#2 2026-11-10-ci-disk#1'

t 'actions: --status done and all'
rollup_fixture
pm actions --status done --today 2026-11-23
expect_rc 0
expect_ids '2026-10-07-webhooks#3 2026-11-20-db-failover#2'
[[ $OUT == *'2026-11-20-db-failover#2  done '* ]]
check $? "done items show as done, not overdue: $(ctx)"
pm actions --status all --today 2026-11-23
expect_ids '2026-10-07-webhooks#3 2026-10-07-webhooks#2 2026-11-10-ci-disk#1 2026-11-20-db-failover#2 2026-11-20-db-failover#3 2026-11-20-db-failover#1 2026-11-10-ci-disk#2 2026-10-07-webhooks#1'
[[ $OUT == *'8 action items: 6 open, 3 overdue, 2 done' ]]
check $? "summary of all items: $(ctx)"

t 'actions: --owner matches @name and name, in any case; repeated means any'
rollup_fixture
for o in alice @alice ALICE @Alice; do
	pm actions --owner "$o"
	expect_ids '2026-11-20-db-failover#1 2026-10-07-webhooks#1'
done
pm actions --owner carol
expect_ids '2026-11-20-db-failover#3'
pm actions --owner ali
expect_rc 0
expect_ids ''
pm actions --owner alice --owner @SATO --today 2026-11-23
expect_ids '2026-11-10-ci-disk#1 2026-11-20-db-failover#1 2026-11-10-ci-disk#2 2026-10-07-webhooks#1'

t 'actions: --type and --severity, in any case; unknown values are usage errors'
rollup_fixture
pm actions --type bug
expect_ids '2026-10-07-webhooks#2 2026-11-10-ci-disk#1 2026-11-20-db-failover#1 2026-10-07-webhooks#1'
pm actions --type Change-Request --type process
expect_ids '2026-11-20-db-failover#3 2026-11-10-ci-disk#2'
pm actions --severity sev1
expect_ids '2026-11-20-db-failover#3 2026-11-20-db-failover#1'
pm actions --severity SEV2 --type sop --status all
expect_ids ''
pm actions --type feature
expect_rc 2
expect_empty_stdout
expect_stderr_match "^postmortem: actions: --type: unknown value 'feature' \(known: bug, change-request, process, sop\)$"
pm actions --severity P1
expect_rc 2
expect_stderr_match "^postmortem: actions: --severity: unknown value 'P1' \(known: SEV1, SEV2, SEV3, SEV4\)$"
write .postmortem.yml <<<'severities: [P1, P2]'
pm actions --severity p1
expect_rc 0

t 'actions: --overdue and --due-before'
rollup_fixture
pm actions --overdue --today 2026-11-23
expect_rc 0
expect_ids '2026-10-07-webhooks#2 2026-11-10-ci-disk#1 2026-11-20-db-failover#3'
pm actions --overdue --status done --today 2026-11-23
expect_ids ''
pm actions --due-before 2026-11-22
expect_ids '2026-10-07-webhooks#2 2026-11-10-ci-disk#1'
pm actions --due-before 2026-11-23 --status all
expect_ids '2026-10-07-webhooks#3 2026-10-07-webhooks#2 2026-11-10-ci-disk#1 2026-11-20-db-failover#2 2026-11-20-db-failover#3'
pm actions --due-before 2026-11-31
expect_rc 2
expect_stderr_match "^postmortem: actions: --due-before takes a date written YYYY-MM-DD, not '2026-11-31'$"

t 'actions: --group-by owner and postmortem (table)'
rollup_fixture
COLUMNS=120 pm actions --group-by owner --today 2026-11-23
expect_rc 0
expect_out '@alice
ID                        STATUS   DUE         OWNER    TYPE            TITLE
2026-11-20-db-failover#1  open     2026-12-01  @alice   bug             Page on replication lag
2026-10-07-webhooks#1     open     -           alice    bug             Make the handler idempotent

@Carol
ID                        STATUS   DUE         OWNER    TYPE            TITLE
2026-11-20-db-failover#3  overdue  2026-11-22  @Carol   change-request  Reset the lag setting

@dmitri
ID                        STATUS   DUE         OWNER    TYPE            TITLE
2026-10-07-webhooks#2     overdue  2026-10-20  @dmitri  BUG             Retry with backoff and jitter | or not

@sato
ID                        STATUS   DUE         OWNER    TYPE            TITLE
2026-11-10-ci-disk#1      overdue  2026-11-17  @sato    bug             ディスク使用率 80% で当番に通知する
2026-11-10-ci-disk#2      open     2026-12-18  @sato    process         Say "hello" to the <team> & others

6 action items: 6 open, 3 overdue, 0 done'
pm actions --group-by postmortem --status all --today 2026-11-23
expect_rc 0
expect_ids '2026-10-07-webhooks#3 2026-10-07-webhooks#2 2026-10-07-webhooks#1 2026-11-10-ci-disk#1 2026-11-10-ci-disk#2 2026-11-20-db-failover#2 2026-11-20-db-failover#3 2026-11-20-db-failover#1'
[[ $OUT == '2026-10-07-webhooks: Webhooks timing out, "payment pending"'$NL* &&
	$OUT == *"$NL${NL}2026-11-10-ci-disk: CI ランナーのディスク枯渇$NL"* ]]
check $? "a heading per document, with its title: $(ctx)"
pm actions --group-by none
expect_rc 0
pm actions --group-by team
expect_rc 2
expect_stderr_match "^postmortem: actions: --group-by takes none, owner or postmortem, not 'team'$"

# --- actions: markdown ------------------------------------------------------

t 'actions --format markdown: a generated-file comment and a GFM table'
rollup_fixture
pm actions --format markdown
expect_rc 0
expect_out '<!-- Generated by `postmortem actions`: do not edit this file, run the command again. -->

| ID | Status | Due | Owner | Type | Ticket | Title | Severity |
| --- | --- | --- | --- | --- | --- | --- | --- |
| 2026-10-07-webhooks#2 | open | 2026-10-20 | @dmitri | BUG |  | Retry with backoff and jitter \| or not | SEV2 |
| 2026-11-10-ci-disk#1 | open | 2026-11-17 | @sato | bug | INFRA-881, urgent | ディスク使用率 80% で当番に通知する | SEV3 |
| 2026-11-20-db-failover#3 | open | 2026-11-22 | @Carol | change-request | OPS-2 | Reset the lag setting | SEV1 |
| 2026-11-20-db-failover#1 | open | 2026-12-01 | @alice | bug | OPS-1 | Page on replication lag | SEV1 |
| 2026-11-10-ci-disk#2 | open | 2026-12-18 | @sato | process |  | Say "hello" to the \<team\> \& others | SEV3 |
| 2026-10-07-webhooks#1 | open |  | alice | bug |  | Make the handler idempotent | SEV2 |'
# Overdue is marked, and dated, only when --today fixes the day.
pm actions --format markdown --today 2026-11-23
[[ $OUT == '<!-- Generated by `postmortem actions`: do not edit this file, run the command again. Overdue as of 2026-11-23. -->'$NL* &&
	$OUT == *'| 2026-11-10-ci-disk#1 | **overdue** | 2026-11-17 |'* &&
	$OUT == *'| 2026-11-20-db-failover#1 | open | 2026-12-01 |'* ]]
check $? "overdue items marked as of --today: $(ctx)"

# md_render: the HTML that GitHub's own renderer makes of stdout.
md_render() {
	if ! command -v cmark-gfm >/dev/null 2>&1; then
		fail "cmark-gfm is needed (tools/deps.sh installs it)"
		return 1
	fi
	cmark-gfm -e table "$T/out" >"$T/html"
}

t 'actions --format markdown: cmark-gfm renders one table row per item, escapes intact'
rollup_fixture
pm actions --format markdown --status all
expect_rc 0
if md_render; then
	py_check '
h = text(args[0])
check(h.count("<table>") == 1, "one table")
body = h.split("<tbody>")[1].split("</tbody>")[0]
rows = body.count("<tr>")
check(rows == 8, "%d rows, not 8" % rows)
for row in body.split("<tr>")[1:]:
    check(row.count("<td") == 8, "a row with %d cells: %s" % (row.count("<td"), row))
check("<td>Retry with backoff and jitter | or not</td>" in h, "the pipe stays in its cell")
check("<td>Say &quot;hello&quot; to the &lt;team&gt; &amp; others</td>" in h, "HTML and entities are text")
check("<strong>" not in h, "overdue is not marked without --today")
' "$T/html"
fi

t 'actions --format markdown --group-by: a heading and a table each'
rollup_fixture
pm actions --format markdown --group-by postmortem --status all
expect_rc 0
if md_render; then
	py_check '
h = text(args[0])
check(h.count("<table>") == 3, "three tables, not %d" % h.count("<table>"))
check("<h2>2026-10-07-webhooks: Webhooks timing out, &quot;payment pending&quot;</h2>" in h, "document heading")
check("<h2>2026-11-10-ci-disk: CI ランナーのディスク枯渇</h2>" in h, "CJK heading")
check(h.count("<tr>") == 8 + 3, "rows: %d" % h.count("<tr>"))
' "$T/html"
fi
pm actions --format markdown --group-by owner
if md_render; then
	py_check '
h = text(args[0])
check(h.count("<table>") == 4, "four owners, not %d" % h.count("<table>"))
for o in ("@alice", "@Carol", "@dmitri", "@sato"):
    check("<h2>%s</h2>" % o in h, "heading " + o)
' "$T/html"
fi

t 'actions --format markdown: titles with markup characters stay literal'
rdoc "$DOC" "'Tricky *title* #'" 2026-11-20 SEV3 final <<'EOF'
- [ ] A title with \| pipes \| and a \\ backslash, \[not a link\](x), ~~not struck~~, $x$ and 5 \* 3
  - owner: @a_b_c
  - due: 2026-12-01
  - ticket: "#12 | \<b\>"
- [ ] Fix issue \#
  - owner: @x
  - due: 2026-12-02
EOF
pm actions --format markdown --group-by postmortem
expect_rc 0
if md_render; then
	py_check '
h = text(args[0])
check("<td>A title with | pipes | and a \\ backslash, [not a link](x), ~~not struck~~, $x$ and 5 * 3</td>" in h, "title literal: " + h)
check("<td>@a_b_c</td>" in h, "owner literal")
check("<td>&quot;#12 | &lt;b&gt;&quot;</td>" in h, "ticket literal")
check("<td>Fix issue #</td>" in h, "hash literal")
check("<h2>2026-11-20-disk-full: Tricky *title* #</h2>" in h, "heading literal, its # kept: " + h)
check("<em>" not in h and "<del>" not in h and "<a " not in h, "no markup")
' "$T/html"
fi

# --- actions: json ----------------------------------------------------------

t 'actions --format json: the contract array, null for absent values'
rollup_fixture
pm actions --format json --today 2026-11-23 --status all
expect_rc 0
cp "$T/out" "$T/items.json"
py_check '
d = json.loads(text(args[0]))
keys = '"$ITEM_KEYS"'
check(isinstance(d, list) and len(d) == 8, "8 items")
for x in d:
    check(list(x) == keys, "keys in order: %s" % list(x))
    check(x["status"] in ("open", "done"), "status %r" % x["status"])
    check(type(x["line"]) is int and type(x["overdue"]) is bool, "types")
    check(x["id"] == "%s#%s" % (x["document"], x["id"].split("#")[1]), "id is DOCUMENT#N")
first = d[0]
check(first == {"id": "2026-10-07-webhooks#3", "document": "2026-10-07-webhooks",
  "path": "postmortems/2026/2026-10-07-webhooks.md", "line": 17, "title": "Raise the worker pool",
  "status": "done", "owner": "@dmitri", "due": "2026-10-09", "type": None, "ticket": None,
  "overdue": False, "severity": "SEV2", "date": "2026-10-07"}, "first item: %r" % first)
m = {x["id"]: x for x in d}
check(m["2026-10-07-webhooks#1"]["due"] is None, "absent due is null")
check(m["2026-11-10-ci-disk#1"]["overdue"] is True, "overdue")
check(m["2026-11-10-ci-disk#1"]["ticket"] == "INFRA-881, urgent", "ticket")
check(m["2026-11-10-ci-disk#2"]["title"] == "Say \"hello\" to the <team> & others", "title")
check(m["2026-11-20-db-failover#1"]["line"] == 10, "line of the item")
' "$T/items.json"
pm actions --format json --owner carol --owner dmitri --status all --today 2026-11-23
expect_out '[
  {
    "id": "2026-10-07-webhooks#3",
    "document": "2026-10-07-webhooks",
    "path": "postmortems/2026/2026-10-07-webhooks.md",
    "line": 17,
    "title": "Raise the worker pool",
    "status": "done",
    "owner": "@dmitri",
    "due": "2026-10-09",
    "type": null,
    "ticket": null,
    "overdue": false,
    "severity": "SEV2",
    "date": "2026-10-07"
  },
  {
    "id": "2026-10-07-webhooks#2",
    "document": "2026-10-07-webhooks",
    "path": "postmortems/2026/2026-10-07-webhooks.md",
    "line": 13,
    "title": "Retry with backoff and jitter | or not",
    "status": "open",
    "owner": "@dmitri",
    "due": "2026-10-20",
    "type": "BUG",
    "ticket": null,
    "overdue": true,
    "severity": "SEV2",
    "date": "2026-10-07"
  },
  {
    "id": "2026-11-20-db-failover#3",
    "document": "2026-11-20-db-failover",
    "path": "postmortems/2026-11-20-db-failover.md",
    "line": 19,
    "title": "Reset the lag setting",
    "status": "open",
    "owner": "@Carol",
    "due": "2026-11-22",
    "type": "change-request",
    "ticket": "OPS-2",
    "overdue": true,
    "severity": "SEV1",
    "date": "2026-11-20"
  }
]'
pm actions --format json --owner nobody
expect_rc 0
expect_out '[]'

# --- actions: csv -------------------------------------------------------------

t 'actions --format csv: RFC 4180, read back by python as the JSON says'
rollup_fixture
pm actions --format csv --today 2026-11-23 --status all
expect_rc 0
cp "$T/out" "$T/items.csv"
pm actions --format json --today 2026-11-23 --status all
cp "$T/out" "$T/items.json"
py_check '
raw = open(args[0], "rb").read()
check(raw.endswith(b"\r\n") and raw.count(b"\r\n") == raw.count(b"\n"), "CRLF line ends")
rows = list(csv.reader(io.StringIO(raw.decode("utf-8"), newline=""), strict=True))
keys = '"$ITEM_KEYS"'
check(rows[0] == keys, "header %r" % rows[0])
d = json.loads(text(args[1]))
check(len(rows) == len(d) + 1, "one row an item")
def as_csv(v):
    if v is None: return ""
    if v is True: return "true"
    if v is False: return "false"
    return str(v)
for row, x in zip(rows[1:], d):
    check(row == [as_csv(x[k]) for k in keys], "row %r != %r" % (row, x))
' "$T/items.csv" "$T/items.json"
pm actions --format csv --owner carol --owner dmitri --status all --today 2026-11-23
expect_out "id,document,path,line,title,status,owner,due,type,ticket,overdue,severity,date$CR
2026-10-07-webhooks#3,2026-10-07-webhooks,postmortems/2026/2026-10-07-webhooks.md,17,Raise the worker pool,done,@dmitri,2026-10-09,,,false,SEV2,2026-10-07$CR
2026-10-07-webhooks#2,2026-10-07-webhooks,postmortems/2026/2026-10-07-webhooks.md,13,Retry with backoff and jitter | or not,open,@dmitri,2026-10-20,BUG,,true,SEV2,2026-10-07$CR
2026-11-20-db-failover#3,2026-11-20-db-failover,postmortems/2026-11-20-db-failover.md,19,Reset the lag setting,open,@Carol,2026-11-22,change-request,OPS-2,true,SEV1,2026-11-20$CR"
grep -q '^2026-11-10-ci-disk#1,.*,"INFRA-881, urgent",true,SEV3,2026-11-10' "$T/items.csv"
check $? "a comma makes a quoted field: $(cat "$T/items.csv")"
grep -q ',"Say ""hello"" to the <team> & others",' "$T/items.csv"
check $? "quotes are doubled: $(cat "$T/items.csv")"

# --- actions --output and --check --------------------------------------------

t 'actions --output: the file gets what stdout would, written atomically'
rollup_fixture
pm actions --format markdown --today 2026-11-23
cp "$T/out" "$T/stdout.md"
pm actions --format markdown --today 2026-11-23 --output postmortems/ACTIONS.md
expect_rc 0
expect_empty_stdout
expect_empty_stderr
cmp -s "$T/stdout.md" postmortems/ACTIONS.md
check $? "the file differs from stdout"
# ACTIONS.md is excluded: it is not read as a document next time.
pm actions --format markdown --today 2026-11-23 --output postmortems/ACTIONS.md --check
expect_rc 0
expect_empty_stdout
expect_empty_stderr
[ -z "$(find postmortems -name '.ACTIONS.md.*')" ]
check $? "a temporary file was left behind"
# Its mode is kept when it is replaced.
chmod 640 postmortems/ACTIONS.md
pm actions --format markdown --output postmortems/ACTIONS.md
[ "$(stat -c %a postmortems/ACTIONS.md)" = 640 ]
check $? "mode not kept: $(stat -c %a postmortems/ACTIONS.md)"

t 'actions --output --check: stale, missing, fresh again'
rollup_fixture
pm actions --format markdown --output postmortems/ACTIONS.md --check
expect_rc 1
expect_empty_stdout
expect_stderr_match '^postmortem: postmortems/ACTIONS.md: missing; run the command without --check to write it$'
[ ! -e postmortems/ACTIONS.md ]
check $? "--check wrote the file"
pm actions --format markdown --output postmortems/ACTIONS.md
expect_rc 0
cp postmortems/ACTIONS.md "$T/before.md"
pm actions --format markdown --output postmortems/ACTIONS.md --check
expect_rc 0
# Another run on another day, without --today: the same bytes.
pm actions --format markdown --output postmortems/ACTIONS.md --check --staged
expect_rc 1
git add -A
pm actions --format markdown --output postmortems/ACTIONS.md --check --staged
expect_rc 0
sed -i 's/Reset the lag setting/Reset the lag setting everywhere/' "$FAILOVER"
pm actions --format markdown --output postmortems/ACTIONS.md --check
expect_rc 1
expect_stderr_match '^postmortem: postmortems/ACTIONS.md: out of date; run the command without --check to update it$'
cmp -s "$T/before.md" postmortems/ACTIONS.md
check $? "--check changed the file"
# Other options matter too: the file is what this command would write.
pm actions --format markdown --output postmortems/ACTIONS.md
pm actions --format markdown --output postmortems/ACTIONS.md --check --owner alice
expect_rc 1
pm actions --format csv --output postmortems/ACTIONS.md --check
expect_rc 1
pm actions --format markdown --output postmortems/ACTIONS.md --check
expect_rc 0

t 'actions --output: every format; no colour and no cut in a file'
rollup_fixture
for f in table json csv; do
	pm actions --format "$f" --today 2026-11-23
	cp "$T/out" "$T/stdout.$f"
	COLUMNS=40 pm actions --format "$f" --today 2026-11-23 --output "out.$f"
	expect_rc 0
	pm actions --format "$f" --today 2026-11-23 --output "out.$f" --check
	expect_rc 0
done
cmp -s "$T/stdout.json" out.json && cmp -s "$T/stdout.csv" out.csv
check $? "json and csv files differ from stdout"
grep -q 'Retry with backoff and jitter | or not$' out.table
check $? "a table in a file is cut: $(cat out.table)"

t 'actions --output: usage and I/O errors'
rollup_fixture
pm actions --check
expect_rc 2
expect_stderr_match '^postmortem: actions: --check needs --output FILE: the file to compare$'
pm actions --output no-such-folder/ACTIONS.md
expect_rc 2
expect_stderr_match '^postmortem: no-such-folder/ACTIONS.md: cannot create a temporary file in no-such-folder: No such file or directory$'
mkdir a-folder
pm actions --output a-folder
expect_rc 2
expect_stderr_match '^postmortem: a-folder: cannot replace the file: '
[ -z "$(ls -A a-folder)" ] && [ -z "$(find . -maxdepth 1 -name '.a-folder.*')" ]
check $? "a temporary file was left behind"
pm actions --output a-folder --check
expect_rc 2
expect_stderr_match '^postmortem: a-folder: cannot read: '

# --- actions: terminals -------------------------------------------------------

t 'actions: the table fits $COLUMNS, titles cut on a character boundary'
rollup_fixture
rdoc postmortems/2026-11-21-long.md 'Long' 2026-11-21 SEV4 draft <<'EOF'
- [ ] 長いタイトルは端末の幅に合わせて文字の境界で切り詰められ、省略記号が付けられる
  - owner: @ichiro
  - due: 2026-12-24
- [ ] A very long title in plain ASCII that no terminal of ordinary width can show whole
  - owner: @ichiro
  - due: 2026-12-25
EOF
for cols in 72 80 100 132; do
	COLUMNS=$cols pm actions
	expect_rc 0
	py_check '
import unicodedata
out = text(args[0])
def width(s):
    return sum(0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)
for line in out.splitlines():
    check(width(line) <= int(args[1]), "a line of %d columns: %r" % (width(line), line))
check("…" in out, "nothing was cut")
' "$T/out" "$cols"
done
# Narrower still: TYPE gives way, and the title keeps 16 columns.
COLUMNS=60 pm actions
[[ $OUT != *TYPE* && $OUT == *"$NL"'2026-11-21-long#1         open     2026-12-24  @ichiro  長いタイトルは…'"$NL"* ]]
check $? "at 60 columns TYPE gives way and the CJK title is cut whole: $(ctx)"
COLUMNS=300 pm actions
[[ $OUT != *…* ]]
check $? "nothing cut on a wide terminal: $(ctx)"
# Not a terminal, no COLUMNS: 100.
pm actions
py_check 'check(max(len(l) for l in text(args[0]).splitlines()) <= 100, "wider than 100")' "$T/out"
COLUMNS=junk pm actions
expect_rc 0

t 'actions: colour on a terminal only, and never with NO_COLOR'
rollup_fixture
if script -qec true /dev/null >/dev/null 2>&1; then
	script -qec "COLUMNS=200 $PM actions --today 2026-11-23" /dev/null >"$T/tty" 2>&1
	slurp "$T/tty" TTY
	[[ $TTY == *"${ESC}[31m2026-10-07-webhooks#2 "*overdue* && $TTY == *"${ESC}[1mID "* ]]
	check $? "no colour on a terminal: $(flat "$TTY")"
	script -qec "NO_COLOR=1 $PM actions --today 2026-11-23" /dev/null >"$T/tty" 2>&1
	slurp "$T/tty" TTY
	[[ $TTY != *"$ESC"* ]]
	check $? "colour despite NO_COLOR: $(flat "$TTY")"
else
	fail "script(1) is needed to run the program on a terminal"
fi
pm actions --today 2026-11-23
[[ $OUT != *"$ESC"* ]]
check $? "colour in a pipe: $(ctx)"

t 'actions: control characters in titles and owners are escaped in table and markdown'
rdoc "$DOC" 'Esc' 2026-11-20 SEV3 final <<EOF
- [ ] Evil ${ESC}[31mred${ESC}[0m title	with a tab
  - owner: @m${ESC}]0;pwned${ESC}\\allory
  - due: 2026-12-01
EOF
COLUMNS=200 pm actions
expect_rc 0
[[ $OUT != *"$ESC"* && $OUT == *'Evil \x1b[31mred\x1b[0m title\x09with a tab'* && $OUT == *'@m\x1b]0;pwned\x1b\allory'* ]]
check $? "raw escapes in the table: $(ctx)"
expect_utf8
pm actions --format markdown
[[ $OUT != *"$ESC"* ]]
check $? "raw escapes in markdown: $(ctx)"
pm actions --format json
py_check 'd = json.loads(text(args[0])); check(d[0]["title"] == "Evil \x1b[31mred\x1b[0m title\twith a tab", "json keeps the text: %r" % d[0]["title"])' "$T/out"

# --- actions: documents that cannot be read ---------------------------------

t 'actions: a document that cannot be read is named on stderr, exit 1, the others roll up'
rollup_fixture
printf 'no front matter\n\n## Action items\n\n- [ ] Lost\n  - owner: @x\n' >postmortems/2026-11-01-nofm.md
printf -- '---\ntitle: [unclosed\n---\n' >postmortems/2026-11-02-badyaml.md
printf -- '---\ntitle: Latin-1 caf\xe9\n---\n' >postmortems/2026-11-03-latin1.md
printf -- '---\ntitle: Still fine\nseverity: SEV9\n---\n## Action items\n- [ ] Broken but readable\n' >postmortems/2026-11-04-invalid.md
pm actions --status all
expect_rc 1
expect_ids '2026-10-07-webhooks#3 2026-10-07-webhooks#2 2026-11-10-ci-disk#1 2026-11-20-db-failover#2 2026-11-20-db-failover#3 2026-11-20-db-failover#1 2026-11-10-ci-disk#2 2026-10-07-webhooks#1 2026-11-04-invalid#1'
expect_stderr_match '^postmortem: postmortems/2026-11-01-nofm.md:1:1: left out of the rollup: .* \[frontmatter-missing\]$'
expect_stderr_match '^postmortem: postmortems/2026-11-02-badyaml.md:[0-9]+:[0-9]+: left out of the rollup: invalid front matter: .* \[frontmatter-invalid\]$'
expect_stderr_match '^postmortem: postmortems/2026-11-03-latin1.md:2:19: left out of the rollup: the file is not valid UTF-8 \(byte 0xe9\) \[file-invalid\]$'
[ "$(wc -l <"$T/err")" -eq 3 ]
check $? "one line per unreadable document: $(ctx)"
pm actions --format json
expect_rc 1
py_check 'check(len(json.loads(text(args[0]))) == 7, "7 open items")' "$T/out"
pm list
expect_rc 1
[[ $OUT == *'2026-11-04-invalid '* && $OUT != *nofm* ]]
check $? "list shows the readable ones: $(ctx)"
# --check still compares, and the status says that something is wrong.
pm actions --format markdown --output postmortems/ACTIONS.md
expect_rc 1
pm actions --format markdown --output postmortems/ACTIONS.md --check
expect_rc 1

t 'actions: an unreadable file (a folder named *.md, a dangling link)'
rollup_fixture
mkdir postmortems/2026-11-05-folder.md
ln -s nowhere.md postmortems/2026-11-06-dangling.md
pm actions
expect_rc 1
expect_stderr_match '^postmortem: postmortems/2026-11-06-dangling.md:1:1: left out of the rollup: .* \[file-invalid\]$'
expect_ids '2026-10-07-webhooks#2 2026-11-10-ci-disk#1 2026-11-20-db-failover#3 2026-11-20-db-failover#1 2026-11-10-ci-disk#2 2026-10-07-webhooks#1'

# --- actions: revisions and the index ----------------------------------------

t 'actions --rev: the documents of an older commit, without a checkout'
rollup_fixture
git add -A && git commit -q -m one
rdoc postmortems/2026-11-22-later.md 'Later' 2026-11-22 SEV4 draft <<'EOF'
- [ ] Only in the second commit
  - owner: @zoe
  - due: 2026-11-30
EOF
sed -i 's/^- \[ \] Page on replication lag/- [x] Page on replication lag/' "$FAILOVER"
git add -A && git commit -q -m two
sed -i 's/^- \[ \] Reset the lag setting/- [x] Reset the lag setting/' "$FAILOVER"  # working tree only
pm actions --rev HEAD~1 --owner alice
expect_rc 0
expect_ids '2026-11-20-db-failover#1 2026-10-07-webhooks#1'
pm actions --rev HEAD --owner alice
expect_ids '2026-10-07-webhooks#1'
pm actions --rev HEAD --owner zoe
expect_ids '2026-11-22-later#1'
pm actions --rev HEAD~1 --owner zoe
expect_ids ''
pm actions --rev HEAD --owner carol
expect_ids '2026-11-20-db-failover#3'
pm actions --owner carol
expect_ids ''
pm actions --rev "$(git rev-parse HEAD~1)" --format json --status all
py_check 'check(len(json.loads(text(args[0]))) == 8, "8 items in the first commit")' "$T/out"
pm list --rev HEAD~1
expect_rc 0
[[ $OUT != *later* ]]
check $? "list --rev: $(ctx)"
pm actions --rev no-such-rev
expect_rc 2
expect_stderr_match "^postmortem: actions: 'no-such-rev' is not a revision of this repository$"
pm actions --rev HEAD --staged
expect_rc 2
expect_stderr_match '^postmortem: actions: --rev and --staged cannot be combined'

t 'actions --staged: what the index holds, not the working tree'
rollup_fixture
git add -A
sed -i 's/^- \[ \] Page on replication lag/- [x] Page on replication lag/' "$FAILOVER"
pm actions --staged --owner alice
expect_rc 0
expect_ids '2026-11-20-db-failover#1 2026-10-07-webhooks#1'
pm actions --owner alice
expect_ids '2026-10-07-webhooks#1'
rdoc postmortems/2026-11-22-untracked.md 'New' 2026-11-22 SEV4 draft <<<'- [ ] Not staged'
pm list --staged
[[ $OUT != *untracked* && $OUT == *'3 documents'* ]]
check $? "list --staged: $(ctx)"

t 'actions: outside a repository, in a bare one, with bad options'
mkdir -p "$T/norepo$NREPO" && cd "$T/norepo$NREPO" || exit 2
pm actions
expect_rc 2
expect_stderr_match '^postmortem: actions: not in a git repository'
pm list
expect_rc 2
pm done x#1
expect_rc 2
cd "$R" || exit 2
rollup_fixture
git add -A && git commit -q -m one
git clone -q --bare . "$T/bare$NREPO.git"
cd "$T/bare$NREPO.git" || exit 2
pm actions
expect_rc 2
expect_stderr_match '^postmortem: actions: this is a bare repository: there is no working tree \(use --rev REV\)$'
pm actions --rev HEAD --owner alice
expect_rc 0
expect_ids '2026-11-20-db-failover#1 2026-10-07-webhooks#1'
cd "$R" || exit 2
pm actions --status closed
expect_rc 2
expect_stderr_match "^postmortem: actions: --status takes open, done or all, not 'closed'$"
pm actions --format html
expect_rc 2
expect_stderr_match "^postmortem: actions: unknown format 'html' \(table, markdown, json or csv\)$"
pm actions --today tomorrow
expect_rc 2
expect_stderr_match "^postmortem: actions: --today takes a date written YYYY-MM-DD, not 'tomorrow'$"
pm actions --bogus
expect_rc 2
expect_stderr_match "^postmortem: actions: unknown option '--bogus'$"
pm actions --owner
expect_rc 2
expect_stderr_match "^postmortem: actions: option '--owner' needs a value$"
pm actions extra
expect_rc 2
pm actions --help
expect_rc 0
[[ $OUT == 'usage: postmortem actions '* ]]
check $? "--help: $(ctx)"

t 'actions: an empty repository, and one without the directory'
pm actions
expect_rc 0
expect_out '0 action items: 0 open, 0 overdue, 0 done'
pm actions --format markdown
expect_out '<!-- Generated by `postmortem actions`: do not edit this file, run the command again. -->

No action items.'
pm actions --format csv
expect_out "id,document,path,line,title,status,owner,due,type,ticket,overdue,severity,date$CR"
rmdir postmortems
pm list
expect_rc 0
expect_out '0 documents: 0 open action items, 0 overdue'

t 'actions: a configured directory and exclude globs'
rollup_fixture
mv postmortems pm
write .postmortem.yml <<'EOF'
directory: pm
exclude: [README.md, ACTIONS.md, "2026/**"]
EOF
pm actions --status all
expect_rc 0
expect_ids '2026-11-10-ci-disk#1 2026-11-20-db-failover#2 2026-11-20-db-failover#3 2026-11-20-db-failover#1 2026-11-10-ci-disk#2'

# --- list ---------------------------------------------------------------------

t 'list: one row a document, newest first, with open and overdue counts'
rollup_fixture
rdoc postmortems/2026-11-15-no-items.md 'No action items yet' 2026-11-15 SEV4 draft </dev/null
printf -- '---\ntitle: Undated\n---\n' >postmortems/undated.md
COLUMNS=120 pm list --today 2026-11-23
expect_rc 0
expect_out 'ID                      DATE        SEVERITY  STATUS  OPEN  OVERDUE  TITLE
2026-11-20-db-failover  2026-11-20  SEV1      final      2        1  Database failover
2026-11-15-no-items     2026-11-15  SEV4      draft      0        0  No action items yet
2026-11-10-ci-disk      2026-11-10  SEV3      review     2        1  CI ランナーのディスク枯渇
2026-10-07-webhooks     2026-10-07  SEV2      review     2        1  Webhooks timing out, "payment pending"
undated                 -           -         -          0        0  Undated

5 documents: 6 open action items, 3 overdue'
pm list --today 2026-10-01
[[ $OUT == *'6 open action items, 0 overdue' ]]
check $? "--today decides the overdue counts: $(ctx)"
COLUMNS=90 pm list
py_check 'check(all(len(l) <= 90 for l in text(args[0]).splitlines() if l.isascii()), "wider than 90")' "$T/out"

t 'list --status, --format json and csv'
rollup_fixture
pm list --status review
expect_rc 0
expect_ids ''
[[ $OUT == *'2026-11-10-ci-disk '*'2026-10-07-webhooks '* && $OUT != *failover* ]]
check $? "--status review: $(ctx)"
pm list --status FINAL --status draft
[[ $OUT == *failover* && $OUT != *webhooks* ]]
check $? "--status, repeated, any case: $(ctx)"
pm list --status closed
expect_rc 2
expect_stderr_match "^postmortem: list: --status: unknown value 'closed' \(known: draft, review, final\)$"
pm list --format json --today 2026-11-23
expect_rc 0
cp "$T/out" "$T/docs.json"
py_check '
d = json.loads(text(args[0]))
check([x["id"] for x in d] == ["2026-11-20-db-failover", "2026-11-10-ci-disk", "2026-10-07-webhooks"], "order")
check(list(d[0]) == ["id", "path", "date", "severity", "status", "title", "open", "overdue", "done"], "keys %s" % list(d[0]))
check(d[0] == {"id": "2026-11-20-db-failover", "path": "postmortems/2026-11-20-db-failover.md",
  "date": "2026-11-20", "severity": "SEV1", "status": "final", "title": "Database failover",
  "open": 2, "overdue": 1, "done": 1}, "first: %r" % d[0])
' "$T/docs.json"
pm list --format csv --today 2026-11-23
expect_rc 0
expect_out "id,path,date,severity,status,title,open,overdue,done$CR
2026-11-20-db-failover,postmortems/2026-11-20-db-failover.md,2026-11-20,SEV1,final,Database failover,2,1,1$CR
2026-11-10-ci-disk,postmortems/2026-11-10-ci-disk.md,2026-11-10,SEV3,review,CI ランナーのディスク枯渇,2,1,0$CR
2026-10-07-webhooks,postmortems/2026/2026-10-07-webhooks.md,2026-10-07,SEV2,review,\"Webhooks timing out, \"\"payment pending\"\"\",2,1,1$CR"
pm list --format markdown
expect_rc 2
expect_stderr_match "^postmortem: list: unknown format 'markdown' \(table, json or csv\)$"

# --- done -----------------------------------------------------------------------

# expect_one_byte FILE BEFORE OFFSET NEW: FILE is BEFORE with only the
# byte at OFFSET (1-based, as cmp -l counts) changed to NEW.
expect_one_byte() {
	local diffs want
	diffs=$(cmp -l "$2" "$1" 2>&1)
	want=$(printf '%d %o %o' "$3" "'$(dd if="$2" bs=1 skip=$(($3 - 1)) count=1 2>/dev/null)" "'$4")
	if [ "$(printf '%s' "$diffs" | tr -s ' ' | sed 's/^ //')" = "$want" ]; then
		pass
	else
		fail "cmp -l $2 $1: expected [$want]; got [$(flat "$diffs")]"
	fi
}

# offset_of TEXT FILE: the 1-based offset of the byte after the first
# "[" that starts TEXT's checkbox, i.e. of the checkbox's character.
offset_of() {
	"$PY" -I -S -c 'import sys; b = open(sys.argv[2], "rb").read(); i = b.index(sys.argv[1].encode()); print(b.rindex(b"[", 0, i) + 2)' "$1" "$2"
}

t 'done: ticks one checkbox and changes no other byte'
rollup_fixture
cp "$FAILOVER" "$T/before"
pm done '2026-11-20-db-failover#3'
expect_rc 0
expect_out '2026-11-20-db-failover#3 done: Reset the lag setting'
expect_empty_stderr
expect_one_byte "$FAILOVER" "$T/before" "$(offset_of 'Reset the lag' "$T/before")" x
pm actions --status done
expect_ids '2026-10-07-webhooks#3 2026-11-20-db-failover#2 2026-11-20-db-failover#3'
# Again: nothing to do, and nothing written.
cp "$FAILOVER" "$T/after"
touch -d '2020-01-01' "$FAILOVER"
pm done '2026-11-20-db-failover#3'
expect_rc 0
expect_out '2026-11-20-db-failover#3 is already done: Reset the lag setting'
[ "$(stat -c %Y "$FAILOVER")" = "$(date -d 2020-01-01 +%s)" ] && cmp -s "$FAILOVER" "$T/after"
check $? "an item already done was written again"
# --undo: back to the bytes of before.
pm done --undo '2026-11-20-db-failover#3'
expect_rc 0
expect_out '2026-11-20-db-failover#3 open again: Reset the lag setting'
cmp -s "$FAILOVER" "$T/before"
check $? "--undo did not restore the file"
pm done '2026-11-20-db-failover#1' --undo
expect_rc 0
expect_out '2026-11-20-db-failover#1 is already open: Page on replication lag'

t 'done --undo on [X]; an id given as a path; from a subfolder'
rollup_fixture
cp "$HOOKS" "$T/before"
cd postmortems/2026 || exit 2
pm done --undo 2026-10-07-webhooks#3
expect_rc 0
expect_out '2026-10-07-webhooks#3 open again: Raise the worker pool'
cd "$R" || exit 2
expect_one_byte "$HOOKS" "$T/before" "$(offset_of 'Raise the worker' "$T/before")" ' '
pm done "$HOOKS#3"
expect_rc 0
expect_out '2026-10-07-webhooks#3 done: Raise the worker pool'
expect_one_byte "$HOOKS" "$T/before" "$(offset_of 'Raise the worker' "$T/before")" x
pm -C postmortems done 2026-10-07-webhooks.md#1
expect_rc 0
expect_out '2026-10-07-webhooks#1 done: Make the handler idempotent'

t 'done: CRLF line ends, tabs, odd indentation, other list markers, trailing spaces'
write "$DOC" <<'EOF'
---
title: Odd spacing
date: 2026-11-20
severity: SEV3
status: final
---

## Action items

*   [ ]   Three spaces after the marker and the box   
    - owner:   @alice  
    - due: 2026-12-01
 + [ ] One space before a plus
   - owner: @bob
-	[ ] A tab after the dash
    - owner: @carol
- [ ] Lazy
continuation line
  - owner: @dana
EOF
to_crlf "$DOC"
printf '\r\n\r\n\r\n' >>"$DOC"  # trailing blank lines
cp "$DOC" "$T/before"
pm actions --format json
py_check '
d = json.loads(text(args[0]))
check([x["title"] for x in d] == ["Three spaces after the marker and the box", "One space before a plus", "A tab after the dash", "Lazy"], "titles %r" % [x["title"] for x in d])
check(d[0]["owner"] == "@alice", "owner %r" % d[0]["owner"])
' "$T/out"
pm done 2026-11-20-disk-full#1
expect_rc 0
expect_one_byte "$DOC" "$T/before" "$(offset_of 'Three spaces' "$T/before")" x
cp "$DOC" "$T/before"
pm done 2026-11-20-disk-full#4
expect_rc 0
expect_one_byte "$DOC" "$T/before" "$(offset_of 'Lazy' "$T/before")" x
pm done 2026-11-20-disk-full#2
pm done 2026-11-20-disk-full#3
pm actions --status done --format csv
[ "$(grep -c '^2026-11-20-disk-full#' "$T/out")" = 4 ]
check $? "every item is done: $(ctx)"
# Only the four boxes changed, nothing else: not the CRs, not the spaces.
pm done --undo 2026-11-20-disk-full#1
pm done --undo 2026-11-20-disk-full#2
pm done --undo 2026-11-20-disk-full#3
pm done --undo 2026-11-20-disk-full#4
to_lf() { tr -d '\r' <"$1"; }
[ "$(cmp -l "$DOC" "$T/before" | wc -l)" = 1 ] && grep -c "$CR" "$DOC" | grep -q '^2[0-9]$'
check $? "bytes other than the boxes changed: $(cmp -l "$DOC" "$T/before" | head)"

t 'done: an ordered list, a BOM, a box with a capital X'
printf '\xef\xbb\xbf---\ntitle: BOM\ndate: 2026-11-20\n---\n## Action items\n1. [X] First\n2) [ ] Second\n' >"$DOC"
cp "$DOC" "$T/before"
pm done --undo 2026-11-20-disk-full#1
expect_rc 0
expect_one_byte "$DOC" "$T/before" "$(offset_of 'First' "$T/before")" ' '
pm done 2026-11-20-disk-full#1
expect_rc 0
expect_one_byte "$DOC" "$T/before" "$(offset_of 'First' "$T/before")" x
[ "$(head -c 3 "$DOC" | od -An -tx1 | tr -d ' ')" = efbbbf ]
check $? "the BOM is gone"

t 'done: keeps the file mode, refuses a symbolic link'
rollup_fixture
chmod 600 "$FAILOVER"
pm done 2026-11-20-db-failover#1
expect_rc 0
[ "$(stat -c %a "$FAILOVER")" = 600 ]
check $? "mode: $(stat -c %a "$FAILOVER")"
mkdir -p "$T/elsewhere$NREPO"
mv "$DISK" "$T/elsewhere$NREPO/"
ln -s "$T/elsewhere$NREPO/${DISK##*/}" "$DISK"
cp "$T/elsewhere$NREPO/${DISK##*/}" "$T/before"
pm done 2026-11-10-ci-disk#1
expect_rc 2
expect_stderr_match '^postmortem: postmortems/2026-11-10-ci-disk.md: is a symbolic link: mark the item in the file it points to$'
[ -L "$DISK" ] && cmp -s "$T/before" "$T/elsewhere$NREPO/${DISK##*/}"
check $? "the link or its target changed"

t 'done: unknown ids, numbers, items without a box; nothing is written'
rollup_fixture
rdoc "$DOC" 'Odd items' 2026-11-20 SEV3 final <<'EOF'
- No checkbox
  - owner: @x
- **[ ]** A box inside markup
- [ ]
- [ ] After an empty item
EOF
git add -A
git commit -q -m fixture
pm done 2026-11-19-nothing#1
expect_rc 2
expect_empty_stdout
expect_stderr_match "^postmortem: 2026-11-19-nothing#1: no document has the id '2026-11-19-nothing' \(see 'postmortem list'\)$"
pm done 2026-11-20-db-failover#4
expect_rc 2
expect_stderr_match '^postmortem: 2026-11-20-db-failover#4: postmortems/2026-11-20-db-failover.md has no action item #4 \(it has 3\)$'
for bad in 2026-11-20-db-failover 2026-11-20-db-failover#0 2026-11-20-db-failover#x '#1' 2026-11-20-db-failover#1x 2026-11-20-db-failover#99999999999; do
	pm done "$bad"
	expect_rc 2
	expect_stderr_match "not an action item id: write DOCUMENT-ID#N"
done
pm done 2026-11-20-disk-full#1
expect_rc 2
expect_stderr_match '^postmortem: 2026-11-20-disk-full#1: postmortems/2026-11-20-disk-full.md:10: the item has no checkbox: start it with .\[ \].$'
pm done 2026-11-20-disk-full#2
expect_rc 2
expect_stderr_match "^postmortem: 2026-11-20-disk-full#2: postmortems/2026-11-20-disk-full.md:12: cannot find the checkbox's place in the file$"
# The empty item takes no number: #3 is the one after it.
pm done 2026-11-20-disk-full#3
expect_rc 0
expect_out '2026-11-20-disk-full#3 done: After an empty item'
git checkout -q -- "$DOC"
pm done
expect_rc 2
expect_stderr_match '^postmortem: done: which action item\? name one: DOCUMENT-ID#N$'
pm done a#1 b#2
expect_rc 2
expect_stderr_match "^postmortem: done: one action item at a time, not 'b#2' too$"
[ -z "$(git status --porcelain)" ]
check $? "a refused done changed files: $(git status --porcelain)"

t 'done --commit: the checkbox, committed alone; other staged work stays staged'
write_base
git add -A && git commit -q -m base
echo notes >notes.txt && git add notes.txt
pm done --commit 2026-11-20-disk-full#1
expect_rc 0
expect_out "2026-11-20-disk-full#1 done: Add a nightly cleanup job
$(git rev-parse --short HEAD)"
[ "$(git log -1 --format=%s)" = 'postmortem: done 2026-11-20-disk-full#1' ]
check $? "commit subject: $(git log -1 --format=%s)"
[ "$(git status --porcelain)" = 'A  notes.txt' ]
check $? "status after done --commit: $(git status --porcelain)"
[ "$(git show --format= --name-only HEAD)" = "$DOC" ]
check $? "files in the commit: $(git show --format= --name-only HEAD)"
git fsck --strict >/dev/null 2>&1
check $? "git fsck --strict after done --commit"
pm done --undo --commit 2026-11-20-disk-full#1
expect_rc 0
[ "$(git log -1 --format=%s)" = 'postmortem: reopen 2026-11-20-disk-full#1' ]
check $? "commit subject of --undo: $(git log -1 --format=%s)"

t 'done: ambiguous ids and unreadable documents are refused'
rollup_fixture
mkdir -p postmortems/old
cp "$FAILOVER" postmortems/old/
pm done 2026-11-20-db-failover#1
expect_rc 2
expect_stderr_match "^postmortem: 2026-11-20-db-failover#1: the id '2026-11-20-db-failover' is ambiguous: postmortems/2026-11-20-db-failover.md and postmortems/old/2026-11-20-db-failover.md have it \(id-duplicate\)$"
rm -r postmortems/old
printf -- 'no front matter\n## Action items\n- [ ] x\n' >"$FAILOVER"
pm done 2026-11-20-db-failover#1
expect_rc 2
expect_stderr_match '^postmortem: postmortems/2026-11-20-db-failover.md: the file does not start with front matter.*\[frontmatter-missing\]$'

t 'done: a box whose [x] would be a link is refused; nothing is written'
write "$DOC" <<'EOF'
---
title: Links
date: 2026-11-20
---
## Action items
- [ ] Tick me
  - owner: @alice

[X]: https://example.com/x
EOF
cp "$DOC" "$T/before"
pm done 2026-11-20-disk-full#1
expect_rc 2
expect_empty_stdout
expect_stderr_match "^postmortem: 2026-11-20-disk-full#1: postmortems/2026-11-20-disk-full.md:6: flipping the checkbox would change how the document reads"
cmp -s "$DOC" "$T/before"
check $? "a refused done changed the document"

t 'git postmortem done: works as a git command, from any subfolder'
rollup_fixture
mkdir -p "$T/bin$NREPO" postmortems/2026/deep
ln -s "$PM" "$T/bin$NREPO/git-postmortem"
cd postmortems/2026/deep || exit 2
PATH="$T/bin$NREPO:$PATH" git postmortem done 2026-11-20-db-failover#1 >"$T/out" 2>"$T/err"
RC=$?
slurp "$T/out" OUT
slurp "$T/err" ERR
expect_rc 0
expect_out '2026-11-20-db-failover#1 done: Page on replication lag'
cd "$R" || exit 2
grep -q '^- \[x\] Page on replication lag$' "$FAILOVER"
check $? "the box is not ticked: $(cat "$FAILOVER")"
