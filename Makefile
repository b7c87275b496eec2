# Serialdesk. `make run` opens the app, `make test` runs the tests.
GO      ?= go
BIN     ?= serialdesk
# The app opts into Fyne's one-goroutine model (FyneApp.toml, [Migrations]);
# built without the fyne tool it needs the tag that says so.
APPTAGS := migrated_fynedo
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev
# Readers other than the writers, for the tests: poppler renders and reads
# the PDFs, zbar decodes the labels' barcodes, openpyxl reads the workbooks.
TEST_DEB_PKGS := poppler-utils zbar-tools python3-openpyxl
# The fyne tool packages the app (icon, version, app ID from FyneApp.toml);
# pinned here and run through go run, so nobody installs it.
FYNE    := $(GO) run fyne.io/tools/cmd/fyne@v1.7.4
WIN_CC  := x86_64-w64-mingw32-gcc
# keep-fyneapp runs a fyne package command and puts FyneApp.toml back: the
# tool counts up its build number and rewrites it, and the version is kept
# there by hand.
keep-fyneapp = cp FyneApp.toml .FyneApp.toml.keep && { $(1); s=$$?; mv .FyneApp.toml.keep FyneApp.toml; exit $$s; }

.PHONY: run build test test-deps test-both test-postgres bench crashtest faulttest fuzz desktop-deps windows windows-deps package-linux package-darwin clean screenshots

## run: open Serialdesk (ARGS="--data DIR" to choose the register)
run: desktop-deps
	$(GO) run -tags $(APPTAGS) . $(ARGS)

## build: build the desktop program ./serialdesk
build: desktop-deps
	$(GO) build -tags $(APPTAGS) -o $(BIN) .

# The packages whose tests run the register's rules: make test runs them on
# both engines.
REGISTER_TESTS := ./core/... ./data/sheets/ ./data/paper/ ./screens/ ./app/

## test: format check, vet and all tests on Fyne's headless driver (no OpenGL needed),
## on Badger and on a throwaway PostgreSQL server (.ci/with-postgres; installs Debian's
## postgresql package when it is missing)
test: test-deps
	@unformatted="$$(gofmt -l .)"; [ -z "$$unformatted" ] || { echo "Not gofmt-formatted (run gofmt -w):"; echo "$$unformatted"; exit 1; }
	$(GO) vet -tags ci ./...
	.ci/with-postgres $(MAKE) --no-print-directory test-both

## test-deps: the programs the tests read their PDFs and workbooks with (Debian packages)
test-deps:
	@missing=""; for p in $(TEST_DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
		command -v apt-get >/dev/null 2>&1 || { echo "Install these for the tests first:$$missing"; exit 1; }; \
		echo "Installing what the tests read PDFs and workbooks with:$$missing"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
	fi

test-both:
	$(GO) test -tags ci -count=1 ./...
	SERIALDESK_TEST_ENGINE=postgres $(GO) test -tags ci -count=1 $(REGISTER_TESTS)

## test-postgres: the PostgreSQL engine's tests and the register's tests on PostgreSQL only
test-postgres:
	.ci/with-postgres env SERIALDESK_TEST_ENGINE=postgres $(GO) test -tags ci -count=1 ./data/postgres/... $(REGISTER_TESTS)

## bench: benchmarks on a generated register of 1,000,000 serials, on Badger and on a local
## PostgreSQL server with every commit on disk, side by side (docs/PERFORMANCE.md)
bench:
	SERIALDESK_TEST_PG_DURABLE=1 .ci/with-postgres $(GO) test -tags ci -run '^$$' -bench . -benchmem -timeout 60m ./data/ ./data/postgres/

## fuzz: each fuzz test for a count of runs (a few seconds each), or for FUZZTIME (e.g. 1m);
## failing inputs land in testdata/fuzz. Counts, because a duration can end in a
## spurious "context deadline exceeded" (Go 1.26, go.dev/issue/75804). Minimizing a
## new input is capped: on a workbook it ran for the whole time.
FUZZTIME ?=
FUZZ_TARGETS := core:FuzzNormalizeSerial:20000 core:FuzzPattern:20000 data/sheets:FuzzOpenWorkbook:3000 \
	data:FuzzDecodeSerial:30000 data:FuzzRedoLog:2000
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; rest=$${t#*:}; name=$${rest%%:*}; runs=$${rest##*:}; \
		budget=$${FUZZTIME:-$${runs}x}; \
		echo "fuzz $$name ($$budget)"; \
		$(GO) test -tags ci -run '^$$' -fuzz "^$$name$$" -fuzztime $$budget -fuzzminimizetime 2s ./$$pkg/ || exit 1; \
	done

## crashtest: kill the register 200 times at random moments and check it each time (make test kills it 4 times)
crashtest:
	CRASH_KILLS=$${CRASH_KILLS:-200} $(GO) test -tags ci -count=1 -v -run '^TestCrashLosesNothing$$' -timeout 60m ./data/

## faulttest: the longer fault tests: the table check while Badger compacts under it, and 30 kills
## of the register (CI runs it; make test runs the damage and full-disk matrices, which take seconds)
faulttest:
	$(GO) test -tags ci,faulttest -count=1 -run '^TestFault' -timeout 20m ./data/
	CRASH_KILLS=30 $(GO) test -tags ci -count=1 -run '^TestCrashLosesNothing$$' -timeout 20m ./data/

## desktop-deps: the C compiler and OpenGL/X11 headers Fyne needs to build
desktop-deps:
	@case "$$(uname -s)" in \
	Linux) \
		missing=""; \
		for p in $(DEB_PKGS); do dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
		if [ -n "$$missing" ]; then \
			if command -v apt-get >/dev/null 2>&1; then \
				echo "Installing what Fyne needs to build:$$missing"; \
				$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q $$missing; \
			else \
				echo "Install a C compiler and the OpenGL and X11 development headers (Fyne's list: https://docs.fyne.io/started/)"; exit 1; \
			fi; \
		fi ;; \
	Darwin) \
		xcode-select -p >/dev/null 2>&1 || { echo "Install the Xcode command line tools first: xcode-select --install"; exit 1; } ;; \
	*) \
		command -v gcc >/dev/null 2>&1 || { echo "Install a C compiler first: MSYS2 with mingw-w64-x86_64-gcc, see README.md"; exit 1; } ;; \
	esac

