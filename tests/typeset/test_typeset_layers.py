"""amparo.typeset stands below drafting and reporting, which set their documents with it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import amparo.typeset

TYPESET = Path(amparo.typeset.__file__).parent


def test_typeset_imports_nothing_of_amparo_but_the_model():
    for module in TYPESET.glob("*.py"):
        tree = ast.parse(module.read_text())
        for node in ast.walk(tree):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else (
                [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            for name in names:
                if name.startswith("amparo"):
                    assert name.startswith(("amparo.model", "amparo.typeset")), f"{module.name} imports {name}"


def test_reporting_renders_without_drafting():
    code = ("import sys, amparo.reporting.render_pdf, amparo.reporting.render_docx; "
            "print(sorted(m for m in sys.modules if m.startswith('amparo.drafting')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
