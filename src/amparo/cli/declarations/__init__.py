"""What each command takes, by area: read by ``amparo.cli.parser``, standard library only.

Each module holds ``DECLARED``, the top-level commands and groups of its area; the
implementations live in ``amparo.cli.<area>_commands`` and are imported when they run.
"""
