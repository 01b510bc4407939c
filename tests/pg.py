"""A throwaway PostgreSQL cluster for the tests: initdb into a temporary folder, a private Unix socket.

Run as root, the server runs as the unprivileged ``postgres`` user (PostgreSQL refuses root). When
no PostgreSQL server binaries are installed (Debian: ``apt-get install postgresql-15``), the tests
that need one skip, saying so.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

BIN_DIRS = [Path("/usr/lib/postgresql/15/bin"), *sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)]
HBA = """\
local all postgres trust
local all all scram-sha-256
"""


def server_bin() -> Path | None:
    """The folder of initdb and pg_ctl, or None when no PostgreSQL server is installed."""
    for folder in BIN_DIRS:
        if (folder / "initdb").exists() and (folder / "pg_ctl").exists():
            return folder
    found = shutil.which("initdb")
    return Path(found).parent if found and shutil.which("pg_ctl") else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One PostgreSQL server in a temporary folder, reachable only through its own Unix socket."""

    def __init__(self, bindir: Path) -> None:
        self.bindir = bindir
        self.root = Path(tempfile.mkdtemp(prefix="sco-pg-"))
        self.data = self.root / "data"
        self.sock = self.root / "sock"
        self.sock.mkdir()
        self.port = _free_port()
        self.as_user: dict[str, object] = {}
        if hasattr(os, "geteuid") and os.geteuid() == 0:  # the server refuses to run as root
            import pwd

            pw = pwd.getpwnam("postgres")
            for path in (self.root, self.sock):
                os.chown(path, pw.pw_uid, pw.pw_gid)
            # switched by Python itself (no runuser/su, which may not be on PATH); from a folder it can enter
            self.as_user = {"user": pw.pw_uid, "group": pw.pw_gid, "extra_groups": [], "cwd": self.root}

    def _run(self, *cmd: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(list(cmd), capture_output=True, text=True, check=False, **self.as_user)

    def start(self) -> None:
        r = self._run(str(self.bindir / "initdb"), "-D", str(self.data), "-A", "trust", "-U", "postgres",
                      "-E", "UTF8", "--locale=C.UTF-8")
        if r.returncode:
            raise RuntimeError(f"initdb failed: {r.stderr.strip()}")
        (self.data / "pg_hba.conf").write_text(HBA, encoding="utf-8")  # the superuser local, others by password
        r = self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "log"), "-w", "-o",
                      f"-k {self.sock} -p {self.port} -c listen_addresses='' -c fsync=off", "start")
        if r.returncode:
            raise RuntimeError(f"pg_ctl start failed: {r.stderr.strip() or r.stdout.strip()}")

    def url(self, db: str = "postgres", user: str = "postgres", password: str | None = None, **params: str) -> str:
        auth = f"{user}:{password}" if password else user
        extra = "".join(f"&{k}={v}" for k, v in params.items())
        return f"postgresql://{auth}@/{db}?host={self.sock}&port={self.port}{extra}"

    def sql(self, statement: str, db: str = "postgres") -> None:
        import psycopg

        with psycopg.connect(self.url(db), autocommit=True) as conn:
            conn.execute(statement)

    def create_db(self, name: str) -> str:
        self.sql(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def remove(self) -> None:
        with contextlib.suppress(OSError):
            self.stop()
        shutil.rmtree(self.root, ignore_errors=True)
