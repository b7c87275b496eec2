# Serialdesk. `make run` opens the app, `make test` runs the tests.
GO      ?= go
BIN     ?= serialdesk
# The app opts into Fyne's one-goroutine model (FyneApp.toml, [Migrations]);
# built without the fyne tool it needs the tag that says so.
APPTAGS := migrated_fynedo
SUDO    := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
DEB_PKGS := gcc pkg-config libgl1-mesa-dev xorg-dev

.PHONY: run build test bench crashtest fuzz desktop-deps clean screenshots

## run: open Serialdesk (ARGS="--data DIR" to choose the register)
run: desktop-deps
	$(GO) run -tags $(APPTAGS) . $(ARGS)

## build: build the desktop program ./serialdesk
build: desktop-deps
	$(GO) build -tags $(APPTAGS) -o $(BIN) .

## test: format check, vet and all tests on Fyne's headless driver (no OpenGL needed)
test:
	@unformatted="$$(gofmt -l .)"; [ -z "$$unformatted" ] || { echo "Not gofmt-formatted (run gofmt -w):"; echo "$$unformatted"; exit 1; }
	$(GO) vet -tags ci ./...
	$(GO) test -tags ci -count=1 ./...

## bench: benchmarks on a generated store of 1,000,000 serials (docs/PERFORMANCE.md)
bench:
	$(GO) test -tags ci -run '^$$' -bench . -benchmem -timeout 30m ./data/

## fuzz: each fuzz test for FUZZTIME (default 10s); failing inputs land in testdata/fuzz.
## Minimizing a new input is capped: on a workbook it ran for the whole FUZZTIME.
FUZZTIME ?= 10s
FUZZ_TARGETS := core:FuzzNormalizeSerial core:FuzzPattern data/sheets:FuzzOpenWorkbook data:FuzzDecodeSerial data:FuzzRedoLog
fuzz:
	@for t in $(FUZZ_TARGETS); do \
		pkg=$${t%%:*}; name=$${t##*:}; \
		echo "fuzz $$name ($(FUZZTIME))"; \
		$(GO) test -tags ci -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME) -fuzzminimizetime 2s ./$$pkg/ || exit 1; \
	done

## crashtest: kill the register 200 times at random moments and check it each time (make test kills it 4 times)
crashtest:
	CRASH_KILLS=$${CRASH_KILLS:-200} $(GO) test -tags ci -count=1 -v -run '^TestCrashLosesNothing$$' -timeout 60m ./data/

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

clean:
	rm -f $(BIN) $(BIN).exe

## screenshots: render every screen with the example data to docs/screenshots/*.png
screenshots:
	SCREENSHOTS=$(CURDIR)/docs/screenshots $(GO) test -tags ci -count=1 -run '^TestScreenshots$$' ./screens/
