"""A canary name and where to look for it: files (the vault folder, temp folders, logs),
captured text (stderr) and a live process's memory. Each search counts the name in
UTF-8, UTF-16 (both byte orders) and lower case, so a copy kept by SQLite, Python's
wide strings, a Windows-minded library or a search index is found too.

The canary is made at run time from two parts, so that the source of a child process
(or this file, mapped in memory) does not itself hold it.
"""

from __future__ import annotations

import re
from pathlib import Path

_PARTS = ("Zyxq", "welda", " Quor", "rington")
CANARY = "".join(_PARTS)  # the person's name
CANARY_WORD = CANARY.split()[1]  # a word of it, for searches and notes


def forms(word: str = CANARY_WORD) -> list[bytes]:
    """``word`` as bytes in every encoding a copy might take."""
    out = []
    for w in (word, word.lower(), word.upper()):
        out += [w.encode("utf-8"), w.encode("utf-16-le"), w.encode("utf-16-be")]
    return list(dict.fromkeys(out))


def hits_in_bytes(data: bytes, word: str = CANARY_WORD) -> int:
    """How many copies of ``word`` ``data`` holds, every form counted."""
    return sum(data.count(f) for f in forms(word))


def hits_in_text(text: str, word: str = CANARY_WORD) -> int:
    """Copies in captured text (stderr, log lines): as text, any case."""
    return text.lower().count(word.lower())


def hits_in_tree(folder: Path, word: str = CANARY_WORD) -> dict[str, int]:
    """{relative file path: copies} for every file under ``folder`` holding ``word``."""
    found: dict[str, int] = {}
    if not folder.exists():
        return found
    for path in folder.rglob("*"):
        if path.is_file() and not path.is_symlink():
            try:
                n = hits_in_bytes(path.read_bytes(), word)
            except OSError:
                continue
            if n:
                found[str(path.relative_to(folder))] = n
    return found


def files_in(folder: Path) -> int:
    """How many files were searched under ``folder``."""
    return sum(1 for p in folder.rglob("*") if p.is_file()) if folder.exists() else 0


def hits_in_memory(pid: int, word: str = CANARY_WORD) -> int:
    """Copies of ``word`` in every readable mapping of process ``pid`` (``/proc/<pid>/mem``)."""
    total = 0
    maps = Path(f"/proc/{pid}/maps").read_text().splitlines()
    wanted = forms(word)
    with open(f"/proc/{pid}/mem", "rb", buffering=0) as mem:
        for line in maps:
            match = re.match(r"([0-9a-f]+)-([0-9a-f]+) (\S+)", line)
            if not match or match.group(3)[0] != "r" or "[vvar" in line or "[vsyscall]" in line:
                continue
            start, end = int(match.group(1), 16), int(match.group(2), 16)
            try:
                mem.seek(start)
                data = mem.read(end - start)
            except OSError:
                continue
            total += sum(data.count(f) for f in wanted)
    return total
