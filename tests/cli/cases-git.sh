# shellcheck shell=bash
# shellcheck disable=SC2016,SC2031,SC2034,SC2088,SC2153
# (backquotes and a ~ in fixtures are data; OUT, RC and the like are set by
# the helpers of run.sh.)
# End-to-end cases of the git features (contract sections 1, 2 and 5):
# `validate --staged`, `validate --rev`, `commit`, `hook install|uninstall`
# and the pre-commit framework. Sourced by run.sh, whose helpers and
# hermetic environment (fixed identities and dates, HOME in the temporary
# directory, no system git configuration) they use.
#
# Each case runs the real binary in a fresh repository and takes the real
# git as the judge: git fsck --strict after every write, git status,
# git ls-files -s, git diff --cached, git show, git log, git reflog.

# ---------------------------------------------------------------------------
# Helpers of the git cases

DOC2=postmortems/2026-11-20-db-failover.md
DOC3=postmortems/2026-11-20-cache-stampede.md
ID=2026-11-20-disk-full
ID2=2026-11-20-db-failover
ID3=2026-11-20-cache-stampede
TAB=$'\t'

# gq ARGS...: a git command of a case's set-up, quietly; if it fails, the
# case fails (with git's output) and the status is 1.
gq() {
	if git "$@" >"$T/gq" 2>&1; then
		return 0
	fi
	fail "set-up: git $* failed: $(flat "$(cat "$T/gq")")"
	return 1
}

# commit_all MESSAGE: git add -A and git commit (no hooks).
commit_all() { gq add -A && gq commit -q --no-verify -m "$1"; }

# break_doc [FILE]: one error in a base document: customer_impact: yes,
# reported at 6:18 [field-invalid].
break_doc() { fm_set customer_impact yes "${1:-$DOC}"; }

# gitc ARGS...: run git; its status in GRC, stdout and stderr together in
# GOUT.
GRC=
GOUT=
gitc() {
	git "$@" >"$T/gout" 2>&1
	GRC=$?
	slurp "$T/gout" GOUT
}

# expect_eq WHAT EXPECTED ACTUAL
expect_eq() {
	if [ "$2" = "$3" ]; then
		pass
	else
		fail "$1: expected [$(flat "$2")]; got [$(flat "$3")]"
	fi
}

# expect_ok WHAT COMMAND...: the command succeeds.
expect_ok() {
	local what=$1
	shift
	if "$@" >/dev/null 2>&1; then pass; else fail "$what"; fi
}

# expect_same WHAT BEFORE AFTER: two files with the same bytes.
expect_same() {
	if cmp -s "$2" "$3"; then
		pass
	else
		fail "$1 changed: $(diff "$2" "$3" 2>&1 | head -16 | tr '\n' '|')"
	fi
}

# fsck_ok: git fsck --strict finds nothing wrong.
fsck_ok() {
	local out
	if out=$(git fsck --strict --no-progress 2>&1); then
		pass
	else
		fail "git fsck --strict: $(flat "$out")"
	fi
}

head_id() { git rev-parse -q --verify HEAD || echo unborn; }

# git_state FILE: what git says of the repository -- HEAD, the refs, the
# index entries, the staged and unstaged changes, the status -- with
# commands that write nothing (--no-optional-locks).
git_state() {
	{
		echo "HEAD $(git rev-parse -q --verify HEAD || echo unborn) $(git symbolic-ref -q HEAD || echo detached)"
		git for-each-ref --format='%(refname) %(objectname)'
		echo '# ls-files -s'
		git ls-files -s
		echo '# diff --cached'
		git --no-optional-locks diff --cached --binary
		echo '# diff'
		git --no-optional-locks diff --binary
		echo '# status'
		git --no-optional-locks status --porcelain --untracked-files=all
	} >"$1" 2>&1
}

# pm_commit ARGS...: `postmortem commit ARGS`, which must succeed: exit 0,
# stdout the new commit's short id (as `git rev-parse --short HEAD` says),
# and a repository that git fsck --strict finds sound.
pm_commit() {
	pm commit "$@"
	expect_rc 0
	expect_out "$(git rev-parse -q --short HEAD)"
	fsck_ok
}

# expect_subject TEXT [REV]: the commit's subject line.
expect_subject() {
	expect_eq "subject of ${2:-HEAD}" "$1" "$(git log -1 --format=%s "${2:-HEAD}" 2>&1)"
}

# expect_reflog TEXT [REF]: the newest reflog message of REF (HEAD).
expect_reflog() {
	expect_eq "git reflog -1 ${2:-HEAD}" "$1" "$(git reflog show -1 --format=%gs "${2:-HEAD}" -- 2>&1)"
}

# expect_tree "PATH..." [REV]: the files of REV's tree, one a line, sorted.
expect_tree() {
	expect_eq "files of ${2:-HEAD}" "$1" "$(git -c core.quotePath=false ls-tree -r --name-only "${2:-HEAD}" 2>&1)"
}

expect_head() { # ID: HEAD is still that commit (or "unborn")
	expect_eq "HEAD" "$1" "$(head_id)"
}

# expect_status TEXT: git status --porcelain (untracked files one by one).
expect_status() {
	expect_eq "git status --porcelain" "$1" \
		"$(git -c core.quotePath=false status --porcelain --untracked-files=all 2>&1)"
}

# diverge FILE: main and side change FILE's title each their own way, so
# that merging side into main conflicts. Ends on main.
diverge() {
	local f=$1
	if [ "${f%.md}" != "$f" ]; then write_base "$f"; else printf 'first\n' >"$f"; fi
	commit_all base
	gq checkout -q -b side
	if [ "${f%.md}" != "$f" ]; then fm_set title 'Side title' "$f"; else printf 'side\n' >"$f"; fi
	commit_all side
	gq checkout -q main
	if [ "${f%.md}" != "$f" ]; then fm_set title 'Main title' "$f"; else printf 'main\n' >"$f"; fi
	commit_all main
}

# A wrapper on PATH in front of the binary, which logs its arguments: to
# see that a hook found `postmortem` on PATH.
mkdir -p "$T/bin"
printf '#!/bin/sh\necho "$*" >>"%s/bin.log"\nexec "%s" "$@"\n' "$T" "$PM" >"$T/bin/postmortem"
chmod +x "$T/bin/postmortem"
PM_REAL=$(realpath "$PM")

# ---------------------------------------------------------------------------
# validate --staged (contract 5: what the index holds, for the documents
# that are staged)

t 'validate --staged: on an unborn branch every staged document is checked'
write_base
write_base "$DOC2"
break_doc "$DOC2"
write_base "$DOC3"
break_doc "$DOC3" # not staged
gq add "$DOC" "$DOC2"
pm validate --staged
expect_rc 1
expect_diags <<<"$DOC2:6:18 error field-invalid"
expect_summary 2 1 0
expect_empty_stderr

t 'validate --staged: on an unborn branch, valid staged documents pass'
write_base
write_base "$DOC2"
gq add -A
write_base "$DOC3"
break_doc "$DOC3"
pm validate --staged
expect_rc 0
expect_out '2 files, 0 errors, 0 warnings'

t 'validate --staged: only staged documents are checked'
write_base
write_base "$DOC2"
commit_all base
break_doc "$DOC2" # tracked, changed, not staged
write_base "$DOC3"
break_doc "$DOC3" # untracked
write_base postmortems/2026-11-20-new-one.md
gq add postmortems/2026-11-20-new-one.md
pm validate --staged
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'
pm validate # the working tree, for contrast
expect_rc 1

t 'validate --staged: nothing staged, nothing checked'
write_base
commit_all base
break_doc
pm validate --staged
expect_rc 0
expect_out '0 files, 0 errors, 0 warnings'

