# shellcheck shell=bash disable=SC1010,SC2016,SC2034
# (`done` is a subcommand here, not the shell keyword; backquotes and
# dollars in single quotes are test data; RC and OUT are read by run.sh's
# helpers.)
# Hostile input (contract section 6: "no input makes the program crash,
# hang or write outside the repository"), sourced by run.sh, whose helpers
# it uses. Each input goes through validate (text, json, github), actions
# (table, markdown, json, csv) and list (table, json, csv), beside an
# ordinary document, and every run must:
#   - exit 0, 1 or 2, never on a signal (pm_status fails the case);
#   - finish within HOSTILE_SECONDS of wall-clock time;
#   - write valid UTF-8, with no raw control characters (C0 but for line
#     ends, DEL, C1) on stdout or stderr: escapes are shown escaped;
#   - write JSON that parses, and CSV that parses;
#   - go on past the bad file: the ordinary document is still checked,
#     listed and rolled up.
# Then: containment (nothing is written outside the work tree but an
# explicit --output; no document text reaches a shell).

# Generous for a sanitizer build; the ordinary build takes well under a
# second for each of these. Under run.sh's PM_WRAPPER (valgrind), every
# limit grows tenfold, as run.sh's own do.
HOSTILE_SECONDS=${HOSTILE_SECONDS:-5}
[ ${#WRAPPER[@]} -gt 0 ] && HOSTILE_SECONDS=$((HOSTILE_SECONDS * 10))

# The runs of a sweep: KIND ARGS...; v-* are validate, the others the
# rollups. Each sweep has the ordinary document (run.sh's OTHER) beside
# the hostile ones: one open action item, 2026-11-21-other#1, and one
# warning.
HOSTILE_RUNS=(
	'v-text validate'
	'v-json validate --format json'
	'v-github validate --format github'
	'a-table actions --status all'
	'a-markdown actions --status all --format markdown'
	'a-json actions --status all --format json'
	'a-csv actions --status all --format csv'
	'l-table list'
	'l-json list --format json'
	'l-csv list --format csv'
)
# Large documents make large output, all of it checked: one run of each
# command and kind of writer (text, JSON, CSV, the tables) shows it. A
# configuration is read the same way by every command: fewer runs show
# what it does.
MD_RUNS=("${HOSTILE_RUNS[@]:0:6}" "${HOSTILE_RUNS[9]}")
CONFIG_RUNS=("${HOSTILE_RUNS[@]:0:2}" "${HOSTILE_RUNS[@]:6:2}")

# sweep VALIDATE-RC ROLLUP-RC [RUN...]: every run of HOSTILE_RUNS (or the
# RUNs given) in the current repository, checked as above; validate must
# exit VALIDATE-RC, actions and list ROLLUP-RC ("-": any of 0, 1, 2). The
# output is left in $T/sweep/KIND.{out,err,rc}, and not read into the
# shell: it can be megabytes.
sweep() {
	local want_v=$1 want_r=$2 run kind args start ms want rc runs=("${@:3}")
	# (A case that run.sh's PM_CASES leaves out runs nothing.)
	[ -n "${SKIP:-}" ] && return
	[ ${#runs[@]} -eq 0 ] && runs=("${HOSTILE_RUNS[@]}")
	rm -rf "$T/sweep"
	mkdir -p "$T/sweep"
	for run in "${runs[@]}"; do
		kind=${run%% *}
		read -r -a args <<<"${run#* }"
		start=${EPOCHREALTIME/./}
		{ (ulimit -t "$CPU_LIMIT" && exec timeout -k 5 "${WALL_LIMIT:-30}" "${WRAPPER[@]}" "$PM" "${args[@]}") \
			>"$T/sweep/$kind.out" 2>"$T/sweep/$kind.err"; } 2>/dev/null
		rc=$?
		ms=$(((${EPOCHREALTIME/./} - start) / 1000))
		echo "$rc" >"$T/sweep/$kind.rc"
		want=$want_r
		[ "${kind:0:1}" = v ] && want=$want_v
		if [ "$rc" -eq 99 ] && [ ${#WRAPPER[@]} -gt 0 ]; then
			fail "postmortem ${args[*]}: ${WRAPPER[0]} found a problem (exit status 99; see its log)"
		elif [ "$rc" -eq 124 ] || [ "$rc" -ge 128 ]; then
			fail "postmortem ${args[*]}: killed (exit status $rc: a hang, a loop or a crash); stderr: $(flat "$(head -c 600 "$T/sweep/$kind.err")")"
		elif grep -q 'Sanitizer\|runtime error:' "$T/sweep/$kind.err"; then
			fail "postmortem ${args[*]}: sanitizer report: $(flat "$(head -c 600 "$T/sweep/$kind.err")")"
		elif [ "$ms" -gt $((HOSTILE_SECONDS * 1000)) ]; then
			fail "postmortem ${args[*]} took $ms ms (limit ${HOSTILE_SECONDS} s)"
		elif [ "$want" != - ] && [ "$rc" != "$want" ]; then
			fail "postmortem ${args[*]}: exit status: expected $want, got $rc; stderr: $(flat "$(head -c 600 "$T/sweep/$kind.err")")"
		elif [ "$rc" -gt 2 ]; then
			fail "postmortem ${args[*]}: exit status $rc"
		else
			pass
		fi
	done
	sweep_check
}

# sweep_check: the output of a sweep, read by python: UTF-8, no raw
# control characters, JSON and CSV that parse, the ordinary document
# present wherever the run went on.
sweep_check() {
	if [ -z "$PY" ]; then
		fail "python3 is needed to check the output of hostile input"
		return
	fi
	local res
	res=$("$PY" -I -S - "$T/sweep" "$OTHER" <<'PYEOF'
import csv, io, json, os, re, sys
csv.field_size_limit(sys.maxsize)
d, other = sys.argv[1], sys.argv[2]
other_id = os.path.basename(other)[:-3]
problems = []
def check(cond, what):
    if not cond:
        problems.append(what)
# C0 but for the line feed, DEL and C1; in CSV a CR before a LF too.
CONTROL = re.compile('[\x00-\x09\x0b-\x1f\x7f-\x9f]')
CONTROL_CSV = re.compile('[\x00-\x09\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?!\n)')
for name in sorted(os.listdir(d)):
    kind, stream = name.split('.')
    if stream == 'rc':
        continue
    raw = open(os.path.join(d, name), 'rb').read()
    try:
        text = raw.decode('utf-8')
    except UnicodeDecodeError as e:
        problems.append('%s is not UTF-8: %s' % (name, e))
        continue
    m = (CONTROL_CSV if kind.endswith('csv') and stream == 'out' else CONTROL).search(text)
    check(m is None, '%s: a raw control character: %r' % (name, m and text[max(0, m.start() - 30):m.end() + 30]))
    # A run that stopped (exit 2: the configuration is refused) has
    # nothing more to show.
    if stream != 'out' or open(os.path.join(d, kind + '.rc')).read().strip() == '2':
        continue
    try:
        if kind.endswith('json'):
            data = json.loads(text)
            if kind == 'v-json':
                check(set(data) == {'files', 'errors', 'warnings', 'diagnostics'}, 'v-json keys')
                check(any(x['path'] == other for x in data['diagnostics']),
                      'v-json: the ordinary document was not checked')
            elif kind == 'a-json':
                check(isinstance(data, list), 'a-json is not an array')
                check(other_id + '#1' in [x['id'] for x in data],
                      'a-json: the ordinary document was not rolled up')
            else:
                check(isinstance(data, list), 'l-json is not an array')
                check(other_id in [x['id'] for x in data], 'l-json: the ordinary document is not listed')
        elif kind.endswith('csv'):
            rows = list(csv.reader(io.StringIO(text, newline=''), strict=True))
            check(rows and rows[0][0] == 'id', '%s: no header' % kind)
            check(any(r and r[0] in (other_id, other_id + '#1') for r in rows[1:]),
                  '%s: the ordinary document is missing' % kind)
        elif kind == 'v-text':
            check(other + ':3:7: warning:' in text, 'v-text: the ordinary document was not checked')
        elif kind in ('a-table', 'a-markdown'):
            check(other_id + '#1' in text, '%s: the ordinary document was not rolled up' % kind)
        elif kind == 'l-table':
            check(other_id in text, 'l-table: the ordinary document is not listed')
    except Exception as e:
        problems.append('%s: %s: %s' % (name, type(e).__name__, e))
print('; '.join(problems)[:1500])
PYEOF
)
	if [ -z "$res" ]; then pass; else fail "$res"; fi
}

# sweep_out KIND: OUT and ERR from a run of the last sweep (v-text...),
# for run.sh's expect_* helpers (small outputs only).
sweep_out() {
	slurp "$T/sweep/$1.out" OUT
	slurp "$T/sweep/$1.err" ERR
}

# hostile_case NAME: a repository with the ordinary document; the caller
# adds the hostile files and calls sweep.
hostile_case() {
	t "hostile: $1"
	other_doc
}

# pyw FILE PYTHON: writes the bytes that PYTHON leaves in `data` to FILE.
pyw() {
	"$PY" -I -S -c "import random, sys
$2
open(sys.argv[1], 'wb').write(data)" "$1"
}

# A front matter that validates, for the inputs that are hostile in one
# part only (the body then lacks sections: validate exits 1).
HOSTILE_FM='---
title: Hostile but valid
date: 2026-11-20
status: draft
severity: SEV3
customer_impact: false
data_breach: false
authors: [Alice Nguyen]
failure_categories: [technical]'

# base_with FILE: the base document at FILE, with the lines of stdin at
# the end of its front matter.
base_with() {
	base_doc | head -n 9 >"$1"
	cat >>"$1"
	base_doc | tail -n +10 >>"$1"
}

# Many hostile files go into one repository, so that one run shows that
# each is reported and the run goes on past all of them, within the time
# limit (which then holds for all of them together).
P=postmortems

# --- Bytes ------------------------------------------------------------------

hostile_case 'random bytes (3 seeds), NULs, invalid UTF-8, empty, ---, a BOM, CRLF'
for seed in 1 2 3; do
	pyw $P/2026-11-20-random-$seed.md "random.seed($seed); data = bytes(random.getrandbits(8) for _ in range(65536))"
	pyw $P/2026-11-20-random-nonul-$seed.md "random.seed($seed); data = b'---\n' + bytes(random.randrange(1, 256) for _ in range(65536))"
done
{ printf -- '---\ntitle: a\000b\n---\n'; head -c 1000 /dev/zero; } >$P/2026-11-20-nul.md
printf -- '---\ntitle: St\366rung \300\257 \355\240\200 \233[31m\n---\n' >$P/2026-11-20-latin1.md
: >$P/2026-11-20-empty.md
printf -- '---\n' >$P/2026-11-20-dashes.md
printf -- '---' >$P/2026-11-20-dashes-no-newline.md
printf -- '---\n---\n' >$P/2026-11-20-empty-front-matter.md
printf '\357\273\277' >$P/2026-11-20-bom.md
printf '\r\n' >$P/2026-11-20-crlf.md
printf '\r' >$P/2026-11-20-cr.md
head -c 100000 /dev/zero | tr '\0' '\r' >$P/2026-11-20-crs.md
sweep 1 1
sweep_out v-text
for seed in 1 2 3; do expect_diag '*' error file-invalid $P/2026-11-20-random-$seed.md; done
expect_diag 2 error file-invalid $P/2026-11-20-nul.md
expect_diag 2 error file-invalid $P/2026-11-20-latin1.md
expect_diag 1 error frontmatter-missing $P/2026-11-20-empty.md
expect_diag 1 error frontmatter-unterminated $P/2026-11-20-dashes.md
expect_diag 1 error frontmatter-invalid $P/2026-11-20-empty-front-matter.md
expect_diag 1 error frontmatter-missing $P/2026-11-20-bom.md
expect_diag 1 error frontmatter-missing $P/2026-11-20-crlf.md
expect_summary 17 16 1
[ "$(grep -c 'left out of the rollup' "$T/sweep/a-table.err")" = 16 ]
check $? "actions: expected 16 documents left out: $(flat "$(cat "$T/sweep/a-table.err")")"

# Fragments of YAML, Markdown and this format, in random order: every
# parser gets its fill of almost-right input.
hostile_case 'random tokens of YAML and Markdown (3 seeds)'
for seed in 1 2 3; do
	pyw $P/2026-11-20-tokens-$seed.md "random.seed($seed)
tokens = ['\n', '\n', '\n', ' ', '  ', '- ', '- [ ] ', '- [x] ', '[', ']', '{', '}', ':', ': ', ',', '#', '## ',
          '### ', '---\n', '...\n', '*', '**', '_', '\`', '\`\`\`\n', '>', '<!--', '-->', '<a name=\"timeline\"></a>',
          '&a ', '*a ', '!!str ', '!tag ', '|', '\"', \"'\", '\t', '\r\n', '\r', 'é', '日本', '\u2028', '\ufeff',
          'title', 'date', 'status', 'severity', 'authors', 'failure_categories', 'owner: @x', 'due: 2026-12-01',
          'type: bug', '2026-11-20', '09:14', '25:00', 'Summary', 'Impact', 'Timeline', 'Failures',
          'Action items', 'Technical lapses', 'true', 'yes', 'null', '~', '\\\\', '\x1b[31m', '\u009b']
data = ('---\n' + ''.join(random.choice(tokens) for _ in range(20000))).encode('utf-8')"
	# The same after a front matter that holds, so that the body is parsed.
	{ printf '%s\n---\n' "$HOSTILE_FM"; tail -c +5 $P/2026-11-20-tokens-$seed.md; } >$P/2026-11-20-body-tokens-$seed.md
done
sweep 1 -

hostile_case 'a 20 MiB document'
big_doc "$DOC" $((20 * 1024 * 1024))
sweep 1 1
sweep_out v-text
expect_diag 1 error file-invalid

# --- YAML ---------------------------------------------------------------------

hostile_case 'YAML: an alias bomb, 100-deep nesting, 2,000 keys, a 64 KiB line, 7,000 equal keys, tags'
{
	printf '%s\n' "$HOSTILE_FM"
	printf 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
	p=a
	for k in b c d e f g h i; do
		printf '%s: &%s [*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s,*%s]\n' $k $k $p $p $p $p $p $p $p $p $p
		p=$k
	done
	printf -- '---\n\n## Action items\n\n- [ ] Laugh\n'
} >$P/2026-11-20-alias-bomb.md
{
	printf '%s\n' "$HOSTILE_FM"
	printf 'deep:\n'
	for ((i = 1; i <= 100; i++)); do printf '%*sa:\n' $((i * 2)) ''; done
	printf -- '---\n'
} >$P/2026-11-20-deep.md
# Other keys are allowed: this one is valid.
for ((i = 0; i < 2000; i++)); do printf 'key%d: value %d\n' $i $i; done | base_with $P/2026-11-20-keys.md
# Each value's place on a long line was once counted from the line's start.
printf 'tags: [%s]\n' "$(yes a | head -n 32000 | paste -sd,)" | base_with $P/2026-11-20-long-line.md
# A duplicate key is reported once per key, however often it repeats.
printf 'x: {%s}\n' "$(yes 'k: 1' | head -n 7000 | paste -sd,)" | base_with $P/2026-11-20-equal-keys.md
{
	printf '%s\n' "$HOSTILE_FM" | sed '/^title:/d'
	printf 'title: !!python/object/apply:os.system ["touch %s/pwned-tag"]\n' "$T"
	printf 'services: !!python/object/apply:subprocess.call [[sh, -c, "touch %s/pwned-tag2"]]\n' "$T"
	printf 'tags: !!binary aGVsbG8=\n'
	printf 'incident: !local "x"\n'
	printf -- '---\n'
} >$P/2026-11-20-tags.md
sweep 1 1
sweep_out v-text
expect_diag 11 error frontmatter-invalid $P/2026-11-20-alias-bomb.md
expect_diag '*' error frontmatter-invalid $P/2026-11-20-deep.md
expect_no '' $P/2026-11-20-keys.md
expect_no '' $P/2026-11-20-long-line.md
expect_count frontmatter-duplicate-key 1
expect_diag 9 error field-invalid $P/2026-11-20-tags.md
[ ! -e "$T/pwned-tag" ] && [ ! -e "$T/pwned-tag2" ]
check $? "a YAML tag ran a command"

# --- Pathological Markdown --------------------------------------------------

# md_doc FILE PYTHON: the valid front matter, then the body that PYTHON
# leaves in `body` (a str).
md_doc() {
	pyw "$1" "fm = '''$HOSTILE_FM
---
'''
$2
data = (fm + body).encode('utf-8')"
}

hostile_case 'Markdown: block quotes, brackets, emphasis, code and link storms'
md_doc $P/2026-11-20-quotes.md "body = '## Summary\n\n' + '>' * 50000 + ' deep\n'"
md_doc $P/2026-11-20-brackets.md "body = '## Summary\n\n' + '[' * 100000 + '\n\n## Action items\n\n- [ ] ' + '[' * 50000 + '\n'"
md_doc $P/2026-11-20-emphasis.md "body = '## Summary\n\n' + '*a **a ' * 30000 + '\n\n## Action items\n\n- [ ] ' + '*a **a ' * 10000 + '\n'"
md_doc $P/2026-11-20-storms.md "body = '## Summary\n\n' + '\`a\`\`' * 20000 + '\n\n' + '[a](' * 20000 + '\n\n' + '<a ' * 20000 + '\n'"
md_doc $P/2026-11-20-unclosed.md "body = '## Summary\n\n<!--' + ' x' * 100000 + '\n\n<div>' * 20000 + '\n\n\`\`\`\n' + 'code\n' * 20000"
sweep 1 - "${MD_RUNS[@]}"

hostile_case 'Markdown: 3,000-deep lists, 20,000 headings, a 1,000 x 1,000 table'
md_doc $P/2026-11-20-lists.md "body = '## Action items\n\n' + ''.join('  ' * i + '- [ ] item %d\n' % i for i in range(3000))"
md_doc $P/2026-11-20-lists-one-line.md "body = '## Action items\n\n' + '- ' * 3000 + '[ ] x\n\n## Timeline\n\n' + '- ' * 3000 + '09:00 x\n'"
md_doc $P/2026-11-20-headings.md "
titles = ['Summary', 'Impact', 'Timeline', 'Failures', 'Action items', '<a name=\"timeline\"></a>x', 'Free']
body = ''.join('## %s\n\n### Technical lapses\n\n- x\n\n' % titles[i % len(titles)] for i in range(20000))"
md_doc $P/2026-11-20-table.md "body = '## Summary\n\n' + '|a' * 1000 + '|\n' + '|-' * 1000 + '|\n' + ('|x' * 1000 + '|\n') * 1000"
sweep 1 - "${MD_RUNS[@]}"

hostile_case 'Markdown: 5,000 action items and timeline entries; a 1 MB line'
md_doc $P/2026-11-20-items.md "
body = '## Timeline\n\n' + ''.join('- %02d:%02d x\n' % ((i // 60) % 24, i % 60) for i in range(5000)) + '\n## Action items\n\n' + ''.join('- [ ] Do %d\n  - owner: @o%d\n  - due: 2026-12-01\n  - type: bug\n' % (i, i % 7) for i in range(5000))"
md_doc $P/2026-11-20-long.md "body = '## Summary\n\n' + 'a' * (1 << 20) + '\n\n## Action items\n\n- [ ] ' + 'b' * (1 << 20) + '\n  - owner: @' + 'c' * 100000 + '\n'"
sweep 1 0 "${MD_RUNS[@]}"
py_check '
items = json.loads(text(args[0]))
check(len(items) == 5002, "5,000 items, one long one and the ordinary one: %d" % len(items))
check(any(len(x["title"]) == 1 << 20 for x in items), "the long title")' "$T/sweep/a-json.out"
# The long owner is cut to the terminal's width (100 when there is none),
# not padded into every row: that made the table 500 MB.
[ "$(wc -c <"$T/sweep/a-table.out")" -lt $((5002 * 200)) ]
check $? "the table is $(wc -c <"$T/sweep/a-table.out") bytes"

# --- Files that are not files -----------------------------------------------

hostile_case 'a FIFO, a folder, a symlink loop, a dangling link, a socket and devices named *.md'
mkfifo $P/2026-11-20-fifo.md
mkdir $P/2026-11-20-folder.md
ln -s 2026-11-20-loop.md $P/2026-11-20-loop.md
ln -s nowhere/at/all.md $P/2026-11-20-dangling.md
ln -s /dev/zero $P/2026-11-20-zero.md
ln -s /dev/urandom $P/2026-11-20-random.md
"$PY" -I -S -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' $P/2026-11-20-socket.md
sweep 1 1
[ "$(grep -c '^postmortem: .* left out of the rollup: .* \[file-invalid\]$' "$T/sweep/l-table.err")" = 7 ]
check $? "list: expected 7 documents left out: $(flat "$(cat "$T/sweep/l-table.err")")"

t 'hostile: an unreadable file: actions and list name it and go on'
saved_pm=$PM
PM=$(unprivileged_pm)
if [ -z "$PM" ]; then
	echo "# skipped: 'hostile: an unreadable file' (root without setpriv)"
else
	other_doc
	write_base "$DOC"
	chmod 000 "$DOC"
	sweep 1 1
	sweep_out a-table
	expect_stderr_match "^postmortem: $DOC:1:1: left out of the rollup: the file cannot be read: Permission denied \[file-invalid\]$"
	chmod 644 "$DOC"
fi
PM=$saved_pm

# --- Names and text made to act on a terminal ------------------------------

# Written as YAML escapes in the front matter (\e, \a, \x9b: the C1 CSI),
# and raw in the Markdown body, where YAML's rules do not reach.
hostile_case 'terminal escapes in titles, owners, statuses, severities and file names'
ESCDOC="postmortems/2026-11-20-${ESC}]0;pwned$(printf '\a').md"
printf -- '---
title: "T \\e]0;pwned\\a \\e[31mred \\x9b31m C1"
date: 2026-11-20
status: "\\e[31mfinal"
severity: "SEV\\x9b1"
customer_impact: false
data_breach: false
authors: ["\\e]0;pwned\\a"]
failure_categories: [technical]
---

## Action items

- [ ] Evil \033]0;pwned\007 \033[31mred \302\2331m \033[2J
  - owner: @m\033[2J\302\233x
  - due: 2026-12-01
  - type: "\033[31m"
  - \033[1mkey: v
' >"$DOC"
cp "$DOC" "$ESCDOC"
sweep 1 0
for f in v-text v-github a-table a-markdown a-csv l-table l-csv; do
	grep -q '\\x1b\]0;pwned\\x07\|\\x1b\[2J\|\\u009b' "$T/sweep/$f.out"
	check $? "$f: the escapes are not shown escaped: $(flat "$(head -c 600 "$T/sweep/$f.out")")"
done
# JSON carries the exact text (escaped by JSON itself).
py_check '
items = json.loads(text(args[0]))
evil = [x for x in items if x["title"].startswith("Evil")]
check(len(evil) == 2, "two evil items: %r" % items)
check(evil[0]["title"] == "Evil \x1b]0;pwned\x07 \x1b[31mred \x9b1m \x1b[2J", "title %r" % evil[0]["title"])
check(evil[0]["owner"] == "@m\x1b[2J\x9bx", "owner %r" % evil[0]["owner"])
docs = json.loads(text(args[1]))
check(any(d["title"] == "T \x1b]0;pwned\x07 \x1b[31mred \x9b31m C1" for d in docs), "list title")
' "$T/sweep/a-json.out" "$T/sweep/l-json.out"
# done names the item escaped too; its id is made of the file name.
pm done "${ESCDOC#postmortems/}#1"
expect_rc 0
[[ $OUT == *'\x1b]0;pwned\x07#1 done: Evil \x1b]0;pwned\x07 \x1b[31mred \u009b1m \x1b[2J' && $OUT != *"$ESC"* ]]
check $? "done: $(ctx)"
pm done $'\e[31m#1'
expect_rc 2
[[ $ERR != *"$ESC"* ]]
check $? "done: a raw escape in the message: $(ctx)"

hostile_case 'bidi overrides and invisible characters ("Trojan Source") in titles, owners and statuses'
RLO=$'\u202e' PDF=$'\u202c' LRI=$'\u2066' PDI=$'\u2069' ZWSP=$'\u200b' LSEP=$'\u2028' RLM=$'\u200f' ZWJ=$'\u200d'
write "$DOC" <<EOF
---
title: "Pay ${RLO}gnp.exe${PDF} now${ZWSP}"
date: 2026-11-20
status: "final${ZWSP}"
severity: SEV1
customer_impact: false
data_breach: false
authors: [Alice]
failure_categories: [technical]
---

## Action items

- [ ] Rotate ${LRI}keys${PDI}${LSEP}now (שלום${RLM} and 👩${ZWJ}💻 stay as they are)
  - owner: @a${RLO}lice
  - due: 2026-12-01
EOF
sweep 1 0
for f in v-text v-github a-table a-markdown a-csv l-table l-csv; do
	! grep -q "$RLO\|$LRI\|$PDI\|$ZWSP\|$LSEP" "$T/sweep/$f.out" &&
		grep -q '\\u202e\|\\u2066\|\\u200b' "$T/sweep/$f.out"
	check $? "$f: a bidi override or invisible character shown raw: $(flat "$(head -c 600 "$T/sweep/$f.out")")"
done
grep -q "'final\\\\u200b'" "$T/sweep/v-text.out"
check $? "the status that is not 'final' says why: $(flat "$(head -c 600 "$T/sweep/v-text.out")")"
grep -q "שלום$RLM and 👩$ZWJ💻" "$T/sweep/a-csv.out"
check $? "right-to-left marks and joiners stay: $(flat "$(head -c 600 "$T/sweep/a-csv.out")")"
# JSON carries the exact text.
py_check '
items = json.loads(text(args[0]))
check(items[0]["owner"] == "@a\u202elice", "owner %r" % items[0]["owner"])
' "$T/sweep/a-json.out"
# A file name keeps its characters where it must name the file (JSON,
# GitHub's annotations); text output shows them escaped.
ZWDOC="postmortems/2026-11-20-disk${ZWSP}full.md"
mv "$DOC" "$ZWDOC"
pm validate --format json
py_check '
d = json.loads(args[0])
check(any(x["path"] == "postmortems/2026-11-20-disk\u200bfull.md" for x in d["diagnostics"]), "json path: %r" % d)
' "$OUT"
pm validate --format github
[[ $OUT == *"file=postmortems/2026-11-20-disk${ZWSP}full.md,"* ]]
check $? "github: the path names the file: $(ctx)"
pm validate
[[ $OUT == *'postmortems/2026-11-20-disk\u200bfull.md:'* && $OUT != *"$ZWSP"* ]]
check $? "text: the path escaped: $(ctx)"

t 'hostile: escapes in the configured folder and in core.hooksPath are never shown raw'
printf 'directory: "pm\\e]0;pwned\\a"\n' >.postmortem.yml
pm new 'Escaped folder' --date 2026-11-20 --no-edit
expect_rc 2
expect_stderr_match "^postmortem: \\.postmortem\\.yml:1:12: 'directory' must not hold control characters$"
[[ $ERR != *"$ESC"* ]]
check $? "new: a raw escape: $(ctx)"
rm .postmortem.yml
git config core.hooksPath $'hooks\e[31m'
pm hook install
expect_rc 0
[[ $OUT != *"$ESC"* && $OUT == *'hooks\x1b[31m/pre-commit'* ]]
check $? "hook install: $(ctx)"
pm hook uninstall
expect_rc 0
[[ $OUT != *"$ESC"* && $OUT == *'hooks\x1b[31m/pre-commit'* ]]
check $? "hook uninstall: $(ctx)"

# --- A hostile configuration (it comes with the repository too) ------------

# config_case NAME: a repository with the ordinary document; the caller
# writes the configuration and calls sweep.
config_case() {
	t "hostile configuration: $1"
	other_doc
}

config_case 'random bytes'
pyw .postmortem.yml "random.seed(4); data = bytes(random.getrandbits(8) for _ in range(65536))"
sweep 2 2 "${CONFIG_RUNS[@]}"
sweep_out v-text
expect_stderr_match '^postmortem: \.postmortem\.yml:1:1: not UTF-8 text$'

config_case 'an alias bomb'
pyw .postmortem.yml "data = b'a: &a [1,2,3,4,5,6,7,8,9]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n'"
sweep 2 2 "${CONFIG_RUNS[@]}"

config_case 'over 1 MiB'
head -c $((1024 * 1024 + 1)) /dev/zero | tr '\0' '#' >.postmortem.yml
sweep 2 2 "${CONFIG_RUNS[@]}"

# Each of these took seconds to minutes when every value was compared
# with every other.
config_case '100,000 severities on one line (the last one used)'
pyw .postmortem.yml "data = ('severities: [' + ','.join('S%d' % i for i in range(100000)) + ', SEV3]\n').encode()"
sweep 0 0 "${CONFIG_RUNS[@]}"

config_case '100,000 keys'
pyw .postmortem.yml "data = ''.join('k%d: 1\n' % i for i in range(100000)).encode()"
sweep 2 2 "${CONFIG_RUNS[@]}"

config_case '15,000 categories, each with titles in two languages'
pyw .postmortem.yml "data = ('categories:\n  - key: technical\n    titles: {en: Technical lapses}\n' + ''.join('  - key: c%d\n    titles: {en: T%d, x%d: U%d}\n' % (i, i, i, i) for i in range(15000))).encode()"
sweep 0 0 "${CONFIG_RUNS[@]}"

config_case '60,000 categories, and a document that names 5,000 unknown ones and 20,000 anchors'
pyw .postmortem.yml "data = ('categories:\\n- {key: technical}\\n' + ''.join('- {key: c%d}\\n' % i for i in range(60000))).encode()"
md_doc "$DOC" "
body = '## Failures\\n\\n' + ''.join('### <a name=\"zz%d\"></a>x\\n\\n- y\\n\\n' % i for i in range(10000)) + ''.join('## <a name=\"qq%d\"></a>x\\n\\n' % i for i in range(10000))"
sed -i 's/^failure_categories: .*/failure_categories: ['"$(seq -s, -f 'zz%g' 0 4999)"']/' "$DOC"
sweep 1 0 "${CONFIG_RUNS[@]}"
# Each message names 20 of the known categories, not all 60,001: they
# made 11 GB of output.
sweep_out v-text
expect_msg category-unknown '(known: technical, c0, c1,'
expect_msg category-unknown 'c18 and 59981 more)'

config_case '5,000 sections'
pyw .postmortem.yml "data = ('sections:\n' + ''.join('  - {key: s%d, titles: {en: Section %d}, required: no}\n' % (i, i) for i in range(5000))).encode()"
sweep 0 0 "${CONFIG_RUNS[@]}"

config_case 'an exclude glob of 25 ** against a deep folder'
pyw .postmortem.yml "data = ('exclude: [\"' + '**/' * 25 + 'zz\", \"' + '*/**/' * 12 + 'x\"]\n').encode()"
mkdir -p postmortems/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p
write_base postmortems/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/2026-11-21-deep.md
sweep 0 0 "${CONFIG_RUNS[@]}"
grep -q 'postmortems/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/2026-11-21-deep.md' "$T/sweep/v-text.out"
check $? "the deep document was not checked"

# --- Containment (contract 6: nothing is written outside the repository) --

# outside_snapshot / outside_unchanged: every file below $T/outside, with
# its contents' checksum.
outside_snapshot() {
	(cd "$T/outside" && find . -printf '%p %y %s %m\n' -type f -exec cksum {} + | LC_ALL=C sort) >"$T/outside.before"
}
outside_unchanged() {
	(cd "$T/outside" && find . -printf '%p %y %s %m\n' -type f -exec cksum {} + | LC_ALL=C sort) >"$T/outside.after"
	cmp -s "$T/outside.before" "$T/outside.after"
	check $? "$1: something outside the work tree changed: $(diff "$T/outside.before" "$T/outside.after" | head -5 | tr '\n' ' ')"
}

t 'containment: done refuses a document whose folder links outside'
rm -rf "$T/outside"
mkdir -p "$T/outside/pm"
rmdir postmortems
ln -s "$T/outside/pm" postmortems
write_base postmortems/2026-11-20-disk-full.md
outside_snapshot
pm validate
expect_rc 0
pm actions
expect_rc 0
pm done 2026-11-20-disk-full#1
expect_rc 2
expect_stderr_match "^postmortem: $DOC: 'postmortems' leads outside the work tree \(a symbolic link\?\): nothing was written$"
outside_unchanged 'done through a linked folder'
# A subfolder that links outside is not even read (links to folders are
# not followed); one that links inside is fine.
rm postmortems
mkdir -p postmortems/inside
write_base postmortems/inside/2026-11-20-disk-full.md
ln -s "$T/outside/pm" postmortems/ext
ln -s inside postmortems/again
pm done 2026-11-20-disk-full#1
expect_rc 0
outside_unchanged 'done with a linked subfolder'

t 'containment: new and init refuse a postmortem folder that links outside'
rm -rf "$T/outside"
mkdir -p "$T/outside/pm"
rmdir postmortems
ln -s "$T/outside/pm" postmortems
outside_snapshot
pm new 'Escape' --date 2026-11-20 --no-edit
expect_rc 2
expect_stderr_match "^postmortem: postmortems: 'postmortems' leads outside the work tree \(a symbolic link\?\)$"
pm init
expect_rc 2
outside_unchanged 'new and init through a linked folder'
rm postmortems
mkdir -p postmortems/2026
ln -s "$T/outside/pm" postmortems/2026/ext
printf 'directory: postmortems/2026/ext/deeper\n' >.postmortem.yml
pm new 'Deeper' --date 2026-11-20 --no-edit
expect_rc 2
outside_unchanged 'new through a linked subfolder'
[ ! -e "$T/outside/pm/deeper" ]
check $? "new made a folder outside"

t 'containment: actions --output follows the links the user named, and replaces only the target'
rm -rf "$T/outside"
mkdir -p "$T/outside"
other_doc
printf 'old\n' >"$T/outside/ACTIONS.md"
chmod 640 "$T/outside/ACTIONS.md"
ln -s "$T/outside/ACTIONS.md" postmortems/ACTIONS.md
pm actions --format markdown --output postmortems/ACTIONS.md
expect_rc 0
[ -L postmortems/ACTIONS.md ] && grep -q '2026-11-21-other#1' "$T/outside/ACTIONS.md"
check $? "the link was replaced, or its target not written: $(ls -l postmortems/ACTIONS.md)"
[ "$(stat -c %a "$T/outside/ACTIONS.md")" = 640 ]
check $? "the target's mode changed: $(stat -c %a "$T/outside/ACTIONS.md")"
[ -z "$(find "$T/outside" postmortems -name '.postmortem-*')" ]
check $? "a temporary file was left"
pm actions --format markdown --output postmortems/ACTIONS.md --check
expect_rc 0
# A dangling link is an error, and nothing is written.
ln -s "$T/outside/missing/ACTIONS.md" dangling.md
pm actions --format markdown --output dangling.md
expect_rc 2
expect_stderr_match '^postmortem: dangling\.md: cannot follow the symbolic link: No such file or directory$'
[ -L dangling.md ] && [ ! -e "$T/outside/missing" ]
check $? "dangling link: something was written"

t 'containment: no document text reaches a shell (new, the editor, validate, actions, done, commit, the hook)'
TRAP='$(touch '"$T"'/pwned-sh) `touch '"$T"'/pwned-bq` ; touch '"$T"'/pwned-semi | touch '"$T"'/pwned-pipe'
rm -f "$T"/pwned-*
write "$T/quiet-editor" <<'EOF'
#!/bin/sh
exit 0
EOF
chmod +x "$T/quiet-editor"
pm hook install
expect_rc 0
EDITOR=$T/quiet-editor pm new "$TRAP" --date 2026-11-20 --author "$TRAP" --edit
expect_rc 0
write_base
fm_set title "\"$TRAP\""
sec_set 'Action items' <<EOF
- [ ] $TRAP
  - owner: @x\$(touch $T/pwned-owner)
  - due: 2026-12-01
EOF
pm validate
expect_rc 0
pm actions --format csv
expect_rc 0
pm list
expect_rc 0
pm done 2026-11-20-disk-full#1
expect_rc 0
pm commit -m "$TRAP"
expect_rc 0
write_base
git add -A && git commit -q -m "$TRAP" 2>/dev/null
check $? "git commit (with our pre-commit hook) failed"
[ -z "$(find "$T" -maxdepth 1 -name 'pwned*')" ]
check $? "a command in the title ran: $(find "$T" -maxdepth 1 -name 'pwned*')"
