#!/usr/bin/env bash
# End-to-end tests of postmortem, run against the real binary: the cases of
# `validate` here, those of the other commands in tests/cli/cases-*.sh.
#
#   sh tests/cli/run.sh ./postmortem        (what `make cli` does)
#   bash tests/cli/run.sh ./postmortem -v   (also name each case, with a time stamp)
#
# Two variables make a slower, deeper run (.ci/run uses both):
#   PM_WRAPPER="valgrind -q ..."  a command put in front of every run of the
#       binary by pm and pmt (word-split). It must report problems with an
#       exit status of its own, 99 (valgrind --error-exitcode=99; postmortem
#       itself exits 0, 1 or 2), which fails the check, and keep its own
#       output off stderr (--log-file), which the cases inspect. The time
#       limits grow tenfold.
#   PM_CASES=REGEX  only the cases whose name matches (bash ERE) run the
#       binary and count checks; the others still prepare their files, but
#       pm and pmt do nothing in them and every check passes silently.
#       (Cases that run "$PM" themselves, as the hostile and crash ones do,
#       run it unwrapped, and are skipped only with their file:)
#   PM_CASE_FILES="actions git"  sources only these of tests/cli/cases-*.sh
#       ("none": the cases of validate, in this file, alone).
#
# The script needs bash; started by another shell (`sh`), it runs itself
# again with bash. Each case works in a fresh git repository inside one
# temporary directory, removed at the end. The environment is hermetic, as
# in git's test suite: HOME is the temporary directory; the time zone, the
# locale, git's identity and dates are fixed; no system git configuration
# is read. The authority for the expected results is the interface
# contract (sections 1-4, 6 and 7), with docs/format.md where the contract
# leaves a detail open (where a diagnostic points, for instance).
#
# A failing check prints one line, "FAIL case: what: expected ...; got ...".
# The last line is always "N passed, M failed"; the exit status is 0 only
# when M is 0.
#
# The helpers avoid forking where bash can do the work itself, so that
# several hundred cases run in a few seconds.

# shellcheck disable=SC1112,SC2016,SC2059,SC2119,SC2120
# (curly quotes and backquotes in fixtures are data; printf formats of
# test bytes are deliberate; helpers take an optional FILE argument.)

if [ -z "${BASH_VERSION:-}" ]; then
	exec bash "$0" "$@"
fi

if [ $# -lt 1 ]; then
	echo "usage: $0 PATH-TO-POSTMORTEM [-v]" >&2
	exit 2
fi
PM=$1
CLI_DIR=$(cd "$(dirname "$0")" && pwd)
case $PM in
/*) ;;
*) PM=$PWD/$PM ;;
esac
if [ ! -x "$PM" ] || [ -d "$PM" ]; then
	echo "$0: $PM is not an executable file" >&2
	exit 2
fi
VERBOSE=
[ "${2:-}" = "-v" ] && VERBOSE=1

# Resolve python3 before HOME changes (pyenv shims depend on HOME).
PY=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || PY=

T=$(mktemp -d "${TMPDIR:-/tmp}/postmortem-cli.XXXXXX") || exit 2
T=$(cd "$T" && pwd -P)
cleanup() {
	chmod -R u+rwx "$T" 2>/dev/null
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

mkdir -p "$T/home"
export HOME=$T/home
export XDG_CONFIG_HOME=$T/home/.config
export TZ=UTC
export LC_ALL=C.UTF-8
export GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME='A U Thor' GIT_AUTHOR_EMAIL='author@example.com'
export GIT_AUTHOR_DATE='1700000000 +0000'
export GIT_COMMITTER_NAME='C O Mitter' GIT_COMMITTER_EMAIL='committer@example.com'
export GIT_COMMITTER_DATE='1700000000 +0000'
unset EDITOR VISUAL NO_COLOR GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE \
	GIT_OBJECT_DIRECTORY GIT_ALTERNATE_OBJECT_DIRECTORIES GIT_CEILING_DIRECTORIES \
	GIT_CONFIG GIT_CONFIG_GLOBAL GIT_CONFIG_PARAMETERS GIT_CONFIG_COUNT \
	GIT_NAMESPACE GIT_COMMON_DIR CDPATH LANG LANGUAGE
git config --global init.defaultBranch main
git config --global user.name 'A U Thor'
git config --global user.email 'author@example.com'

# Each run of the program may use this much CPU time, and pmt this much
# wall-clock time; a wrapper (valgrind) is slower.
CPU_LIMIT=60
WALL_LIMIT=30
read -r -a WRAPPER <<<"${PM_WRAPPER:-}"
if [ ${#WRAPPER[@]} -gt 0 ]; then
	CPU_LIMIT=600
	WALL_LIMIT=300
fi

ESC=$'\033'
CR=$'\r'
NL=$'\n'

# ---------------------------------------------------------------------------
# The harness

PASSED=0
FAILED=0
CASE=
SKIP=       # set in a case that PM_CASES leaves out
[ -n "${PM_CASES:-}" ] && exec {STDERR_FD}>&2
CASES_RUN=0
CASES_SKIPPED=0
NREPO=0
R=
DOC=
RC=
OUT=
ERR=

flat() { # one line, at most 700 characters, control characters visible
	local s=${1//$NL/ | }
	s=${s//$ESC/\\e}
	s=${s//$CR/\\r}
	[ ${#s} -gt 700 ] && s="${s:0:700}..."
	printf '%s' "$s"
}

pass() { [ -n "$SKIP" ] || PASSED=$((PASSED + 1)); }
fail() {
	[ -n "$SKIP" ] && return
	FAILED=$((FAILED + 1))
	printf 'FAIL %s: %s\n' "$CASE" "$*"
}
# check CONDITION-STATUS MESSAGE: pass when the status is 0.
check() {
	if [ "$1" -eq 0 ]; then pass; else fail "$2"; fi
}

# t NAME: start a case in a fresh git repository (git init -q) with an
# empty postmortems/ folder, as the current directory; DOC is the path of
# the case's main document.
t() {
	CASE=$1
	SKIP=
	if [ -n "${PM_CASES:-}" ] && ! [[ $CASE =~ $PM_CASES ]]; then
		# The case still prepares its files (it may enter a folder it
		# makes), but what its commands say about the runs that did
		# not happen is not shown.
		SKIP=1
		CASES_SKIPPED=$((CASES_SKIPPED + 1))
		exec 2>/dev/null
	elif [ -n "${PM_CASES:-}" ]; then
		CASES_RUN=$((CASES_RUN + 1))
		exec 2>&"$STDERR_FD"
	fi
	[ -n "$VERBOSE" ] && [ -z "$SKIP" ] && printf '# %s %s\n' "$EPOCHREALTIME" "$CASE"
	NREPO=$((NREPO + 1))
	R=$T/repo$NREPO
	mkdir -p "$R/postmortems"
	cd "$R" || exit 2
	git init -q --template=
	DOC=postmortems/2026-11-20-disk-full.md
}

# slurp FILE VAR: the contents of FILE in VAR, trailing newlines removed.
slurp() {
	local __s=
	IFS= read -r -d '' __s <"$1"
	while [[ $__s == *"$NL" ]]; do __s=${__s%"$NL"}; done
	printf -v "$2" '%s' "$__s"
}

# pm ARGS...: run the binary; sets RC, OUT and ERR (trailing newlines
# removed; the raw bytes stay in $T/out and $T/err). A CPU time limit
# (ulimit -t) stops a program that spins; cases that could make it block
# instead (FIFOs, special files) use pmt, with a wall-clock limit too
# (timeout costs a process, so not every case uses it).
pm() {
	pm_skipped && return
	{ (ulimit -t $CPU_LIMIT && exec "${WRAPPER[@]}" "$PM" "$@") >"$T/out" 2>"$T/err"; } 2>/dev/null
	pm_status "$@"
}
pmt() {
	pm_skipped && return
	{ (ulimit -t $CPU_LIMIT && exec timeout -k 5 $WALL_LIMIT "${WRAPPER[@]}" "$PM" "$@") >"$T/out" 2>"$T/err"; } 2>/dev/null
	pm_status "$@"
}
# In a case PM_CASES leaves out: no run, empty output, status 0.
pm_skipped() {
	[ -z "$SKIP" ] && return 1
	: >"$T/out"
	: >"$T/err"
	RC=0
	OUT=
	ERR=
}
pm_status() {
	RC=$?
	slurp "$T/out" OUT
	slurp "$T/err" ERR
	if [ "$RC" -eq 124 ] || [ "$RC" -eq 137 ]; then
		fail "postmortem $* did not finish within $WALL_LIMIT s (hang?)"
	elif [ "$RC" -eq 99 ] && [ ${#WRAPPER[@]} -gt 0 ]; then
		fail "postmortem $*: ${WRAPPER[0]} found a problem (exit status 99; see its log)"
	elif [ "$RC" -eq 152 ]; then
		fail "postmortem $* used more than $CPU_LIMIT s of CPU time (a loop?)"
	elif [ "$RC" -ge 128 ]; then
		fail "postmortem $* died of signal $((RC - 128)) (crash); stderr: $(flat "$ERR")"
	elif [[ $ERR == *Sanitizer* || $ERR == *"runtime error:"* ]]; then
		# (a build made with make SANITIZE=...)
		fail "postmortem $*: sanitizer report: $(flat "$ERR")"
	fi
}

ctx() { printf 'stdout: %s; stderr: %s' "$(flat "$OUT")" "$(flat "$ERR")"; }

expect_rc() {
	if [ "$RC" = "$1" ]; then pass; else fail "exit status: expected $1, got $RC; $(ctx)"; fi
}

# norm: the diagnostics of text output, one a line, as "LINE:COL SEVERITY
# RULE" (with "PATH:" in front when PATH is not $DOC); the summary line is
# dropped, other lines are kept with "?? " in front. Sets NORM.
DIAG_RE='^(.+):([0-9]+):([0-9]+): (error|warning): .* \[([a-z0-9-]+)\]$'
SUMMARY_RE='^[0-9]+ files, [0-9]+ errors, [0-9]+ warnings$'
norm() {
	local line p lines=()
	NORM=
	[ -z "$OUT" ] && return
	mapfile -t lines <<<"$OUT"
	local n=${#lines[@]} i
	for ((i = 0; i < n; i++)); do
		line=${lines[i]}
		if [[ $line =~ $DIAG_RE ]]; then
			p=${BASH_REMATCH[1]}
			if [ "$p" = "$DOC" ]; then p=; else p="$p:"; fi
			NORM+="$p${BASH_REMATCH[2]}:${BASH_REMATCH[3]} ${BASH_REMATCH[4]} ${BASH_REMATCH[5]}$NL"
		elif [ $i -eq $((n - 1)) ] && [[ $line =~ $SUMMARY_RE ]]; then
			:
		else
			NORM+="?? $line$NL"
		fi
	done
	NORM=${NORM%"$NL"}
}

# expect_diags <<EOF ... EOF: the text diagnostics are exactly these, in
# this order (in the form of norm; an empty here-document means none).
expect_diags() {
	local want="" line
	while IFS= read -r line; do
		[[ $line =~ ^[[:space:]]*$ ]] && continue
		want+="$line$NL"
	done
	want=${want%"$NL"}
	norm
	if [ "$want" = "$NORM" ]; then
		pass
	else
		fail "diagnostics: expected [$(flat "$want")]; got [$(flat "$NORM")]; $(ctx)"
	fi
}

# expect_only RULE: RULE is the only rule reported (once or more).
expect_only() {
	local line
	norm
	if [ -z "$NORM" ]; then
		fail "expected [$1] alone; got no diagnostic; $(ctx)"
		return
	fi
	while IFS= read -r line; do
		if [[ $line != *" $1" ]]; then
			fail "expected [$1] alone; got [$(flat "$NORM")]; $(ctx)"
			return
		fi
	done <<<"$NORM"
	pass
}

# expect_diag LINE[:COL] SEVERITY RULE [PATH]: there is such a diagnostic.
expect_diag() {
	local where=$1 sev=$2 rule=$3 path=${4:-$DOC} got
	case $where in *:*) ;; *) where="$where:*" ;; esac
	while IFS= read -r got; do
		# shellcheck disable=SC2053
		if [[ $got == "$path":$where:\ "$sev":\ *\ \["$rule"\] ]]; then
			pass
			return
		fi
	done <<<"$OUT"
	fail "expected a diagnostic $path:$where $sev [$rule]; $(ctx)"
}

# expect_no RULE [PATH]: no diagnostic of that rule (for that path).
expect_no() {
	local rule=$1 path=${2:-} got
	while IFS= read -r got; do
		if [[ $got == "$path"*" [$rule]" ]]; then
			fail "expected no [$rule]${path:+ for $path}; got: $(flat "$got")"
			return
		fi
	done <<<"$OUT"
	pass
}

# expect_count RULE N: exactly N diagnostics of that rule.
expect_count() {
	local n=0 got
	while IFS= read -r got; do
		[[ $got == *" [$1]" ]] && n=$((n + 1))
	done <<<"$OUT"
	if [ "$n" = "$2" ]; then pass; else fail "expected $2 x [$1], got $n; $(ctx)"; fi
}

# expect_msg RULE TEXT: the (first) diagnostic of RULE mentions TEXT.
expect_msg() {
	local got
	while IFS= read -r got; do
		if [[ $got == *" [$1]" ]]; then
			if [[ $got == *"$2"* ]]; then
				pass
			else
				fail "expected the [$1] message to mention '$2'; got: $(flat "$got")"
			fi
			return
		fi
	done <<<"$OUT"
	fail "expected a [$1] diagnostic mentioning '$2'; $(ctx)"
}

# expect_summary F E W: the last line of text output.
expect_summary() {
	local want="$1 files, $2 errors, $3 warnings" last=${OUT##*"$NL"}
	if [ "$last" = "$want" ]; then pass; else fail "summary: expected '$want', got '$last'; $(ctx)"; fi
}

# expect_out TEXT: stdout is exactly TEXT and one final newline. On a
# difference, the first differing line is shown.
expect_out() {
	local raw="" i a=() b=()
	IFS= read -r -d '' raw <"$T/out"
	if [ "$raw" = "$1$NL" ]; then
		pass
		return
	fi
	mapfile -t a <<<"$1"
	mapfile -t b <<<"${raw%"$NL"}"
	for ((i = 0; i < ${#a[@]} || i < ${#b[@]}; i++)); do
		[ "${a[i]-<none>}" = "${b[i]-<none>}" ] || break
	done
	fail "stdout differs at line $((i + 1)): expected [$(flat "${a[i]-<no line>}")]; got [$(flat "${b[i]-<no line>}")]$([[ $raw == *"$NL" ]] || echo ' (no final newline)')"
}

# expect_stderr_match REGEX: some line of stderr matches (bash ERE).
expect_stderr_match() {
	local line
	while IFS= read -r line; do
		if [[ $line =~ $1 ]]; then
			pass
			return
		fi
	done <<<"$ERR"
	fail "stderr: expected a line matching /$1/; got [$(flat "$ERR")]"
}

expect_empty_stdout() {
	if [ -s "$T/out" ]; then fail "expected empty stdout; $(ctx)"; else pass; fi
}
expect_empty_stderr() {
	if [ -s "$T/err" ]; then fail "expected empty stderr; $(ctx)"; else pass; fi
}
expect_nonempty_stderr() {
	if [ -s "$T/err" ]; then pass; else fail "expected a message on stderr; $(ctx)"; fi
}

# expect_utf8: stdout and stderr are valid UTF-8.
expect_utf8() {
	local f
	for f in out err; do
		if iconv -f UTF-8 -t UTF-8 "$T/$f" >/dev/null 2>&1; then
			pass
		else
			fail "std$f is not valid UTF-8: $(od -An -c "$T/$f" | head -5 | tr -s ' \n' ' ')"
		fi
	done
}

# json_check PYTHON: stdout is UTF-8 and parses as JSON (as `d`), and
# PYTHON, statements that use `d` and `check(cond, what)`, passes. The
# shape of contract section 4 is always checked.
json_check() {
	[ -n "$SKIP" ] && return
	if [ -z "$PY" ]; then
		fail "python3 is needed to check JSON output"
		return
	fi
	local res
	res=$("$PY" -I -S - "$T/out" "$1" <<'PYEOF'
import json, sys
raw = open(sys.argv[1], 'rb').read()
try:
    text = raw.decode('utf-8')
except UnicodeDecodeError as e:
    print('stdout is not UTF-8: %s' % e); sys.exit(0)
try:
    d = json.loads(text)
except ValueError as e:
    print('stdout is not JSON: %s: %r' % (e, text[:300])); sys.exit(0)
problems = []
def check(cond, what):
    if not cond:
        problems.append(what)
try:
    check(isinstance(d, dict), 'not an object')
    check(set(d) == {'files', 'errors', 'warnings', 'diagnostics'}, 'top-level keys %s' % sorted(d))
    for k in ('files', 'errors', 'warnings'):
        check(type(d[k]) is int, '%s is not a number' % k)
    check(isinstance(d['diagnostics'], list), 'diagnostics is not a list')
    for x in d['diagnostics']:
        check(set(x) == {'path', 'line', 'column', 'severity', 'rule', 'message'},
              'diagnostic keys %s' % sorted(x))
        check(type(x['line']) is int and type(x['column']) is int, 'line/column not numbers')
        check(x['severity'] in ('error', 'warning'), 'severity %r' % x['severity'])
    check(d['errors'] == sum(1 for x in d['diagnostics'] if x['severity'] == 'error'),
          'errors does not count the error diagnostics')
    check(d['warnings'] == sum(1 for x in d['diagnostics'] if x['severity'] == 'warning'),
          'warnings does not count the warning diagnostics')
    if not problems:
        exec(sys.argv[2])
except Exception as e:
    problems.append('%s: %s' % (type(e).__name__, e))
if problems:
    print('; '.join(problems) + ' -- json: ' + json.dumps(d)[:600])
PYEOF
)
	if [ -z "$res" ]; then pass; else fail "$res"; fi
}

# py_check PYTHON [FILE...]: PYTHON passes, with `check(cond, what)` and
# the file names in `args`.
py_check() {
	[ -n "$SKIP" ] && return
	if [ -z "$PY" ]; then
		fail "python3 is needed to check this output"
		return
	fi
	local code=$1 res
	shift
	res=$("$PY" -I -S - "$code" "$@" <<'PYEOF'
import csv, io, json, sys
args = sys.argv[2:]
problems = []
def check(cond, what):
    if not cond:
        problems.append(what)
def text(path):
    return open(path, 'rb').read().decode('utf-8')
try:
    exec(sys.argv[1])
except Exception as e:
    problems.append('%s: %s' % (type(e).__name__, e))
print('; '.join(problems)[:900])
PYEOF
)
	if [ -z "$res" ]; then pass; else fail "$res"; fi
}

# unprivileged_pm: the path of a program that runs $PM without root's
# power to read any file (as root: through setpriv, without the two
# capabilities that grant it), so that an unreadable file is one even
# under CI's root; $PM itself when not root; empty when root has no
# setpriv.
unprivileged_pm() {
	if [ "$(id -u)" != 0 ]; then
		printf '%s' "$PM"
	elif command -v setpriv >/dev/null 2>&1; then
		printf '#!/bin/sh\nexec setpriv --bounding-set=-dac_override,-dac_read_search "%s" "$@"\n' "$PM" >"$T/unprivileged"
		chmod +x "$T/unprivileged"
		printf '%s' "$T/unprivileged"
	fi
}

# ---------------------------------------------------------------------------
# Fixtures

# The base document: a valid, final postmortem that is not a full one.
# Its lines:
#   1 ---                              20 ## Timeline
#   2 title: Disk full on ...          21
#   3 date: 2026-11-20                 22 - 2026-11-20 09:00 Disk alert fires.
#   4 status: final                    23 - 09:30 Old images removed.
#   5 severity: SEV3                   24
#   6 customer_impact: false           25 ## Failures
#   7 data_breach: false               26
#   8 authors: [Alice Nguyen]          27 ### Technical lapses
#   9 failure_categories: [technical]  28
#  10 ---                              29 - No cleanup job for old images.
#  11                                  30
#  12 ## Summary                       31 ## Action items
#  13                                  32
#  14 The disk of the build runner...  33 - [ ] Add a nightly cleanup job
#  15                                  34   - owner: @alice
#  16 ## Impact                        35   - due: 2026-12-01
#  17                                  36   - type: bug
#  18 Builds failed for 30 minutes.
#  19
BASE_DOC='---
title: Disk full on the build runner
date: 2026-11-20
status: final
severity: SEV3
customer_impact: false
data_breach: false
authors: [Alice Nguyen]
failure_categories: [technical]
---

## Summary

The disk of the build runner filled up and builds failed.

## Impact

Builds failed for 30 minutes.

## Timeline

- 2026-11-20 09:00 Disk alert fires.
- 09:30 Old images removed.

## Failures

### Technical lapses

- No cleanup job for old images.

## Action items

- [ ] Add a nightly cleanup job
  - owner: @alice
  - due: 2026-12-01
  - type: bug'

base_doc() { printf '%s\n' "$BASE_DOC"; }

mkparent() {
	case $1 in */*) [ -d "${1%/*}" ] || mkdir -p "${1%/*}" ;; esac
}