t 'validate --staged: a staged deletion is not a document to check'
write_base
write_base "$DOC2"
commit_all base
gq rm -q "$DOC2"
pm validate --staged
expect_rc 0
expect_out '0 files, 0 errors, 0 warnings'

t 'validate --staged: partially staged, the index valid and the working tree broken'
write_base
commit_all base
fm_set title 'Disk full on the build runner, again'
gq add "$DOC"
break_doc
pm validate --staged
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'

t 'validate --staged: partially staged, the index broken and the working tree valid'
write_base
commit_all base
break_doc
gq add "$DOC"
write_base
pm validate --staged
expect_rc 1
expect_diags <<<'6:18 error field-invalid'
pm validate
expect_rc 0

t 'validate --staged: a conflicted index entry is reported, not guessed'
diverge "$DOC"
git merge side >/dev/null 2>&1
expect_ok "the merge should conflict (MERGE_HEAD)" test -f .git/MERGE_HEAD
pm validate --staged
expect_rc 1
expect_diags <<<'1:1 error file-invalid'
expect_msg file-invalid conflict
pm validate --staged "$DOC"
expect_rc 1
expect_diags <<<'1:1 error file-invalid'

t 'validate --staged: related ids are looked up in the index, not the working tree'
write_base
fm_add "related: [$ID2]"
gq add "$DOC"
write_base "$DOC2" # only in the working tree
pm validate --staged
expect_rc 1
expect_diags <<<'10:11 error related-unknown'
pm validate
expect_rc 0
gq add "$DOC2"
rm "$DOC2" # only in the index
pm validate --staged
expect_rc 0
expect_out '2 files, 0 errors, 0 warnings'

t 'validate --staged: a related id of a committed, unchanged document is known'
write_base "$DOC2"
commit_all base
write_base
fm_add "related: [$ID2]"
gq add "$DOC"
pm validate --staged
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'

t 'validate --staged: id-duplicate sees the index, not the working tree'
write_base
gq add "$DOC"
write_base "postmortems/old/$ID.md" # untracked
pm validate --staged
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'
gq add -A
pm validate --staged
expect_rc 1
expect_count id-duplicate 2

t 'validate --staged: a named path is checked in the index, whatever the globs say'
write_base postmortems/templates/2026-11-20-tpl.md
break_doc postmortems/templates/2026-11-20-tpl.md
gq add -A
write_base postmortems/templates/2026-11-20-tpl.md # the working tree is valid
pm validate --staged
expect_rc 0
expect_out '0 files, 0 errors, 0 warnings'
pm validate --staged postmortems/templates/2026-11-20-tpl.md
expect_rc 1
expect_diags <<<'postmortems/templates/2026-11-20-tpl.md:6:18 error field-invalid'

t 'validate --staged: a named document is read from the index even when not staged'
write_base
break_doc
commit_all broken
write_base # valid in the working tree only
pm validate --staged "$DOC"
expect_rc 1
expect_diags <<<'6:18 error field-invalid'

t 'validate --staged: a named path from a subdirectory is relative to it'
write_base
break_doc
gq add "$DOC"
write_base
cd postmortems || exit 2
pm validate --staged "$ID.md"
expect_rc 1
expect_diags <<<'6:18 error field-invalid'
pm validate --staged
expect_rc 1
expect_diags <<<'6:18 error field-invalid'

t 'validate --staged: a path that is not in the index is a usage error (exit 2)'
write_base
gq add "$DOC"
write_base "$DOC2" # untracked
pm validate --staged "$DOC2"
expect_rc 2
expect_empty_stdout
expect_stderr_match "^postmortem: .*$DOC2"
pm validate --staged postmortems/2026-11-20-nowhere.md
expect_rc 2
expect_stderr_match '^postmortem: '

t 'validate --staged: outside a repository, and with --rev, is a usage error'
pm validate --staged --rev HEAD
expect_rc 2
expect_stderr_match '^postmortem: '
mkdir -p "$T/norepo$NREPO"
cd "$T/norepo$NREPO" || exit 2
pm validate --staged
expect_rc 2
expect_stderr_match '^postmortem: '

# ---------------------------------------------------------------------------
# validate --rev (the tree of any revision, without a checkout)

t 'validate --rev: an older commit with a broken document, HEAD fixed'
write_base
break_doc
commit_all broken
write_base
commit_all fixed
fm_set severity SEV9 # the working tree broken another way
pm validate --rev HEAD~1
expect_rc 1
expect_diags <<<'6:18 error field-invalid'
pm validate --rev HEAD
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'
pm validate --rev main
expect_rc 0
pm validate --rev HEAD~1 "$DOC"
expect_rc 1
expect_diags <<<'6:18 error field-invalid'
pm validate --rev HEAD~1 --format json
json_check 'check(d["errors"] == 1 and d["diagnostics"][0]["path"] == "postmortems/2026-11-20-disk-full.md", "one error in the document")'

t 'validate --rev: the working tree and the index are not touched'
write_base
break_doc
commit_all broken
write_base
commit_all fixed
fm_set title 'Changed in the working tree'
write_base "$DOC2"
gq add "$DOC2"
write_base "$DOC3"
git_state "$T/state-before"
cp .git/index "$T/index-before"
cp "$DOC" "$T/doc-before"
pm validate --rev HEAD~1
expect_rc 1
pm validate --rev HEAD
expect_rc 0
pm validate --rev 'HEAD^{tree}'
expect_rc 0
expect_same ".git/index" "$T/index-before" .git/index
expect_same "$DOC" "$T/doc-before" "$DOC"
git_state "$T/state-after"
expect_same "the repository (git status, index, HEAD)" "$T/state-before" "$T/state-after"

t 'validate --rev: a revision that does not exist is exit 2'
write_base
commit_all base
pm validate --rev no-such-branch
expect_rc 2
expect_empty_stdout
expect_stderr_match '^postmortem: .*no-such-branch'
pm validate --rev 0123456789abcdef0123456789abcdef01234567
expect_rc 2
expect_stderr_match '^postmortem: '
pm validate --rev
expect_rc 2
expect_stderr_match '^postmortem: '

t 'validate --rev: on an unborn branch, HEAD is not a revision (exit 2)'
write_base
pm validate --rev HEAD
expect_rc 2
expect_stderr_match '^postmortem: '

t 'validate --rev: tags (lightweight and annotated) and tree-ish HEAD^{tree}'
write_base
break_doc
commit_all broken
gq tag v1
gq tag -a -m 'first release' v1-annotated
write_base
commit_all fixed
pm validate --rev v1
expect_rc 1
expect_diags <<<'6:18 error field-invalid'
pm validate --rev v1-annotated
expect_rc 1
expect_diags <<<'6:18 error field-invalid'
pm validate --rev 'HEAD^{tree}'
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'
pm validate --rev 'v1^{tree}'
expect_rc 1
pm validate --rev "$(git rev-parse 'HEAD~1^{tree}')"
expect_rc 1
pm validate --rev "HEAD:$DOC" # a blob is not a tree
expect_rc 2
expect_stderr_match '^postmortem: '

t 'validate --rev: related ids are looked up in that revision'
write_base "$DOC2"
write_base
fm_add "related: [$ID2]"
commit_all both
gq rm -q "$DOC2"
gq commit -q --no-verify -m 'remove the other'
pm validate --rev HEAD~1
expect_rc 0
expect_out '2 files, 0 errors, 0 warnings'
pm validate --rev HEAD
expect_rc 1
expect_diags <<<'10:11 error related-unknown'

