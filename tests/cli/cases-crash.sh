# shellcheck shell=bash disable=SC1010
# (`done` is a subcommand here, not the shell keyword.)
# Crash safety, sourced by run.sh, whose helpers it uses: every file the
# program writes (documents by new and done, ACTIONS.md by actions
# --output, .postmortem.yml and the README by init, the hook, and the
# index, objects and refs of a commit) is written so that a crash at any
# moment leaves the old version or the new one, byte for byte.
#
# The program is killed (SIGKILL) at each step of its writing in turn:
# crash-shim.c, preloaded, counts the calls that change files (open with
# O_CREAT, write, fsync, rename, link, unlink, mkdir...) and kills the
# process at the Nth, in the middle of it for a write. Each kill leaves a
# repository that must hold, for every file the command writes, either
# its old or its new bytes; give validate the same result as before or
# after (a temporary file left behind is hidden, never a document); and
# pass git status and git fsck --strict. The last run, which no step
# kills, must leave the new state; and running the command again after a
# crash must get there too.

# The shim needs a C compiler, as the program did.
CRASH_SO=$T/crash-shim.so
if ! ${CC:-cc} -shared -fPIC -O1 -o "$CRASH_SO" "$CLI_DIR/crash-shim.c" -ldl 2>"$T/crash-shim.err"; then
	echo "# skipped: the crash cases (cannot build tests/cli/crash-shim.c: $(flat "$(cat "$T/crash-shim.err")"))"
	CRASH_SO=
