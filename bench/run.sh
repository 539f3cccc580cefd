#!/bin/sh
# make bench: postmortem validate against the cmark CLI on the same
# 10,000 documents, side by side, as a ratio (never a timing assertion).
# Usage: bench/run.sh ./postmortem [COUNT]
set -eu
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
count=${2:-10000}
here=$(cd "$(dirname "$0")/.." && pwd)
runs=5
command -v cmark >/dev/null 2>&1 || {
	echo "bench: installing the cmark CLI (Debian package cmark)" >&2
	if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
	$sudo apt-get install -y --no-install-recommends cmark >&2
}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/postmortem-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT INT TERM

# The valid examples, renamed into `count` documents spread over folders.
mkdir -p "$tmp/repo/postmortems"
git -C "$tmp/repo" init -q
i=0
for src in "$here"/examples/postmortems/2026-11-20-db-failover.md \
	   "$here"/examples/postmortems/2026-03-03-rechnungs-bucket-oeffentlich.md \
	   "$here"/examples/postmortems/2026-11-10-ci-runner-disk-full.md \
	   "$here"/examples/postmortems/2026-11-22-stale-order-search.md; do
	cp "$src" "$tmp/src$i.md"
	i=$((i + 1))
done
n=0
while [ "$n" -lt "$count" ]; do
	dir="$tmp/repo/postmortems/y$((n / 500))"
	[ -d "$dir" ] || mkdir -p "$dir"
	cp "$tmp/src$((n % 4)).md" "$dir/2026-01-01-doc-$n.md"
	n=$((n + 1))
done
bytes=$(cat "$tmp"/repo/postmortems/*/*.md | wc -c)

# Median wall-clock seconds of $runs runs of a command.
median() {
	for r in $(seq "$runs"); do
		s=$(date +%s%N)
		"$@" >/dev/null 2>&1 || true
		e=$(date +%s%N)
		echo $((e - s))
	done | sort -n | sed -n "$(((runs + 1) / 2))p"
}

cd "$tmp/repo"
# Files are read once first so that both runs see a warm page cache.
cat postmortems/*/*.md >/dev/null
pm1=$(median "$bin" validate --jobs 1)
pm=$(median "$bin" validate)
cm=$(median sh -c 'cat postmortems/*/*.md | cmark >/dev/null')
cmf=$(median sh -c 'for d in postmortems/*; do cmark "$d"/*.md; done >/dev/null')

ms() { echo "$1" | awk '{ printf "%.0f ms", $1 / 1e6 }'; }
ratio() { echo "$1 $2" | awk '{ printf "%.2f", $1 / $2 }'; }
echo "documents: $count ($bytes bytes), median of $runs runs"
echo "cmark (one stream, all documents):   $(ms "$cm")"
echo "cmark (one process per folder):      $(ms "$cmf")"
echo "postmortem validate --jobs 1:        $(ms "$pm1")   ratio to cmark: $(ratio "$pm1" "$cm")"
echo "postmortem validate (all cores):     $(ms "$pm")   ratio to cmark: $(ratio "$pm" "$cm")"
