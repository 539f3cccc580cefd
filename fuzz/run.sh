#!/bin/sh
# make fuzz: builds each harness with clang's libFuzzer and the address
# and undefined-behaviour sanitizers, seeds it from the test fixtures,
# and runs it for FUZZ_SECONDS (default 60). Findings land in
# fuzz/findings/; the corpora grow in build/fuzz/corpus/.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
seconds=${FUZZ_SECONDS:-60}
out=$here/build/fuzz
mkdir -p "$out" "$here/fuzz/findings"
CC=${FUZZ_CC:-clang}
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all -D_GNU_SOURCE -I$here/include"
pkgs="libgit2 yaml-0.1 libcmark libutf8proc jansson"
libs=$(pkg-config --libs $pkgs)
srcs=$(ls "$here"/src/core/*.c "$here"/src/out/*.c "$here"/src/git/*.c)
# The built-in templates, compiled in as the Makefile does.
sh "$here/tools/embed.sh" "$here"/templates/*.md "$here"/templates/readme/*.md >"$out/templates.c"
srcs="$srcs $out/templates.c"
status=0
for harness in "$here"/fuzz/fuzz_*.c; do
	name=$(basename "$harness" .c)
	$CC $flags -o "$out/$name" "$harness" $srcs $libs -lpthread
	corpus=$out/corpus/$name
	mkdir -p "$corpus"
	seeds=$here/fuzz/seeds/$name
	[ -d "$seeds" ] && cp -n "$seeds"/* "$corpus"/ 2>/dev/null || true
	case $name in
	fuzz_document)
		cp -n "$here"/examples/postmortems/*.md "$corpus"/ 2>/dev/null || true ;;
	fuzz_config)
		cp -n "$here"/examples/.postmortem.yml "$corpus"/example.yml 2>/dev/null || true ;;
	esac
	echo "== $name: $seconds s"
	if ! "$out/$name" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
		-artifact_prefix="$here/fuzz/findings/$name-" -print_final_stats=1 "$corpus" 2>"$out/$name.log"; then
		status=1
		tail -40 "$out/$name.log"
	fi
	grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "$out/$name.log" | sed "s/^/$name /"
done
exit $status