t 'validate --rev: a named path that is not in the revision is exit 2'
write_base
commit_all base
write_base "$DOC2"
commit_all second
pm validate --rev HEAD~1 "$DOC2"
expect_rc 2
expect_stderr_match '^postmortem: '
pm validate --rev HEAD "$DOC2"
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'

t 'validate --rev: works in a bare repository'
write_base
break_doc
commit_all broken
write_base
commit_all fixed
gq clone -q --bare . "$T/bare$NREPO.git"
pm -C "$T/bare$NREPO.git" validate --rev HEAD~1
expect_rc 1
expect_diags <<<'6:18 error field-invalid'
pm -C "$T/bare$NREPO.git" validate --rev HEAD
expect_rc 0

# ---------------------------------------------------------------------------
# commit

t 'commit: on an unborn branch'
write_base
pm_commit
expect_subject "postmortem: add $ID"
expect_tree "$DOC"
expect_eq "the branch" refs/heads/main "$(git symbolic-ref HEAD 2>&1)"
expect_eq "parents of the root commit" "" "$(git log -1 --format=%P 2>&1)"
expect_reflog "commit (initial): postmortem: add $ID"
expect_reflog "commit (initial): postmortem: add $ID" refs/heads/main
expect_status ''
expect_eq "the index entry" "100644 $(git hash-object "$DOC") 0$TAB$DOC" "$(git ls-files -s 2>&1)"

t 'commit: on an unborn branch, other staged files stay staged and out of the commit'
printf 'staged\n' >notes.txt
gq add notes.txt
write_base
pm_commit
expect_tree "$DOC"
expect_status 'A  notes.txt'
expect_eq "the staged blob" "$(git hash-object notes.txt)" "$(git rev-parse :notes.txt)"

t 'commit: the printed id is git rev-parse --short HEAD, and names the commit'
write_base
pm commit
expect_rc 0
expect_eq "printed id" "$(git rev-parse --short HEAD)" "$OUT"
expect_eq "the id names HEAD" "$(git rev-parse HEAD)" "$(git rev-parse --verify -q "$OUT^{commit}")"
expect_empty_stderr

t 'commit: default messages: add, update, several, add; update; remove'
write_base
write_base "$DOC2"
commit_all base
fm_set title 'Disk full on the build runner, again'
pm_commit
expect_subject "postmortem: update $ID"
expect_reflog "commit: postmortem: update $ID"
expect_eq "parent" "$(git rev-parse HEAD~1)" "$(git log -1 --format=%P)"
fm_set title 'Database failover, revised' "$DOC2"
fm_set title 'Disk full, revised'
pm_commit
expect_subject "postmortem: update $ID2, $ID"
write_base "$DOC3"
fm_set title 'Disk full, third version'
rm "$DOC2"
pm_commit
expect_subject "postmortem: add $ID3; update $ID; remove $ID2"
expect_tree "$DOC3
$DOC"
expect_status ''

t 'commit: -m MESSAGE, one line and several'
write_base
pm_commit -m 'Record the disk-full postmortem'
expect_eq "message" 'Record the disk-full postmortem' "$(git log -1 --format=%B)"
expect_reflog 'commit (initial): Record the disk-full postmortem'
fm_set title 'Disk full, revised'
pm_commit -m $'Revise the title\n\nThe first one was too long.'
expect_subject 'Revise the title'
expect_eq "body" 'The first one was too long.' "$(git log -1 --format=%b)"
fm_set title 'Disk full, again'
pm_commit --message 'Long option'
expect_subject 'Long option'

t 'commit: an empty -m is a usage error; nothing is written'
write_base
pm commit -m ''
expect_rc 2
expect_stderr_match '^postmortem: '
expect_head unborn
pm commit -m
expect_rc 2
expect_head unborn

t 'commit: other staged changes stay staged, byte for byte, and out of the commit'
mkdir -p src
printf 'v1\n' >notes.txt
printf 'int x;\n' >src/app.c
printf 'gone\n' >gone.txt
write_base "$DOC2"
commit_all base
base=$(git rev-parse HEAD)
printf 'v2, staged\n' >notes.txt
gq add notes.txt                      # a staged change
printf 'new\n' >added.txt
gq add added.txt                      # a staged new file
printf 'int y;\n' >src/app.c
gq add src/app.c
printf 'int z;\n' >src/app.c          # staged one way, changed again
gq rm -q gone.txt                     # a staged removal
printf 'scratch\n' >untracked.txt     # untracked
write_base                            # the new document, untracked
for f in notes.txt added.txt src/app.c untracked.txt; do cp "$f" "$T/keep-${f//\//-}"; done
git ls-files -s >"$T/ls-before"
git diff --cached --binary >"$T/cached-before"
git diff --binary >"$T/diff-before"
git status --porcelain --untracked-files=all >"$T/status-before"
pm_commit
expect_subject "postmortem: add $ID"
expect_eq "parent" "$base" "$(git rev-parse HEAD~1)"
expect_eq "git show --name-status HEAD" "A$TAB$DOC" "$(git show --name-status --format= HEAD)"
git show --stat --format= HEAD >"$T/stat"
expect_eq "git show --stat HEAD" " $DOC | 36 +|1 file changed, 36 insertions(+)" \
	"$(sed -n 's/^\(.* | [0-9]* +\)+*$/\1/p; s/^ *\([0-9]* files* changed.*\)/\1/p' "$T/stat" | tr '\n' '|' | sed 's/|$//')"
expect_eq "the new index entry" "100644 $(git hash-object "$DOC") 0$TAB$DOC" "$(git ls-files -s "$DOC")"
git ls-files -s | grep -v -F "$TAB$DOC" >"$T/ls-after"
expect_same "git ls-files -s (but the new document)" "$T/ls-before" "$T/ls-after"
git diff --cached --binary >"$T/cached-after"
expect_same "git diff --cached" "$T/cached-before" "$T/cached-after"
git diff --binary >"$T/diff-after"
expect_same "git diff" "$T/diff-before" "$T/diff-after"
grep -v -F "?? $DOC" "$T/status-before" >"$T/status-expected"
git status --porcelain --untracked-files=all >"$T/status-after"
expect_same "git status --porcelain (but the new document)" "$T/status-expected" "$T/status-after"
for f in notes.txt added.txt src/app.c untracked.txt; do
	expect_same "$f" "$T/keep-${f//\//-}" "$f"
done
expect_ok "gone.txt stays deleted" test ! -e gone.txt

t 'commit: unstaged changes elsewhere are untouched (bytes and modes)'
printf 'line 1\r\nline 2\r\n' >crlf.txt
printf '#!/bin/sh\n' >run.sh
chmod 755 run.sh
write_base "$DOC2"
commit_all base
printf 'line 1\r\nline 2 changed\r\n' >crlf.txt
chmod 644 run.sh
printf 'binary \000 bytes\n' >blob.bin
cp crlf.txt "$T/crlf"
cp blob.bin "$T/blob"
write_base
pm_commit "$DOC"
expect_same crlf.txt "$T/crlf" crlf.txt
expect_same blob.bin "$T/blob" blob.bin
expect_eq "mode of run.sh" 644 "$(stat -c %a run.sh)"
expect_status " M crlf.txt
 M run.sh
?? blob.bin"

t 'commit: a document with errors: exit 1, diagnostics on stdout, nothing written'
write_base "$DOC2"
printf 'v1\n' >notes.txt
commit_all base
printf 'v2\n' >notes.txt
gq add notes.txt
write_base
break_doc
git_state "$T/state-before"
git count-objects -v >"$T/objects-before"
git reflog show --format='%H %gs' HEAD >"$T/reflog-before"
cp .git/index "$T/index-before"
pm commit
expect_rc 1
expect_diags <<<'6:18 error field-invalid'
expect_summary 1 1 0
expect_nonempty_stderr
expect_same ".git/index" "$T/index-before" .git/index
git count-objects -v >"$T/objects-after"
expect_same "git count-objects -v" "$T/objects-before" "$T/objects-after"
git_state "$T/state-after"
expect_same "the repository (HEAD, index, status)" "$T/state-before" "$T/state-after"
git reflog show --format='%H %gs' HEAD >"$T/reflog-after"
expect_same "the reflog" "$T/reflog-before" "$T/reflog-after"
fsck_ok