## windows: cross-compile dist/serialdesk.exe (a GUI program with the icon and version) and
## dist/serialdesk-cli.exe (the same for the commands, as a console program) with mingw-w64
# The fyne tool itself is built for this machine without cgo; it builds the
# app for Windows with cgo and the compiler in CC. A GUI program cannot write
# to the console it was started from, hence the console twin, built with the
# same flags so that it reuses the build.
windows: windows-deps
	mkdir -p dist
	rm -f Serialdesk.exe
	$(call keep-fyneapp,CC=$(WIN_CC) CGO_ENABLED=0 $(FYNE) package --os windows --release)
	mv Serialdesk.exe dist/serialdesk.exe
	CC=$(WIN_CC) CGO_ENABLED=1 GOOS=windows GOARCH=amd64 $(GO) build -trimpath -tags release,$(APPTAGS) -ldflags "-s -w" -o dist/serialdesk-cli.exe .

## package-linux: dist/Serialdesk.tar.xz, the app with its icon and desktop entry, installed with make install from inside it
package-linux: desktop-deps
	mkdir -p dist
	rm -f Serialdesk.tar.xz
	$(call keep-fyneapp,$(FYNE) package --os linux --release)
	mv Serialdesk.tar.xz dist/

## package-darwin: dist/Serialdesk.app on a Mac (Xcode command line tools), checked to start
package-darwin: desktop-deps
	@[ "$$(uname -s)" = Darwin ] || { echo "package-darwin runs on a Mac: the app bundle needs Apple's toolchain"; exit 1; }
	mkdir -p dist
	rm -rf Serialdesk.app dist/Serialdesk.app
	$(call keep-fyneapp,$(FYNE) package --os darwin --release)
	mv Serialdesk.app dist/
	dist/Serialdesk.app/Contents/MacOS/serialdesk --version

## windows-deps: Debian's mingw-w64 C compiler for the Windows build
windows-deps:
	@command -v $(WIN_CC) >/dev/null 2>&1 || { \
		command -v apt-get >/dev/null 2>&1 || { echo "Install the mingw-w64 C compiler ($(WIN_CC)) first"; exit 1; }; \
		echo "Installing the mingw-w64 C compiler for the Windows build"; \
		$(SUDO) apt-get update -q && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -q gcc-mingw-w64-x86-64; \
	}

clean:
	rm -rf $(BIN) $(BIN).exe dist

## screenshots: render every screen with the example data to docs/screenshots/*.png, and the
## first page of each kind of paper (PDF) to docs/screenshots/paper-*.png (poppler-utils)
screenshots: test-deps
	SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -tags ci -count=1 -run '^TestScreenshots$$' ./screens/ ./data/paper/
