"""Startup: every `amparo … --help`, and the wait for the passphrase prompt, against `python -c pass`.

Each figure is the median wall time of a fresh process, measured in the same run as the
baseline and interleaved with it (one baseline run per round), so that a machine shared
with other work moves both alike. Target: each at most 6x the baseline; the script exits
non-zero when any misses.

The prompt figure runs `amparo case list` on a real vault with no passphrase file, under a
pseudo-terminal (getpass reads from the terminal, not from a pipe), and stops the clock
when the prompt text appears: that is how long a person waits before they can type.

Bytecode is written and a first round is run unmeasured, as after an installation:
with PYTHONDONTWRITEBYTECODE set, every run would compile Amparo's sources again.
"""

from __future__ import annotations

import argparse
import os
import pty
import select
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET = 6.0
PROMPT = b"passphrase"  # the prompt reads "Vault passphrase: "


def amparo_path() -> str:
    return shutil.which("amparo") or str(Path(sys.executable).with_name("amparo"))


def command_paths() -> list[tuple[str, ...]]:
    """Every command and subcommand, from the CLI's own declarations."""
    from amparo.cli.registry import command_paths as declared

    return declared()


def run_to_end(cmd: list[str], env: dict[str, str]) -> Callable[[], float]:
    def once() -> float:
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, check=True)
        return time.perf_counter() - start

    return once


def run_to_prompt(cmd: list[str], env: dict[str, str], timeout: float = 30.0) -> Callable[[], float]:
    """Time from fork to the prompt text on the child's terminal; the child is then killed."""

    def once() -> float:
        start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: becomes the command, its terminal the pty
            try:
                os.execve(cmd[0], cmd, env)
            finally:
                os._exit(127)
        seen = b""
        try:
            while PROMPT not in seen.lower():
                ready, _, _ = select.select([fd], [], [], max(0.0, timeout - (time.perf_counter() - start)))
                if not ready:
                    raise RuntimeError(f"no prompt within {timeout} s; output so far: {seen[-300:]!r}")
                try:
                    chunk = os.read(fd, 4096)
                except OSError:  # EIO: the child closed the terminal (it exited)
                    chunk = b""
                if not chunk:
                    raise RuntimeError(f"the command ended before prompting: {seen[-300:]!r}")
                seen += chunk
            return time.perf_counter() - start
        finally:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            os.close(fd)

    return once


def make_vault(amparo: str, folder: Path, env: dict[str, str]) -> Path:
    """A real vault (default key derivation) made through the CLI itself."""
    passfile = folder / "pass"
    passfile.write_text("bench passphrase, not a secret\n")
    passfile.chmod(0o600)
    vault = folder / "vault"
    subprocess.run([amparo, "init", "--vault", str(vault), "--passphrase-file", str(passfile)],
                   env=env, check=True, stdout=subprocess.DEVNULL)
    return vault


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="runs per figure (default 15)")
    parser.add_argument("--only", help="measure only the commands whose words contain this")
    options = parser.parse_args()
    amparo = amparo_path()
    drop = ("AMPARO_PASSPHRASE_FILE", "AMPARO_VAULT", "PYTHONDONTWRITEBYTECODE")
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env["COLUMNS"] = "100"
    with tempfile.TemporaryDirectory(prefix="amparo-bench-") as tmp:
        vault = make_vault(amparo, Path(tmp), env)
        targets: dict[str, Callable[[], float]] = {"amparo --help": run_to_end([amparo, "--help"], env)}
        for path in command_paths():
            label = "amparo " + " ".join(path) + " --help"
            if options.only is None or options.only in label:
                targets[label] = run_to_end([amparo, *path, "--help"], env)
        label = "amparo case list (to the prompt)"
        if options.only is None or options.only in label:
            targets[label] = run_to_prompt([amparo, "case", "list", "--vault", str(vault)], env)
        baseline = run_to_end([sys.executable, "-c", "pass"], env)
        for once in (baseline, *targets.values()):  # writes the bytecode; not measured
            once()
        times: dict[str, list[float]] = {name: [] for name in targets}
        base: list[float] = []
        for _ in range(options.runs):
            base.append(baseline())
            for name, once in targets.items():
                times[name].append(once())
    base_ms = statistics.median(base) * 1000
    width = max(len(name) for name in times)
    print(f"{'python -c pass'.ljust(width)}  {base_ms:7.1f} ms  (baseline, {options.runs} runs each)")
    missed = []
    for name, values in times.items():
        ms = statistics.median(values) * 1000
        ratio = ms / base_ms
        verdict = "ok" if ratio <= TARGET else "MISSED"
        if ratio > TARGET:
            missed.append(name)
        print(f"{name.ljust(width)}  {ms:7.1f} ms  {ratio:5.2f}x  {verdict}")
    print(f"startup: {'OK' if not missed else 'MISSED'} (target <= {TARGET:g}x each; "
          f"{len(times) - len(missed)}/{len(times)} within)")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