# write_base [FILE]: the base document at FILE (default $DOC).
write_base() {
	local f=${1:-$DOC}
	mkparent "$f"
	printf '%s\n' "$BASE_DOC" >"$f"
}

# write FILE <<EOF: a file from a here-document.
write() {
	local s=
	mkparent "$1"
	IFS= read -r -d '' s
	printf '%s' "$s" >"$1"
}

# The editing helpers below read the file into the array L and write it
# back (with a final newline); CRs stay where they are.
L=()
load() { mapfile -t L <"$1"; }
save() { printf '%s\n' "${L[@]}" >"$1"; }
is_delim() { [[ $1 =~ ^(---|\.\.\.)[[:space:]]*$ ]]; }

# fm_set KEY VALUE [FILE]: set a front matter key: replace its first line
# (removing later ones), or add it before the closing line. An empty
# VALUE writes "KEY:".
fm_set() {
	local f=${3:-$DOC} k=$1 line i done="" out=()
	if [ -z "$2" ]; then line="$k:"; else line="$k: $2"; fi
	load "$f"
	out=("${L[0]}")
	for ((i = 1; i < ${#L[@]}; i++)); do
		if [ "$done" != end ] && is_delim "${L[i]}"; then
			[ -z "$done" ] && out+=("$line")
			done=end
			out+=("${L[i]}")
			continue
		fi
		if [ "$done" != end ] && [[ ${L[i]} == "$k:"* ]]; then
			[ -z "$done" ] && out+=("$line")
			done=yes
			continue
		fi
		out+=("${L[i]}")
	done
	L=("${out[@]}")
	save "$f"
}

# fm_add LINE [FILE]: add a raw line at the end of the front matter.
fm_add() {
	local f=${2:-$DOC} i
	load "$f"
	for ((i = 1; i < ${#L[@]}; i++)); do
		if is_delim "${L[i]}"; then
			L=("${L[@]:0:i}" "$1" "${L[@]:i}")
			break
		fi
	done
	save "$f"
}

# fm_del KEY [FILE]: remove a front matter key's line(s).
fm_del() {
	local f=${2:-$DOC} i out=()
	load "$f"
	out=("${L[0]}")
	for ((i = 1; i < ${#L[@]}; i++)); do
		if is_delim "${L[i]}"; then
			out+=("${L[@]:i}")
			break
		fi
		[[ ${L[i]} == "$1:"* ]] || out+=("${L[i]}")
	done
	L=("${out[@]}")
	save "$f"
}

# sec_set TITLE [FILE] <<EOF: replace the body of the section "## TITLE"
# (up to the next level-1 or level-2 heading) with stdin; a section that
# is not there is added at the end.
sec_set() {
	local f=${2:-$DOC} h="## $1" body="" i skip="" found="" out=() b=()
	IFS= read -r -d '' body
	while [[ $body == *"$NL" ]]; do body=${body%"$NL"}; done
	[ -n "$body" ] && mapfile -t b <<<"$body"
	load "$f"
	for ((i = 0; i < ${#L[@]}; i++)); do
		if [ -n "$skip" ] && [[ ${L[i]} =~ ^##?\  ]]; then
			skip=
		fi
		if [ -z "$found" ] && [ "${L[i]}" = "$h" ]; then
			out+=("$h" "" "${b[@]}" "")
			skip=1
			found=1
			continue
		fi
		[ -n "$skip" ] || out+=("${L[i]}")
	done
	[ -z "$found" ] && out+=("" "$h" "" "${b[@]}")
	# no blank line at the very end
	while [ ${#out[@]} -gt 0 ] && [ -z "${out[-1]}" ]; do unset 'out[-1]'; done
	L=("${out[@]}")
	save "$f"
}

# sec_del TITLE [FILE]: remove the section "## TITLE" with its body.
sec_del() {
	local f=${2:-$DOC} h="## $1" i skip="" out=()
	load "$f"
	for ((i = 0; i < ${#L[@]}; i++)); do
		if [ -n "$skip" ] && [[ ${L[i]} =~ ^##?\  ]]; then
			skip=
		fi
		if [ "${L[i]}" = "$h" ]; then
			skip=1
			continue
		fi
		[ -n "$skip" ] || out+=("${L[i]}")
	done
	while [ ${#out[@]} -gt 0 ] && [ -z "${out[-1]}" ]; do unset 'out[-1]'; done
	L=("${out[@]}")
	save "$f"
}

# set_line N TEXT [FILE] / del_line N [FILE] / ins_line N TEXT [FILE]
# (insert before line N) / app TEXT... [to $DOC]: line edits.
set_line() {
	local f=${3:-$DOC}
	load "$f"
	L[$1 - 1]=$2
	save "$f"
}
del_line() {
	local f=${2:-$DOC}
	load "$f"
	L=("${L[@]:0:$1-1}" "${L[@]:$1}")
	save "$f"
}
ins_line() {
	local f=${3:-$DOC}
	load "$f"
	L=("${L[@]:0:$1-1}" "$2" "${L[@]:$1-1}")
	save "$f"
}
app() { printf '%s\n' "$@" >>"$DOC"; }

# make_full [FILE]: customer_impact: true, with the two sections that a
# full postmortem needs (added at the end).
make_full() {
	local f=${1:-$DOC}
	fm_set customer_impact true "$f"
	sec_set 'Technical summary' "$f" <<<'The image cache has no size limit.'
	sec_set 'Response evaluation' "$f" <<<'The alert fired in time; the cleanup was manual.'
}

# lineof TEXT [FILE]: the number of the first line that holds TEXT.
lineof() {
	local i
	load "${2:-$DOC}"
	for ((i = 0; i < ${#L[@]}; i++)); do
		if [[ ${L[i]} == *"$1"* ]]; then
			echo $((i + 1))
			return
		fi
	done
	echo "?(no line holds '$1')"
}

# to_crlf FILE: LF -> CRLF.
to_crlf() {
	local i
	load "$1"
	for ((i = 0; i < ${#L[@]}; i++)); do L[i]+=$CR; done
	save "$1"
}

# ---------------------------------------------------------------------------
# Cases

# --- Sanity: the base document is valid --------------------------------

t 'base document is valid'
write_base
pm validate
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'
expect_empty_stderr

# --- One failing and one passing document for every rule ----------------
# (contract section 4)

t 'file-invalid: NUL byte'
write_base
{ head -n 13 "$DOC"; printf 'The disk \000 filled up.\n'; tail -n +15 "$DOC"; } >"$T/nul" && cat "$T/nul" >"$DOC"
pm validate
expect_rc 1
expect_diags <<<'14:10 error file-invalid'

t 'file-invalid: passes without the NUL byte'
write_base
sed -i '14s/.*/The disk filled up./' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'file-invalid: invalid UTF-8 (Latin-1)'
write_base
sed -i "14s/.*/St$(printf '\366')rung: the disk filled up./" "$DOC"
pm validate
expect_rc 1
expect_diags <<<'14:3 error file-invalid'
expect_utf8

t 'file-invalid: passes as UTF-8'
write_base
sed -i '14s/.*/Störung: the disk filled up./' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'frontmatter-missing: a heading before the front matter'
write $DOC <<'EOF'
# Disk full

---
title: Disk full on the build runner
---
EOF
pm validate
expect_rc 1
expect_diags <<<'1:1 error frontmatter-missing'

t 'frontmatter-missing: a blank line before ---'
{ echo; base_doc; } | write $DOC
pm validate
expect_rc 1
expect_diags <<<'1:1 error frontmatter-missing'

t 'frontmatter-missing: passes with --- on line 1 (and a BOM before it)'
{ printf '\357\273\277'; base_doc; } | write $DOC
pm validate
expect_rc 0
expect_diags <<<''

t 'frontmatter-unterminated: no closing line'
write_base
sed -i '10d' "$DOC"
pm validate
expect_rc 1
expect_diags <<<'1:1 error frontmatter-unterminated'

t 'frontmatter-unterminated: passes when closed by "..." and trailing spaces'
write_base
sed -i -e '1s/.*/---   /' -e '10s/.*/...  /' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'frontmatter-invalid: @ at the start of a plain scalar says to quote'
write_base
fm_set authors '[@alice, @bob]'
pm validate
expect_rc 1
expect_msg frontmatter-invalid quot
expect_diags <<<'8:11 error frontmatter-invalid'

t 'frontmatter-invalid: backquote at the start of a plain scalar says to quote'
write_base
fm_set title '`rm -rf` removed the images'
pm validate
expect_rc 1
expect_msg frontmatter-invalid quot
expect_diags <<<'2:8 error frontmatter-invalid'

t 'frontmatter-invalid: passes when quoted'
write_base
fm_set authors '["@alice", "@bob"]'
fm_set title '"`rm -rf` removed the images"'
pm validate
expect_rc 0
expect_diags <<<''

t 'frontmatter-invalid: empty front matter is not a mapping'
write $DOC <<'EOF'
---
---

## Summary

Text.
EOF
pm validate
expect_rc 1
expect_diags <<<'1:1 error frontmatter-invalid'

t 'frontmatter-invalid: a list is not a mapping'
write $DOC <<'EOF'
---
- title: Disk full
- date: 2026-11-20
---

## Summary

Text.
EOF
pm validate
expect_rc 1
expect_diags <<<'2:1 error frontmatter-invalid'

t 'frontmatter-duplicate-key: reported at the second occurrence'
write_base
fm_add 'severity: SEV1'
pm validate
expect_rc 1
expect_diags <<<'10:1 error frontmatter-duplicate-key'

t 'frontmatter-duplicate-key: passes without the repeated key'
write_base
fm_add 'incident: OPS-1'
pm validate
expect_rc 0
expect_diags <<<''

t 'field-missing: severity removed'
write_base
fm_del severity
pm validate
expect_rc 1
expect_diags <<<'1:1 error field-missing'
expect_msg field-missing severity

t 'field-missing: passes with severity'
write_base
pm validate
expect_rc 0

t 'field-invalid: a date that is not a calendar day'
write_base
fm_set date 2026-02-30
pm validate
expect_rc 1
expect_diags <<<'3:7 error field-invalid'

t 'field-invalid: passes with a real day'
write_base
fm_set date 2026-02-28
sed -i 's/^- 2026-11-20 09:00/- 2026-02-28 09:00/' "$DOC"
DOC=postmortems/2026-02-28-disk-full.md
mv postmortems/2026-11-20-disk-full.md "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'section-missing: no ## Impact'
write_base
sec_del Impact
pm validate
expect_rc 1
expect_diags <<<'1:1 error section-missing'
expect_msg section-missing Impact

t 'section-missing: passes with ## Impact'
write_base
pm validate
expect_rc 0

t 'section-duplicate: ## Impact twice'
write_base
cat >>"$DOC" <<'EOF'

## Impact

More impact.
EOF
pm validate
expect_rc 1
expect_diags <<<'38:1 error section-duplicate'

t 'section-duplicate: passes with a free section instead'
write_base
cat >>"$DOC" <<'EOF'

## More impact

More impact.
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'section-empty: ## Impact holds only a comment'
write_base
sec_set Impact <<<'<!-- Who was affected, how, for how long. -->'
pm validate
expect_rc 1
expect_diags <<<'16:1 error section-empty'

t 'section-empty: passes with "None."'
write_base
sec_set Impact <<<'<!-- Who was affected, how, for how long. -->
None.'
pm validate
expect_rc 0
expect_diags <<<''

t 'category-unknown: in failure_categories, nothing else'
write_base
fm_set failure_categories '[technical, hardware]'
pm validate
expect_rc 1
expect_diags <<<'9:33 error category-unknown'

t 'category-unknown: as a ### heading under Failures, nothing else'
write_base
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Cosmic rays

- A bit flipped.
EOF
pm validate
expect_rc 1
expect_diags <<<"$(lineof '### Cosmic rays'):1 error category-unknown"

t 'category-unknown: passes with a known category'
write_base
fm_set failure_categories '[technical, manual]'
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Manual errors

- Someone deleted the wrong volume.
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'category-missing: a listed category without a subsection'
write_base
fm_set failure_categories '[technical, communication]'
pm validate
expect_rc 1
expect_diags <<<'9:33 error category-missing'

t 'category-missing: an empty subsection'
write_base
fm_set failure_categories '[technical, communication]'
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Communication failures

<!-- Who was told what, when. -->
EOF
pm validate
expect_rc 1
expect_diags <<<"$(lineof '### Communication failures'):1 error category-missing"

t 'category-missing: passes with the subsection'
write_base
fm_set failure_categories '[technical, communication]'
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Communication failures

- Nobody told the developers.
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'category-unlisted: a subsection not in failure_categories'
write_base
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Process flaws

- Nobody reviews the runner image.
EOF
pm validate
expect_rc 1
expect_diags <<<"$(lineof '### Process flaws'):1 error category-unlisted"
expect_msg category-unlisted process

t 'category-unlisted: passes when listed'
write_base
fm_set failure_categories '[technical, process]'
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Process flaws

- Nobody reviews the runner image.
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'timeline-time-invalid: an item without a time (a warning)'
write_base
sec_set Timeline <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- ??:?? Developers start complaining.
- 09:30 Old images removed.
EOF
pm validate
expect_rc 0
expect_diags <<<'23:3 warning timeline-time-invalid'
expect_summary 1 0 1

t 'timeline-time-invalid: passes with a time'
write_base
sec_set Timeline <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 09:10 (approx.) Developers start complaining.
- 09:30 Old images removed.
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'timeline-order: an entry earlier than the one before it'
write_base
sec_set Timeline <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 09:30 Old images removed.
- 09:10 Developers start complaining.
EOF
pm validate
expect_rc 1
expect_diags <<<'24:3 error timeline-order'

t 'timeline-order: passes in order'
write_base
sec_set Timeline <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 09:10 Developers start complaining.
- 09:30 Old images removed.
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'action-checkbox-missing'
write_base
sed -i '33s/.*/- Add a nightly cleanup job/' "$DOC"
pm validate
expect_rc 1
expect_diags <<<'33:1 error action-checkbox-missing'

t 'action-checkbox-missing: passes with [ ]'
write_base
pm validate
expect_rc 0

t 'action-owner-missing'
write_base
sed -i '34d' "$DOC"
pm validate
expect_rc 1
expect_diags <<<'33:1 error action-owner-missing'

t 'action-owner-missing: passes with an owner'
write_base
sed -i '34s/.*/  - owner: Platform team/' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'action-due-missing: an open item without due'
write_base
sed -i '35d' "$DOC"
pm validate
expect_rc 1
expect_diags <<<'33:1 error action-due-missing'

t 'action-due-missing: passes for a done item without due'
write_base
sed -i -e '33s/\[ \]/[x]/' -e '35d' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'action-due-invalid: not a date'
write_base
sed -i '35s/.*/  - due: next sprint/' "$DOC"
pm validate
expect_rc 1
expect_diags <<<'35:5 error action-due-invalid'

t 'action-due-invalid: not a calendar day'
write_base
sed -i '35s/.*/  - due: 2026-11-31/' "$DOC"
pm validate
expect_rc 1
expect_diags <<<'35:5 error action-due-invalid'

t 'action-due-invalid: passes with a real day'
write_base
sed -i '35s/.*/  - due: 2026-11-30/' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'action-type-unknown'
write_base
sed -i '36s/.*/  - type: feature/' "$DOC"
pm validate
expect_rc 1
expect_diags <<<'36:5 error action-type-unknown'

t 'action-type-unknown: passes, compared case-insensitively'
write_base
sed -i '36s/.*/  - type: Change-Request/' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'action-field-unknown: a warning'
write_base
echo '  - priority: high' >>"$DOC"
pm validate
expect_rc 0
expect_diags <<<'37:5 warning action-field-unknown'

t 'action-field-unknown: passes with ticket and a free note'
write_base
printf '%s\n' '  - ticket: OPS-1234' '  - Discussed in the weekly review.' >>"$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'actors-missing: data_breach true without actors (a warning)'
write_base
make_full
fm_set customer_impact false
fm_set data_breach true
pm validate
expect_rc 0
expect_diags <<<'7:14 warning actors-missing'

t 'actors-missing: empty actors list'
write_base
make_full
fm_set data_breach true
fm_add 'actors: []'
pm validate
expect_rc 0
expect_diags <<<'7:14 warning actors-missing'

t 'actors-missing: passes with actors'
write_base
make_full
fm_set data_breach true
fm_add 'actors: [unknown party from 203.0.113.0/24]'
pm validate
expect_rc 0
expect_diags <<<''

t 'id-duplicate: the same file name in two folders, reported on each'
write_base postmortems/2026/2026-11-20-disk-full.md
write_base postmortems/infra/2026-11-20-disk-full.md
pm validate
expect_rc 1
expect_diags <<'EOF'
postmortems/2026/2026-11-20-disk-full.md:1:1 error id-duplicate
postmortems/infra/2026-11-20-disk-full.md:1:1 error id-duplicate
EOF
expect_summary 2 2 0

t 'id-duplicate: passes with different file names'
write_base postmortems/2026/2026-11-20-disk-full.md
write_base postmortems/infra/2026-11-20-disk-full-2.md
pm validate
expect_rc 0
expect_summary 2 0 0

t 'related-unknown'
write_base
fm_add 'related: [2026-09-30-psp-outage]'
pm validate
expect_rc 1
expect_diags <<<'10:11 error related-unknown'

t 'related-unknown: the item of a block list'
write_base
fm_add 'related:'
fm_add '  - 2026-11-01-other'
fm_add '  - 2026-09-30-psp-outage'
write_base postmortems/2026-11-01-other.md
fm_set date 2026-11-01 postmortems/2026-11-01-other.md
pm validate
expect_rc 1
expect_diags <<<'12:5 error related-unknown'

t 'related-unknown: "id.md" is not an id'
write_base
write_base postmortems/2026-11-01-other.md
fm_set date 2026-11-01 postmortems/2026-11-01-other.md
fm_add 'related: [2026-11-01-other.md]'
pm validate
expect_rc 1
expect_diags <<<'10:11 error related-unknown'

t 'related-unknown: passes with an existing id (in a subfolder)'
write_base
write_base postmortems/2025/2025-09-30-psp-outage.md
fm_set date 2025-09-30 postmortems/2025/2025-09-30-psp-outage.md
fm_add 'related: [2025-09-30-psp-outage]'
pm validate
expect_rc 0
expect_diags <<<''
expect_summary 2 0 0

t 'filename-date-mismatch: a warning at the date value'
write_base postmortems/2026-11-21-disk-full.md
DOC=postmortems/2026-11-21-disk-full.md
pm validate
expect_rc 0
expect_diags <<<'3:7 warning filename-date-mismatch'

t 'filename-date-mismatch: passes when the dates agree or the name has none'
write_base
write_base postmortems/disk-full-again.md
pm validate
expect_rc 0
expect_diags <<<''
expect_summary 2 0 0

# --- Front matter: more limits and types ---------------------------------

t 'frontmatter-invalid: a YAML alias is refused'
write_base
fm_set authors '&people [Alice Nguyen]'
fm_add 'actors: *people'
pmt validate
expect_rc 1
expect_diags <<<'10:9 error frontmatter-invalid'

t 'frontmatter-invalid: an alias bomb is refused quickly'
write_base
fm_add 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]'
fm_add 'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]'
fm_add 'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]'
fm_add 'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]'
fm_add 'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]'
fm_add 'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]'
fm_add 'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]'
fm_add 'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]'
pmt validate
expect_rc 1
expect_diags <<<'11:8 error frontmatter-invalid'

# nest N: a flow value nested N levels below the top mapping (level 1).
nest() {
	local n=$(($1 - 1))
	head -c $n /dev/zero | tr '\0' '['
	printf x
	head -c $n /dev/zero | tr '\0' ']'
}

t 'frontmatter-invalid: nesting deeper than 64 levels'
write_base
fm_add "deep: $(nest 65)"
pmt validate
expect_rc 1
expect_diags <<<'10:70 error frontmatter-invalid'

t 'frontmatter-invalid: much deeper nesting (30000, under 64 KiB) does not crash'
write_base
nest 30000 >"$T/deep"
{ head -n 9 "$DOC"; printf 'deep: '; cat "$T/deep"; echo; tail -n +10 "$DOC"; } >"$T/doc" && cat "$T/doc" >"$DOC"
pmt validate
expect_rc 1
expect_count frontmatter-invalid 1

t 'frontmatter-invalid: passes at exactly 64 levels'
write_base
fm_add "deep: $(nest 64)"
pm validate
expect_rc 0
expect_diags <<<''

t 'frontmatter-invalid: a front matter over 64 KiB'
write_base
fm_add "notes: $(head -c 70000 /dev/zero | tr '\0' a)"
pm validate
expect_rc 1
expect_diags <<<'2:1 error frontmatter-invalid'

t 'frontmatter-invalid: passes with a front matter under 64 KiB'
write_base
fm_add "notes: $(head -c 60000 /dev/zero | tr '\0' a)"
pm validate
expect_rc 0
expect_diags <<<''

# fm_pad SIZE: add a line "notes: aaa..." so that the front matter (the
# bytes between the delimiter lines) is SIZE bytes long.
fm_pad() {
	local i n=0
	load "$DOC"
	for ((i = 1; i < ${#L[@]}; i++)); do
		is_delim "${L[i]}" && break
		n=$((n + ${#L[i]} + 1))
	done
	fm_add "notes: $(head -c $(($1 - n - 8)) /dev/zero | tr '\0' a)"
}

t 'frontmatter-invalid: exactly 64 KiB passes, one byte more does not'
write_base
LC_ALL=C fm_pad 65536
pm validate
expect_rc 0
expect_diags <<<''
write_base
LC_ALL=C fm_pad 65537
pm validate
expect_rc 1
expect_diags <<<'2:1 error frontmatter-invalid'

t 'frontmatter-invalid: nothing else of the document is checked'
write_base
fm_set authors '[@alice]'
sec_del Impact
sed -i 's/^- 09:30/- 08:30/' "$DOC"
pm validate
expect_rc 1
expect_count frontmatter-invalid 1
expect_no section-missing
expect_no timeline-order

t 'frontmatter-unterminated: nothing else of the document is checked'
write_base
sed -i '10d' "$DOC"
sec_del Impact
pm validate
expect_rc 1
expect_diags <<<'1:1 error frontmatter-unterminated'

t 'frontmatter-missing: nothing else of the document is checked'
write $DOC <<'EOF'
## Summary

Text.
EOF
pm validate
expect_rc 1
expect_diags <<<'1:1 error frontmatter-missing'

t 'frontmatter-duplicate-key: once per key, other checks run on the first value'
write_base
fm_set status draft
fm_add 'status: final'
fm_add 'status: review'
fm_add 'severity: SEV9'
sec_set Impact <<<'<!-- to do -->'
pm validate
expect_rc 1
# status is "draft": the empty Impact is a warning; severity is SEV3.
expect_diags <<'EOF'
10:1 error frontmatter-duplicate-key
12:1 error frontmatter-duplicate-key
19:1 warning section-empty
EOF
expect_summary 1 2 1

t 'frontmatter-duplicate-key: the section-empty warning follows the first (draft) value'
write_base
fm_set status draft
fm_add 'status: final'
sec_set Impact <<<'<!-- to do -->'
pm validate
expect_diags <<'EOF'
10:1 error frontmatter-duplicate-key
17:1 warning section-empty
EOF

# --- Fields ---------------------------------------------------------------

for v in 'severity:' 'severity: ""' 'severity: ~' 'severity: null' 'severity:    '; do
	t "field-missing: empty value ($v)"
	write_base
	sed -i "5s/.*/$v/" "$DOC"
	pm validate
	expect_rc 1
	expect_diags <<<'1:1 error field-missing'
done

for k in title date status customer_impact data_breach authors failure_categories; do
	t "field-missing: $k"
	write_base
	fm_del $k
	pm validate
	expect_rc 1
	expect_diags <<<'1:1 error field-missing'
	expect_msg field-missing "$k"
done

t 'field-missing: authors: [] (an empty list)'
write_base
fm_set authors '[]'
pm validate
expect_rc 1
expect_diags <<<'1:1 error field-missing'

t 'field-missing: failure_categories: [] in a final document'
write_base
fm_set failure_categories '[]'
pm validate
expect_rc 1
expect_diags <<<'1:1 error field-missing'

t 'field-missing: title: "  " (blank)'
write_base
fm_set title '"  "'
pm validate
expect_rc 1
expect_diags <<<'1:1 error field-missing'

t 'strings: title: 2026 is a string; a single string is a list of one'
write_base
fm_set title 2026
fm_set authors 'Alice Nguyen'
fm_set failure_categories technical
fm_add 'services: ci'
pm validate
expect_rc 0
expect_diags <<<''

t 'strings: block-style lists'
write_base
sed -i '8d' "$DOC"
sed -i '8i authors:\n  - Alice Nguyen\n  - Bob Okafor' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'field-invalid: a list where a string is expected'
write_base
fm_set title '[Disk, full]'
pm validate
expect_rc 1
expect_diags <<<'2:8 error field-invalid'

for v in yes no on off y 1 '"true"' "'false'"; do
	t "field-invalid: customer_impact: $v (not a YAML 1.2 boolean)"
	write_base
	fm_set customer_impact "$v"
	pm validate
	expect_rc 1
	expect_diags <<<'6:18 error field-invalid'
	case $v in
	[\"\']*) expect_msg field-invalid 'quot' ;;
	*) expect_msg field-invalid 'true' ;;
	esac
done

for v in true True TRUE false False FALSE; do
	t "booleans: customer_impact: $v passes"
	write_base
	make_full
	fm_set customer_impact "$v"
	fm_set data_breach "$( [ "$v" = true ] && echo False || echo false)"
	pm validate
	expect_rc 0
	expect_diags <<<''
done

t 'field-invalid: severity outside its list suggests the right spelling'
write_base
fm_set severity sev3
pm validate
expect_rc 1
expect_diags <<<'5:11 error field-invalid'
expect_msg field-invalid SEV3

t 'field-invalid: status outside its list'
write_base
fm_set status published
pm validate
expect_rc 1
expect_diags <<<'4:9 error field-invalid'

for v in 20.11.2026 11/20/2026 2026-11-20T09:14:00Z 2026-13-01 2026-11-31 '"2026-02-29"'; do
	t "field-invalid: date: $v"
	write_base postmortems/disk-full.md
	DOC=postmortems/disk-full.md
	sed -i 's/^- 2026-11-20 09:00/- 2026-11-20 09:00/' "$DOC"
	fm_set date "$v"
	pm validate
	expect_rc 1
	expect_diags <<<'3:7 error field-invalid'
done

t 'dates: quoted and a leap day pass'
write_base postmortems/disk-full.md
DOC=postmortems/disk-full.md
fm_set date '"2028-02-29"'
pm validate
expect_rc 0
expect_diags <<<''

for v in 2026-11-20T09:14:00Z 2026-11-20T09:14Z '2026-11-20 10:14:00+01:00' 2026-11-20t09:14:00.250z '"2026-11-20T09:14:00-05:00"'; do
	t "date-times: started: $v passes"
	write_base
	fm_add "started: $v"
	pm validate
	expect_rc 0
	expect_diags <<<''
done

for v in 2026-11-20T09:14:00 2026-11-20 09:14 1763630040 '2026-11-20  09:14:00Z' 2026-11-20T25:00:00Z; do
	t "field-invalid: started: $v"
	write_base
	fm_add "started: $v"
	pm validate
	expect_rc 1
	expect_diags <<<'10:10 error field-invalid'
done

t 'field-invalid: started..resolved decrease'
write_base
fm_add 'started: 2026-11-20T09:00:00Z'
fm_add 'detected: 2026-11-20T09:10:00Z'
fm_add 'mitigated: 2026-11-20T10:00:00+02:00'
fm_add 'resolved: 2026-11-20T10:30:00Z'
pm validate
expect_rc 1
expect_diags <<<'12:12 error field-invalid'

t 'date-times: equal and increasing times pass, across offsets'
write_base
fm_add 'started: 2026-11-20T09:00:00Z'
fm_add 'detected: 2026-11-20T10:00:00+01:00'
fm_add 'resolved: 2026-11-20T09:30:00-01:00'
pm validate
expect_rc 0
expect_diags <<<''

t 'field-invalid: lang en_US'
write_base
fm_add 'lang: en_US'
pm validate
expect_rc 1
expect_diags <<<'10:7 error field-invalid'

t 'lang: fr-FR, es-419 and de-CH pass'
for v in fr-FR es-419 de-CH ja; do
	write_base
	fm_add "lang: $v"
	pm validate
	expect_rc 0
done

t 'other keys are allowed and ignored'
write_base
fm_add 'team: platform'
fm_add 'incident: OPS-1'
fm_add 'services: [ci, runners]'
fm_add 'tags: ci'
fm_add 'x-custom: {a: 1, b: [2, 3]}'
pm validate
expect_rc 0
expect_diags <<<''

# --- Drafts ---------------------------------------------------------------

t 'draft: section-empty is a warning'
write_base
fm_set status draft
sec_set Impact <<<'<!-- Who was affected. -->'
pm validate
expect_rc 0
expect_diags <<<'16:1 warning section-empty'
pm validate --strict
expect_rc 1

t 'draft: category-missing and category-unlisted are warnings'
write_base
fm_set status draft
fm_set failure_categories '[technical, communication]'
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Process flaws

- Nobody reviews the runner image.
EOF
pm validate
expect_rc 0
expect_diags <<EOF
9:33 warning category-missing
$(lineof '### Process flaws'):1 warning category-unlisted
EOF

t 'draft: neither ## Failures nor failure_categories is required'
write_base
fm_set status draft
fm_del failure_categories
sec_del Failures
pm validate
expect_rc 0
expect_diags <<<''

t 'draft: failure_categories: [] is fine'
write_base
fm_set status draft
fm_set failure_categories '[]'
sec_del Failures
pm validate
expect_rc 0
expect_diags <<<''

t 'draft: other rules keep their severity'
write_base
fm_set status draft
sec_del Impact
sed -i '/owner: @alice/d' "$DOC"
sed -i 's/^- 09:30/- 08:30/' "$DOC"
fm_set severity SEV9
pm validate
expect_rc 1
expect_diags <<EOF
1:1 error section-missing
5:11 error field-invalid
$(lineof '- 08:30'):3 error timeline-order
$(lineof '- [ ] Add'):1 error action-owner-missing
EOF

# --- One cause, one diagnostic (contract 3.3) -----------------------------

t 'one cause: a missing ## Failures is section-missing alone'
write_base
fm_set failure_categories '[technical, communication, process]'
sec_del Failures
pm validate
expect_rc 1
expect_diags <<<'1:1 error section-missing'
expect_msg section-missing Failures

t 'one cause: an invalid failure_categories is field-invalid alone'
write_base
fm_set failure_categories '{technical: yes}'
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Process flaws

- Nobody reviews the runner image.
EOF
pm validate
expect_rc 1
expect_diags <<<'9:21 error field-invalid'

t 'one cause: a missing failure_categories is field-missing alone'
write_base
fm_del failure_categories
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Process flaws

- Nobody reviews the runner image.
EOF
pm validate
expect_rc 1
expect_diags <<<'1:1 error field-missing'

t 'one cause: an unknown listed key is category-unknown alone (no category-missing)'
write_base
fm_set failure_categories '[technical, hardware, communication]'
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Communication failures

- Nobody told the developers.
EOF
pm validate
expect_rc 1
expect_diags <<<'9:33 error category-unknown'

t 'section-duplicate: a category with two subsections'
write_base
sec_set Failures <<'EOF'
### Technical lapses

- No cleanup job for old images.

### Technical lapses

- No disk alert before 95 %.
EOF
pm validate
expect_rc 1
expect_diags <<<'31:1 error section-duplicate'

t 'categories: a subsection matched by anchor, in another language'
write_base
fm_set failure_categories '[technical, communication, attack-vector]'
sec_set Failures <<'EOF'
### <a name="technical"></a>Technik

- No cleanup job for old images.

### Kommunikationsfehler

- Nobody told the developers.

### 未知の攻撃ベクトル

- None known.
EOF
pm validate
expect_rc 0
expect_diags <<<''

# --- Full postmortems -----------------------------------------------------

t 'full postmortem: customer_impact true requires technical summary and response evaluation'
write_base
fm_set customer_impact true
pm validate
expect_rc 1
expect_diags <<'EOF'
1:1 error section-missing
1:1 error section-missing
EOF
expect_msg section-missing 'Technical summary'
[[ $OUT == *"Response evaluation"* ]]
check $? "expected a section-missing naming 'Response evaluation'; $(ctx)"

t 'full postmortem: data_breach true requires them too'
write_base
fm_set data_breach true
fm_add 'actors: [unknown]'
pm validate
expect_rc 1
expect_diags <<'EOF'
1:1 error section-missing
1:1 error section-missing
EOF

t 'full postmortem: passes with both sections'
write_base
make_full
pm validate
expect_rc 0
expect_diags <<<''

t 'full postmortem: an empty response evaluation is section-empty'
write_base
make_full
sec_set 'Response evaluation' <<<'<!-- What went well, what went badly. -->'
pm validate
expect_rc 1
expect_diags <<<"$(lineof '## Response evaluation'):1 error section-empty"

t 'not full: the two sections are optional, and may be empty'
write_base
sec_set 'Technical summary' <<<'<!-- later -->'
pm validate
expect_rc 0
expect_diags <<<''

# --- Section headings (contract 3.2) --------------------------------------

t 'headings: German, with anchors'
write $DOC <<'EOF'
---
title: Festplatte des Build-Runners voll
date: 2026-11-20
status: final
severity: SEV3
customer_impact: true
data_breach: false
authors: [Katrin Wagner]
failure_categories: [technical, communication]
lang: de
---

## <a name="summary"></a>Zusammenfassung

Die Festplatte des Build-Runners lief voll.

## <a name="impact"></a>Auswirkungen

Builds schlugen 30 Minuten lang fehl.

## <a name="timeline"></a>Zeitleiste

- 2026-11-20 09:00 Alarm.
- 09:30 Alte Images gelöscht.

## Technische Zusammenfassung

Der Image-Cache hat keine Größengrenze.

## <a name="failures"></a>Fehlerursachen

### Technische Fehler

- Kein Aufräumjob.

### Kommunikationsfehler

- Niemand hat die Entwickler informiert.

## Bewertung der Reaktion

Der Alarm kam rechtzeitig.

## <a name="action-items"></a>Maßnahmen

- [ ] Nächtlichen Aufräumjob einrichten
  - owner: @katrin
  - due: 2026-12-01

## Erkenntnisse

Ein voller Datenträger kündigt sich an.
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: German, the anchored timeline is checked'
write $DOC <<'EOF'
---
title: Festplatte des Build-Runners voll
date: 2026-11-20
status: final
severity: SEV3
customer_impact: false
data_breach: false
authors: [Katrin Wagner]
failure_categories: [technical]
lang: de
---

## Zusammenfassung

Die Festplatte lief voll.

## Auswirkungen

Builds schlugen fehl.

## <a name="timeline"></a>Zeitablauf

- 2026-11-20 09:30 Alte Images gelöscht.
- 09:00 Alarm.

## Fehler

### Technische Fehler

- Kein Aufräumjob.

## Maßnahmen

- [ ] Nächtlichen Aufräumjob einrichten
  - due: 2026-12-01
EOF
pm validate
expect_rc 1
expect_diags <<'EOF'
24:3 error timeline-order
34:1 error action-owner-missing
EOF

t 'headings: French, with a curly apostrophe (Plan d’action)'
write $DOC <<'EOF'
---
title: Disque plein sur le runner de build
date: 2026-11-20
status: final
severity: SEV3
customer_impact: true
data_breach: false
authors: [Camille Martin]
failure_categories: [technical, communication]
lang: fr
---

## Résumé

Le disque du runner de build était plein.

## Impact

Les builds ont échoué pendant 30 minutes.

## Chronologie

- 2026-11-20 09:00 Alerte.
- 09:30 Anciennes images supprimées.

## Résumé technique

Le cache d’images n’a pas de limite.

## Défaillances

### Échecs techniques

- Aucune tâche de nettoyage.

### Problèmes de communication

- Personne n’a prévenu les développeurs.

## Évaluation de la réponse

L’alerte est arrivée à temps.

## Plan d’action

- [ ] Ajouter une tâche de nettoyage nocturne
  - owner: @camille
  - due: 2026-12-01
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: French action items are checked (Plan d’action is recognised)'
write_base
sec_del 'Action items'
app '' '## Plan d’action' '' '- [ ] Ajouter une tâche de nettoyage' '  - due: 2026-12-01'
pm validate
expect_rc 1
expect_diags <<<"$(lineof '- [ ] Ajouter'):1 error action-owner-missing"

t 'headings: the apostrophes ʼ and ‘ equal '"'"
write_base
sec_del 'Action items'
app '' '## Plan dʼaction' '' '- [ ] Ajouter une tâche de nettoyage' '  - owner: @camille' '  - due: 2026-12-01'
pm validate
expect_rc 0
expect_diags <<<''
write_base
sec_del 'Action items'
app '' "## Plan d‘action" '' '- [ ] Ajouter une tâche de nettoyage' '  - owner: @camille' '  - due: 2026-12-01'
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: Italian'
write $DOC <<'EOF'
---
title: Disco pieno sul runner di build
date: 2026-11-20
status: final
severity: SEV3
customer_impact: true
data_breach: false
authors: [Giulia Rossi]
failure_categories: [technical, communication]
lang: it
---

## Riepilogo

Il disco del runner di build si è riempito.

## Impatto

Le build sono fallite per 30 minuti.

## Cronologia

- 2026-11-20 09:00 Allarme.
- 09:30 Immagini vecchie rimosse.

## Riepilogo tecnico

La cache delle immagini non ha limiti.

## Errori

### Insuccessi tecnici

- Nessun job di pulizia.

### Glitch di comunicazione

- Nessuno ha avvisato gli sviluppatori.

## Valutazione della risposta

L'allarme è arrivato in tempo.

## Azioni correttive

- [ ] Aggiungere un job di pulizia notturno
  - owner: @giulia
  - due: 2026-12-01
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: Spanish'
write $DOC <<'EOF'
---
title: Disco lleno en el runner de compilación
date: 2026-11-20
status: final
severity: SEV3
customer_impact: true
data_breach: false
authors: [Lucía García]
failure_categories: [technical, procedural]
lang: es
---

## Resumen

El disco del runner de compilación se llenó.

## Impacto

Las compilaciones fallaron durante 30 minutos.

## Cronología

- 2026-11-20 09:00 Alerta.
- 09:30 Imágenes antiguas eliminadas.

## Resumen técnico

La caché de imágenes no tiene límite.

## Fallas

### Fallas técnicas

- No hay tarea de limpieza.

### Errores de procedimientos

- Nadie revisa el runner.

## Evaluación de la respuesta

La alerta llegó a tiempo.

## Acciones correctivas

- [ ] Añadir una tarea de limpieza nocturna
  - owner: @lucia
  - due: 2026-12-01

## Artículos relacionados

Ninguno.
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: Japanese'
write $DOC <<'EOF'
---
title: ビルドランナーのディスクが満杯
date: 2026-11-20
status: review
severity: SEV3
customer_impact: true
data_breach: false
authors: [佐藤 花子]
failure_categories: [technical, communication]
lang: ja
---

## 概要

ビルドランナーのディスクが満杯になった。

## 影響

30 分間ビルドが失敗した。

## <a name="timeline"></a>経緯

- 2026-11-20 09:00 アラート発生。
- 09:30 古いイメージを削除。

## 技術的な概要

イメージキャッシュに上限がない。

## 原因

### 技術的な不備

- 清掃ジョブがない。

### 通信障害

- 開発者への連絡がなかった。

## 対応の評価

アラートは間に合った。

## アクション アイテム

- [ ] 夜間の清掃ジョブを追加する
  - owner: @hanako
  - due: 2026-12-01
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'columns count bytes (Japanese before the spot)'
write_base
fm_add 'related: [障害-2026, 2026-01-01-gone]'
pm validate
expect_rc 1
expect_diags <<'EOF'
10:11 error related-unknown
10:24 error related-unknown
EOF

t 'headings: case-insensitive, with Unicode case folding (MASSNAHMEN)'
write_base
sed -i -e 's/^## Summary$/## SUMMARY/' -e 's/^## Impact$/## impact/' \
	-e 's/^## Timeline$/## TimeLine/' -e 's/^### Technical lapses$/### TECHNICAL LAPSES/' \
	-e 's/^## Action items$/## MASSNAHMEN/' "$DOC"
sec_set Failures <<'EOF'
### TECHNICAL LAPSES

- No cleanup job for old images.
EOF
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: NFC normalisation (a decomposed É)'
write_base
make_full
sed -i "s/^## Response evaluation\$/## E$(printf '\314\201')valuation de la re$(printf '\314\201')ponse/" "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: inline markup is removed (## **Summary**, ## *Impact*)'
write_base
sed -i -e 's/^## Summary$/## **Summary**/' -e 's/^## Impact$/## *Impact*/' \
	-e 's/^## Timeline$/## `Timeline`/' -e 's/^### Technical lapses$/### _Technical_ lapses/' \
	-e 's/^## Action items$/## [Action items](#action-items)/' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: surrounding spaces and a closing ATX sequence'
write_base
sed -i -e 's/^## Summary$/##   Summary   ##/' -e 's/^## Impact$/## Impact ##/' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: setext headings count like ATX ones'
write_base
sed -i -e 's/^## Summary$/Summary\n-------/' -e 's/^## Impact$/Impact\n---/' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: setext Impact heading that is empty'
write $DOC <<'EOF'
---
title: Disk full on the build runner
date: 2026-11-20
status: final
severity: SEV3
customer_impact: false
data_breach: false
authors: [Alice Nguyen]
failure_categories: [technical]
---

Summary
-------

The disk of the build runner filled up.

Impact
------

<!-- nothing yet -->

Timeline
--------

- 2026-11-20 09:00 Disk alert fires.

Failures
--------

### Technical lapses

- No cleanup job for old images.

Action items
------------

- [ ] Add a nightly cleanup job
  - owner: @alice
  - due: 2026-12-01
EOF
pm validate
expect_rc 1
expect_diags <<<'17:1 error section-empty'

t 'headings: an anchor names the section whatever the text; anchor keys ignore case'
write_base
sed -i -e 's/^## Summary$/## <a name="summary"><\/a>What happened/' \
	-e 's/^## Impact$/## <a id="IMPACT"><\/a>Who noticed/' \
	-e 's/^## Timeline$/## <a name="Timeline"><\/a>Chronik/' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: the anchor wins over the text'
write_base
# "Summary" with an impact anchor is the Impact section: Summary is missing.
sed -i -e 's/^## Summary$/## <a name="impact"><\/a>Summary/' -e 's/^## Impact$/## Background/' "$DOC"
pm validate
expect_rc 1
expect_diags <<<'1:1 error section-missing'
expect_msg section-missing Summary

t 'headings: an anchor naming no known key falls back to the text'
write_base
sed -i -e 's/^## Impact$/## <a name="blast-radius"><\/a>Impact/' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'headings: free sections are left alone, a level-1 heading ends a section'
write_base
sec_set Impact <<'EOF'
<!-- nothing yet -->

# Appendix

The impact was large.
EOF
sec_set 'Background' <<<'Some context.'
pm validate
expect_rc 1
expect_diags <<<'16:1 error section-empty'

t 'headings: a level-3 heading does not open a section'
write_base
sec_set Impact <<'EOF'
### Timeline

Builds failed.
EOF
sec_del Timeline
pm validate
expect_rc 1
expect_diags <<<'1:1 error section-missing'
expect_msg section-missing Timeline

t 'headings: inside a code block a ## line is no heading'
write_base
sec_del Impact
sec_set Summary <<'EOF'
The disk filled up:

```
## Impact
```
EOF
pm validate
expect_rc 1
expect_diags <<<'1:1 error section-missing'

# --- Empty sections (contract 3.2) ----------------------------------------

empty_case() { # NAME BODY EXPECT(empty|content)
	t "empty sections: $1 is $3"
	write_base
	sec_set Impact <<<"$2"
	pm validate
	if [ "$3" = empty ]; then
		expect_rc 1
		expect_diags <<<'16:1 error section-empty'
	else
		expect_rc 0
		expect_diags <<<''
	fi
}
empty_case 'white space only' '   ' empty
empty_case 'HTML comments only' '<!-- one -->

<!--
  two,
  on lines
-->' empty
empty_case 'a bare checkbox item (- [ ])' '- [ ]' empty
empty_case 'list items without text' '-
- [ ]
* [x]' empty
empty_case 'a thematic break (***)' '***' empty
empty_case 'a thematic break (---) after a blank line' '
---' empty
empty_case 'a level-3 heading alone' '### Customers' empty
empty_case 'a link reference definition' '[runbook]: https://example.com/runbook' empty
empty_case 'comments, a heading, a break and a bare item' '<!-- guidance -->
### Details
- [ ]

___' empty
empty_case 'an empty fenced code block' '```
```' empty
empty_case 'a paragraph' 'None.' content
empty_case 'a list item with text' '- Builds failed.' content
empty_case 'a checkbox item with text' '- [ ] Builds failed.' content
empty_case 'a fenced code block' '```
error: no space left on device
```' content
empty_case 'an indented code block' '    error: no space left on device' content
empty_case 'a block quote' '> Builds failed.' content
empty_case 'HTML other than a comment' '<div>Builds failed.</div>' content
empty_case 'a table' '| builds | failed |
|---|---|
| 12 | 3 |' content
empty_case 'text under a level-3 heading' '### Customers

None affected.' content

# --- Timeline (contract 3.4) ----------------------------------------------

# timeline_case NAME EXPECTED-DIAGS <<EOF (the items): the base document
# with this timeline (its items start at line 22).
timeline_case() {
	local want=$2
	t "timeline: $1"
	write_base
	sec_set Timeline
	pm validate
	if [[ $want == *error* ]]; then expect_rc 1; else expect_rc 0; fi
	expect_diags <<<"$want"
}

timeline_case 'HH:MM takes the date of the last valid entry (no midnight crossing)' '23:3 error timeline-order' <<'EOF'
- 2026-11-20 23:50 Disk alert fires.
- 00:10 Old images removed.
EOF

timeline_case 'crossing midnight with the date on the first entry after it' '' <<'EOF'
- 2026-11-20 23:50 Disk alert fires.
- 2026-11-21 00:10 Old images removed.
- 00:20 Builds pass again.
EOF

timeline_case 'the first HH:MM takes the document date' '23:3 error timeline-order' <<'EOF'
- 09:00 Disk alert fires.
- 2026-11-19 23:00 The cache job stopped.
EOF

timeline_case 'every accepted form of a time, in order' '' <<'EOF'
- 2026-11-20 08:00 Cache job fails silently.
- 9:05 Disk at 90 %.
- 09:14:30 Disk at 95 %.
- 2026-11-20T09:20Z - disk alert fires.
- 10:25+01:00, on-call engineer acknowledges.
- 2026-11-20 10:30:00+01:00 Old images removed.
- 09:40z Builds pass again.
- 09:40 Same minute, equal times are fine.
- 04:45-05:00 Reported to the US team.
EOF

timeline_case 'offsets are compared as instants' '24:3 error timeline-order' <<'EOF'
- 2026-11-20 10:00+01:00 Disk alert fires.
- 09:30Z Old images removed.
- 10:15+01:00 The developers are told.
EOF

timeline_case 'a time without an offset takes the offset of the last entry' '23:3 error timeline-order' <<'EOF'
- 2026-11-20 10:00+01:00 Disk alert fires.
- 09:30 Old images removed.
EOF

timeline_case 'the first time without an offset is UTC' '23:3 error timeline-order' <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 09:30+01:00 Old images removed.
EOF

timeline_case 'markup around the time counts (**09:14**)' '24:3 error timeline-order' <<'EOF'
- **2026-11-20 09:00** Disk alert fires.
- **09:30** Old images removed.
- *09:10* The developers are told.
- `09:40` Builds pass again.
EOF

timeline_case '25:00 is invalid and left out of the order check' '23:3 warning timeline-time-invalid' <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 25:00 Old images removed.
- 09:30 The developers are told.
EOF

timeline_case '2026-02-30 10:00 is invalid and left out of the order check' '23:3 warning timeline-time-invalid' <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 2026-02-30 10:00 Old images removed.
- 09:30 The developers are told.
EOF

timeline_case '09:61 is invalid' '23:3 warning timeline-time-invalid' <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 09:61 Old images removed.
EOF

timeline_case 'a colon or a digit after the time is invalid' '23:3 warning timeline-time-invalid
24:3 warning timeline-time-invalid' <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 09:14: old images removed.
- 09:145 old images removed.
- 09:30 The developers are told.
EOF

timeline_case 'approximate times are invalid' '23:3 warning timeline-time-invalid
24:3 warning timeline-time-invalid
25:3 warning timeline-time-invalid' <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- ~09:14 old images removed.
- around 09:20 old images removed.
- ??:?? The developers are told.
EOF

timeline_case 'one misplaced (late) entry is exactly one timeline-order' '24:3 error timeline-order' <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 09:50 Builds pass again.
- 09:10 Disk at 100 %.
- 09:20 Old images removed.
- 09:30 The developers are told.
EOF

timeline_case 'one misplaced (early) entry is exactly one timeline-order' '24:3 error timeline-order' <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 09:10 Disk at 100 %.
- 08:00 The cache job failed.
- 09:20 Old images removed.
- 09:30 The developers are told.
EOF

timeline_case 'text before the list, nested lists and items without text are free' '' <<'EOF'
All times are UTC.

- 2026-11-20 09:00 Disk alert fires.
  - The alert was sent to the wrong channel.
  - 08:00 a nested time is not checked
-
- [ ]
- 09:30 Old images removed.

Later entries were not recorded.
EOF

t 'timeline: HH:MM with no valid date before it is invalid'
write_base postmortems/disk-full.md
DOC=postmortems/disk-full.md
fm_set date 2026-02-30
sec_set Timeline <<'EOF'
- 09:00 Disk alert fires.
- 2026-11-20 09:10 Disk at 100 %.
- 09:30 Old images removed.
EOF
pm validate
expect_rc 1
expect_diags <<'EOF'
3:7 error field-invalid
22:3 warning timeline-time-invalid
EOF

t 'timeline: HH:MM with no date at all is invalid'
write_base postmortems/disk-full.md
DOC=postmortems/disk-full.md
fm_del date
sec_set Timeline <<'EOF'
- 09:00 Disk alert fires.
EOF
pm validate
expect_rc 1
expect_diags <<'EOF'
1:1 error field-missing
21:3 warning timeline-time-invalid
EOF

t 'timeline: timeline-order is an error in a draft too'
write_base
fm_set status draft
sec_set Timeline <<'EOF'
- 2026-11-20 09:30 Old images removed.
- 09:00 Disk alert fires.
EOF
pm validate
expect_rc 1
expect_diags <<<'23:3 error timeline-order'

# --- Action items (contract 3.5) ------------------------------------------

# actions_case NAME EXPECTED-DIAGS <<EOF (the list): the base document
# with this action items section (its items start at line 33).
actions_case() {
	local want=$2
	t "action items: $1"
	write_base
	sec_set 'Action items'
	pm validate
	if [[ $want == *error* ]]; then expect_rc 1; else expect_rc 0; fi
	expect_diags <<<"$want"
}

actions_case '[x] and [X] are done, and done items need no due date' '' <<'EOF'
- [x] Add a nightly cleanup job
  - owner: @alice
- [X] Alert at 80 % disk
  - owner: @bob
  - type: bug
EOF

actions_case 'a done item still needs an owner' '33:1 error action-owner-missing' <<'EOF'
- [x] Add a nightly cleanup job
  - due: 2026-12-01
EOF

actions_case 'a done item with a bad due date' '35:5 error action-due-invalid' <<'EOF'
- [x] Add a nightly cleanup job
  - owner: @alice
  - due: last week
EOF

actions_case 'without a checkbox: reported, then treated as open' '33:1 error action-checkbox-missing
33:1 error action-due-missing' <<'EOF'
- Add a nightly cleanup job
  - owner: @alice
EOF

actions_case 'of two equal keys the first non-empty one counts' '' <<'EOF'
- [ ] Add a nightly cleanup job
  - owner:
  - owner: @bob
  - due: 2026-12-01
  - due: some day
EOF

actions_case 'of two equal keys the first non-empty one counts (a bad one)' '36:5 error action-due-invalid' <<'EOF'
- [ ] Add a nightly cleanup job
  - owner: @alice
  - due:
  - due: some day
  - due: 2026-12-01
EOF

actions_case 'an empty value counts as absent' '33:1 error action-owner-missing
33:1 error action-due-missing' <<'EOF'
- [ ] Add a nightly cleanup job
  - owner:
  - due:
  - type: bug
EOF

actions_case 'keys and types are compared case-insensitively' '' <<'EOF'
- [ ] Add a nightly cleanup job
  - Owner: @alice
  - DUE: 2026-12-01
  - Type: SOP
  - TICKET: OPS-1
EOF

actions_case 'notes that are not one-word fields are free' '' <<'EOF'
- [ ] Add a nightly cleanup job
  - owner: @alice
  - due: 2026-12-01
  - Discussed in the weekly review.
  - next step: ask the vendor
  - see https://example.com/runbook
  - owner: @carol
    (on a second line this is a note)

  A second paragraph: with a colon.
EOF

actions_case 'a one-word note with a colon is an unknown field' '36:5 warning action-field-unknown' <<'EOF'
- [ ] Add a nightly cleanup job
  - owner: @alice
  - due: 2026-12-01
  - Note: waiting for the vendor
EOF

actions_case 'several problems in several items, in line order' '33:1 error action-checkbox-missing
36:1 error action-owner-missing
36:1 error action-due-missing
40:5 error action-due-invalid
41:5 error action-type-unknown
42:5 warning action-field-unknown' <<'EOF'
- Add a nightly cleanup job
  - owner: @alice
  - due: 2026-12-01
- [ ] Alert at 80 % disk
  - type: bug
- [ ] Move the cache to a bigger volume
  - owner: @bob
  - due: 2026-12-32
  - type: feature
  - priority: high
EOF

t 'action items: an item without a title is skipped and takes no number'
write_base
sec_set 'Action items' <<'EOF'
- [ ]
- [x]
- [ ] Alert at 80 % disk
  - due: 2026-12-01
EOF
pm validate
expect_rc 1
expect_diags <<<'35:1 error action-owner-missing'
# It is action item 1 (2026-11-20-disk-full#1): the message names it.
expect_msg action-owner-missing 'item 1 '

t 'action items: numbers count down the list'
write_base
sec_set 'Action items' <<'EOF'
- [ ] Add a nightly cleanup job
  - owner: @alice
  - due: 2026-12-01
- [x] Alert at 80 % disk
  - owner: @bob
- [ ] Move the cache to a bigger volume
  - due: 2026-12-01
EOF
pm validate
expect_rc 1
expect_diags <<<'38:1 error action-owner-missing'
expect_msg action-owner-missing 'item 3 '

t 'action items: custom action_types'
write_base
write .postmortem.yml <<'EOF'
action_types: [bug, chore]
EOF
sec_set 'Action items' <<'EOF'
- [ ] Add a nightly cleanup job
  - owner: @alice
  - due: 2026-12-01
  - type: Chore
- [ ] Alert at 80 % disk
  - owner: @bob
  - due: 2026-12-01
  - type: sop
EOF
pm validate
expect_rc 1
expect_diags <<<'40:5 error action-type-unknown'

# --- BOM and CRLF (contract 3) --------------------------------------------

# broken_base: the base document with five known problems.
broken_base() {
	write_base
	fm_set customer_impact yes
	sec_set Impact <<<'<!-- to do -->'
	set_line 23 '- 08:30 Old images removed.'
	set_line 35 '  - due: soon'
}
BROKEN='6:18 error field-invalid
16:1 error section-empty
23:3 error timeline-order
35:5 error action-due-invalid'

t 'line endings: LF (reference)'
broken_base
pm validate
expect_rc 1
expect_diags <<<"$BROKEN"

t 'line endings: CRLF, same lines and columns'
broken_base
to_crlf "$DOC"
pm validate
expect_rc 1
expect_diags <<<"$BROKEN"

t 'line endings: CRLF base document is valid'
write_base
to_crlf "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'BOM: the base document with a BOM is valid'
{ printf '\357\273\277'; base_doc; } | write $DOC
pm validate
expect_rc 0
expect_diags <<<''

t 'BOM and CRLF: same lines and columns'
broken_base
to_crlf "$DOC"
{ printf '\357\273\277'; cat "$DOC"; } >"$T/bom" && cat "$T/bom" >"$DOC"
pm validate
expect_rc 1
expect_diags <<<"$BROKEN"

t 'BOM: a problem on line 1 is at column 1'
write_base
fm_del title
{ printf '\357\273\277'; cat "$DOC"; } >"$T/bom" && cat "$T/bom" >"$DOC"
pm validate
expect_rc 1
expect_diags <<<'1:1 error field-missing'

t 'BOM only, or a BOM in the middle of the front matter'
printf '\357\273\277' >"$DOC"
pm validate
expect_rc 1
expect_diags <<<'1:1 error frontmatter-missing'

# --- file-invalid: special files and limits; the run goes on (contract 6) --

OTHER=postmortems/2026-11-21-other.md
OTHER_DIAG="$OTHER:3:7 warning filename-date-mismatch"
# other_doc: a second document with one known warning, so that a case
# shows that the run went on past a bad file.
other_doc() { write_base "$OTHER"; }

t 'file-invalid: a FIFO named x.md (no hang), the run goes on'
other_doc
mkfifo postmortems/x.md
pmt validate
expect_rc 1
expect_diags <<EOF
$OTHER_DIAG
postmortems/x.md:1:1 error file-invalid
EOF
expect_summary 2 1 1

t 'file-invalid: a FIFO named on the command line'
other_doc
mkfifo postmortems/x.md
pmt validate postmortems/x.md "$OTHER"
expect_rc 1
expect_diags <<EOF
$OTHER_DIAG
postmortems/x.md:1:1 error file-invalid
EOF

t 'file-invalid: a directory named x.md'
other_doc
mkdir postmortems/x.md
pmt validate
expect_rc 1
expect_diags <<EOF
$OTHER_DIAG
postmortems/x.md:1:1 error file-invalid
EOF
expect_summary 2 1 1

t 'file-invalid: a directory named x.md, named on the command line'
other_doc
mkdir postmortems/x.md
pmt validate postmortems/x.md "$OTHER"
expect_rc 1
expect_diags <<EOF
$OTHER_DIAG
postmortems/x.md:1:1 error file-invalid
EOF

t 'file-invalid: a symlink loop named x.md'
other_doc
ln -s x.md postmortems/x.md
pmt validate
expect_rc 1
expect_diags <<EOF
$OTHER_DIAG
postmortems/x.md:1:1 error file-invalid
EOF
expect_summary 2 1 1

t 'file-invalid: a loop of two symlinks'
other_doc
ln -s b.md postmortems/a.md
ln -s a.md postmortems/b.md
pmt validate
expect_rc 1
expect_diags <<EOF
$OTHER_DIAG
postmortems/a.md:1:1 error file-invalid
postmortems/b.md:1:1 error file-invalid
EOF

t 'file-invalid: a symlink loop named on the command line'
other_doc
ln -s x.md postmortems/x.md
pmt validate postmortems/x.md "$OTHER"
expect_rc 1
expect_diags <<EOF
$OTHER_DIAG
postmortems/x.md:1:1 error file-invalid
EOF

t 'file-invalid: an unreadable file'
# Root reads anything; without the two capabilities that let it, it
# cannot, which makes the case real under CI's root too.
saved_pm=$PM
PM=$(unprivileged_pm)
if [ -z "$PM" ]; then
	echo "# skipped: 'file-invalid: an unreadable file' (root without setpriv)"
else
	other_doc
	write_base postmortems/x.md
	chmod 000 postmortems/x.md
	pmt validate
	expect_rc 1
	expect_diags <<EOF
$OTHER_DIAG
postmortems/x.md:1:1 error file-invalid
EOF
	expect_summary 2 1 1
	pmt validate postmortems/x.md
	expect_rc 1
	expect_diags <<<'postmortems/x.md:1:1 error file-invalid'
	chmod 644 postmortems/x.md
fi
PM=$saved_pm

# big_doc FILE SIZE: a valid document of exactly SIZE bytes (the base
# document, then a free section padded with lines of 64 bytes).
big_doc() {
	local f=$1 size=$2 have pad
	write_base "$f"
	printf '\n## Appendix\n\n' >>"$f"
	have=$(stat -c %s "$f")
	pad=$((size - have))
	{
		yes 'Padding: the disk filled up with old container images again...' | head -c $((pad / 64 * 64))
		head -c $((pad % 64)) /dev/zero | tr '\0' x
	} >>"$f"
}

t 'file-invalid: a file over 16 MiB, the run goes on'
other_doc
big_doc postmortems/x.md $((16 * 1024 * 1024 + 1))
pmt validate
expect_rc 1
expect_diags <<EOF
$OTHER_DIAG
postmortems/x.md:1:1 error file-invalid
EOF
rm -f postmortems/x.md

t 'file-invalid: passes with a file of exactly 16 MiB'
big_doc postmortems/x.md $((16 * 1024 * 1024))
pmt validate
expect_rc 0
expect_diags <<<''
rm -f postmortems/x.md

t 'file-invalid: NUL bytes, the run goes on'
other_doc
{ base_doc; printf 'binary\000\000junk\n'; } >postmortems/x.md
pm validate
expect_rc 1
expect_diags <<EOF
$OTHER_DIAG
postmortems/x.md:37:7 error file-invalid
EOF

t 'file-invalid: a NUL byte in the front matter'
printf -- '---\ntitle: Disk\000full\n---\n' >"$DOC"
pm validate
expect_rc 1
expect_diags <<<'2:12 error file-invalid'

t 'file-invalid: invalid UTF-8, the run goes on'
other_doc
{ base_doc; printf 'St\366rung\n'; } >postmortems/x.md
pm validate
expect_rc 1
expect_diags <<EOF
$OTHER_DIAG
postmortems/x.md:37:3 error file-invalid
EOF
expect_utf8

for bad in 'overlong \300\257' 'surrogate \355\240\200' 'truncated \342\202' 'beyond U+10FFFF \364\220\200\200' 'lone continuation \200' 'Latin-1 title \351'; do
	t "file-invalid: invalid UTF-8 ($bad)"
	write_base
	set_line 2 "title: Disk full $(printf "${bad##* }")"
	pm validate
	expect_rc 1
	expect_diags <<<'2:18 error file-invalid'
	expect_utf8
	pm validate --format json
	json_check 'check(d["errors"] == 1, "errors")'
	pm validate --format github
	expect_utf8
done

t 'file-invalid: invalid UTF-8 at the very end of a file without a newline'
{ base_doc; printf 'end \342\202'; } >"$DOC"
pm validate
expect_rc 1
expect_diags <<<'37:5 error file-invalid'

# --- Output: text (contract 4) --------------------------------------------

t 'text: exact lines, sorted by path, line and column, and the summary'
W=postmortems/2026-10-07-webhooks.md
D=postmortems/2026/2026-11-20-disk-full.md
LATE=postmortems/2026-11-21-late.md
write_base $W
fm_set date 2026-10-08 $W
fm_set customer_impact yes $W
sec_set Timeline $W <<'EOF'
- 2026-10-08 14:02 PSP latency alert.
- 14:10 Queue depth alert.
- 14:07 PSP status page switches to "degraded".
- ??:?? Support starts getting tickets.
EOF
write_base $D
fm_set failure_categories '[technical, hardware, cosmic]' $D
write_base $LATE
fm_set date 2026-11-22 $LATE
fm_set status draft $LATE
sec_set Impact $LATE <<<'<!-- to do -->'
pm validate
expect_rc 1
# Sorted by path as bytes: "2026-11-21-late.md" before "2026/..." ('-' < '/').
expect_out "$W:3:7: warning: the file name starts with 2026-10-07 but 'date' is 2026-10-08 [filename-date-mismatch]
$W:6:18: error: 'customer_impact' must be true or false, not 'yes' (YAML 1.2 reads yes/no/on/off as strings) [field-invalid]
$W:24:3: error: timeline entry is earlier than the one before it (line 23) [timeline-order]
$W:25:3: warning: timeline entry does not start with a time (HH:MM or YYYY-MM-DD HH:MM) [timeline-time-invalid]
$LATE:3:7: warning: the file name starts with 2026-11-21 but 'date' is 2026-11-22 [filename-date-mismatch]
$LATE:16:1: warning: required section 'Impact' is empty [section-empty]
$(sed -n 7p "$T/out")
$(sed -n 8p "$T/out")
3 files, 4 errors, 4 warnings"
# (the two category-unknown lines are checked by rule and position:)
expect_diags <<EOF
$W:3:7 warning filename-date-mismatch
$W:6:18 error field-invalid
$W:24:3 error timeline-order
$W:25:3 warning timeline-time-invalid
$LATE:3:7 warning filename-date-mismatch
$LATE:16:1 warning section-empty
$D:9:33 error category-unknown
$D:9:43 error category-unknown
EOF
# Naming the files in another order gives the same output.
cp "$T/out" "$T/all"
pm validate $LATE $D postmortems/2026 $W
cmp -s "$T/out" "$T/all"
check $? "naming the files in another order changes the output: $(ctx)"

t 'text: the summary line reads "1 files" and "0 errors"'
write_base
pm validate
expect_out '1 files, 0 errors, 0 warnings'

t 'text: an empty directory is 0 files, exit 0'
pm validate
expect_rc 0
expect_out '0 files, 0 errors, 0 warnings'

t 'text: stdout is not a terminal: no colour, even with NO_COLOR unset'
broken_base
pm validate
[[ $OUT != *"${ESC}["* ]]
check $? "escape sequences in the output of a pipe: $(ctx)"
NO_COLOR=1 pm validate
[[ $OUT != *"${ESC}["* ]]
check $? "escape sequences with NO_COLOR=1: $(ctx)"

t 'text: messages go to stdout, nothing on stderr'
broken_base
pm validate
expect_rc 1
expect_empty_stderr

# --- Output: json ---------------------------------------------------------

t 'json: an object with counts and the diagnostics in text order'
broken_base
other_doc
pm validate
cp "$T/out" "$T/text"
pm validate --format json
expect_rc 1
expect_empty_stderr
json_check '
check(d["files"] == 2, "files %r" % d["files"])
check(d["errors"] == 4, "errors %r" % d["errors"])
check(d["warnings"] == 1, "warnings %r" % d["warnings"])
import re
text = open(sys.argv[1].replace("/out", "/text"), encoding="utf-8").read().splitlines()[:-1]
got = ["%s:%d:%d: %s: %s [%s]" % (x["path"], x["line"], x["column"], x["severity"], x["message"], x["rule"]) for x in d["diagnostics"]]
check(got == text, "json diagnostics differ from text: %r vs %r" % (got, text))
'

t 'json: a clean run'
write_base
pm validate --format json
expect_rc 0
json_check 'check(d == {"files": 1, "errors": 0, "warnings": 0, "diagnostics": []}, "clean run")'

t 'json: --format=json and --strict'
write_base "$OTHER"
pm validate --format=json --strict
expect_rc 1
json_check '
check(d["warnings"] == 1 and d["errors"] == 0, "counts")
check(d["diagnostics"][0]["rule"] == "filename-date-mismatch", "rule")
check(d["diagnostics"][0]["line"] == 3 and d["diagnostics"][0]["column"] == 7, "position")'

t 'json: valid with terminal escape sequences in titles and headings'
write_base
fm_set title "\"\\e[31mRed\\e[0m title\""
fm_set failure_categories '[technical]'
sec_set Failures <<EOF
### Technical lapses

- No cleanup job.

### ${ESC}[2JCosmic rays ${ESC}]0;pwned${ESC}\\

- A bit flipped.
EOF
sec_set 'Action items' <<EOF
- [ ] ${ESC}[31mAdd${ESC}[0m a "nightly" \\ cleanup job	(tab)
  - due: 2026-12-01
EOF
pm validate --format json
expect_rc 1
json_check '
rules = sorted(x["rule"] for x in d["diagnostics"])
check(rules == ["action-owner-missing", "category-unknown"], "rules %r" % rules)
check(b"\x1b" not in open(sys.argv[1], "rb").read(), "a raw ESC byte in JSON output")'
expect_utf8

t 'json: valid when a document is not UTF-8'
write_base
set_line 2 "title: St$(printf '\366')rung"
other_doc
pm validate --format json
expect_rc 1
json_check '
check([x["rule"] for x in d["diagnostics"]] == ["file-invalid", "filename-date-mismatch"] or
      [x["rule"] for x in d["diagnostics"]] == ["filename-date-mismatch", "file-invalid"], "rules")
check(d["files"] == 2, "files")'

t 'json and text: a file name that is not UTF-8'
write_base "postmortems/2026-11-20-st$(printf '\366')rung.md"
fm_set severity SEV9 "postmortems/2026-11-20-st$(printf '\366')rung.md"
pm validate
expect_rc 1
expect_utf8
expect_count field-invalid 1
pm validate --format json
expect_rc 1
json_check 'check(d["errors"] == 1 and d["diagnostics"][0]["line"] == 5, "diagnostic")'
pm validate --format github
expect_rc 1
expect_utf8

# --- Output: github -------------------------------------------------------

t 'github: one workflow command a diagnostic, no summary'
broken_base
other_doc
pm validate --format github
expect_rc 1
expect_empty_stderr
want="::error file=$DOC,line=6,col=18,title=field-invalid::'customer_impact' must be true or false, not 'yes' (YAML 1.2 reads yes/no/on/off as strings)
::error file=$DOC,line=16,col=1,title=section-empty::required section 'Impact' is empty
::error file=$DOC,line=23,col=3,title=timeline-order::timeline entry is earlier than the one before it (line 22)
::error file=$DOC,line=35,col=5,title=action-due-invalid::due date 'soon' is not a real date written YYYY-MM-DD
::warning file=$OTHER,line=3,col=7,title=filename-date-mismatch::the file name starts with 2026-11-21 but 'date' is 2026-11-20"
expect_out "$want"

t 'github: form of each line'
broken_base
other_doc
pm validate --format github
n=0
while IFS= read -r line; do
	[[ $line =~ ^::(error|warning)\ file=[^,]+,line=[0-9]+,col=[0-9]+,title=[a-z-]+::.+$ ]] || { n=1; break; }
done <<<"$OUT"
check $n "a line not of the form ::error file=...,line=...,col=...,title=RULE::MESSAGE: $(flat "$line")"

t 'github: % in a message, and , and : in a path, are escaped'
write_base 'postmortems/2026-11-20-disk,full:again.md'
DOC='postmortems/2026-11-20-disk,full:again.md'
sec_set 'Action items' <<'EOF'
- [ ] Cut disk use by 50%
  - due: 2026-12-01
EOF
pm validate --format github
expect_rc 1
[[ $OUT == "::error file=postmortems/2026-11-20-disk%2Cfull%3Aagain.md,line=33,col=1,title=action-owner-missing::"*"50%25"* ]]
check $? "github escaping: $(ctx)"

t 'github: warnings only, exit 0 (1 with --strict)'
other_doc
pm validate --format github
expect_rc 0
expect_out "::warning file=$OTHER,line=3,col=7,title=filename-date-mismatch::the file name starts with 2026-11-21 but 'date' is 2026-11-20"
pm validate --format github --strict
expect_rc 1

t 'github: a clean run prints nothing'
write_base
pm validate --format github
expect_rc 0
expect_empty_stdout

# --- --strict -------------------------------------------------------------

t '--strict: warnings fail'
other_doc
pm validate
expect_rc 0
expect_summary 1 0 1
pm validate --strict
expect_rc 1
expect_diags <<<"$OTHER_DIAG"
expect_summary 1 0 1
pm validate --strict "$OTHER"
expect_rc 1

t '--strict: a clean run passes'
write_base
pm validate --strict
expect_rc 0

t '--strict: errors fail as always'
broken_base
pm validate --strict
expect_rc 1

# --- Exit statuses and usage (contract 1) ---------------------------------

USAGE_RE='^postmortem: .+: .+'

t 'exit 2: a named path that does not exist'
write_base
pm validate postmortems/nope.md
expect_rc 2
expect_stderr_match "$USAGE_RE"
expect_stderr_match 'nope\.md'
expect_empty_stdout
pm validate "$DOC" postmortems/nope.md
expect_rc 2
pm validate --format json postmortems/nope.md
expect_rc 2

t 'exit 2: an unknown option'
write_base
pm validate --frobnicate
expect_rc 2
expect_stderr_match "$USAGE_RE"
expect_stderr_match frobnicate
expect_empty_stdout
pm --frobnicate validate
expect_rc 2
expect_stderr_match "$USAGE_RE"

t 'exit 2: an unknown --format, or none'
write_base
pm validate --format xml
expect_rc 2
expect_stderr_match "$USAGE_RE"
expect_stderr_match xml
expect_empty_stdout
pm validate --format
expect_rc 2
expect_stderr_match "$USAGE_RE"

t 'exit 2: an unknown command, or no command'
pm frobnicate
expect_rc 2
expect_stderr_match "$USAGE_RE"
expect_stderr_match frobnicate
pm
expect_rc 2
expect_nonempty_stderr

t '--help exits 0 on stdout; --version'
pm --help
expect_rc 0
expect_empty_stderr
[[ $OUT == *usage:*validate* ]]
check $? "postmortem --help: $(ctx)"
pm validate --help
expect_rc 0
expect_empty_stderr
[[ $OUT == *usage:*--format*--strict* ]]
check $? "postmortem validate --help: $(ctx)"
pm --version
expect_rc 0
expect_empty_stderr
[[ $OUT =~ [0-9]+\.[0-9]+ ]]
check $? "postmortem --version: $(ctx)"

t '--help works outside a repository'
mkdir -p "$T/outside-help" && cd "$T/outside-help" || exit 2
pm --help
expect_rc 0
pm validate --help
expect_rc 0

# config_error NAME LINE COL <<EOF: a .postmortem.yml that is an error at
# LINE:COL.
config_error() {
	t "exit 2: bad .postmortem.yml: $1"
	write_base
	write .postmortem.yml
	pm validate
	expect_rc 2
	expect_empty_stdout
	expect_stderr_match "^(postmortem: )?\\.postmortem\\.yml:$2:$3: .+"
}
config_error 'an unknown key' 2 1 <<'EOF'
directory: postmortems
severites: [SEV1, SEV2]
EOF
config_error 'not YAML' '[0-9]+' '[0-9]+' <<'EOF'
severities: [SEV1,
statuses: [draft]
EOF
config_error 'a value listed twice' 1 20 <<'EOF'
severities: [SEV1, SEV1]
EOF
config_error 'an empty list where one value is needed' 1 11 <<'EOF'
statuses: []
EOF
config_error 'a directory with ..' 1 12 <<'EOF'
directory: ../elsewhere
EOF
config_error 'required must be always, full or no' 4 15 <<'EOF'
sections:
  - key: customer-communication
    titles: {en: Customer communication}
    required: sometimes
EOF
config_error 'a title that belongs to two keys' 5 18 <<'EOF'
categories:
  - key: technical
    titles: {en: Technical lapses}
  - key: tech
    titles: {en: Technical lapses}
EOF
config_error 'a key defined twice' 4 10 <<'EOF'
categories:
  - key: technical
    titles: {en: Technical lapses}
  - key: technical
    titles: {en: Tech}
EOF
config_error 'an alias' 2 15 <<'EOF'
severities: &s [SEV1, SEV2]
action_types: *s
EOF
config_error 'not a mapping' 1 1 <<'EOF'
- directory: postmortems
EOF

t 'exit 2: the configuration error stops the run before any document is read'
write_base
broken_base
write .postmortem.yml <<<'severites: [a]'
pm validate --format json
expect_rc 2
expect_empty_stdout

t 'an empty .postmortem.yml means the defaults'
write_base
: >.postmortem.yml
pm validate
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'

t 'a .postmortem.yml of comments only means the defaults'
write_base
printf '# nothing to configure\n' >.postmortem.yml
pm validate
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'

# --- Where it runs: subdirectories, -C, outside a repository ---------------

t 'from a subdirectory: paths relative to the repository root'
write_base
write_base postmortems/2026/2026-11-21-other.md
mkdir -p postmortems/2026/deep
cd postmortems/2026/deep || exit 2
pm validate
expect_rc 0
expect_diags <<<'postmortems/2026/2026-11-21-other.md:3:7 warning filename-date-mismatch'
expect_summary 2 0 1
pm validate ../2026-11-21-other.md
expect_rc 0
expect_diags <<<'postmortems/2026/2026-11-21-other.md:3:7 warning filename-date-mismatch'
expect_summary 1 0 1

t 'from a subdirectory: the configuration is read from the top'
write_base
write .postmortem.yml <<<'severities: [P1, P2]'
mkdir -p src/deep
cd src/deep || exit 2
pm validate
expect_rc 1
expect_diags <<<'5:11 error field-invalid'

t '-C DIR: run as if started in DIR'
write_base
write_base "$OTHER"
cd "$T" || exit 2
pm -C "$R" validate
expect_rc 0
expect_diags <<<"$OTHER_DIAG"
pm -C "$R/postmortems" validate "${OTHER#postmortems/}"
expect_rc 0
expect_diags <<<"$OTHER_DIAG"
expect_summary 1 0 1
pm -C "$R" validate --format json
json_check 'check(d["files"] == 2 and d["diagnostics"][0]["path"] == "postmortems/2026-11-21-other.md", "paths")'

t '-C DIR: a DIR that does not exist is exit 2'
cd "$T" || exit 2
pm -C "$T/no-such-dir" validate
expect_rc 2
expect_stderr_match "$USAGE_RE"

t 'outside a repository: validate without files is exit 2'
mkdir -p "$T/outside1" && cd "$T/outside1" || exit 2
if git rev-parse --git-dir >/dev/null 2>&1; then
	echo "# skipped: '$CASE' ($T is inside a git repository)"
else
	base_doc >2026-11-20-disk-full.md
	pm validate
	expect_rc 2
	expect_stderr_match "$USAGE_RE"
	expect_empty_stdout
fi

t 'outside a repository: validate FILE uses the default configuration, paths as given'
mkdir -p "$T/outside2/docs" && cd "$T/outside2" || exit 2
if git rev-parse --git-dir >/dev/null 2>&1; then
	echo "# skipped: '$CASE' ($T is inside a git repository)"
else
	write .postmortem.yml <<<'severities: [P1]'
	DOC=docs/2026-11-20-disk-full.md
	write_base "$DOC"
	write_base docs/2026-11-21-other.md
	pm validate "$DOC"
	expect_rc 0
	expect_out '1 files, 0 errors, 0 warnings'
	pm validate ./docs/2026-11-21-other.md
	expect_rc 0
	expect_diags <<<'./docs/2026-11-21-other.md:3:7 warning filename-date-mismatch'
	pm validate docs/2026-11-21-other.md "$DOC"
	expect_rc 0
	expect_diags <<<'docs/2026-11-21-other.md:3:7 warning filename-date-mismatch'
	expect_summary 2 0 1
	broken_base
	pm validate "$T/outside2/$DOC"
	expect_rc 1
	expect_diags <<<"$(printf '%s\n' "$BROKEN" | sed "s|^|$T/outside2/$DOC:|")"
fi

t 'outside a repository: cross-document rules look at the same folder'
mkdir -p "$T/outside3/a" "$T/outside3/b" && cd "$T/outside3" || exit 2
if git rev-parse --git-dir >/dev/null 2>&1; then
	echo "# skipped: '$CASE' ($T is inside a git repository)"
else
	DOC=a/2026-11-20-disk-full.md
	write_base "$DOC"
	write_base a/2026-11-01-beside.md
	fm_set date 2026-11-01 a/2026-11-01-beside.md
	write_base b/2026-11-02-elsewhere.md
	fm_set date 2026-11-02 b/2026-11-02-elsewhere.md
	write_base b/2026-11-20-disk-full.md
	fm_add 'related: [2026-11-01-beside, 2026-11-02-elsewhere]'
	pm validate "$DOC"
	expect_rc 1
	# beside exists in a/, elsewhere only in b/; the two disk-full files
	# are in different folders: no id-duplicate.
	expect_diags <<<'10:30 error related-unknown'
	expect_msg related-unknown 2026-11-02-elsewhere
	cd a || exit 2
	DOC=2026-11-20-disk-full.md
	pm validate "$DOC"
	expect_rc 1
	expect_diags <<<'10:30 error related-unknown'
fi

t 'outside a repository: files in two folders (no crash)'
mkdir -p "$T/outside5/a" "$T/outside5/b" && cd "$T/outside5" || exit 2
if git rev-parse --git-dir >/dev/null 2>&1; then
	echo "# skipped: '$CASE' ($T is inside a git repository)"
else
	write_base a/2026-11-20-disk-full.md
	write_base b/2026-11-21-other.md
	pm validate a/2026-11-20-disk-full.md b/2026-11-21-other.md
	expect_rc 0
	expect_diags <<<'b/2026-11-21-other.md:3:7 warning filename-date-mismatch'
	expect_summary 2 0 1
	# one folder, spelled two ways
	write_base a/2026-11-21-other.md
	pm validate a/2026-11-20-disk-full.md ./a/2026-11-21-other.md
	expect_rc 0
	expect_diags <<<'./a/2026-11-21-other.md:3:7 warning filename-date-mismatch'
	expect_summary 2 0 1
fi

t 'outside a repository: id-duplicate needs two folders, so only related-unknown applies'
mkdir -p "$T/outside4" && cd "$T/outside4" || exit 2
if git rev-parse --git-dir >/dev/null 2>&1; then
	echo "# skipped: '$CASE' ($T is inside a git repository)"
else
	DOC=2026-11-20-disk-full.md
	write_base "$DOC"
	fm_add 'related: [2026-11-20-disk-full]'
	pm validate "$DOC"
	expect_rc 0
	expect_diags <<<''
fi

# --- Cross-document rules look at the whole repository --------------------

t 'cross-document rules see the whole repository when one file is named'
write_base
write_base postmortems/2025/2026-11-20-disk-full.md
write_base postmortems/2025/2025-09-30-psp-outage.md
fm_set date 2025-09-30 postmortems/2025/2025-09-30-psp-outage.md
fm_add 'related: [2025-09-30-psp-outage, 2025-01-01-gone]'
pm validate "$DOC"
expect_rc 1
expect_diags <<'EOF'
1:1 error id-duplicate
10:34 error related-unknown
EOF
expect_summary 1 2 0

t 'related-unknown: a hidden file is not a document'
write_base
write_base postmortems/.2025-09-30-psp-outage.md
fm_add 'related: [.2025-09-30-psp-outage]'
pm validate
expect_rc 1
expect_diags <<<'10:11 error related-unknown'

# --- Configuration (contract 7) and which files are documents (contract 2) -

t 'config: directory other than postmortems'
write .postmortem.yml <<<'directory: docs/incidents'
write_base postmortems/2026-11-20-disk-full.md
fm_set severity SEV9 postmortems/2026-11-20-disk-full.md
DOC=docs/incidents/2026-11-20-disk-full.md
write_base
write_base docs/incidents/2025/2026-11-21-other.md
pm validate
expect_rc 0
expect_diags <<<'docs/incidents/2025/2026-11-21-other.md:3:7 warning filename-date-mismatch'
expect_summary 2 0 1
cd docs || exit 2
pm validate
expect_rc 0
expect_summary 2 0 1

t 'config: directory, cross-document rules look there'
write .postmortem.yml <<<'directory: docs'
DOC=docs/2026-11-20-disk-full.md
write_base
write_base postmortems/2025-09-30-psp-outage.md
write_base docs/2025-09-01-old.md
fm_set date 2025-09-01 docs/2025-09-01-old.md
fm_add 'related: [2025-09-01-old, 2025-09-30-psp-outage]'
pm validate
expect_rc 1
expect_diags <<<'10:27 error related-unknown'

t 'documents: default excludes, hidden files and folders, non-.md files'
write_base
for f in README.md ACTIONS.md templates/en.md templates/de/x.md 2026/README.md 2026/ACTIONS.md \
	.draft.md .hidden/2026-11-21-x.md 2026/.cache/y.md notes.txt 2026/x.markdown x.MD.bak; do
	mkdir -p "postmortems/$(dirname "$f")"
	printf 'not a postmortem\n' >"postmortems/$f"
done
pm validate
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'

t 'documents: templates/** excludes only the top templates folder; README.md any depth'
write_base
write_base postmortems/2026/templates/2026-11-21-other.md
printf 'not a postmortem\n' >postmortems/2026/README.md
pm validate
expect_rc 0
expect_diags <<<'postmortems/2026/templates/2026-11-21-other.md:3:7 warning filename-date-mismatch'
expect_summary 2 0 1

t 'documents: a named path is checked whatever the globs say'
write_base
printf 'not a postmortem\n' >postmortems/README.md
mkdir -p postmortems/templates
printf 'not a postmortem\n' >postmortems/templates/en.md
printf 'not a postmortem\n' >postmortems/.draft.md
pm validate postmortems/README.md postmortems/templates/en.md postmortems/.draft.md
expect_rc 1
expect_diags <<'EOF'
postmortems/.draft.md:1:1 error frontmatter-missing
postmortems/README.md:1:1 error frontmatter-missing
postmortems/templates/en.md:1:1 error frontmatter-missing
EOF

t 'documents: a named folder is searched like the repository'
write_base
write_base postmortems/2026/2026-11-21-other.md
printf 'not a postmortem\n' >postmortems/2026/README.md
printf 'not a postmortem\n' >postmortems/2026/.x.md
pm validate postmortems/2026
expect_rc 0
expect_diags <<<'postmortems/2026/2026-11-21-other.md:3:7 warning filename-date-mismatch'
expect_summary 1 0 1

t 'config: exclude globs replace the default list'
write .postmortem.yml <<'EOF'
exclude: ["old/**", "*.wip.md", drafts, "2025/*.md", "**/scratch-*.md"]
EOF
write_base
for f in old/a.md old/deep/b.md 2026/old/c.md x.wip.md 2026/y.wip.md drafts/d.md 2026/drafts/e/f.md \
	2025/g.md 2026/deep/scratch-1.md scratch-2.md; do
	mkdir -p "postmortems/$(dirname "$f")"
	printf 'not a postmortem\n' >"postmortems/$f"
done
# Not excluded: README.md (the defaults are replaced), 2025/ below the top, templates/.
mkdir -p postmortems/x/2025 postmortems/templates
printf 'not a postmortem\n' >postmortems/README.md
printf 'not a postmortem\n' >postmortems/x/2025/h.md
printf 'not a postmortem\n' >postmortems/templates/en.md
pm validate
expect_rc 1
expect_diags <<'EOF'
postmortems/2026/old/c.md:1:1 error frontmatter-missing
postmortems/README.md:1:1 error frontmatter-missing
postmortems/templates/en.md:1:1 error frontmatter-missing
postmortems/x/2025/h.md:1:1 error frontmatter-missing
EOF
expect_summary 5 4 0

t 'config: exclude: [] checks README.md and templates too'
write .postmortem.yml <<<'exclude: []'
write_base
mkdir -p postmortems/templates
printf 'not a postmortem\n' >postmortems/README.md
printf 'not a postmortem\n' >postmortems/templates/en.md
printf 'not a postmortem\n' >postmortems/.hidden.md
pm validate
expect_rc 1
expect_diags <<'EOF'
postmortems/README.md:1:1 error frontmatter-missing
postmortems/templates/en.md:1:1 error frontmatter-missing
EOF

t 'config: custom categories replace the defaults'
write .postmortem.yml <<'EOF'
categories:
  - key: capacity
    titles: {en: [Capacity planning, Capacity], de: Kapazitätsplanung}
  - key: technical
    titles: {en: Technical lapses}
EOF
write_base
fm_set failure_categories '[capacity, technical]'
sec_set Failures <<'EOF'
### Kapazitätsplanung

- The runner disk was sized for half the builds.

### Technical lapses

- No cleanup job.
EOF
pm validate
expect_rc 0
expect_diags <<<''
fm_set failure_categories '[capacity, technical, communication]'
sec_set Failures <<'EOF'
### Capacity

- The runner disk was sized for half the builds.

### Technical lapses

- No cleanup job.

### Communication failures

- Nobody told the developers.
EOF
pm validate
expect_rc 1
expect_diags <<EOF
9:43 error category-unknown
$(lineof '### Communication failures'):1 error category-unknown
EOF

t 'config: custom sections, required: full'
write .postmortem.yml <<'EOF'
sections:
  - key: customer-communication
    titles: {en: Customer communication, de: Kundenkommunikation}
    required: full
EOF
write_base
pm validate
expect_rc 0
expect_diags <<<''
make_full
pm validate
expect_rc 1
expect_diags <<<'1:1 error section-missing'
expect_msg section-missing 'Customer communication'
sec_set Kundenkommunikation <<<'<!-- to do -->'
pm validate
expect_rc 1
expect_diags <<<"$(lineof '## Kundenkommunikation'):1 error section-empty"
sec_set Kundenkommunikation <<<'Status page updated at 09:40.'
pm validate
expect_rc 0
expect_diags <<<''
sed -i 's/^## Kundenkommunikation$/## <a name="customer-communication"><\/a>Kommunikation/' "$DOC"
pm validate
expect_rc 0
expect_diags <<<''

t 'config: sections change required of built-in ones'
write .postmortem.yml <<'EOF'
sections:
  - key: lessons-learned
    required: always
  - key: impact
    titles: {en: Blast radius}
    required: "no"
  - key: ops-review
    titles: {en: Ops review}
EOF
write_base
sec_del Impact
pm validate
expect_rc 1
# lessons-learned is now required; ops-review is required (always) by default.
expect_diags <<'EOF'
1:1 error section-missing
1:1 error section-missing
EOF
app '' '## Lessons learned' '' 'Disks fill up.' '' '## Ops review' '' 'Done.' '' '## Blast radius' '' '<!-- optional -->'
pm validate
expect_rc 0
expect_diags <<<''

t 'config: custom statuses (the first is the draft status)'
write .postmortem.yml <<<'statuses: [wip, reviewed, published]'
write_base
fm_set status wip
sec_set Impact <<<'<!-- to do -->'
pm validate
expect_rc 0
expect_diags <<<'16:1 warning section-empty'
fm_set status draft
pm validate
expect_rc 1
expect_diags <<'EOF'
4:9 error field-invalid
16:1 error section-empty
EOF
fm_set status published
sec_set Impact <<<'None.'
pm validate
expect_rc 0
expect_diags <<<''

t 'config: custom severities'
write .postmortem.yml <<<'severities: [P1, P2, P3]'
write_base
fm_set severity P2
pm validate
expect_rc 0
fm_set severity SEV3
pm validate
expect_rc 1
expect_diags <<<'5:11 error field-invalid'
fm_set severity p2
pm validate
expect_rc 1
expect_diags <<<'5:11 error field-invalid'
expect_msg field-invalid P2

t 'config: a single string stands for a list of one'
write .postmortem.yml <<<'severities: P1'
write_base
fm_set severity P1
pm validate
expect_rc 0
expect_diags <<<''

# --- validate writes nothing (contract 5, 6) ------------------------------

t 'validate writes nothing: git status and every file are unchanged'
write_base
write_base "$OTHER"
write_base postmortems/2026/2026-11-01-committed.md
fm_set date 2026-11-01 postmortems/2026/2026-11-01-committed.md
git add -A && git commit -q -m init
fm_set severity SEV9 postmortems/2026/2026-11-01-committed.md  # modified, unstaged
broken_base                                                    # modified
git add "$DOC"                                                 # staged
write_base postmortems/2026-11-22-new.md                       # untracked
mkfifo postmortems/x.md
git status --porcelain --ignored >"$T/status-before"
# (git itself may refresh .git/index: every file is listed before and
# after the runs of validate, with no git command in between.)
snapshot() {
	find . "$HOME" -printf '%p %y %s %T@ %m\n' | LC_ALL=C sort
}
snapshot >"$T/before"
pmt validate
expect_rc 1
pmt validate --format json --strict
pmt validate --format github "$DOC" postmortems/x.md
cd postmortems/2026 || exit 2
pmt validate
cd "$R" || exit 2
pmt -C postmortems validate
snapshot >"$T/after"
if cmp -s "$T/before" "$T/after"; then
	pass
else
	fail "files changed: $(diff "$T/before" "$T/after" | head -10 | tr '\n' ' ')"
fi
git status --porcelain --ignored >"$T/status-after"
if cmp -s "$T/status-before" "$T/status-after"; then
	pass
else
	fail "git status --porcelain changed: $(diff "$T/status-before" "$T/status-after" | tr '\n' ' ')"
fi

# --- More bad input -------------------------------------------------------

t 'one line each: a value with a newline and control characters'
write_base
fm_set status '"dr\naft\r\e[31m%"'
pm validate
expect_rc 1
expect_diags <<<'4:9 error field-invalid'
[[ $OUT != *"$ESC"* && $OUT != *"$CR"* ]]
check $? "raw control characters in text output: $(ctx)"
pm validate --format github
expect_rc 1
[[ $OUT == ::error\ file=$DOC,line=4,col=9,title=field-invalid::* && $OUT != *"$NL"* && $OUT != *"$ESC"* ]]
check $? "github output is not one line without control characters: $(ctx)"
pm validate --format json
json_check 'check(d["diagnostics"][0]["line"] == 4, "line")'

t 'field-invalid: list items must be non-empty strings'
write_base
fm_set authors '[Alice, ""]'
pm validate
expect_rc 1
expect_diags <<<'8:18 error field-invalid'
fm_set authors '[[Alice]]'
pm validate
expect_rc 1
expect_diags <<<'8:11 error field-invalid'

t 'field-invalid: a mapping where a string is expected; status spelled exactly'
write_base
fm_set title '{a: 1}'
fm_set status Draft
pm validate
expect_rc 1
expect_diags <<'EOF'
2:8 error field-invalid
4:9 error field-invalid
EOF

t 'field-missing: a value that is only a comment'
write_base
fm_set title '# to do'
fm_set customer_impact '~'
pm validate
expect_rc 1
expect_diags <<'EOF'
1:1 error field-missing
1:1 error field-missing
EOF

timeline_case 'an impossible offset (+25:00, +05:60) is invalid' '23:3 warning timeline-time-invalid
24:3 warning timeline-time-invalid' <<'EOF'
- 2026-11-20 09:00 Disk alert fires.
- 09:30+25:00 Old images removed.
- 09:40+05:60 The developers are told.
- 09:50 Builds pass again.
EOF

t 'field-invalid: an impossible offset in a date-time'
write_base
fm_add 'started: 2026-11-20T09:14:00+25:00'
pm validate
expect_rc 1
expect_diags <<<'10:10 error field-invalid'

t 'documents: links to folders are not followed (no loop, nothing from outside)'
write_base
mkdir -p "$T/outside-docs"
base_doc >"$T/outside-docs/2026-11-21-other.md"
ln -s "$T/outside-docs" postmortems/ext
ln -s . postmortems/loop
ln -s .. postmortems/up
pmt validate
expect_rc 0
expect_out '1 files, 0 errors, 0 warnings'

# The cases of the other commands live beside this file, one file a
# command (cases-new.sh, cases-actions.sh...), and use the same helpers.
# PM_CASE_FILES="actions new" sources only those (cases-actions.sh,
# cases-new.sh); "none", none of them.
for cases in "$CLI_DIR"/cases-*.sh; do
	[ -e "$cases" ] || continue
	if [ -n "${PM_CASE_FILES:-}" ]; then
		case_file=${cases##*/cases-}
		[[ " $PM_CASE_FILES " == *" ${case_file%.sh} "* ]] || continue
	fi
	# shellcheck source=/dev/null
	. "$cases"
done

# ---------------------------------------------------------------------------

cd "$T" || exit 2
if [ -n "${PM_CASES:-}" ]; then
	exec 2>&"$STDERR_FD"
	echo "PM_CASES: $CASES_RUN cases run, $CASES_SKIPPED left out"
fi
echo "$PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
