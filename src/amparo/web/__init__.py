"""The web app: a thin face over ``amparo.service`` (FastAPI, Jinja2, vendored htmx, no CDN)."""

from amparo.web.config import WebSettings
from amparo.web.main import create_app

__all__ = ["WebSettings", "create_app"]
