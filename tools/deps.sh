#!/bin/sh
# Installs the Debian packages that pkg-config cannot find; does nothing when
# every library is there, so every make target can run it first.
set -u
missing=""
for pair in libgit2:libgit2-dev yaml-0.1:libyaml-dev libcmark:libcmark-dev \
            cmocka:libcmocka-dev libutf8proc:libutf8proc-dev jansson:libjansson-dev; do
	pc=${pair%%:*}
	pkg=${pair#*:}
	pkg-config --exists "$pc" 2>/dev/null || missing="$missing $pkg"
done
command -v pkg-config >/dev/null 2>&1 || missing="pkg-config$missing"
command -v git >/dev/null 2>&1 || missing="$missing git"
# For the tests: the pre-commit framework runs our hook from a local config.
command -v pre-commit >/dev/null 2>&1 || missing="$missing pre-commit"
[ -z "$missing" ] && exit 0

echo "deps: installing$missing" >&2
if [ "$(id -u)" -eq 0 ]; then sudo=""; else sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
if ! $sudo apt-get install -y --no-install-recommends $missing >&2; then
	$sudo apt-get update >&2 && $sudo apt-get install -y --no-install-recommends $missing >&2 || {
		echo "deps: could not install$missing; install them with apt-get and run make again" >&2
		exit 1
	}
fi