t 'commit: one broken document among several: nothing is committed'
write_base
write_base "$DOC2"
break_doc "$DOC2"
git count-objects -v >"$T/objects-before"
pm commit
expect_rc 1
expect_diags <<<"$DOC2:6:18 error field-invalid"
expect_head unborn
git count-objects -v >"$T/objects-after"
expect_same "git count-objects -v" "$T/objects-before" "$T/objects-after"
expect_eq "git ls-files -s" "" "$(git ls-files -s)"
pm validate --staged
expect_rc 0
expect_out '0 files, 0 errors, 0 warnings'

t 'commit: a broken document that is not committed does not block the others'
write_base
write_base "$DOC2"
break_doc "$DOC2"
pm_commit "$DOC"
expect_tree "$DOC"
expect_status "?? $DOC2"

t 'commit: related ids are those of the commit, not of the working tree'
write_base
fm_add "related: [$ID2]"
write_base "$DOC2"
pm commit "$DOC" # the other document is not committed
expect_rc 1
expect_diags <<<'10:11 error related-unknown'
expect_head unborn
pm_commit # both
expect_tree "$DOC2
$DOC"

t 'commit: named paths: only those are committed, the rest stays as it was'
write_base
write_base "$DOC2"
commit_all base
fm_set title 'Changed, committed'
fm_set title 'Changed, not committed' "$DOC2"
write_base "$DOC3"
pm_commit "$DOC"
expect_eq "git show --name-status HEAD" "M$TAB$DOC" "$(git show --name-status --format= HEAD)"
expect_status " M $DOC2
?? $DOC3"

t 'commit: a partially staged document is committed as in the working tree'
write_base
commit_all base
fm_set title 'Staged title'
gq add "$DOC"
fm_set title 'Working tree title'
pm_commit
expect_eq "the committed title" 'title: Working tree title' "$(git show "HEAD:$DOC" | sed -n 2p)"
expect_status ''

t 'commit: .postmortem.yml is committed with the documents by default'
write_base
printf 'directory: postmortems\n' >.postmortem.yml
printf 'not ours\n' >notes.txt
pm_commit
expect_tree ".postmortem.yml
$DOC"
expect_status '?? notes.txt'

t 'commit: deleting a document records the removal'
write_base
write_base "$DOC2"
commit_all base
rm "$DOC2"
pm_commit
expect_subject "postmortem: remove $ID2"
expect_tree "$DOC"
expect_eq "git show --name-status HEAD" "D$TAB$DOC2" "$(git show --name-status --format= HEAD)"
expect_status ''
expect_reflog "commit: postmortem: remove $ID2"

t 'commit: a removal staged with git rm is committed'
write_base
write_base "$DOC2"
commit_all base
gq rm -q "$DOC2"
pm_commit
expect_subject "postmortem: remove $ID2"
expect_tree "$DOC"
expect_status ''

t 'commit: a named deleted document is committed as removed'
write_base
write_base "$DOC2"
commit_all base
rm "$DOC2"
fm_set title 'Not this one'
pm_commit "$DOC2"
expect_tree "$DOC"
expect_status " M $DOC"

t 'commit: nothing to commit is exit 0, stdout empty'
write_base
commit_all base
h=$(git rev-parse HEAD)
printf 'outside the directory\n' >notes.txt
pm commit
expect_rc 0
expect_empty_stdout
expect_stderr_match 'nothing to commit'
expect_head "$h"
expect_status '?? notes.txt'
fsck_ok

t 'commit: nothing to commit on an unborn branch'
pm commit
expect_rc 0
expect_empty_stdout
expect_stderr_match 'nothing to commit'
expect_head unborn

t 'commit: a named path that matches no file is exit 2'
write_base
commit_all base
pm commit postmortems/2026-11-20-nowhere.md
expect_rc 2
expect_stderr_match '^postmortem: '

t 'commit: refused during a merge (a real conflicted merge): exit 2'
diverge notes.txt
git merge side >/dev/null 2>&1
expect_ok "the merge should conflict (MERGE_HEAD)" test -f .git/MERGE_HEAD
write_base
git_state "$T/state-before"
pm commit
expect_rc 2
expect_empty_stdout
expect_stderr_match '^postmortem: .*merge'
git_state "$T/state-after"
expect_same "the repository" "$T/state-before" "$T/state-after"
expect_ok "MERGE_HEAD is still there" test -f .git/MERGE_HEAD
fsck_ok

t 'commit: refused during a rebase (a real conflicted rebase): exit 2'
diverge notes.txt
gq checkout -q side
git rebase main >/dev/null 2>&1
expect_ok "the rebase should stop (rebase-merge)" test -d .git/rebase-merge
write_base
git_state "$T/state-before"
pm commit
expect_rc 2
expect_stderr_match '^postmortem: .*rebase'
git_state "$T/state-after"
expect_same "the repository" "$T/state-before" "$T/state-after"
fsck_ok

t 'commit: refused during a rebase (simulated .git/rebase-merge): exit 2'
write_base "$DOC2"
commit_all base
mkdir .git/rebase-merge
git rev-parse HEAD >.git/rebase-merge/orig-head
git rev-parse HEAD >.git/rebase-merge/onto
echo refs/heads/main >.git/rebase-merge/head-name
: >.git/rebase-merge/interactive
write_base
h=$(git rev-parse HEAD)
pm commit
expect_rc 2
expect_stderr_match '^postmortem: .*rebase'
expect_head "$h"

t 'commit: refused during a cherry-pick (a real conflict): exit 2'
diverge notes.txt
git cherry-pick side >/dev/null 2>&1
expect_ok "the cherry-pick should stop (CHERRY_PICK_HEAD)" test -f .git/CHERRY_PICK_HEAD
write_base
git_state "$T/state-before"
pm commit
expect_rc 2
expect_stderr_match '^postmortem: .*cherry-pick'
git_state "$T/state-after"
expect_same "the repository" "$T/state-before" "$T/state-after"

t 'commit: refused during a revert (a real conflict) and a bisect: exit 2'
printf 'a\n' >notes.txt
commit_all a
printf 'b\n' >notes.txt
commit_all b
printf 'c\n' >notes.txt
commit_all c
git revert --no-edit HEAD~1 >/dev/null 2>&1
expect_ok "the revert should stop (REVERT_HEAD)" test -f .git/REVERT_HEAD
write_base
h=$(git rev-parse HEAD)
pm commit
expect_rc 2
expect_stderr_match '^postmortem: .*revert'
expect_head "$h"
gq revert --abort
gq bisect start
pm commit
expect_rc 2
expect_stderr_match '^postmortem: .*bisect'
expect_head "$h"

t 'commit: refused while .git/index.lock exists, which stays as it was'
write_base "$DOC2"
commit_all base
write_base
printf 'held by another git process\n' >.git/index.lock
cp .git/index.lock "$T/lock"
h=$(git rev-parse HEAD)
pm commit
expect_rc 2
expect_empty_stdout
expect_stderr_match '^postmortem: .*(lock|index)'
expect_same ".git/index.lock" "$T/lock" .git/index.lock
expect_head "$h"
rm -f .git/index.lock
pm_commit
expect_subject "postmortem: add $ID"

