"""Fixtures for the web tests: a fresh demo vault and an unlocked client."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from web_support import build_app, make_vault, unlock


@pytest.fixture
def demo(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    vault = tmp_path / "vault"
    return vault, make_vault(vault)


@pytest.fixture
def client(demo) -> Iterator[TestClient]:
    vault, _ = demo
    with TestClient(build_app(vault), follow_redirects=True) as c:
        assert unlock(c).status_code == 200
        yield c


@pytest.fixture
def ids(demo) -> dict[str, str]:
    return demo[1]
