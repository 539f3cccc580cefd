#!/bin/sh
# make fuzz: builds each harness with clang's libFuzzer and the address
# and undefined-behaviour sanitizers, seeds it from fuzz/seeds/<harness>/
# (and the examples), and runs it for FUZZ_SECONDS (default 60).
#
#   FUZZ_SECONDS=600 make fuzz                      every harness, 10 minutes each
#   FUZZ_TARGETS="fuzz_slug fuzz_done" make fuzz    only these
#   FUZZ_PARALLEL=2 make fuzz                       two harnesses at a time
#
# Findings land in fuzz/findings/<harness>-crash-...; the corpora grow in
# build/fuzz/corpus/<harness>/ and are kept between runs. The core is
# built once, by the Makefile, into build/san-fuzzer-no-link-address-
# undefined/, so a second run only compiles what changed.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-60}
parallel=${FUZZ_PARALLEL:-1}
out=$here/build/fuzz
mkdir -p "$out" "$here/fuzz/findings"
CC=${FUZZ_CC:-clang}
if ! command -v "$CC" >/dev/null 2>&1; then
	echo "fuzz: $CC is not installed (Debian: apt-get install clang libclang-rt-14-dev)" >&2
	exit 2
fi

targets=${FUZZ_TARGETS:-$(cd "$here/fuzz" && ls fuzz_*.c | sed 's/\.c$//')}
for name in $targets; do
	if [ ! -f "$here/fuzz/$name.c" ]; then
		echo "fuzz: no harness fuzz/$name.c" >&2
		exit 2
	fi
done

# The core with coverage and the sanitizers; each harness links it with
# libFuzzer's main.
san=fuzzer-no-link,address,undefined
make -C "$here" -s -j"$(nproc 2>/dev/null || echo 2)" CC="$CC" SANITIZE="$san" \
	build/san-fuzzer-no-link-address-undefined/libpostmortem.a
lib=$here/build/san-fuzzer-no-link-address-undefined/libpostmortem.a
flags="-g -O1 -std=c11 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE -I$here/include"
libs="$(pkg-config --libs libgit2 yaml-0.1 libcmark libutf8proc jansson) -lpthread"

for name in $targets; do
	# shellcheck disable=SC2086
	$CC $flags -o "$out/$name" "$here/fuzz/$name.c" "$lib" $libs
	corpus=$out/corpus/$name
	mkdir -p "$corpus"
	seeds=$here/fuzz/seeds/$name
	[ -d "$seeds" ] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
	case $name in
	fuzz_document | fuzz_done)
		cp -n "$here"/examples/postmortems/*.md "$corpus"/ 2>/dev/null || true ;;
	fuzz_config)
		cp -n "$here"/examples/.postmortem.yml "$corpus"/example.yml 2>/dev/null || true ;;
	esac
done

# run NAME: one harness for $seconds; its status, and a summary line.
run() {
	name=$1
	corpus=$out/corpus/$name
	log=$out/$name.log
	rc=0
	# Documents up to 64 KiB reach every limit of the front matter; done
	# parses each input some fifty times, so it gets smaller ones; a
	# title is cut at 60 bytes anyway.
	case $name in
	fuzz_done) max_len=16384 ;;
	fuzz_slug) max_len=4096 ;;
	*) max_len=65536 ;;
	esac
	"$out/$name" -max_total_time="$seconds" -max_len=$max_len -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$here/fuzz/findings/$name-" -print_final_stats=1 "$corpus" 2>"$log" || rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
	rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log")
	files=$(find "$corpus" -type f | wc -l)
	if [ "$rc" -ne 0 ]; then
		echo "== $name: FINDING after $seconds s (exit status $rc); the end of $log:"
		tail -40 "$log"
	fi
	echo "== $name: ${execs:-?} runs in $seconds s, corpus $files files, peak RSS ${rss:-?} MB"
	return "$rc"
}

# queue K: the harnesses K, K+parallel, K+2*parallel..., one after the
# other.
queue() {
	k=$1
	i=0
	qs=0
	for name in $targets; do
		if [ $((i % parallel)) -eq "$k" ]; then
			echo "== $name: $seconds s"
			run "$name" || qs=1
		fi
		i=$((i + 1))
	done
	return $qs
}

status=0
if [ "$parallel" -le 1 ]; then
	queue 0 || status=1
else
	# Each queue in the background; their reports printed whole, in
	# order, once all have ended.
	k=0
	pids=
	while [ "$k" -lt "$parallel" ]; do
		queue "$k" >"$out/queue-$k.log" 2>&1 &
		pids="$pids $!"
		k=$((k + 1))
	done
	for pid in $pids; do
		wait "$pid" || status=1
	done
	k=0
	while [ "$k" -lt "$parallel" ]; do
		cat "$out/queue-$k.log"
		k=$((k + 1))
	done
fi
exit $status