fi
# A sanitizer build wants its runtime first among the preloaded libraries;
# the shim only wraps calls, which the sanitizer's wrappers then see.
CRASH_ENV=(ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0")
# No write of these commands takes as many steps as this.
CRASH_MAX=500

# crash_state DIR: what the command changes, one line each: HEAD, then
# each watched file's checksum (or "absent"). Sets STATE (an array).
crash_state() {
	local f files=() sums=() i=0 ref head=
	# HEAD read as git reads a fresh repository's (no packed refs), which
	# costs no process.
	read -r ref <"$1/.git/HEAD"
	ref=${ref#ref: }
	if [ -f "$1/.git/$ref" ]; then read -r head <"$1/.git/$ref"; else head=$ref; fi
	STATE=("HEAD $head")
	for f in "${WATCH[@]}"; do
		[ -e "$1/$f" ] && files+=("$1/$f")
	done
	[ ${#files[@]} -gt 0 ] && mapfile -t sums < <(cksum -- "${files[@]}")
	for f in "${WATCH[@]}"; do
		if [ -e "$1/$f" ]; then
			STATE+=("$f ${sums[i]%% "$1/"*}")
			i=$((i + 1))
		else
			STATE+=("$f absent")
		fi
	done
}

# crash_steps CMD...: the steps to kill CMD at, in STEPS, and their
# number, in NSTEPS, from a run in a copy under the shim's log: the first
# step of each kind (the call, and the file with its random or hashed
# part taken out), since a commit writes four objects by the same code,
# each in the same five steps.
crash_steps() {
	local log=$T/crash.log
	rm -rf "$T/crash-work" "$log"
	cp -a "$CRASH_BASE" "$T/crash-work"
	(cd "$T/crash-work" && exec env "${CRASH_ENV[@]}" PM_CRASH_LOG="$log" LD_PRELOAD="$CRASH_SO" "$PM" "$@") >/dev/null 2>&1
	NSTEPS=0
	[ -f "$log" ] && NSTEPS=$(wc -l <"$log")
	mapfile -t STEPS < <(sed -E -e 's#/objects/[0-9a-f]{2}/[0-9a-f]{38}$#/objects/XX/OBJECT#' \
		-e 's#/objects/[0-9a-f]{2}$#/objects/XX#' -e 's#tmp_object_git2_[A-Za-z0-9]+#tmp_object#' \
		-e 's#\.postmortem-[^/]*\.tmp$#.postmortem-TEMP.tmp#' "$log" | awk '!seen[$2 " " $3]++ { print $1 }')
}

# crash_sound WHEN: each watched file (in STATE) is its old or its new
# version (old, new: crash_case's arrays), git status works (its output
# in $T/status, for the CHECK functions) and git fsck --strict is clean.
crash_sound() {
	local i
	for ((i = 0; i < ${#STATE[@]}; i++)); do
		[ "${STATE[i]}" = "${old[i]}" ] || [ "${STATE[i]}" = "${new[i]}" ]
		check $? "$1: neither the old nor the new version: ${STATE[i]} (old: ${old[i]}; new: ${new[i]})"
	done
	git status --porcelain >"$T/status" 2>"$T/git.err"
	check $? "$1: git status fails: $(flat "$(cat "$T/git.err")")"
	git fsck --strict --no-progress >/dev/null 2>"$T/git.err"
	check $? "$1: git fsck --strict: $(flat "$(cat "$T/git.err")")"
}

# crash_case CHECK CMD...: runs CMD (postmortem's arguments) in copies
# of the current repository, killed at each step that crash_steps finds,
# then at the step after the last (which finishes the command). The files to watch are in WATCH (paths from the top of the
# work tree); CHECK is a function run in the killed copy for further
# checks (or ":"), with CRASH_BASE and CRASH_NEW the copies before and
# after a whole run. With CRASH_RERUN=1, the command is run again after
# each crash that leaves something in between (files of which some are
# new and some old, or a temporary file), and must reach the new state;
# with CRASH_RERUN=locks, after each crash that leaves one of git's lock
# files.
crash_case() {
	local extra=$1 n rc i what work=$T/crash-work summary_old summary_new state old=() new=() tmps locks between
	shift
	# (A case that run.sh's PM_CASES leaves out runs nothing.)
	[ -n "${SKIP:-}" ] && return
	CRASH_BASE=$T/crash-base
	CRASH_NEW=$T/crash-new
	rm -rf "$CRASH_BASE" "$CRASH_NEW"
	cp -a "$R" "$CRASH_BASE"
	cp -a "$R" "$CRASH_NEW"
	(cd "$CRASH_NEW" && exec "$PM" "$@") >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" != 0 ]; then
		fail "postmortem $* failed without a crash (exit status $rc): $(flat "$(cat "$T/err")")"
		cd "$R" || exit 2
		return
	fi
	crash_state "$CRASH_BASE"
	old=("${STATE[@]}")
	crash_state "$CRASH_NEW"
	new=("${STATE[@]}")
	summary_old=$(cd "$CRASH_BASE" && "$PM" validate 2>&1 | tail -n 1)
	summary_new=$(cd "$CRASH_NEW" && "$PM" validate 2>&1 | tail -n 1)
	crash_steps "$@"
	[ "$NSTEPS" -gt 2 ] && [ "$NSTEPS" -lt "$CRASH_MAX" ]
	check $? "$NSTEPS steps: did the shim count anything?"
	shopt -s nullglob dotglob
	for n in "${STEPS[@]}" $((NSTEPS + 1)); do
		rm -rf "$work"
		cp -a "$CRASH_BASE" "$work"
		cd "$work" || exit 2
		{ env "${CRASH_ENV[@]}" LD_PRELOAD="$CRASH_SO" PM_CRASH_AT="$n" "$PM" "$@" >"$T/out" 2>"$T/err"; } 2>/dev/null
		rc=$?
		crash_state .
		if [ "$rc" != 137 ]; then
			# No step was left to kill at: the whole command ran.
			[ "$rc" = 0 ] && [ "${STATE[*]}" = "${new[*]}" ] && [ "$n" = $((NSTEPS + 1)) ]
			check $? "killed at step $n of $NSTEPS: the command finished (exit status $rc): $(flat "$(cat "$T/err")")"
			continue
		fi
		[ "$n" -le "$NSTEPS" ]
		check $? "killed at step $n, after the last ($NSTEPS)"
		# HEAD, and each file, old or new, byte for byte; git sound.
		crash_sound "killed at step $n"
		# A temporary file left behind is no document: validate sees the
		# old documents or the new ones.
		tmps=(postmortems/.postmortem-*.tmp .postmortem-*.tmp)
		if [ ${#tmps[@]} -gt 0 ] || [ "${STATE[*]}" != "${old[*]}" ]; then
			state=$("$PM" validate 2>&1 | tail -n 1)
			[ "$state" = "$summary_old" ] || [ "$state" = "$summary_new" ]
			check $? "killed at step $n: validate says '$state', not '$summary_old' or '$summary_new'"
		fi
		"$extra" "$n"
		locks=(.git/*.lock .git/refs/heads/*.lock)
		between=
		if [ ${#tmps[@]} -gt 0 ] || { [ "${STATE[*]}" != "${old[*]}" ] && [ "${STATE[*]}" != "${new[*]}" ]; }; then
			between=1
		fi
		if { [ "$CRASH_RERUN" = 1 ] && [ -n "$between" ]; } || { [ "$CRASH_RERUN" = locks ] && [ ${#locks[@]} -gt 0 ]; }; then
			# Running the command again finishes the work, once git's
			# lock files are gone (git too leaves them to the user).
			rm -f "${locks[@]}"
			"$PM" "$@" >"$T/out" 2>"$T/err"
			rc=$?
			crash_state .
			[ "$rc" = 0 ] && [ "${STATE[*]}" = "${new[*]}" ]
			check $? "killed at step $n, then run again (exit status $rc): not the new state: $(flat "$(cat "$T/err")")"
		fi
	done
	# The same steps failing instead (a full disk): a diagnostic and exit
	# 1 or 2, or success with the whole new state; every file old or new
	# either way, no temporary file left unless removing it was what
	# failed, and git's view sound.
	for n in "${STEPS[@]}"; do
		rm -rf "$work"
		cp -a "$CRASH_BASE" "$work"
		cd "$work" || exit 2
		{ env "${CRASH_ENV[@]}" LD_PRELOAD="$CRASH_SO" PM_FAIL_AT="$n" "$PM" "$@" >"$T/out" 2>"$T/err"; } 2>/dev/null
		rc=$?
		crash_state .
		what=$(sed -n "${n}p" "$T/crash.log" | cut -d' ' -f2)
		if [ "$rc" -ge 128 ] || grep -q 'Sanitizer\|runtime error:' "$T/err"; then
			fail "step $n ($what) failing: exit status $rc: $(flat "$(cat "$T/err")")"
			continue
		fi
		if [ "$rc" = 0 ]; then
			[ "${STATE[*]}" = "${new[*]}" ]
			check $? "step $n ($what) failing: exit status 0 without the new state: ${STATE[*]}"
		else
			{ [ "$rc" = 1 ] || [ "$rc" = 2 ]; } && grep -q '^postmortem: ' "$T/err"
			check $? "step $n ($what) failing: exit status $rc, stderr: $(flat "$(cat "$T/err")")"
		fi
		# Anywhere, .git included: our temporary files, libgit2's, and
		# git's lock files.
		mapfile -t tmps < <(find . \( -name '.postmortem-*.tmp' -o -name 'tmp_object_git2_*' -o -name '*.lock' \) -print)
		[ ${#tmps[@]} = 0 ] || [ "$what" = unlink ] || [ "$what" = unlinkat ]
		check $? "step $n ($what) failing: left ${tmps[*]}"
		crash_sound "step $n ($what) failing"
		"$extra" "$n"
	done
	shopt -u nullglob dotglob
	cd "$R" || exit 2
}

if [ -n "$CRASH_SO" ]; then

	t 'crash: the shim kills at the step asked, and counts the steps'
	write_base
	git add -A && git commit -q -m base
	[ -z "${SKIP:-}" ] && env "${CRASH_ENV[@]}" LD_PRELOAD="$CRASH_SO" PM_CRASH_LOG="$T/crash.log" "$PM" done 2026-11-20-disk-full#1 >/dev/null 2>&1
	check $? "done under the shim, without a crash"
	[ "$(wc -l <"$T/crash.log")" -ge 4 ] && grep -q '^6 rename .*/postmortems/2026-11-20-disk-full.md$' "$T/crash.log"
	check $? "the shim's log: $(flat "$(cat "$T/crash.log")")"
	[ -z "${SKIP:-}" ] && { env "${CRASH_ENV[@]}" LD_PRELOAD="$CRASH_SO" PM_CRASH_AT=1 "$PM" done --undo 2026-11-20-disk-full#1 >/dev/null 2>&1; } 2>/dev/null
	[ $? = 137 ]
	check $? "PM_CRASH_AT=1 did not kill the program"

	# --- done: a document replaced through pm_write_atomic ----------------

	t 'crash: done'
	write_base
	git add -A && git commit -q -m base
	WATCH=("$DOC")
	CRASH_RERUN=
	# A temporary file a crash left is no change of the user's: commit
	# does not record it.
	CRASH_COMMITTED=
	crash_done_check() {
		local tmp
		tmp=$(find postmortems -name '.postmortem-*.tmp' | head -n 1)
		if [ -z "$tmp" ] || [ -n "$CRASH_COMMITTED" ]; then
			return
		fi
		CRASH_COMMITTED=1
		rm -rf "$T/crash-commit"
		cp -a . "$T/crash-commit"
		(cd "$T/crash-commit" && "$PM" commit >/dev/null 2>&1 &&
			! git ls-tree -r --name-only HEAD | grep -q '\.postmortem-')
		check $? "killed at step $1: commit failed, or recorded the temporary file $tmp"
	}
	crash_case crash_done_check done 2026-11-20-disk-full#1
	[ -n "$CRASH_COMMITTED" ]
	check $? "no crash left a temporary file to try commit on"

	# --- actions --output ---------------------------------------------------

	t 'crash: actions --output'
	write_base
	printf 'stale\n' >postmortems/ACTIONS.md
	WATCH=(postmortems/ACTIONS.md)
	CRASH_RERUN=
	crash_case : actions --format markdown --output postmortems/ACTIONS.md

	# --- new: exclusive creation by link(2) --------------------------------

	t 'crash: new'
	write_base
	WATCH=(postmortems/2026-11-20-second-failure.md postmortems/2026-11-20-second-failure-2.md)
	# (Run again, new makes a second document, as it should.)
	CRASH_RERUN=
	crash_case : new 'Second failure' --date 2026-11-20 --author Alice --no-edit

	t 'crash: new on a file system without hard links (PM_NO_HARDLINKS: an exclusive rename instead)'
	write_base
	WATCH=(postmortems/2026-11-20-second-failure.md postmortems/2026-11-20-second-failure-2.md)
	CRASH_RERUN=
	export PM_NO_HARDLINKS=1
	crash_case : new 'Second failure' --date 2026-11-20 --author Alice --no-edit
	unset PM_NO_HARDLINKS

	t 'new: a file system without hard links: each document gets its own name, nothing is left behind'
	write_base
	for i in 1 2 3; do
		[ -z "${SKIP:-}" ] && { env "${CRASH_ENV[@]}" LD_PRELOAD="$CRASH_SO" PM_NO_HARDLINKS=1 PM_CRASH_LOG="$T/nolink.log" \
			"$PM" new 'Second failure' --date 2026-11-20 --author Alice --no-edit >"$T/out" 2>"$T/err"; } 2>/dev/null
		check $? "new, run $i, without hard links: $(flat "$(cat "$T/err")")"
	done
	grep -q ' linkat ' "$T/nolink.log" 2>/dev/null && grep -q ' renameat2 ' "$T/nolink.log"
	check $? "linkat was tried, then renameat2: $(flat "$(cat "$T/nolink.log" 2>&1)")"
	pm validate
	expect_rc 0
	expect_summary 4 0 12
	files=$(cd postmortems && echo *)
	[ "$files" = "2026-11-20-disk-full.md 2026-11-20-second-failure-2.md 2026-11-20-second-failure-3.md 2026-11-20-second-failure.md" ]
	check $? "the documents: $files"
	files=$(find postmortems -name '.*' 2>&1)
	[ -z "$files" ]
	check $? "hidden files left behind: $(flat "$files")"

	# --- init ---------------------------------------------------------------

	t 'crash: init'
	rmdir postmortems
	WATCH=(.postmortem.yml postmortems/README.md)
	CRASH_RERUN=1
	crash_case : init --lang de

	# --- hook install --force: a foreign hook is kept, never lost -----------

	t 'crash: hook install --force'
	mkdir -p .git/hooks
	printf '#!/bin/sh\necho foreign\n' >.git/hooks/pre-commit
	chmod 755 .git/hooks/pre-commit
	WATCH=(.git/hooks/pre-commit .git/hooks/pre-commit.orig)
	CRASH_RERUN=1
	crash_hook_check() {
		# The foreign hook runs, under one name or the other, at every
		# moment: as pre-commit, or as pre-commit.orig behind ours.
		if cmp -s .git/hooks/pre-commit "$CRASH_BASE/.git/hooks/pre-commit"; then
			pass
		else
			cmp -s .git/hooks/pre-commit.orig "$CRASH_BASE/.git/hooks/pre-commit"
			check $? "killed at step $1: our hook is in place and the foreign one is not kept"
		fi
	}
	crash_case crash_hook_check hook install --force

	t 'hook install --force without hard links: the foreign hook is renamed, never replaced; with a full disk, it stays'
	mkdir -p .git/hooks
	printf '#!/bin/sh\necho foreign\n' >.git/hooks/pre-commit
	chmod 755 .git/hooks/pre-commit
	cp .git/hooks/pre-commit "$T/foreign-hook"
	[ -z "${SKIP:-}" ] && { env "${CRASH_ENV[@]}" LD_PRELOAD="$CRASH_SO" PM_NO_HARDLINKS=1 "$PM" hook install --force >"$T/out" 2>"$T/err"; } 2>/dev/null
	check $? "hook install --force without hard links: $(flat "$(cat "$T/err")")"
	cmp -s .git/hooks/pre-commit.orig "$T/foreign-hook" && grep -q 'validate --staged' .git/hooks/pre-commit
	check $? "the foreign hook is pre-commit.orig, ours is pre-commit"
	rm -f .git/hooks/pre-commit.orig
	cp "$T/foreign-hook" .git/hooks/pre-commit
	# link fails with ENOSPC: no rename instead, nothing changes.
	rm -f "$T/hook.log"
	# (The step of the link, from a run in a copy.)
	rm -rf "$T/hook-copy"
	cp -a . "$T/hook-copy"
	[ -z "${SKIP:-}" ] && { cd "$T/hook-copy" && env "${CRASH_ENV[@]}" LD_PRELOAD="$CRASH_SO" PM_CRASH_LOG="$T/hook.log" "$PM" hook install --force >/dev/null 2>&1; cd "$R" || exit 2; } 2>/dev/null
	n=$(grep -E ' link(at)? ' "$T/hook.log" 2>/dev/null | head -n 1 | cut -d' ' -f1)
	[ -z "${SKIP:-}" ] && { env "${CRASH_ENV[@]}" LD_PRELOAD="$CRASH_SO" PM_FAIL_AT="${n:-0}" "$PM" hook install --force >"$T/out" 2>"$T/err"; } 2>/dev/null
	[ $? = 2 ] && [ -n "$n" ] && cmp -s .git/hooks/pre-commit "$T/foreign-hook" && [ ! -e .git/hooks/pre-commit.orig ]
	check $? "link failing (step ${n:-?}) with ENOSPC: exit 2 and the foreign hook where it was: $(flat "$(cat "$T/err")")"

	# --- commit: objects, the index and the branch, through libgit2 ---------

	t 'crash: commit'
	write_base
	write_base "$OTHER"
	echo notes >notes.txt
	git add -A && git commit -q -m base
	fm_set severity SEV2
	echo staged >staged.txt && git add staged.txt
	echo changed >notes.txt
	WATCH=("$DOC" notes.txt staged.txt)
	CRASH_RERUN=locks
	CRASH_OLD_INDEX=$(git ls-files -s)
	CRASH_OLD_HEAD=$(git rev-parse HEAD)
	crash_commit_check() {
		local index head
		# (crash_case checked that HEAD is the old commit or the new.)
		index=$(git ls-files -s)
		head=$(git rev-parse HEAD)
		# The index is the old one or the new one; the new one once the
		# branch has moved (the index is written first).
		if [ "$index" = "$CRASH_OLD_INDEX" ]; then
			[ "$head" = "$CRASH_OLD_HEAD" ]
			check $? "killed at step $1: the branch moved, the index did not"
		else
			[ "$index" = "$CRASH_NEW_INDEX" ]
			check $? "killed at step $1: the index is neither the old nor the new one: $(flat "$index")"
		fi
		# The staged file stays staged, the changed one unstaged.
		grep -qx 'A  staged.txt' "$T/status" && grep -qx ' M notes.txt' "$T/status"
		check $? "killed at step $1: git status: $(flat "$(cat "$T/status")")"
	}
	# The index after a whole run, from a copy.
	rm -rf "$T/crash-index"
	cp -a . "$T/crash-index"
	CRASH_NEW_INDEX=$(cd "$T/crash-index" && [ -z "${SKIP:-}" ] && "$PM" commit >/dev/null 2>&1 && git ls-files -s)
	crash_case crash_commit_check commit
fi
