# shellcheck shell=bash
# End-to-end cases of `init` and `new` (contract section 5), sourced by
# run.sh: they use its helpers (t, pm, expect_*) and its hermetic
# environment (HOME, TZ=UTC, git's identity A U Thor).
# shellcheck disable=SC2016,SC2034
# (single-quoted $(...) and $VAR are data: they must reach the program
# unexpanded; RC is the harness's, read by expect_rc.)

LANGS='en de fr it es ja'
TODAY=$(date +%F)

# fresh_repo NAME: a case in a repository without the postmortems/ folder
# that t makes.
fresh_repo() {
	t "$1"
	rmdir postmortems
}

# expect_file FILE: FILE exists (and is a regular file).
expect_file() {
	if [ -f "$1" ] && [ ! -L "$1" ]; then pass; else fail "expected a file $1; $(ctx)"; fi
}

# expect_grep PATTERN FILE: some line of FILE matches (grep -E).
expect_grep() {
	if grep -qE -- "$1" "$2" 2>/dev/null; then pass; else fail "expected /$1/ in $2; $(ctx)"; fi
}

expect_no_grep() {
	if grep -qE -- "$1" "$2" 2>/dev/null; then fail "expected no /$1/ in $2"; else pass; fi
}

# expect_same FILE COPY: FILE is byte for byte COPY.
expect_same() {
	if cmp -s "$1" "$2"; then pass; else fail "$1 changed"; fi
}

