# Two commands set up everything on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
# Two stamps: `make run` installs only what running needs; `make test` adds the test extras.
RUN_STAMP := $(VENV)/.installed-run
STAMP := $(VENV)/.installed-test
# pip without its version check or .pyc compilation (Python compiles on first import):
# a fresh `make run` installs in well under a minute instead of about a minute and a half.
PIP := $(BIN)/pip install -q --disable-pip-version-check --no-compile

.PHONY: run test lint bench screenshots system-deps clean

$(RUN_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(PIP) -e .
	touch $(RUN_STAMP)

$(STAMP): pyproject.toml $(RUN_STAMP)
	$(PIP) -e '.[test]'
	touch $(STAMP)

# Debian packages the tests and documents need: Chromium for browser tests (never a
# Playwright browser download), poppler for PDF checks, and the fonts PDFs are set in
# (amparo/typeset/fonts.py): DejaVu for Latin, Greek, Cyrillic and Hebrew (italics are in
# -extra), Amiri for Arabic, Lohit for Devanagari, WenQuanYi Micro Hei for Chinese,
# Japanese kana and Korean. The same packages are the web pages' system fonts (the pages load
# no web font): fontconfig gives the browser DejaVu Sans for Latin, Cyrillic and Arabic (regular
# and bold) and WenQuanYi Micro Hei for Chinese, so the six UN languages need nothing more
# (tests/web/test_rtl.py checks every letter of each UI catalog). The fonts take about
# 18 MB installed (5.3 MB to download); Noto CJK alone would take 91 MB. WITH_LIBREOFFICE=1 also installs LibreOffice Writer
# (about 250 MB), with which tests/typeset converts the DOCX files to PDF; without it
# that test is skipped, and says so.
FONT_FILES := \
  /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf=fonts-dejavu-core \
  /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf=fonts-dejavu-extra \
  /usr/share/fonts/opentype/fonts-hosny-amiri/Amiri-Regular.ttf=fonts-hosny-amiri \
  /usr/share/fonts/truetype/lohit-devanagari/Lohit-Devanagari.ttf=fonts-lohit-deva \
  /usr/share/fonts/truetype/wqy/wqy-microhei.ttc=fonts-wqy-microhei
# `make run` needs only the fonts (RUN_ONLY=1); the tests also need Chromium and poppler.
system-deps:
	@missing=""; \
	if [ -z "$(RUN_ONLY)" ]; then \
	  command -v chromium >/dev/null || missing="$$missing chromium"; \
	  command -v pdftoppm >/dev/null || missing="$$missing poppler-utils"; \
	fi; \
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

# Serves your own vault ($AMPARO_VAULT, else your user data folder). On the first run the
# page at http://127.0.0.1:8000/ offers to create it, or to try a throwaway demo.
run: $(RUN_STAMP)
	@$(MAKE) --no-print-directory system-deps RUN_ONLY=1
	@echo "Amparo is starting at http://127.0.0.1:8000/ . Ctrl-C stops the server and locks the vault."
	$(BIN)/amparo serve --host 127.0.0.1 --port 8000

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

# After changing a letter's words or a service message (Message(...)): refresh
# src/amparo/locale/messages.pot (the code, then the knowledge base's avenue and action names,
# which pybabel cannot see) and add the new messages to every amparo.po
# (tests/language/test_catalogs_complete.py lists what is left to translate).
AMPARO_SOURCES = drafting language disclosure service model tracking guidance reporting store \
	cli/plan_view.py web/team_keeper.py
.PHONY: letter-messages
letter-messages: $(STAMP)
	$(BIN)/pybabel extract -k _ -k ngettext:1,2 -k pgettext:1c,2 -k label:1c,2 -k Message --no-location \
		-o src/amparo/locale/messages.pot $(addprefix src/amparo/,$(AMPARO_SOURCES))
	$(BIN)/python -c "from amparo.language.i18n import add_knowledge_messages as a; a()"
	$(BIN)/pybabel update --no-fuzzy-matching -D amparo -i src/amparo/locale/messages.pot -d src/amparo/locale

# After changing a knowledge-base text (a summary, an action's description…) or a sentence
# guidance composes: refresh src/amparo/locale/knowledge.pot and add the new messages to every
# knowledge.po (tests/language/test_knowledge_catalog.py lists what is left to translate).
.PHONY: knowledge-messages
knowledge-messages: $(STAMP)
	$(BIN)/python -m amparo.service.knowledge_catalog

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
