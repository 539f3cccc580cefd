# postmortem: a plain Makefile.
#   make                      build ./postmortem
#   make check                build and run every test
#   make demo                 validate a temporary copy of examples/
#   make install PREFIX=/usr/local DESTDIR=
#   make SANITIZE=address,undefined check
#   make WERROR=1             warnings are errors (CI)
#   make fuzz                 libFuzzer harnesses (clang): FUZZ_SECONDS, FUZZ_TARGETS

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
CC ?= cc
CFLAGS ?= -O2 -g
VERSION := 0.1.0

# Every target but clean first makes sure the libraries are there.
ifeq ($(filter clean,$(MAKECMDGOALS)),)
DEPS_STATUS := $(shell sh tools/deps.sh 1>&2; echo $$?)
ifneq ($(DEPS_STATUS),0)
$(error missing libraries: see the message above)
endif
endif

PKGS := libgit2 yaml-0.1 libcmark libutf8proc jansson
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_CFLAGS := $(shell pkg-config --cflags cmocka 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN := -std=c11 -Wall -Wextra -Wpedantic -Wstrict-prototypes \
	-Wmissing-prototypes -Wwrite-strings -Wformat=2 -Wvla
ifdef WERROR
WARN += -Werror
endif

comma := ,
ifdef SANITIZE
SAN_FLAGS := -fsanitize=$(SANITIZE) -fno-omit-frame-pointer -fno-sanitize-recover=all
BUILD := build/san-$(subst $(comma),-,$(SANITIZE))
else
SAN_FLAGS :=
BUILD := build/default
endif

ALL_CFLAGS := $(WARN) -D_GNU_SOURCE -Iinclude -Isrc -DPM_VERSION='"$(VERSION)"' \
	$(PKG_CFLAGS) $(SAN_FLAGS) $(CFLAGS)
ALL_LDFLAGS := $(SAN_FLAGS) $(LDFLAGS)
LIBS := $(PKG_LIBS) -lpthread

CORE_SRC := $(wildcard src/core/*.c src/git/*.c src/out/*.c)
CMD_SRC := $(wildcard src/cmd/*.c) src/main.c
# The built-in templates (templates/*.md) and the folder READMEs of init
# (templates/readme/*.md), compiled in as C arrays by tools/embed.sh.
TEMPLATE_FILES := $(sort $(wildcard templates/*.md templates/readme/*.md))
EMBED_SRC := build/gen/templates.c
EMBED_OBJ := $(BUILD)/gen/templates.o
CORE_OBJ := $(CORE_SRC:%.c=$(BUILD)/%.o) $(EMBED_OBJ)
CMD_OBJ := $(CMD_SRC:%.c=$(BUILD)/%.o)
CORE_LIB := $(BUILD)/libpostmortem.a

UNIT_SRC := $(wildcard tests/unit/test_*.c)
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# The fuzz harnesses, built with fuzz/replay.c instead of libFuzzer.
FUZZ_SRC := $(wildcard fuzz/fuzz_*.c)
REPLAY_BIN := $(FUZZ_SRC:fuzz/%.c=$(BUILD)/fuzz/%)

BIN := postmortem
BUILT_BIN := $(BUILD)/postmortem

.PHONY: all deps check unit seeds cli demo install uninstall clean bench fuzz FORCE
all: $(BIN)

# The check itself runs when this Makefile is read, before any target.
deps:
	@echo "deps: every library is installed"

# ./postmortem is a copy of the variant this make asked for, so tests and
# the demo always run what was just compiled (sanitized or not). Compared
# each time: after a sanitized build, a plain `make` puts the plain one
# back even though it is older.
$(BIN): $(BUILT_BIN) FORCE
	@cmp -s $< $@ || { echo "cp $< $@"; cp $< $@.tmp && mv -f $@.tmp $@; }
FORCE:

$(BUILT_BIN): $(CMD_OBJ) $(CORE_LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CMD_OBJ) $(CORE_LIB) $(LIBS)

$(CORE_LIB): $(CORE_OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(EMBED_SRC): $(TEMPLATE_FILES) tools/embed.sh
	@mkdir -p $(dir $@)
	sh tools/embed.sh $(TEMPLATE_FILES) >$@.tmp
	mv $@.tmp $@

$(EMBED_OBJ): $(EMBED_SRC)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(CMOCKA_CFLAGS) $(ALL_LDFLAGS) -o $@ $< $(CORE_LIB) $(LIBS) $(CMOCKA_LIBS)

unit: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

$(BUILD)/fuzz/%: fuzz/%.c fuzz/replay.c $(CORE_LIB)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) $(ALL_LDFLAGS) -o $@ $< fuzz/replay.c $(CORE_LIB) $(LIBS)

# Every harness on its seeds, without clang: each fuzzing finding kept in
# fuzz/seeds/<harness>/ is a regression test of make check.
seeds: $(REPLAY_BIN)
	@set -e; for t in $(REPLAY_BIN); do \
		if [ -d fuzz/seeds/$${t##*/} ]; then $$t fuzz/seeds/$${t##*/}; fi; done

cli: $(BIN)
	bash tests/cli/run.sh ./$(BIN)

check: unit seeds cli

demo: $(BIN)
	@sh tools/demo.sh ./$(BIN)

bench: $(BIN)
	sh bench/run.sh ./$(BIN)

# libFuzzer harnesses (clang), FUZZ_SECONDS each (default 60); FUZZ_TARGETS
# names some ("fuzz_slug fuzz_done"); see fuzz/run.sh.
fuzz:
	sh fuzz/run.sh

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR)
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/postmortem
	ln -sf postmortem $(DESTDIR)$(BINDIR)/git-postmortem

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/postmortem $(DESTDIR)$(BINDIR)/git-postmortem

clean:
	rm -rf build $(BIN)

-include $(CORE_OBJ:.o=.d) $(CMD_OBJ:.o=.d)
