"""The suite's own guard: a connection beyond loopback is refused and fails the test."""

from __future__ import annotations

import socket
import urllib.request

import pytest


def test_a_connection_beyond_loopback_is_refused_and_recorded(no_egress):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s, pytest.raises(OSError, match="beyond loopback"):
        s.connect(("192.0.2.10", 443))  # TEST-NET-1: never routable anyway
    with pytest.raises(OSError):
        urllib.request.urlopen("http://example.org/", timeout=1)
    with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as s, pytest.raises(OSError, match="beyond loopback"):
        s.connect_ex(("2001:db8::1", 80, 0, 0))
    assert no_egress == ["connect to '192.0.2.10'", "lookup of 'example.org'", "connect to '2001:db8::1'"]
    no_egress.clear()  # the fixture would otherwise fail this test, as it must fail any other


def test_loopback_still_works(no_egress):
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(1)
        with socket.create_connection(server.getsockname(), timeout=2):
            pass
        with socket.create_connection(("localhost", server.getsockname()[1]), timeout=2):
            pass
    assert no_egress == []
