"""The server log keeps an exception's type and drops its message and traceback."""

from __future__ import annotations

import logging
import logging.config

from amparo.web.logs import WithholdDetails, log_config


def test_a_traceback_with_a_name_in_it_is_logged_without_the_name(capsys):
    logging.config.dictConfig(log_config())
    logger = logging.getLogger("uvicorn.error")
    try:
        try:
            raise KeyError("Rosa Elvira Mejía")
        except KeyError:
            logger.exception("Exception in ASGI application")
        err = capsys.readouterr().err
    finally:
        # The handlers hold this test's captured stderr: leave no trace for other tests.
        for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
            logging.getLogger(name).handlers.clear()
    assert "KeyError" in err
    assert "Mejía" not in err and "Traceback" not in err


def test_the_filter_leaves_ordinary_lines_alone():
    record = logging.LogRecord("x", logging.WARNING, __file__, 1, "listening on %s", ("127.0.0.1",), None)
    assert WithholdDetails().filter(record)
    assert record.getMessage() == "listening on 127.0.0.1"