t 'commit: a locked branch ref: exit 2, HEAD and the index as they were'
write_base "$DOC2"
commit_all base
write_base
: >.git/refs/heads/main.lock
git_state "$T/state-before"
cp .git/index "$T/index-before"
pm commit
expect_rc 2
expect_empty_stdout
expect_stderr_match '^postmortem: '
expect_same ".git/index" "$T/index-before" .git/index
git_state "$T/state-after"
expect_same "the repository (HEAD, index, status)" "$T/state-before" "$T/state-after"
expect_ok "the ref's lock is still there" test -e .git/refs/heads/main.lock
rm -f .git/refs/heads/main.lock
fsck_ok

t 'commit: detached HEAD: HEAD moves, the branch does not'
write_base "$DOC2"
commit_all base
main=$(git rev-parse main)
gq checkout -q --detach
write_base
pm_commit
expect_eq "HEAD~1" "$main" "$(git rev-parse HEAD~1)"
expect_eq "main" "$main" "$(git rev-parse main)"
expect_ok "HEAD is still detached" test -z "$(git symbolic-ref -q HEAD)"
expect_tree "$DOC2
$DOC"
expect_reflog "commit: postmortem: add $ID"
expect_status ''

t 'commit: from a subdirectory, with relative paths, and with -C'
write_base "$DOC2"
commit_all base
write_base
cd postmortems || exit 2
pm_commit "$ID.md"
expect_subject "postmortem: add $ID"
fm_set title 'Changed from the subdirectory' "$ID2.md"
pm_commit
expect_subject "postmortem: update $ID2"
cd "$R" || exit 2
write_base "$DOC3"
pm -C postmortems commit
expect_rc 0
expect_out "$(git rev-parse --short HEAD)"
expect_subject "postmortem: add $ID3"
fsck_ok
expect_status ''

t 'commit: a linked worktree: the commit lands on its branch; the main index is untouched'
write_base "$DOC2"
commit_all base
main=$(git rev-parse main)
printf 'staged in the main worktree\n' >notes.txt
gq add notes.txt
gq worktree add -q -b wt-branch "$T/wt$NREPO"
git_state "$T/main-before"
cp .git/index "$T/index-before"
printf 'held in the main worktree\n' >.git/index.lock # not the linked worktree's index
cd "$T/wt$NREPO" || exit 2
write_base
pm_commit
expect_subject "postmortem: add $ID"
expect_eq "the worktree's branch" refs/heads/wt-branch "$(git symbolic-ref HEAD)"
expect_eq "wt-branch~1" "$main" "$(git rev-parse wt-branch~1)"
expect_status ''
expect_reflog "commit: postmortem: add $ID" refs/heads/wt-branch
cd "$R" || exit 2
expect_eq "the main worktree's index.lock" 'held in the main worktree' "$(cat .git/index.lock 2>&1)"
rm -f .git/index.lock
expect_eq "main" "$main" "$(git rev-parse main)"
expect_same "the main worktree's .git/index" "$T/index-before" .git/index
git_state "$T/main-after"
grep -v '^refs/heads/wt-branch ' "$T/main-before" >"$T/main-before-x"
grep -v '^refs/heads/wt-branch ' "$T/main-after" >"$T/main-after-x"
expect_same "the main worktree (HEAD, index, status)" "$T/main-before-x" "$T/main-after-x"
fsck_ok

t 'commit: a bare repository is a clear error (exit 2)'
gq init -q --bare "$T/bare$NREPO.git"
pm -C "$T/bare$NREPO.git" commit
expect_rc 2
expect_empty_stdout
expect_stderr_match '^postmortem: .*bare'
cd "$T/bare$NREPO.git" || exit 2
pm commit
expect_rc 2
expect_stderr_match '^postmortem: .*bare'

t 'GIT_DIR and GIT_WORK_TREE: a bare repository whose work tree is elsewhere'
gq init -q --bare "$T/dots$NREPO.git"
mkdir -p "$T/home$NREPO"
cd "$T/home$NREPO" || exit 2
export GIT_DIR="$T/dots$NREPO.git" GIT_WORK_TREE="$T/home$NREPO"
pm init
expect_rc 0
write_base
pm_commit
expect_subject "postmortem: add $ID, postmortems/README.md, .postmortem.yml"
expect_tree ".postmortem.yml
$DOC
postmortems/README.md"
expect_status ''
cd "$T" || exit 2
pm validate
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'
break_doc "$T/home$NREPO/$DOC"
pm validate
expect_rc 1
expect_diags <<<"6:18 error field-invalid"
pm list --format csv
expect_rc 0
expect_stderr_match '^$'
[[ $OUT == *"$ID"* ]]
check $? "list names $ID: $(ctx)"
unset GIT_DIR GIT_WORK_TREE
expect_ok "the bare repository is still bare" test "$(git --git-dir="$T/dots$NREPO.git" config core.bare)" = true
git --git-dir="$T/dots$NREPO.git" fsck --strict --no-progress >/dev/null 2>&1
check $? "git fsck --strict of the bare repository"

t 'GIT_DIR alone: the current directory is the top of the work tree, as in git'
write_base
commit_all base
mkdir -p "$T/other$NREPO/postmortems"
cd "$T/other$NREPO" || exit 2
write_base
break_doc
expect_eq "git's top of the work tree" "$T/other$NREPO" "$(GIT_DIR=$R/.git git rev-parse --show-toplevel)"
GIT_DIR=$R/.git pm validate
expect_rc 1
expect_diags <<<"6:18 error field-invalid"
GIT_DIR=$R/.git pm validate --rev HEAD
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'
cd "$R" || exit 2
GIT_DIR=.git pm validate
expect_rc 0

t 'GIT_DIR naming no repository: exit 2, in git'"'"'s words'
GIT_DIR=$T/nowhere$NREPO pm validate
expect_rc 2
expect_empty_stdout
expect_stderr_match "^postmortem: validate: not a git repository: '.*/nowhere$NREPO' \(GIT_DIR\)$"
GIT_DIR=$R/.git GIT_WORK_TREE=$T/nowhere$NREPO pm list
expect_rc 2
expect_stderr_match "^postmortem: list: .*nowhere$NREPO.*GIT_WORK_TREE"
# A work tree is not a repository, even with a .git inside (git agrees).
expect_ok "git refuses GIT_DIR=. too" test -z "$(GIT_DIR=. git rev-parse --git-dir 2>/dev/null)"
GIT_DIR=. pm list
expect_rc 2
expect_stderr_match "^postmortem: list: not a git repository: '.' \(GIT_DIR\)$"
GIT_DISCOVERY_ACROSS_FILESYSTEM=maybe pm list
expect_rc 2
expect_stderr_match "^postmortem: list: bad boolean value 'maybe' in GIT_DISCOVERY_ACROSS_FILESYSTEM$"
GIT_DISCOVERY_ACROSS_FILESYSTEM=1 pm list
expect_rc 0

t 'GIT_WORK_TREE: resolved by the file system, as git does (link/.. is the parent of the target)'
mkdir -p "$T/real$NREPO/inner/postmortems" "$T/real$NREPO/postmortems"
ln -s "$T/real$NREPO/inner" "$T/link$NREPO"
cd "$T" || exit 2
expect_eq "git's top" "$T/real$NREPO" "$(GIT_DIR=$R/.git GIT_WORK_TREE=link$NREPO/.. git rev-parse --show-toplevel)"
GIT_DIR=$R/.git GIT_WORK_TREE=link$NREPO/.. pm init
expect_rc 0
expect_ok "the configuration where git's work tree is" test -f "$T/real$NREPO/.postmortem.yml"
expect_ok "nothing beside the link" test ! -e "$T/.postmortem.yml"

