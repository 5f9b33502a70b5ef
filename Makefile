# sanzi: the registry of village collective funds, assets and resources.
CC      ?= cc
CFLAGS  ?= -O2 -g
WARN    = -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wformat-security \
          -Wstrict-prototypes -Wmissing-prototypes -Wvla -Wwrite-strings
LIBS    = -lsqlite3 -lcsv -lnettle -lsodium -lmicrohttpd -lxlsxwriter -lzip -lexpat -lfreexl -lqrencode -lm -lpthread
PREFIX  ?= /usr/local
BUILD   ?= build
BIN     ?= sanzi
JOBS    ?= $(shell echo $$(( $$(nproc 2>/dev/null || echo 1) * 2 )))

# The layers, lowest first: cli -> web -> domain -> store -> base (doc/design.md).
LAYERS  = base store domain web cli
SRC     = $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.c))
HDR     = $(foreach l,$(LAYERS),$(wildcard src/$(l)/*.h))
OBJ     = $(patsubst src/%.c,$(BUILD)/%.o,$(SRC)) $(BUILD)/schema.o
LIBOBJ  = $(filter-out $(BUILD)/cli/main.o,$(OBJ))
UNIT    = $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
SCHEMA  = $(sort $(wildcard schema/*.sql))
# The web pages' style sheet and script, embedded like the migrations.
STATIC  = $(sort $(wildcard src/web/static/*))
# The fuzz targets (tests/fuzz/fuzz_NAME.c): libFuzzer binaries for
# `make fuzz`, replayers over the seed corpora for `make test`.
FUZZ    = $(patsubst tests/fuzz/fuzz_%.c,%,$(wildcard tests/fuzz/fuzz_*.c))
REPLAY  = $(patsubst %,$(BUILD)/fuzz/replay_%,$(FUZZ))
FUZZ_SECONDS ?= 30
# The same seed in every run, so that a run CI passed passes again and a
# finding reproduces; FUZZ_SEED=0 draws a new one (to explore further).
FUZZ_SEED ?= 1


# The Chinese catalog, compiled beside the program (the build tree finds
# it there; `make install` puts it under $(LOCALEDIR)).
LOCALEDIR ?= $(PREFIX)/share/locale
MO      = $(BUILD)/locale/zh_CN/LC_MESSAGES/sanzi.mo
# The man page: Chinese where man-db looks by default (as the program
# speaks Chinese on a bare C locale), English under `man -L en` and on an
# English locale. Bash completion where
# bash-completion loads it on demand.
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

all: $(BIN) $(MO)

$(MO): po/zh_CN.po | $(BUILD)
	@mkdir -p $(dir $@)
	msgfmt --check -o $@ po/zh_CN.po

$(BIN): $(OBJ)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $(OBJ) $(LIBS)

$(BUILD)/%.o: src/%.c $(HDR) | $(BUILD)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	@$(CC) $(WARN) $(CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/base/i18n.o: CFLAGS += -DLOCALEDIR='"$(LOCALEDIR)"'

# The migrations and the code tables the program needs at run time are
# embedded into the binary as one generated C file.
$(BUILD)/schema.c: $(SCHEMA) $(STATIC) tools/embed.sh | $(BUILD)
	sh tools/embed.sh $(SCHEMA) $(STATIC) > $@

$(BUILD)/schema.o: $(BUILD)/schema.c
	@echo "  CC      $<"
	@$(CC) $(WARN) $(CFLAGS) -Isrc -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(wildcard tests/unit/*.h) $(LIBOBJ) | $(BUILD)
	@mkdir -p $(BUILD)/tests
	$(CC) $(WARN) $(CFLAGS) -Isrc -o $@ $< $(LIBOBJ) $(LIBS) -lcmocka

$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIBOBJ) | $(BUILD)
	@mkdir -p $(BUILD)/fuzz
	$(CC) $(WARN) $(CFLAGS) $(LDFLAGS) -Isrc -o $@ $< tests/fuzz/replay.c $(LIBOBJ) $(LIBS)

# libFuzzer builds: clang, ASan and UBSan, in their own tree.
build-fuzz/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h FORCE
	@sh tools/deps.sh clang
	@$(MAKE) --no-print-directory BUILD=build-fuzz CC=clang \
	  CFLAGS="-O1 -g -fsanitize=address,undefined,fuzzer-no-link -fno-sanitize-recover=all -fno-omit-frame-pointer" \
	  $(patsubst $(BUILD)/%,build-fuzz/%,$(LIBOBJ))
	@mkdir -p build-fuzz/fuzz
	@echo "  FUZZ    $@"
	@clang $(WARN) -O1 -g -fsanitize=address,undefined,fuzzer -fno-sanitize-recover=all -Isrc -o $@ $< \
	  $(patsubst $(BUILD)/%,build-fuzz/%,$(LIBOBJ)) $(LIBS)

$(BUILD):
	mkdir -p $(BUILD)

unit: $(UNIT) $(REPLAY)

# Fuzzes each target for FUZZ_SECONDS (30 by default), starting from its
# seed corpus; new inputs go to build-fuzz/corpus/, a crash to
# build-fuzz/crash-TARGET-*. Add a crash to tests/fuzz/corpus/TARGET/ once
# fixed, so that `make test` replays it from then on.
fuzz: $(patsubst %,build-fuzz/fuzz/fuzz_%,$(FUZZ))
	@for t in $(FUZZ); do \
	  mkdir -p build-fuzz/corpus/$$t && \
	  echo "fuzz: $$t for $(FUZZ_SECONDS) s" && \
	  build-fuzz/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) -seed=$(FUZZ_SEED) \
	    -print_final_stats=0 \
	    -artifact_prefix=build-fuzz/crash-$$t- -max_len=65536 \
	    build-fuzz/corpus/$$t tests/fuzz/corpus/$$t 2>build-fuzz/fuzz-$$t.log || \
	  { tail -40 build-fuzz/fuzz-$$t.log; exit 1; }; \
	  grep -E "^#[0-9]+ *DONE" build-fuzz/fuzz-$$t.log || tail -2 build-fuzz/fuzz-$$t.log; \
	done

test: deps sanzi $(MO) unit
	CMOCKA_MESSAGE_OUTPUT=TAP prove -j$(JOBS) -f tools/layers.sh tools/po-check.sh \
	  tests/fuzz/replay.sh $(UNIT) tests/cli/t*.sh tests/web/t*.sh

# Each security rule of doc/web.md removed in turn from a copy of the tree:
# a web test must fail every time (long: not part of `make test`).
mutate-web: deps
	sh tools/mutate-web.sh

# Installs the Debian packages when one is missing (says so on screen).
deps:
	@sh tools/deps.sh

demo: deps sanzi $(MO)
	sh bench/demo.sh

bench: deps sanzi $(MO)
	@sh tools/deps.sh wrk
	sh bench/run.sh

# Builds with the sanitizers in a separate tree and runs the whole suite.
# Every report goes to a file under build-asan/ (a leak does not change a
# failing command's exit status, so the tests alone would miss it): any
# report fails the check.
check: deps
	$(MAKE) BUILD=build-asan BIN=build-asan/sanzi \
	  CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer" \
	  LDFLAGS="-fsanitize=address,undefined" build-asan/sanzi \
	  build-asan/locale/zh_CN/LC_MESSAGES/sanzi.mo unit
	rm -f build-asan/sanitizer.*
	CMOCKA_MESSAGE_OUTPUT=TAP \
	  ASAN_OPTIONS=detect_leaks=1:log_path=$(CURDIR)/build-asan/sanitizer \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1:log_path=$(CURDIR)/build-asan/sanitizer \
	  SANZI_BIN=$(CURDIR)/build-asan/sanzi FUZZ_BUILD=build-asan \
	  prove -j$(JOBS) -f tests/fuzz/replay.sh \
	  $(patsubst $(BUILD)/%,build-asan/%,$(UNIT)) tests/cli/t*.sh tests/web/t*.sh
	@if ls build-asan/sanitizer.* >/dev/null 2>&1; then \
	  cat build-asan/sanitizer.*; \
	  echo "make check: the sanitizers reported the problems above" >&2; \
	  exit 1; fi

install: sanzi $(MO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES
	install -m 755 sanzi $(DESTDIR)$(PREFIX)/bin/sanzi
	install -m 644 $(MO) $(DESTDIR)$(LOCALEDIR)/zh_CN/LC_MESSAGES/sanzi.mo
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/en/man1 $(DESTDIR)$(BASHCOMPDIR)
	install -m 644 doc/sanzi.1 $(DESTDIR)$(MANDIR)/man1/sanzi.1
	install -m 644 doc/sanzi.en.1 $(DESTDIR)$(MANDIR)/en/man1/sanzi.1
	install -m 644 completion/sanzi.bash $(DESTDIR)$(BASHCOMPDIR)/sanzi

clean:
	rm -rf build build-asan build-fuzz sanzi demo.db demo.db-wal demo.db-shm demo-data demo-out bench/out

.PHONY: all unit test deps demo bench check install clean fuzz mutate-web FORCE
FORCE:
