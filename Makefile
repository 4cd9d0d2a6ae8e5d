# darkstat-tui: plain Makefile (GNU make). See README.
#   make                 build ./darkstat-tui
#   make check           install test dependencies, run every test suite
#   make run             install dependencies, build, start the monitor
#   make DEVELOPER=1     strict warnings, -Werror
#   make SANITIZE=address,undefined   or   SANITIZE=thread
#   make V=1             show the commands

PROG	 = darkstat-tui
PREFIX	?= /usr/local
PKG_CONFIG ?= pkg-config
PKGS	 = libpcap ncursesw libpcre2-8 libmicrohttpd sqlite3 zlib
CC	?= cc

# libmicrohttpd is not linked: src/http/server.c loads it (by its soname)
# when the web server starts.
MHD_SONAME := $(shell objdump -p $$($(PKG_CONFIG) --variable=libdir \
	libmicrohttpd 2>/dev/null)/libmicrohttpd.so 2>/dev/null | \
	awk '$$1 == "SONAME" { print $$2 }')

CFLAGS	?= -O2 -g
ALL_CFLAGS = -std=gnu11 -pthread -Wall -Wextra -MMD -MP -Isrc \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) $(CFLAGS) \
	$(if $(MHD_SONAME),-DMHD_SONAME='"$(MHD_SONAME)"')
LIBS	 = $(shell $(PKG_CONFIG) --libs $(filter-out libmicrohttpd,$(PKGS)) \
	2>/dev/null) -pthread -lm

ifdef DEVELOPER
ALL_CFLAGS += -Werror -Wformat=2 -Wshadow -Wmissing-prototypes \
	-Wstrict-prototypes -Wpointer-arith -Wwrite-strings -Wvla \
	-Wno-format-nonliteral
endif
# The program is optimised across files: the per-packet path spans
# cap.c, pcapfile.c, decode.c, acct.c and the tables (unbounded, 838 -> 806
# instructions a packet). The sanitizer builds are not.
LTO	?= -flto=auto
ifndef SANITIZE
ALL_CFLAGS += $(LTO)
endif

ifdef SANITIZE
ALL_CFLAGS += -fsanitize=$(SANITIZE) -fno-omit-frame-pointer \
	-fno-sanitize-recover=all
LDFLAGS += -fsanitize=$(SANITIZE)
endif

ifeq ($(V),1)
Q =
else
Q = @
endif

SRCS	 = $(wildcard src/*.c src/ui/*.c src/http/*.c)
OBJDIR	 = build$(if $(SANITIZE),-$(subst $(comma),-,$(SANITIZE)))
comma	:= ,
OBJS	 = $(SRCS:src/%.c=$(OBJDIR)/%.o)
LIBOBJS	 = $(filter-out $(OBJDIR)/main.o,$(OBJS))
UNIT_SRCS = $(wildcard tests/unit/t_*.c)
UNIT_BINS = $(UNIT_SRCS:tests/unit/%.c=$(OBJDIR)/tests/%)

.PHONY: all check unit run deps build-deps stress clean install lint-man fuzz bench

all: $(PROG)$(if $(SANITIZE),-$(subst $(comma),-,$(SANITIZE)))

$(PROG): $(OBJS)
	@$(if $(Q),echo "  LINK    $@";)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(PROG)-$(subst $(comma),-,$(SANITIZE)): $(OBJS)
	@$(if $(Q),echo "  LINK    $@";)
	$(Q)$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(OBJS) $(LIBS)

$(OBJDIR)/%.o: src/%.c
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@";)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

# The web interface's stylesheet and script are built in (.incbin).
$(OBJDIR)/http/assets.o: $(wildcard src/http/www/*)

$(OBJDIR)/tests/%: tests/unit/%.c $(LIBOBJS)
	@mkdir -p $(@D)
	@$(if $(Q),echo "  CC      $@";)
	$(Q)$(CC) $(ALL_CFLAGS) -Isrc $(LDFLAGS) -o $@ $< $(LIBOBJS) $(LIBS)

unit: $(UNIT_BINS)

deps:
	@contrib/install-deps

build-deps:
	@contrib/install-deps --build

# The whole suite: unit tests and end-to-end tests, on a normal build and
# on an ASan+UBSan build, and a TSan build for the race test. The last line
# is "N passed, N failed".
check: deps
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory SANITIZE=address,undefined all unit
	@$(MAKE) --no-print-directory SANITIZE=thread all
	@tests/run

# The terminal interface, capturing on the first interface that is up and
# not loopback. ARGS adds options (e.g. ARGS="-i eth1").
RUN_ARGS ?=
run: build-deps
	@$(MAKE) --no-print-directory all
	./$(PROG) $(RUN_ARGS) $(ARGS)

# Benchmarks against darkstat and the libpcap floor (not tests): see
# tests/bench/README.
bench: deps
	@$(MAKE) --no-print-directory all
	@tests/bench/run
	@tests/bench/http

# make install [PREFIX=/usr/local] [DESTDIR=]: the program, its manual page,
# the systemd unit (its paths rewritten for PREFIX and SYSCONFDIR), and the
# sample configuration and logrotate files, which are never overwritten
# (copies of all three go to DOCDIR).
SBINDIR	?= $(PREFIX)/sbin
MANDIR	?= $(PREFIX)/share/man
DOCDIR	?= $(PREFIX)/share/doc/$(PROG)
SYSCONFDIR ?= /etc
UNITDIR	?= $(PREFIX)/lib/systemd/system
CONTRIB	 = contrib/$(PROG).service contrib/$(PROG).conf contrib/$(PROG).logrotate

# Long runs (1M web requests, 10M hosts, 10 minutes of each fuzzer): not
# part of make check. See tests/stress/run.
stress: deps
	@$(MAKE) --no-print-directory all
	@tests/stress/run

install: $(PROG)
	install -d $(DESTDIR)$(SBINDIR) $(DESTDIR)$(MANDIR)/man8 \
	    $(DESTDIR)$(DOCDIR) $(DESTDIR)$(UNITDIR) \
	    $(DESTDIR)$(SYSCONFDIR)/logrotate.d
	install -m 755 $(PROG) $(DESTDIR)$(SBINDIR)/$(PROG)
	install -m 644 man/$(PROG).8 $(DESTDIR)$(MANDIR)/man8/
	install -m 644 README $(CONTRIB) $(DESTDIR)$(DOCDIR)/
	sed -e 's|/usr/local/sbin/$(PROG)|$(SBINDIR)/$(PROG)|' \
	    -e 's|/etc/$(PROG).conf|$(SYSCONFDIR)/$(PROG).conf|' \
	    contrib/$(PROG).service >$(DESTDIR)$(UNITDIR)/$(PROG).service
	chmod 644 $(DESTDIR)$(UNITDIR)/$(PROG).service
	test -e $(DESTDIR)$(SYSCONFDIR)/$(PROG).conf || \
	    install -m 644 contrib/$(PROG).conf $(DESTDIR)$(SYSCONFDIR)/
	test -e $(DESTDIR)$(SYSCONFDIR)/logrotate.d/$(PROG) || \
	    install -m 644 contrib/$(PROG).logrotate \
	    $(DESTDIR)$(SYSCONFDIR)/logrotate.d/$(PROG)

lint-man:
	mandoc -Tlint man/$(PROG).8

clean:
	rm -rf build build-* $(PROG) $(PROG)-*

-include $(OBJS:.o=.d) $(UNIT_BINS:=.d)

# libFuzzer targets (clang). `make fuzz` builds them; run one with
#   build-fuzz/decode_fuzzer -max_total_time=600 tests/fuzz/corpus/decode
FUZZ_CC ?= clang
FUZZ_FLAGS = -g -O1 -std=gnu11 -fsanitize=fuzzer,address,undefined -Isrc \
	$(shell $(PKG_CONFIG) --cflags libpcap libpcre2-8 sqlite3 2>/dev/null)
# Targets past the decoder link everything but the server, the loops and
# the UI.
FUZZ_LIB_SRCS = $(filter-out src/main.c src/headless.c src/http/server.c, \
	$(wildcard src/*.c src/http/*.c))
FUZZ_LIBS = $(shell $(PKG_CONFIG) --libs libpcap libpcre2-8 sqlite3) -pthread -lm
FUZZERS = decode http import filter conf pcapfile
fuzz: $(FUZZERS:%=build-fuzz/%_fuzzer)

build-fuzz/decode_fuzzer: tests/fuzz/decode_fuzzer.c src/decode.c src/decode.h src/addr.h
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz/decode_fuzzer.c src/decode.c

build-fuzz/%_fuzzer: tests/fuzz/%_fuzzer.c $(FUZZ_LIB_SRCS) $(wildcard src/*.h src/http/*.h src/http/www/*)
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ $< $(FUZZ_LIB_SRCS) $(FUZZ_LIBS)

# The configuration splitter alone: its fuzzer stands in for log.c.
build-fuzz/conf_fuzzer: tests/fuzz/conf_fuzzer.c src/conf.c src/xmalloc.c src/conf.h
	@mkdir -p $(@D)
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@ tests/fuzz/conf_fuzzer.c src/conf.c src/xmalloc.c