t 'GIT_CEILING_DIRECTORIES: the search stops where git'"'"'s does'
write_base
cd postmortems || exit 2
pm list
expect_rc 0
expect_ok "git stops at the ceiling too" test -z "$(GIT_CEILING_DIRECTORIES=$R git rev-parse --git-dir 2>/dev/null)"
GIT_CEILING_DIRECTORIES=$R pm list
expect_rc 2
expect_stderr_match '^postmortem: list: not in a git repository'
GIT_CEILING_DIRECTORIES=$R pm validate "$ID.md"
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'
GIT_CEILING_DIRECTORIES=$T/elsewhere:$T/also-not-here pm list
expect_rc 0

t 'commit: paths with spaces and non-ASCII names'
U='postmortems/2026-11-20-café ü.md'
write_base "$U"
write_base 'postmortems/sub dir/2026-11-20-two words.md'
pm_commit
expect_subject 'postmortem: add 2026-11-20-café ü, 2026-11-20-two words'
expect_tree "$U
postmortems/sub dir/2026-11-20-two words.md"
expect_eq "the blob of $U" "$(git hash-object "$U")" "$(git rev-parse "HEAD:$U")"
expect_status ''
fm_set title 'Café, revised' "$U"
pm_commit "$U"
expect_subject 'postmortem: update 2026-11-20-café ü'
expect_eq "git ls-files -z" "$U" "$(git ls-files -z -- "$U" | tr -d '\000')"
break_doc "$U"
pm commit "$U"
expect_rc 1
expect_diags <<<"$U:6:18 error field-invalid"
gq add "$U"
pm validate --staged
expect_rc 1
expect_diags <<<"$U:6:18 error field-invalid"
pm validate --staged "$U"
expect_rc 1

t 'commit: author and committer from GIT_AUTHOR_* and GIT_COMMITTER_*'
write_base
pm_commit
expect_eq "author" 'A U Thor <author@example.com> 1700000000 +0000' "$(git log -1 --format='%an <%ae> %ad' --date=raw)"
expect_eq "committer" 'C O Mitter <committer@example.com> 1700000000 +0000' "$(git log -1 --format='%cn <%ce> %cd' --date=raw)"
fm_set title 'Other people'
GIT_AUTHOR_NAME='Zoë Ångström' GIT_AUTHOR_EMAIL=zoe@example.org GIT_COMMITTER_NAME='Bob Builder' \
	GIT_COMMITTER_EMAIL=bob@example.org GIT_AUTHOR_DATE='@1700000000 +0100' \
	GIT_COMMITTER_DATE='@1700000100 -0230' pm_commit
expect_eq "author" 'Zoë Ångström <zoe@example.org> 1700000000 +0100' "$(git log -1 --format='%an <%ae> %ad' --date=raw)"
expect_eq "committer" 'Bob Builder <bob@example.org> 1700000100 -0230' "$(git log -1 --format='%cn <%ce> %cd' --date=raw)"

t 'commit: without GIT_AUTHOR_NAME/EMAIL, user.name and user.email (repository config)'
gq config user.name 'Local Name'
gq config user.email local@example.net
write_base
saved=("$GIT_AUTHOR_NAME" "$GIT_AUTHOR_EMAIL" "$GIT_COMMITTER_NAME" "$GIT_COMMITTER_EMAIL")
unset GIT_AUTHOR_NAME GIT_AUTHOR_EMAIL GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
pm_commit
export GIT_AUTHOR_NAME=${saved[0]} GIT_AUTHOR_EMAIL=${saved[1]} GIT_COMMITTER_NAME=${saved[2]} GIT_COMMITTER_EMAIL=${saved[3]}
expect_eq "author and committer" 'Local Name <local@example.net>|Local Name <local@example.net>' \
	"$(git log -1 --format='%an <%ae>|%cn <%ce>')"

# date_case NAME DATE RAW OTHER-FORMAT OTHER: a commit made with both dates
# set to DATE shows them as git shows a commit that git made with them.
date_case() {
	local name=$1 d=$2 raw=$3 fmt=$4 other=$5 ref
	t "commit: GIT_AUTHOR_DATE / GIT_COMMITTER_DATE '$name'"
	write_base
	GIT_AUTHOR_DATE=$d GIT_COMMITTER_DATE=$d pm_commit
	expect_eq "%ad|%cd --date=raw" "$raw|$raw" "$(git log -1 --format='%ad|%cd' --date=raw)"
	expect_eq "%ad|%cd --date=$fmt" "$other|$other" "$(git log -1 --format='%ad|%cd' --date="$fmt")"
	# git's own reading of the same variables
	ref=$(GIT_AUTHOR_DATE=$d GIT_COMMITTER_DATE=$d git commit-tree -m ref 'HEAD^{tree}')
	expect_eq "%ad|%cd as git reads '$d'" "$(git log -1 --format='%ad|%cd' "$ref")" "$(git log -1 --format='%ad|%cd')"
}
date_case '@1700000000 +0100' '@1700000000 +0100' '1700000000 +0100' default 'Tue Nov 14 23:13:20 2023 +0100'
date_case '2026-11-20T09:14:00Z' '2026-11-20T09:14:00Z' '1795166040 +0000' iso-strict '2026-11-20T09:14:00+00:00'
date_case 'Fri, 20 Nov 2026 09:14:00 +0100' 'Fri, 20 Nov 2026 09:14:00 +0100' '1795162440 +0100' rfc \
	'Fri, 20 Nov 2026 09:14:00 +0100'

t 'commit: a date git does not understand is exit 2, nothing written'
write_base
GIT_AUTHOR_DATE='next tuesday-ish' pm commit
expect_rc 2
expect_stderr_match '^postmortem: .*GIT_AUTHOR_DATE'
expect_head unborn

t 'commit: the reflog has one entry per commit, as git writes it'
write_base
pm_commit
write_base "$DOC2"
pm_commit -m 'Second'
expect_eq "git reflog" "commit: Second|commit (initial): postmortem: add $ID" \
	"$(git reflog show --format=%gs HEAD | tr '\n' '|' | sed 's/|$//')"
expect_eq "git reflog main" "commit: Second|commit (initial): postmortem: add $ID" \
	"$(git reflog show --format=%gs main | tr '\n' '|' | sed 's/|$//')"
expect_eq "reflog ids" "$(git rev-parse HEAD)" "$(git reflog show -1 --format=%H HEAD)"
log=$(tail -n 1 .git/logs/HEAD)
log=${log%%"$TAB"*}
expect_eq "identity and date of the reflog entry (the committer's, as git writes it)" \
	'C O Mitter <committer@example.com> 1700000000 +0000' "${log#* * }"

# ---------------------------------------------------------------------------
# hook install / uninstall

# hook_file: where git looks for the pre-commit hook.
hook_file() { echo "$(git rev-parse --git-path hooks)/pre-commit"; }

t 'hook: install; a real git commit of a broken document is stopped, a valid one goes through'
pm hook install
expect_rc 0
expect_empty_stderr
hook=$R/.git/hooks/pre-commit
expect_ok "the hook is at .git/hooks/pre-commit and executable" test -x "$hook"
expect_ok "git's hooks path is that file" test "$(realpath "$(hook_file)")" = "$hook"
expect_ok "the hook is a sh script" sh -n "$hook"
write_base
break_doc
gq add "$DOC"
gitc commit -q -m 'broken'
expect_ok "git commit should fail (status $GRC): $(flat "$GOUT")" test "$GRC" -ne 0
[[ $GOUT == *"[field-invalid]"* ]]
check $? "the hook's output names the problem: $(flat "$GOUT")"
expect_head unborn
write_base
gq add "$DOC"
gitc commit -q -m 'valid'
expect_eq "git commit status ($(flat "$GOUT"))" 0 "$GRC"
expect_subject valid
fsck_ok
expect_status ''