# count_md DIR: the number of *.md files directly in DIR, in N.
count_md() {
	local f
	N=0
	for f in "$1"/*.md; do
		[ -e "$f" ] && N=$((N + 1))
	done
}

# yaml_check FILE TITLE...: python's yaml reads each FILE's front matter
# with that title (and a draft status, so the value did not spill into
# other keys). One python run for all, as python starts slowly.
HAVE_PYYAML=
[ -n "$PY" ] && "$PY" -c 'import yaml' 2>/dev/null && HAVE_PYYAML=1
yaml_check() {
	local res
	res=$("$PY" - "$@" <<'PYEOF'
import sys, yaml
args = sys.argv[1:]
for path, title in zip(args[0::2], args[1::2]):
    text = open(path, encoding='utf-8').read()
    fm = yaml.safe_load(text.split('\n---\n', 1)[0].split('---\n', 1)[1])
    if fm.get('title') != title or fm.get('status') != 'draft' or fm.get('authors') != [title]:
        print('%s: title %r, status %r, authors %r' % (path, fm.get('title'), fm.get('status'), fm.get('authors')))
PYEOF
)
	if [ -z "$res" ]; then pass; else fail "read back with python's yaml: $res"; fi
}

# ---------------------------------------------------------------------------
# init

fresh_repo 'init: writes the configuration, the folder and its README'
pm init
expect_rc 0
expect_out 'created .postmortem.yml
created postmortems/
created postmortems/README.md'
expect_empty_stderr
expect_file .postmortem.yml
expect_file postmortems/README.md
# Every key, with its default.
for key in directory default_lang severities statuses action_types exclude; do
	expect_grep "^$key: " .postmortem.yml
done
expect_grep '^directory: postmortems$' .postmortem.yml
expect_grep '^default_lang: en$' .postmortem.yml
expect_grep '^severities: \[SEV1, SEV2, SEV3, SEV4\]$' .postmortem.yml
expect_grep '^# categories:' .postmortem.yml
expect_grep '^# sections:' .postmortem.yml
expect_grep '^# Postmortems$' postmortems/README.md
# The configuration is read back without complaint; the README is not a document.
pm validate
expect_rc 0
expect_out '0 files, 0 errors, 0 warnings'

fresh_repo 'init: idempotent, and never overwrites'
pm init
cp .postmortem.yml "$T/config.copy"
cp postmortems/README.md "$T/readme.copy"
pm init
expect_rc 0
expect_out 'exists  .postmortem.yml
exists  postmortems/
exists  postmortems/README.md'
expect_same .postmortem.yml "$T/config.copy"
expect_same postmortems/README.md "$T/readme.copy"
# Files of the team's own stay as they are.
printf 'directory: postmortems\n# ours\n' >.postmortem.yml
printf 'Our own README\n' >postmortems/README.md
cp .postmortem.yml "$T/config.copy"
cp postmortems/README.md "$T/readme.copy"
pm init
expect_rc 0
expect_same .postmortem.yml "$T/config.copy"
expect_same postmortems/README.md "$T/readme.copy"
# Only the missing piece is added.
rm postmortems/README.md
pm init
expect_rc 0
expect_out 'exists  .postmortem.yml
exists  postmortems/
created postmortems/README.md'
expect_same .postmortem.yml "$T/config.copy"

fresh_repo 'init --dir --lang: the folder and language in the configuration, a README in that language'
pm init --dir docs/incidents/ --lang de
expect_rc 0
expect_out 'created .postmortem.yml
created docs/incidents/
created docs/incidents/README.md'
expect_grep '^directory: docs/incidents$' .postmortem.yml
expect_grep '^default_lang: de$' .postmortem.yml
expect_grep '^## Ein Postmortem schreiben$' docs/incidents/README.md
pm new 'Ausfall der Datenbank' --date 2026-11-20 --no-edit
expect_rc 0
expect_out 'docs/incidents/2026-11-20-ausfall-der-datenbank.md'
expect_grep '^## <a name="timeline"></a>Zeitleiste$' docs/incidents/2026-11-20-ausfall-der-datenbank.md
expect_grep '^lang: de$' docs/incidents/2026-11-20-ausfall-der-datenbank.md
# The same options again are fine; others are refused, not ignored.
pm init --dir docs/incidents --lang de
expect_rc 0
pm init --dir other
expect_rc 2
expect_stderr_match "^postmortem: --dir: .postmortem.yml already sets the directory to 'docs/incidents'"
[ ! -e other ]
check $? 'init --dir with another directory made it'
pm init --lang fr
expect_rc 2
expect_stderr_match "already sets default_lang to 'de'"

fresh_repo 'init: a README in each language'
for l in $LANGS; do
	rm -rf .postmortem.yml postmortems
	pm init --lang "$l"
	expect_rc 0
	expect_grep "^default_lang: $l\$" .postmortem.yml
	if [ -f "$T/readme.prev" ] && cmp -s postmortems/README.md "$T/readme.prev"; then
		fail "the README of $l is the same as the one before"
	else
		pass
	fi
	cp postmortems/README.md "$T/readme.prev"
done
rm -f "$T/readme.prev"

fresh_repo 'init: bad --dir and --lang (exit 2, nothing written)'
pm init --dir ../outside
expect_rc 2
expect_stderr_match "^postmortem: init: 'directory' must not leave the repository"
pm init --dir /abs
expect_rc 2
expect_stderr_match "^postmortem: init: 'directory' must be relative"
pm init --lang pt
expect_rc 2
expect_stderr_match "^postmortem: --lang: no template for the language 'pt'; known: de, en, es, fr, it, ja$"
pm init --lang 'e n'
expect_rc 2
pm init --lang
expect_rc 2
pm init extra
expect_rc 2
[ ! -e .postmortem.yml ] && [ ! -e postmortems ]
check $? 'a failed init wrote something'

fresh_repo 'init: from a folder inside the work tree, paths from there'
mkdir -p src/deep
cd src/deep || exit 2
pm init
expect_rc 0
expect_out 'created ../../.postmortem.yml
created ../../postmortems/
created ../../postmortems/README.md'
cd "$R" || exit 2
expect_file .postmortem.yml
expect_file postmortems/README.md

fresh_repo 'init: a folder that leads outside the work tree is refused'
mkdir -p "$T/init-outside"
ln -s "$T/init-outside" postmortems
pm init
expect_rc 2
expect_stderr_match "^postmortem: postmortems: 'postmortems' leads outside the work tree"
[ -z "$(ls -A "$T/init-outside")" ]
check $? 'init wrote outside the work tree'

fresh_repo 'init: no README when the exclude globs would check it'
printf 'exclude: [ACTIONS.md]\n' >.postmortem.yml
pm init
expect_rc 0
expect_stderr_match 'no README.md written'
[ ! -e postmortems/README.md ]
check $? 'README.md written although validate would check it'

t 'init and new: outside a repository, and in a bare one (exit 2)'
mkdir -p "$T/norepo"
cd "$T/norepo" || exit 2
pm init
expect_rc 2
expect_stderr_match '^postmortem: init: not in a git repository'
pm new 'Disk full' --no-edit
expect_rc 2
expect_stderr_match '^postmortem: new: not in a git repository'
[ -z "$(ls -A "$T/norepo")" ]
check $? 'something was written outside a repository'
git init -q --bare "$T/bare.git"
cd "$T/bare.git" || exit 2
pm new 'Disk full' --no-edit
expect_rc 2
expect_stderr_match 'bare repository'
pm init
expect_rc 2
cd "$R" || exit 2

# ---------------------------------------------------------------------------
# new: the documents

t 'new: a fresh document of every language validates with no errors'
for l in $LANGS; do
	pm new "Fresh $l document" --lang "$l" --date 2026-11-20 --no-edit
	expect_rc 0
	expect_out "postmortems/2026-11-20-fresh-$l-document.md"
	expect_empty_stderr
	f=postmortems/2026-11-20-fresh-$l-document.md
	pm validate "$f"
	expect_rc 0
	# A draft: its empty required sections are warnings, and that is all.
	expect_summary 1 0 4
	expect_count section-empty 4
	pm validate --strict "$f"
	expect_rc 1
	expect_grep "^lang: $l\$" "$f"
	expect_grep '^status: draft$' "$f"
	expect_grep '^title: Fresh '"$l"' document$' "$f"
done
pm validate
expect_rc 0
expect_summary 6 0 24
# Full postmortems (customer_impact: true) have their sections too.
for l in $LANGS; do
	sed -i 's/^customer_impact: false/customer_impact: true/' "postmortems/2026-11-20-fresh-$l-document.md"
done
pm validate
expect_rc 0
expect_summary 6 0 36

t 'new: the headings of each language, with anchors'
pm new 'De' --lang de --date 2026-11-20 --no-edit
f=postmortems/2026-11-20-de.md
for h in '<a name="summary"></a>Zusammenfassung' '<a name="impact"></a>Auswirkungen' \
	'<a name="timeline"></a>Zeitleiste' '<a name="technical-summary"></a>Technische Zusammenfassung' \
	'<a name="failures"></a>Fehler' '<a name="response-evaluation"></a>Bewertung der Reaktion' \
	'<a name="action-items"></a>Maßnahmen' '<a name="lessons-learned"></a>Erkenntnisse' \
	'<a name="related"></a>Verwandte Dokumente'; do
	expect_grep "^## $h\$" "$f"
done
pm new 'Ja' --lang ja --date 2026-11-20 --no-edit
expect_out 'postmortems/2026-11-20-ja.md'
for h in 概要 影響 タイムライン 技術的な概要 問題点 対応の評価 対応項目 教訓 関連ドキュメント; do
	expect_grep "^## <a name=\"[a-z-]+\"></a>$h\$" postmortems/2026-11-20-ja.md
done
# A Japanese title leaves no slug: the name is "postmortem".
pm new 'データベースの障害' --lang ja --date 2026-11-20 --no-edit
expect_rc 0
expect_out 'postmortems/2026-11-20-postmortem.md'
pm new 'データベースの障害' --lang ja --date 2026-11-20 --no-edit
expect_out 'postmortems/2026-11-20-postmortem-2.md'

t 'new: the defaults: today, the last severity, default_lang, git user.name'
pm new 'Disk full' --no-edit
expect_rc 0
expect_out "postmortems/$TODAY-disk-full.md"
f=postmortems/$TODAY-disk-full.md
expect_grep "^date: $TODAY\$" "$f"
expect_grep '^severity: SEV4$' "$f"
expect_grep '^lang: en$' "$f"
expect_grep '^authors: \[A U Thor\]$' "$f"
printf 'severities: [P1, P2, P3]\ndefault_lang: fr\nstatuses: [wip, done]\n' >.postmortem.yml
pm new 'Panne' --date 2026-11-20 --author 'Anne Martin' --author '@bob' --no-edit
expect_rc 0
f=postmortems/2026-11-20-panne.md
expect_grep '^severity: P3$' "$f"
expect_grep '^status: wip$' "$f"
expect_grep '^lang: fr$' "$f"
expect_grep '^authors: \[Anne Martin, "@bob"\]$' "$f"
expect_grep '^## <a name="timeline"></a>Chronologie$' "$f"
pm validate "$f"
expect_rc 0
pm new 'Panne grave' --date 2026-11-20 --severity P1 --lang es --no-edit
expect_rc 0
expect_grep '^severity: P1$' postmortems/2026-11-20-panne-grave.md
expect_grep '^lang: es$' postmortems/2026-11-20-panne-grave.md
# Without git's user.name: $USER; without both: exit 2.
mkdir -p "$T/emptyhome"
HOME=$T/emptyhome XDG_CONFIG_HOME=$T/emptyhome USER=carol pm new 'No name' --date 2026-11-20 --no-edit
expect_rc 0
expect_grep '^authors: \[carol\]$' postmortems/2026-11-20-no-name.md
HOME=$T/emptyhome XDG_CONFIG_HOME=$T/emptyhome USER='' pm new 'No one' --date 2026-11-20 --no-edit
expect_rc 2
expect_stderr_match '^postmortem: new: no author: give --author NAME'
git config user.name 'Local Name'
pm new 'Local' --date 2026-11-20 --no-edit
expect_grep '^authors: \[Local Name\]$' postmortems/2026-11-20-local.md

t 'new: usage errors (exit 2, nothing written)'
pm new --no-edit
expect_rc 2
expect_stderr_match '^postmortem: new: no title'
pm new Disk full --no-edit
expect_rc 2
expect_stderr_match '^postmortem: new: one title, in quotes'
pm new '   ' --no-edit
expect_rc 2
expect_stderr_match '^postmortem: new: the title is empty$'
pm new $'bad \xff byte' --no-edit
expect_rc 2
expect_stderr_match 'not valid UTF-8'
pm new 'x' --date 2026-02-30 --no-edit
expect_rc 2
expect_stderr_match "^postmortem: --date: '2026-02-30' is not a calendar day"
pm new 'x' --date 20.11.2026 --no-edit
expect_rc 2
pm new 'x' --severity sev1 --no-edit
expect_rc 2
expect_stderr_match "^postmortem: --severity: 'sev1' is not one of the severities: SEV1, SEV2, SEV3, SEV4$"
pm new 'x' --author '' --no-edit
expect_rc 2
pm new 'x' --lang pt --no-edit
expect_rc 2
expect_stderr_match "^postmortem: --lang: no template for the language 'pt'; known: de, en, es, fr, it, ja$"
pm new 'x' --lang ../../etc --no-edit
expect_rc 2
pm new 'x' --frobnicate
expect_rc 2
pm new 'x' --date
expect_rc 2
count_md postmortems
[ "$N" -eq 0 ]
check $? 'a failed new wrote a document'
pm new --help
expect_rc 0
expect_empty_stderr
[[ $OUT == 'usage: postmortem new TITLE'* ]]
check $? "new --help: $(flat "$OUT")"
# A title that starts with a dash, after --.
pm new --no-edit --date 2026-11-20 -- '-rf /'
expect_rc 0
expect_out 'postmortems/2026-11-20-rf.md'

t 'new: the path is printed from the current folder'
mkdir -p src/deep
cd src/deep || exit 2
pm new 'From deep' --date 2026-11-20 --no-edit
expect_out '../../postmortems/2026-11-20-from-deep.md'
cd "$R/postmortems" || exit 2
pm new 'From inside' --date 2026-11-20 --no-edit
expect_out '2026-11-20-from-inside.md'
cd "$R" || exit 2
pm -C src new 'With C' --date 2026-11-20 --no-edit
expect_out '../postmortems/2026-11-20-with-c.md'
expect_file postmortems/2026-11-20-with-c.md

t 'new: file names: slugs, and -2, -3 when taken'
# TITLE|NAME: the title gives postmortems/2026-11-20-NAME.md.
while IFS='|' read -r title name; do
	pm new --date 2026-11-20 --no-edit -- "$title"
	expect_out "postmortems/2026-11-20-$name.md"
done <<EOF
Café Überlastung: Straße|cafe-uberlastung-strasse
Café Überlastung: Straße|cafe-uberlastung-strasse-2
CAFE uberlastung -- STRASSE|cafe-uberlastung-strasse-3
../../etc/passwd|etc-passwd
.hidden|hidden
--force|force
$(printf 'Word %.0s' {1..40})|word-word-word-word-word-word-word-word-word-word-word-word
EOF
# A directory or a link of the name counts as taken, and is left alone.
mkdir postmortems/2026-11-20-taken.md
ln -s "$T/nowhere.md" postmortems/2026-11-20-taken-2.md
pm new 'Taken' --date 2026-11-20 --no-edit
expect_out 'postmortems/2026-11-20-taken-3.md'
[ ! -e "$T/nowhere.md" ]
check $? 'new followed a link'
# The earlier documents are untouched.
expect_grep "^title: 'Café Überlastung: Straße'\$" postmortems/2026-11-20-cafe-uberlastung-strasse.md
# No temporary files are left.
[ -z "$(find postmortems -name '.*' -print)" ]
check $? "temporary files left: $(find postmortems -name '.*' -print)"

t 'new: eight at once with the same title make eight files'
for i in 1 2 3 4 5 6 7 8; do
	("$PM" new 'Same title' --date 2026-11-20 --author "Writer $i" --no-edit >"$T/par$i.out" 2>"$T/par$i.err") &
done
wait
count_md postmortems
[ "$N" -eq 8 ]
check $? "expected 8 documents, got $N: $(ls postmortems)"
sort -u "$T"/par?.out >"$T/par.paths"
[ "$(wc -l <"$T/par.paths")" -eq 8 ]
check $? "expected 8 distinct paths: $(cat "$T"/par?.out "$T"/par?.err)"
# Each document is whole, and each writer has one.
for i in 1 2 3 4 5 6 7 8; do
	[ "$(grep -l "^authors: \[Writer $i\]$" postmortems/*.md | wc -l)" -eq 1 ]
	check $? "Writer $i does not have exactly one document"
done
pm validate
expect_rc 0
expect_summary 8 0 32
rm -f "$T"/par*

t 'new: the directory is made when missing, never outside the work tree'
rmdir postmortems
pm new 'Made' --date 2026-11-20 --no-edit
expect_rc 0
expect_file postmortems/2026-11-20-made.md
printf 'directory: a/b/c\n' >.postmortem.yml
pm new 'Deep' --date 2026-11-20 --no-edit
expect_out 'a/b/c/2026-11-20-deep.md'
expect_file a/b/c/2026-11-20-deep.md
mkdir -p "$T/new-outside"
ln -s "$T/new-outside" linked
printf 'directory: linked/pm\n' >.postmortem.yml
pm new 'Escape' --date 2026-11-20 --no-edit
expect_rc 2
expect_stderr_match "leads outside the work tree"
[ -z "$(ls -A "$T/new-outside")" ]
check $? 'new wrote outside the work tree'
# A link to a folder inside the work tree is fine.
ln -s a/b inside-link
printf 'directory: inside-link/c\n' >.postmortem.yml
pm new 'Inside' --date 2026-11-20 --no-edit
expect_rc 0
expect_file a/b/c/2026-11-20-inside.md

# ---------------------------------------------------------------------------
# new: templates

t 'new: the repository template DIR/templates/LANG.md comes first'
write postmortems/templates/en.md <<'EOF'
---
# Our team's template.
title: Replace me
team: payments
authors:
  - Someone
---

## Summary

OUR-TEMPLATE-MARKER

## Impact

None.

## Timeline

- 09:00 Something.

## Action items

- [ ] Follow up
  - owner: @x
  - due: 2026-12-01
EOF
pm new 'Custom' --date 2026-11-20 --no-edit
expect_rc 0
f=postmortems/2026-11-20-custom.md
expect_grep '^OUR-TEMPLATE-MARKER$' "$f"
expect_grep "^# Our team's template.\$" "$f"
expect_grep '^team: payments$' "$f"
expect_grep '^title: Custom$' "$f"
expect_grep '^authors: \[A U Thor\]$' "$f"
expect_grep '^date: 2026-11-20$' "$f"
expect_grep '^customer_impact: false$' "$f"
expect_no_grep 'Replace me|Someone' "$f"
pm validate "$f"
expect_rc 0
expect_summary 1 0 0
# Other languages still come built in; a new language comes from the folder.
pm new 'Deutsch' --lang de --date 2026-11-20 --no-edit
expect_grep '^## <a name="summary"></a>Zusammenfassung$' postmortems/2026-11-20-deutsch.md
cp postmortems/templates/en.md postmortems/templates/pt.md
pm new 'Português' --lang pt --date 2026-11-20 --no-edit
expect_rc 0
expect_out 'postmortems/2026-11-20-portugues.md'
expect_grep '^lang: pt$' postmortems/2026-11-20-portugues.md
pm new 'x' --lang sv --no-edit
expect_rc 2
expect_stderr_match "known: de, en, es, fr, it, ja, pt$"
# A region falls back to its language: de-CH uses the German template.
pm new 'Schweiz' --lang de-CH --date 2026-11-20 --no-edit
expect_rc 0
expect_grep '^lang: de-CH$' postmortems/2026-11-20-schweiz.md
expect_grep '^## <a name="summary"></a>Zusammenfassung$' postmortems/2026-11-20-schweiz.md
# The templates themselves are not documents.
pm validate
expect_rc 0

t 'new: a template that cannot be filled in (exit 2); one with errors (exit 1, kept)'
write postmortems/templates/en.md <<'EOF'
---
title: a
title: b
---
EOF
pm new 'Dup' --date 2026-11-20 --no-edit
expect_rc 2
expect_stderr_match "^postmortem: postmortems/templates/en.md: the front matter cannot be filled in: line 3: the key 'title' appears twice$"
write postmortems/templates/en.md <<'EOF'
---
- a list
---
EOF
pm new 'List' --date 2026-11-20 --no-edit
expect_rc 2
expect_stderr_match 'not a mapping'
printf -- '---\ntitle: x\n\xff\n---\n' >postmortems/templates/en.md
pm new 'Bytes' --date 2026-11-20 --no-edit
expect_rc 2
expect_stderr_match 'not UTF-8 text'
count_md postmortems
[ "$N" -eq 0 ]
check $? 'a template that failed left a document'
# A template without the required sections: the document is written, and
# its errors are reported.
write postmortems/templates/en.md <<'EOF'
## Notes
EOF
pm new 'Bare' --date 2026-11-20 --no-edit
expect_rc 1
expect_out 'postmortems/2026-11-20-bare.md'
expect_stderr_match '^postmortems/2026-11-20-bare.md:1:1: error: .*\[section-missing\]$'
expect_stderr_match '^1 files, 4 errors, 0 warnings$'
expect_file postmortems/2026-11-20-bare.md
expect_grep '^title: Bare$' postmortems/2026-11-20-bare.md

# ---------------------------------------------------------------------------
# new: hostile titles

t 'new: titles with quotes, colons, #, newlines, --- and escapes round-trip'
PAIRS=()
for title in 'Quote " and '"'"' inside' 'Cause: a colon' '# not a comment' 'a #b' \
	$'two\nlines' $'---\nstatus: final\n---' '---' $'\e[31mred\e[0m' 'yes' '2026' \
	'@alice' '*alias' '[a, b]' '{a: 1}' '$(touch pwned)' '`touch pwned`' 'x; touch pwned' \
	$'tab\there' '  padded  ' 'trailing:' 'back\slash'; do
	pm new --date 2026-11-20 --author "$title" --no-edit -- "$title"
	expect_rc 0
	f=$OUT
	[[ $f == postmortems/2026-11-20-*.md ]]
	check $? "new '$(flat "$title")': path $(flat "$f")"
	pm validate "$f"
	expect_rc 0
	expect_no frontmatter-invalid
	expect_summary 1 0 4
	PAIRS+=("$f" "$title")
	# Whatever the reader: the front matter keeps its lines.
	expect_grep '^status: draft$' "$f"
	[ "$(grep -c '^---$' "$f")" -eq 2 ]
	check $? "$f: more than two --- lines"
done
if [ -n "$HAVE_PYYAML" ]; then
	yaml_check "${PAIRS[@]}"
else
	echo "note: python3's yaml module is missing: titles were not read back with it"
fi
[ ! -e pwned ] && [ ! -e postmortems/pwned ]
check $? 'a title was run by a shell'

# ---------------------------------------------------------------------------
# new: the editor

# A fake editor: records its arguments, one a line, and writes the
# document's first timeline entry.
write "$T/fake-editor" <<'EOF'
#!/bin/sh
log=${FAKE_EDITOR_LOG:?}
for a in "$@"; do printf '%s\n' "$a" >>"$log"; done
file=$1
[ "$file" = --flag ] && file=$2
[ -f "$file" ] || exit 3
sed -i 's/^## <a name="timeline"><\/a>Timeline$/&\n\n- 25:00 Impossible time./' "$file"
exit "${FAKE_EDITOR_STATUS:-0}"
EOF
chmod +x "$T/fake-editor"
HAVE_SCRIPT=
command -v script >/dev/null 2>&1 && HAVE_SCRIPT=1

# on_tty COMMAND: runs a shell command in a pseudo-terminal (script -qec),
# its output in OUT.
on_tty() {
	OUT=$(script -qec "$1" /dev/null </dev/null 2>&1)
	RC=$?
	OUT=${OUT//$CR/}
}

t 'new: the editor opens on a terminal, with the path as its argument'
if [ -n "$HAVE_SCRIPT" ]; then
	export FAKE_EDITOR_LOG=$T/editor.log
	rm -f "$FAKE_EDITOR_LOG"
	on_tty "EDITOR='$T/fake-editor' '$PM' new 'Edited \$(touch pwned)' --date 2026-11-20"
	expect_rc 0
	[ "$(cat "$FAKE_EDITOR_LOG")" = postmortems/2026-11-20-edited-touch-pwned.md ]
	check $? "editor arguments: $(flat "$(cat "$FAKE_EDITOR_LOG" 2>/dev/null)")"
	# The path first, then the diagnostics of what the editor left.
	[[ $OUT == 'postmortems/2026-11-20-edited-touch-pwned.md'$'\n'* ]]
	check $? "output: $(flat "$OUT")"
	[[ $OUT == *'[timeline-time-invalid]'* && $OUT == *'1 files, 0 errors, 4 warnings'* ]]
	check $? "diagnostics after the editor: $(flat "$OUT")"
	[ ! -e pwned ]
	check $? 'the title went through a shell'
	# $VISUAL comes before $EDITOR, and may hold options.
	rm -f "$FAKE_EDITOR_LOG"
	on_tty "VISUAL='$T/fake-editor --flag' EDITOR=false '$PM' new 'Visual' --date 2026-11-20"
	expect_rc 0
	[ "$(cat "$FAKE_EDITOR_LOG")" = $'--flag\npostmortems/2026-11-20-visual.md' ]
	check $? "VISUAL arguments: $(flat "$(cat "$FAKE_EDITOR_LOG" 2>/dev/null)")"
	# --no-edit on a terminal: no editor.
	rm -f "$FAKE_EDITOR_LOG"
	on_tty "EDITOR='$T/fake-editor' '$PM' new 'Not edited' --date 2026-11-20 --no-edit"
	expect_rc 0
	[ ! -e "$FAKE_EDITOR_LOG" ]
	check $? 'the editor ran despite --no-edit'
	[ "$OUT" = postmortems/2026-11-20-not-edited.md ]
	check $? "output: $(flat "$OUT")"
	# A failing editor: exit 2, the document is kept.
	on_tty "FAKE_EDITOR_STATUS=4 EDITOR='$T/fake-editor' '$PM' new 'Failed editor' --date 2026-11-20"
	expect_rc 2
	[[ $OUT == *"postmortem: new: the editor '$T/fake-editor' failed (exit status 4); the document is kept at postmortems/2026-11-20-failed-editor.md"* ]]
	check $? "output: $(flat "$OUT")"
	expect_file postmortems/2026-11-20-failed-editor.md
	unset FAKE_EDITOR_LOG
else
	echo "note: script(1) is missing: the terminal cases of new did not run"
fi

t 'new: no editor without a terminal, unless --edit'
export FAKE_EDITOR_LOG=$T/editor.log
rm -f "$FAKE_EDITOR_LOG"
EDITOR=$T/fake-editor pm new 'Piped' --date 2026-11-20
expect_rc 0
expect_out 'postmortems/2026-11-20-piped.md'
expect_empty_stderr
[ ! -e "$FAKE_EDITOR_LOG" ]
check $? 'the editor ran without a terminal'
EDITOR=$T/fake-editor pm new 'Forced' --date 2026-11-20 --edit </dev/null
expect_rc 0
expect_out 'postmortems/2026-11-20-forced.md'
[ "$(cat "$FAKE_EDITOR_LOG")" = postmortems/2026-11-20-forced.md ]
check $? "editor arguments: $(flat "$(cat "$FAKE_EDITOR_LOG" 2>/dev/null)")"
# After the editor, the diagnostics go to stderr; stdout is the path alone.
expect_stderr_match '\[timeline-time-invalid\]$'
expect_stderr_match '^1 files, 0 errors, 4 warnings$'
# The last of --edit and --no-edit wins.
rm -f "$FAKE_EDITOR_LOG"
EDITOR=$T/fake-editor pm new 'Both' --date 2026-11-20 --edit --no-edit
expect_rc 0
[ ! -e "$FAKE_EDITOR_LOG" ]
check $? 'the editor ran with --no-edit last'
# An editor that is not there: exit 2, the document stays.
EDITOR=/nonexistent/editor pm new 'Missing editor' --date 2026-11-20 --edit
expect_rc 2
expect_stderr_match "^postmortem: new: the editor '/nonexistent/editor' failed \(exit status 127\)"
expect_file postmortems/2026-11-20-missing-editor.md
unset FAKE_EDITOR_LOG

t 'init --hook: the configuration, the folder and the pre-commit hook'
pm init --hook
expect_rc 0
[ -x .git/hooks/pre-commit ] && grep -q 'validate --staged' .git/hooks/pre-commit
check $? "init --hook installed no hook"
[ -f .postmortem.yml ]
check $? "init --hook wrote no .postmortem.yml"
printf '#!/bin/sh\nexit 0\n' >.git/hooks/pre-commit
pm init --hook
expect_rc 2
expect_stderr_match 'is not ours'

t 'new --commit: the document alone is committed; other staged work stays'
echo notes >notes.txt && git add notes.txt
pm new 'Disk full on the build runner' --date 2026-11-20 --author Alice --no-edit --commit
expect_rc 0
expect_out "postmortems/2026-11-20-disk-full-on-the-build-runner.md
$(git rev-parse --short HEAD)"
[ "$(git log -1 --format=%s)" = 'postmortem: add 2026-11-20-disk-full-on-the-build-runner' ]
check $? "commit subject: $(git log -1 --format=%s)"
[ "$(git status --porcelain)" = 'A  notes.txt' ]
check $? "status after new --commit: $(git status --porcelain)"
git fsck --strict >/dev/null 2>&1
check $? "git fsck --strict after new --commit"

t 'new: an id that a document in another folder has is taken too'
pm new 'Disk full' --date 2026-01-01 --author A --no-edit
mkdir -p postmortems/2025 && mv postmortems/2026-01-01-disk-full.md postmortems/2025/
pm new 'Disk full' --date 2026-01-01 --author A --no-edit
expect_rc 0
expect_out 'postmortems/2026-01-01-disk-full-2.md'
