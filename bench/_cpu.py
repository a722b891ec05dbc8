"""CPU time of the server's processes during a load run, from their own accounting (/proc/<pid>/stat,
user + system time): the web server's processes (a gunicorn master and its workers) and the
PostgreSQL backends connected to the bench's database. Linux only."""

from __future__ import annotations

import os
import threading
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def _backends(database: str) -> list[int]:
    """PostgreSQL backends serving `database` (their process title names it)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            title = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        if title.startswith("postgres: ") and f" {database} " in title:
            found.append(int(entry.name))
    return found


class CpuMeter:
    """Samples every `interval` s between start() and stop(), so processes that come and go during
    the run are counted too; `web_s` and `db_s` are the CPU seconds used in between."""

    def __init__(self, server_pid: int, database: str, interval: float = 0.5):
        self.server_pid, self.database, self.interval = server_pid, database, interval
        self._first: dict[tuple[str, int], float] = {}
        self._last: dict[tuple[str, int], float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _sample(self, baseline: bool) -> None:
        groups = {
            "web": [self.server_pid, *_children(self.server_pid)],
            "db": _backends(self.database),
        }
        for group, pids in groups.items():
            for pid in pids:
                cpu = _cpu_s(pid)
                if cpu is None:
                    continue
                key = (group, pid)
                # A process first seen mid-run did all of its work inside the run.
                self._first.setdefault(key, cpu if baseline else 0.0)
                self._last[key] = cpu

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self._sample(baseline=False)

    def start(self) -> None:
        self._sample(baseline=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()
        self._sample(baseline=False)

    def used_s(self, group: str) -> float:
        return sum(self._last[key] - self._first[key] for key in self._last if key[0] == group)