t 'hook: only the staged documents decide, not the working tree'
write_base
commit_all base
pm hook install
expect_rc 0
printf 'v1\n' >notes.txt
gq add notes.txt
break_doc # not staged
gitc commit -q -m 'notes only'
expect_eq "git commit status ($(flat "$GOUT"))" 0 "$GRC"
expect_subject 'notes only'

t 'hook: git commit -a checks what git commits (GIT_INDEX_FILE)'
write_base
commit_all base
pm hook install
expect_rc 0
h=$(git rev-parse HEAD)
break_doc # tracked, changed, not staged: -a stages it
gitc commit -q -a -m 'broken via -a'
expect_ok "git commit -a of a broken document should fail (status $GRC): $(flat "$GOUT")" test "$GRC" -ne 0
expect_head "$h"
gq reset -q "$h" # (in case it went through)
gitc commit -q -m 'broken via a path' -- "$DOC"
expect_ok "git commit PATH of a broken document should fail (status $GRC): $(flat "$GOUT")" test "$GRC" -ne 0
expect_head "$h"
fsck_ok

t 'hook: postmortem on PATH is the one the hook runs'
rm -f "$T/bin.log"
pm hook install
expect_rc 0
write_base
gq add "$DOC"
PATH="$T/bin:$PATH" gitc commit -q -m 'via PATH'
expect_eq "git commit status ($(flat "$GOUT"))" 0 "$GRC"
expect_eq "what the hook ran" 'validate --staged' "$(cat "$T/bin.log" 2>&1)"

t 'hook: postmortem not on PATH: the absolute path of the installing binary'
if [ -e /usr/bin/postmortem ] || [ -e /bin/postmortem ]; then
	echo "# skipped: a postmortem is installed in /usr/bin or /bin"
else
	pm hook install
	expect_rc 0
	grep -q -F "$PM_REAL" .git/hooks/pre-commit
	check $? "the hook names $PM_REAL"
	write_base
	break_doc
	gq add "$DOC"
	PATH=/usr/bin:/bin gitc commit -q -m 'broken'
	expect_ok "git commit should fail (status $GRC): $(flat "$GOUT")" test "$GRC" -ne 0
	[[ $GOUT == *"[field-invalid]"* ]]
	check $? "the binary ran and named the problem: $(flat "$GOUT")"
	expect_head unborn
	write_base
	gq add "$DOC"
	PATH=/usr/bin:/bin gitc commit -q -m 'valid'
	expect_eq "git commit status ($(flat "$GOUT"))" 0 "$GRC"
	expect_subject valid
fi

t 'hook: core.hooksPath relative: the hook lands there (from the top of the work tree)'
gq config core.hooksPath .githooks
cd postmortems || exit 2
pm hook install
expect_rc 0
cd "$R" || exit 2
expect_ok "the hook is in .githooks/" test -x .githooks/pre-commit
expect_ok "nothing in postmortems/.githooks" test ! -e postmortems/.githooks
expect_ok "nothing in .git/hooks" test ! -e .git/hooks/pre-commit
write_base
break_doc
gq add "$DOC"
gitc commit -q -m 'broken'
expect_ok "git commit should fail (status $GRC): $(flat "$GOUT")" test "$GRC" -ne 0
expect_head unborn
pm hook uninstall
expect_rc 0
expect_ok "the hook is gone from .githooks/" test ! -e .githooks/pre-commit

t 'hook: core.hooksPath absolute: the hook lands there'
hooks=$T/hooks$NREPO
gq config core.hooksPath "$hooks"
pm hook install
expect_rc 0
expect_ok "the hook is in $hooks" test -x "$hooks/pre-commit"
expect_ok "nothing in .git/hooks" test ! -e .git/hooks/pre-commit
write_base
break_doc
gq add "$DOC"
gitc commit -q -m 'broken'
expect_ok "git commit should fail (status $GRC): $(flat "$GOUT")" test "$GRC" -ne 0
expect_head unborn
write_base
gq add "$DOC"
gitc commit -q -m 'valid'
expect_eq "git commit status ($(flat "$GOUT"))" 0 "$GRC"

t 'hook: core.hooksPath with ~ is expanded as git does'
gq config core.hooksPath '~/hooks-tilde'
pm hook install
expect_rc 0
expect_ok "the hook is in \$HOME/hooks-tilde" test -x "$HOME/hooks-tilde/pre-commit"
pm hook uninstall
expect_rc 0
expect_ok "and gone again" test ! -e "$HOME/hooks-tilde/pre-commit"

# foreign_hook: a pre-commit hook that is not ours. It logs each run to
# $T/foreign$NREPO.log and fails while $T/foreign$NREPO.fail exists.
foreign_hook() {
	mkdir -p .git/hooks
	printf '#!/bin/sh\necho ran >>"%s"\n[ ! -e "%s" ]\n' "$T/foreign$NREPO.log" "$T/foreign$NREPO.fail" \
		>.git/hooks/pre-commit
	chmod 755 .git/hooks/pre-commit
	cp .git/hooks/pre-commit "$T/foreign$NREPO"
}

t 'hook: a foreign hook is not overwritten without --force (exit 2)'
foreign_hook
pm hook install
expect_rc 2
expect_empty_stdout
expect_stderr_match '^postmortem: .*--force'
expect_same "the foreign hook" "$T/foreign$NREPO" .git/hooks/pre-commit
expect_ok "no pre-commit.orig" test ! -e .git/hooks/pre-commit.orig
expect_eq "mode of the foreign hook" 755 "$(stat -c %a .git/hooks/pre-commit)"

t 'hook: install --force keeps a foreign hook as pre-commit.orig and chains to it'
foreign_hook
pm hook install --force
expect_rc 0
expect_same "pre-commit.orig" "$T/foreign$NREPO" .git/hooks/pre-commit.orig
expect_ok "pre-commit.orig is executable" test -x .git/hooks/pre-commit.orig
grep -q 'validate --staged' .git/hooks/pre-commit
check $? "the new hook is ours"
write_base
gq add "$DOC"
gitc commit -q -m 'valid'
expect_eq "git commit status ($(flat "$GOUT"))" 0 "$GRC"
expect_eq "the foreign hook ran" ran "$(cat "$T/foreign$NREPO.log" 2>&1)"
h=$(git rev-parse HEAD)
touch "$T/foreign$NREPO.fail"
write_base "$DOC2"
gq add "$DOC2"
gitc commit -q -m 'the foreign hook fails'
expect_ok "git commit should fail when the foreign hook fails (status $GRC)" test "$GRC" -ne 0
expect_head "$h"
rm -f "$T/foreign$NREPO.fail"
break_doc "$DOC2"
gq add "$DOC2"
gitc commit -q -m 'the foreign hook passes, ours does not'
expect_ok "git commit should fail (status $GRC): $(flat "$GOUT")" test "$GRC" -ne 0
expect_head "$h"
expect_eq "runs of the foreign hook" 3 "$(wc -l <"$T/foreign$NREPO.log")"
pm hook uninstall
expect_rc 0
expect_same "the restored hook" "$T/foreign$NREPO" .git/hooks/pre-commit
expect_ok "pre-commit.orig is gone" test ! -e .git/hooks/pre-commit.orig
expect_eq "mode of the restored hook" 755 "$(stat -c %a .git/hooks/pre-commit)"

