"""Startup: `amparo --help` wall time against `python -c pass`, measured in the same run.

Target: at most 6x, and under 0.3 s. Also shows a subcommand's help (which loads Typer)
for information: that path is not held to the target.
"""

from __future__ import annotations

import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

RUNS = 25


def median_seconds(cmd: list[str]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    amparo = shutil.which("amparo") or str(Path(sys.executable).with_name("amparo"))
    base = median_seconds([sys.executable, "-c", "pass"])
    top = median_seconds([amparo, "--help"])
    sub = median_seconds([amparo, "case", "--help"])
    ratio = top / base
    print(f"python -c pass      {base * 1000:7.1f} ms (baseline)")
    print(f"amparo --help       {top * 1000:7.1f} ms  ratio {ratio:.2f}x  (target <= 6x and < 300 ms)")
    print(f"amparo case --help  {sub * 1000:7.1f} ms  ratio {sub / base:.2f}x  (information only)")
    ok = ratio <= 6 and top < 0.3
    print("startup:", "OK" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
