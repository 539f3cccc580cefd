#!/bin/sh
# make demo: runs postmortem on a temporary copy of examples/, which is
# never changed. Usage: tools/demo.sh ./postmortem
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/postmortem-demo.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

cp -R "$here/examples/." "$tmp/"
cd "$tmp"
git init -q
git add -A
git -c user.name=Demo -c user.email=demo@example.com commit -q -m "examples"

step() { printf '\n\033[1m$ %s\033[0m\n' "$*"; }

step "postmortem validate"
status=0
"$bin" validate || status=$?
echo "(exit status $status: 1 means the documents have problems; one example is broken on purpose)"
[ "$status" -eq 1 ] || { echo "demo: expected exit status 1 from the broken example" >&2; exit 1; }

step "postmortem validate postmortems/2026-11-20-db-failover.md"
"$bin" validate postmortems/2026-11-20-db-failover.md

step "postmortem validate --format github postmortems/2026-10-07-payment-webhook-timeouts.md"
"$bin" validate --format github postmortems/2026-10-07-payment-webhook-timeouts.md || true

step "git status --porcelain   # validate writes nothing"
git status --porcelain

# A commit that records one document and leaves other staged work alone.
echo "notes for the review meeting" > notes.txt
git add notes.txt
sed -i 's/^severity: SEV3$/severity: SEV2/' postmortems/2026-11-10-ci-runner-disk-full.md
step "git status --short   # before: notes.txt staged, a postmortem changed"
git status --short
step "postmortem commit postmortems/2026-11-10-ci-runner-disk-full.md"
GIT_AUTHOR_NAME=Demo GIT_AUTHOR_EMAIL=demo@example.com GIT_COMMITTER_NAME=Demo \
	GIT_COMMITTER_EMAIL=demo@example.com "$bin" commit postmortems/2026-11-10-ci-runner-disk-full.md
step "git status --short   # after: notes.txt still staged, out of the commit"
git status --short
step "git log --stat -1 --format=%s"
git log --stat -1 --format=%s

# The examples were written as of 2026-11-23: that day decides what is
# overdue, so the output is the same whenever the demo runs.
step "postmortem actions --today 2026-11-23"
status=0
"$bin" actions --today 2026-11-23 || status=$?
echo "(exit status $status)"

step "postmortem actions --today 2026-11-23 --owner sato --status all"
"$bin" actions --today 2026-11-23 --owner sato --status all

step "postmortem list --today 2026-11-23"
"$bin" list --today 2026-11-23

step "postmortem actions --format markdown --today 2026-11-23 --output postmortems/ACTIONS.md"
"$bin" actions --format markdown --today 2026-11-23 --output postmortems/ACTIONS.md
head -n 6 postmortems/ACTIONS.md
echo "..."

step "postmortem actions --format markdown --today 2026-11-23 --output postmortems/ACTIONS.md --check   # for CI"
"$bin" actions --format markdown --today 2026-11-23 --output postmortems/ACTIONS.md --check
echo "(exit status 0: ACTIONS.md is up to date)"

step "postmortem done 2026-11-20-db-failover#2"
# shellcheck disable=SC1010 # `done` is the subcommand
"$bin" done 2026-11-20-db-failover#2
git --no-pager diff --stat
status=0
"$bin" actions --format markdown --today 2026-11-23 --output postmortems/ACTIONS.md --check || status=$?
echo "(exit status $status: ACTIONS.md is now out of date)"
[ "$status" -eq 1 ] || { echo "demo: expected --check to find ACTIONS.md stale" >&2; exit 1; }

step "postmortem new 'Speicher voll auf dem Build-Server' --lang de --date 2026-11-23 --author Demo --no-edit"
path=$("$bin" new 'Speicher voll auf dem Build-Server' --lang de --date 2026-11-23 --author Demo --no-edit)
echo "$path"

step "postmortem validate $path   # a fresh draft: no errors, its empty sections are warnings"
"$bin" validate "$path"