t 'hook: install --force with a pre-commit.orig already there changes nothing (exit 2)'
foreign_hook
printf '#!/bin/sh\nexit 0\n' >.git/hooks/pre-commit.orig
cp .git/hooks/pre-commit.orig "$T/orig$NREPO"
pm hook install --force
expect_rc 2
expect_stderr_match '^postmortem: '
expect_same "pre-commit" "$T/foreign$NREPO" .git/hooks/pre-commit
expect_same "pre-commit.orig" "$T/orig$NREPO" .git/hooks/pre-commit.orig

t 'hook: uninstall of a foreign hook is exit 2, and leaves it'
foreign_hook
pm hook uninstall
expect_rc 2
expect_stderr_match '^postmortem: '
expect_same "the foreign hook" "$T/foreign$NREPO" .git/hooks/pre-commit

t 'hook: uninstall removes ours; with none, it says so (exit 0)'
pm hook install
expect_rc 0
pm hook uninstall
expect_rc 0
expect_ok "no hook left" test ! -e .git/hooks/pre-commit
expect_ok "no pre-commit.orig" test ! -e .git/hooks/pre-commit.orig
pm hook uninstall
expect_rc 0

t 'hook: re-installing our own hook needs no --force and keeps no .orig'
pm hook install
expect_rc 0
cp .git/hooks/pre-commit "$T/ours$NREPO"
pm hook install
expect_rc 0
expect_same "the hook" "$T/ours$NREPO" .git/hooks/pre-commit
expect_ok "no pre-commit.orig" test ! -e .git/hooks/pre-commit.orig
pm hook install --force
expect_rc 0
expect_ok "no pre-commit.orig after --force either" test ! -e .git/hooks/pre-commit.orig

t 'hook: in a linked worktree the hook goes to the common hooks folder'
write_base "$DOC2"
commit_all base
gq worktree add -q -b wt-branch "$T/wt$NREPO"
cd "$T/wt$NREPO" || exit 2
pm hook install
expect_rc 0
expect_ok "the hook is in the common .git/hooks" test -x "$R/.git/hooks/pre-commit"
expect_ok "not in .git/worktrees/*/hooks" test ! -e "$R/.git/worktrees/wt$NREPO/hooks/pre-commit"
h=$(git rev-parse HEAD)
write_base
break_doc
gq add "$DOC"
gitc commit -q -m 'broken in the worktree'
expect_ok "git commit should fail (status $GRC): $(flat "$GOUT")" test "$GRC" -ne 0
expect_head "$h"
write_base
gq add "$DOC"
gitc commit -q -m 'valid in the worktree'
expect_eq "git commit status ($(flat "$GOUT"))" 0 "$GRC"
expect_subject 'valid in the worktree' wt-branch
cd "$R" || exit 2
fsck_ok

t 'hook: usage errors'
pm hook
expect_rc 2
pm hook reinstall
expect_rc 2
pm hook uninstall --force
expect_rc 2
mkdir -p "$T/norepo$NREPO"
cd "$T/norepo$NREPO" || exit 2
pm hook install
expect_rc 2
expect_stderr_match '^postmortem: '

# ---------------------------------------------------------------------------
# The pre-commit framework (https://pre-commit.com), as installed here

ROOT=$(cd "$CLI_DIR/../.." && pwd)

t 'pre-commit framework: .pre-commit-hooks.yaml at the project root'
if [ ! -f "$ROOT/.pre-commit-hooks.yaml" ]; then
	fail "no .pre-commit-hooks.yaml at $ROOT"
elif [ -z "$PY" ] || ! "$PY" -c 'import yaml' 2>/dev/null; then
	echo "# skipped: python3 with yaml is not available to read .pre-commit-hooks.yaml"
else
	res=$("$PY" - "$ROOT/.pre-commit-hooks.yaml" <<'PYEOF'
import sys, yaml
try:
    d = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
except Exception as e:
    print('not YAML: %s' % e); sys.exit(0)
if not isinstance(d, list):
    print('not a list of hooks: %r' % (d,)); sys.exit(0)
hooks = [h for h in d if isinstance(h, dict) and h.get('id') == 'postmortem-validate']
if len(hooks) != 1:
    print('no single hook with id postmortem-validate: %r' % (d,)); sys.exit(0)
h = hooks[0]
want = {'entry': 'postmortem validate --staged', 'language': 'system', 'pass_filenames': False}
bad = {k: h.get(k) for k in want if h.get(k) != want[k]}
if bad or not h.get('name'):
    print('unexpected values: %r (wanted %r and a name)' % (bad, want))
PYEOF
)
	if [ -z "$res" ]; then pass; else fail "$res"; fi
fi

if ! command -v pre-commit >/dev/null 2>&1; then
	echo "# skipped: the pre-commit framework is not installed (apt-get install pre-commit)"
else
	t 'pre-commit framework: a local hook stops a broken document and lets a valid one through'
	export PRE_COMMIT_HOME=$T/pre-commit-home
	# (shell-quoted for pre-commit's shlex, then YAML single-quoted)
	pm_yaml=$(printf '%q' "$PM")
	pm_yaml=${pm_yaml//\'/\'\'}
	write .pre-commit-config.yaml <<EOF
repos:
  - repo: local
    hooks:
      - id: postmortem-validate
        name: postmortem validate
        entry: '$pm_yaml validate --staged'
        language: system
        pass_filenames: false
        always_run: true
EOF
	pre-commit install >"$T/pc" 2>&1
	check $? "pre-commit install: $(flat "$(cat "$T/pc")")"
	write_base
	break_doc
	gq add -A
	gitc commit -q -m 'broken'
	expect_ok "git commit should fail (status $GRC): $(flat "$GOUT")" test "$GRC" -ne 0
	[[ $GOUT == *"[field-invalid]"* ]]
	check $? "pre-commit shows the diagnostics: $(flat "$GOUT")"
	expect_head unborn
	write_base
	gq add -A
	gitc commit -q -m 'valid'
	expect_eq "git commit status ($(flat "$GOUT"))" 0 "$GRC"
	expect_subject valid
	expect_tree ".pre-commit-config.yaml
$DOC"
	fsck_ok

	# pre-commit clones the project's repository (a local path: offline) at
	# its HEAD commit, so this checks .pre-commit-hooks.yaml as committed.
	t 'pre-commit framework: the hook of .pre-commit-hooks.yaml, from the project repository'
	if ! rev=$(git -C "$ROOT" rev-parse -q --verify 'HEAD:.pre-commit-hooks.yaml' 2>/dev/null) ||
		! rev=$(git -C "$ROOT" rev-parse HEAD 2>/dev/null); then
		echo "# skipped: $ROOT is not a git repository with .pre-commit-hooks.yaml committed"
	else
		write .pre-commit-config.yaml <<EOF
repos:
  - repo: $ROOT
    rev: $rev
    hooks:
      - id: postmortem-validate
EOF
		pre-commit install >"$T/pc" 2>&1
		check $? "pre-commit install: $(flat "$(cat "$T/pc")")"
		write_base
		break_doc
		gq add -A
		rm -f "$T/bin.log"
		PATH="$T/bin:$PATH" gitc commit -q -m 'broken'
		expect_ok "git commit should fail (status $GRC): $(flat "$GOUT")" test "$GRC" -ne 0
		[[ $GOUT == *"[field-invalid]"* ]]
		check $? "pre-commit shows the diagnostics: $(flat "$GOUT")"
		expect_eq "what the hook ran" 'validate --staged' "$(cat "$T/bin.log" 2>&1)"
		expect_head unborn
		write_base
		gq add -A
		PATH="$T/bin:$PATH" gitc commit -q -m 'valid'
		expect_eq "git commit status ($(flat "$GOUT"))" 0 "$GRC"
		expect_subject valid
	fi
	unset PRE_COMMIT_HOME
fi
