# Two commands set up everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export AMPARO_VAULT ?= $(CURDIR)/.demo-vault
DEMO_PASS := $(CURDIR)/.demo-passphrase

.PHONY: run test lint bench screenshots system-deps clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	touch $(STAMP)

# Debian packages the tests and documents need: Chromium for browser tests (never a
# Playwright browser download), poppler for PDF checks, and the fonts PDFs are set in
# (amparo/typeset/fonts.py): DejaVu for Latin, Greek, Cyrillic and Hebrew (italics are in
# -extra), Amiri for Arabic, Lohit for Devanagari, WenQuanYi Micro Hei for Chinese,
# Japanese kana and Korean. The fonts take about 18 MB installed (5.3 MB to download);
# Noto CJK alone would take 91 MB. WITH_LIBREOFFICE=1 also installs LibreOffice Writer
# (about 250 MB), with which tests/typeset converts the DOCX files to PDF; without it
# that test is skipped, and says so.
FONT_FILES := \
  /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf=fonts-dejavu-core \
  /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf=fonts-dejavu-extra \
  /usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf=fonts-hosny-amiri \
  /usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf=fonts-lohit-deva \
  /usr/share/fonts/truetype/wqy/wqy-microhei.ttc=fonts-wqy-microhei
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	for entry in $(FONT_FILES); do \
	  test -f "$${entry%%=*}" || missing="$$missing $${entry#*=}"; \
	done; \
	office=""; \
	if [ -n "$(WITH_LIBREOFFICE)" ]; then command -v soffice >/dev/null || office="libreoffice-writer-nogui"; fi; \
	if [ -n "$$missing$$office" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update -qq && export DEBIAN_FRONTEND=noninteractive && \
	    { [ -z "$$missing" ] || apt-get install -y -qq $$missing; } && \
	    { [ -z "$$office" ] || apt-get install -y -qq --no-install-recommends $$office; }; \
	  else echo "missing Debian packages:$$missing $$office (run as root: apt-get install -y$$missing $$office)"; exit 1; fi; \
	fi

run: $(STAMP) system-deps
	@test -f $(DEMO_PASS) || { $(BIN)/python -c "import secrets; print(secrets.token_urlsafe(18))" > $(DEMO_PASS); chmod 600 $(DEMO_PASS); }
	@test -d $(AMPARO_VAULT) || $(BIN)/amparo demo --passphrase-file $(DEMO_PASS)
	@echo "Amparo is starting at http://127.0.0.1:8000/ (locked). Unlock it in your browser with the"
	@echo "passphrase in $(DEMO_PASS) (the demo's; cat it). Ctrl-C stops the server and locks the vault."
	$(BIN)/amparo serve --vault $(AMPARO_VAULT) --host 127.0.0.1 --port 8000

test: $(STAMP) system-deps
	$(BIN)/ruff check src tests bench
	$(BIN)/pytest -n 2 -q

lint: $(STAMP)
	$(BIN)/ruff check src tests bench

bench: $(STAMP)
	@for b in bench/*.py; do echo "== $$b"; $(BIN)/python $$b || exit 1; done

# PNGs of the main pages (demo vault, headless Debian Chromium) for the README.
screenshots: $(STAMP) system-deps
	$(BIN)/python bench/screenshots.py --out docs/screenshots

clean:
	rm -rf $(VENV) .pytest_cache build src/*.egg-info

# After changing a UI message: refresh src/amparo/locale/web.pot and add new messages to
# every web.po (untranslated ones are listed, and tests/web/test_catalogs.py fails on them).
.PHONY: web-messages
web-messages: $(STAMP)
	$(BIN)/python -m amparo.web.catalog_check --update

# The long crash run: 200 SIGKILLs of processes writing to a vault (evidence add and delete,
# rekey, passphrase change, migration, case import), with the totals (tests/hardening has 20).
.PHONY: hardening
hardening: $(STAMP)
	$(BIN)/python bench/hardening.py --kills 200

# The long hostile run: 200 kills, 500 hostile case-facts examples, schemathesis (100 per
# API operation), XSS payloads in Chromium, the canary; prints the figures (bench/hostile.py).
.PHONY: hostile
hostile: $(STAMP)
	$(BIN)/python bench/hostile.py --kills 200 --fuzz 500 --api 100
