"""A throwaway PostgreSQL server for the tests, the example and the benchmark.

Uses Debian's ``postgresql`` package (``initdb`` and ``pg_ctl``; ``apt-get install
postgresql``): the server runs from a temporary directory, listens only on a Unix socket
in that directory (no TCP port, so parallel runs never collide), authenticates with
scram-sha-256 and a random password written to a ``.pgpass`` file (``PGPASSFILE``), and
is stopped and deleted afterwards. PostgreSQL refuses to run as root, so under root the
server runs as the ``postgres`` system user that the package creates (``runuser``).

As a script (used by ``.ci/run``)::

    python tests/_pgserver.py start DIR   # prints `export GOVEFFICIENCY_PG_URL=… PGPASSFILE=…`
    python tests/_pgserver.py stop DIR
"""

from __future__ import annotations

import glob
import os
import pwd
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: The superuser created by initdb (it owns the test databases).
ADMIN = "govefficiency"
#: The unprivileged system user the server runs as when the tests run as root.
SERVER_USER = os.environ.get("GOVEFFICIENCY_PG_USER", "postgres")


class UnavailableError(Exception):
    """No server can be started here; the message says why and what to install."""


def bindir() -> Path:
    """Where ``initdb`` and ``pg_ctl`` are: $GOVEFFICIENCY_PG_BINDIR, the PATH, or the
    newest ``/usr/lib/postgresql/*/bin`` (Debian keeps them off the PATH)."""
    given = os.environ.get("GOVEFFICIENCY_PG_BINDIR")
    candidates = [Path(given)] if given else []
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(Path(found).resolve().parent)

    def version(path: str) -> int:
        match = re.search(r"/postgresql/(\d+)/", path)
        return int(match.group(1)) if match else 0

    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=version, reverse=True)]
    for candidate in candidates:
        if (candidate / "initdb").is_file() and (candidate / "pg_ctl").is_file():
            return candidate
    raise UnavailableError(
        "PostgreSQL's initdb and pg_ctl were not found (install Debian's package: "
        "apt-get install postgresql, or set GOVEFFICIENCY_PG_BINDIR)"
    )


@dataclass
class Server:
    """A running throwaway server."""

    root: Path
    bindir: Path
    password: str

    @property
    def socket_dir(self) -> str:
        return str(self.root)

    @property
    def passfile(self) -> str:
        return str(self.root / "pgpass")

    def url(self, database: str = "postgres", user: str = ADMIN, ledger: str | None = None) -> str:
        """A URL for ``database`` as ``user`` (the password comes from the pgpass file)."""
        query = f"host={self.socket_dir}&port=5432"
        if ledger is not None:
            query += f"&ledger={ledger}"
        return f"postgresql://{user}@/{database}?{query}"

    def conninfo(self, database: str = "postgres", user: str = ADMIN) -> str:
        return f"host={self.socket_dir} port=5432 dbname={database} user={user} passfile={self.passfile}"


def _as_server_user(command: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return command
    try:
        pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise UnavailableError(
            f"running as root, and there is no {SERVER_USER!r} system user to run PostgreSQL as "
            f"(apt-get install postgresql creates it; or set GOVEFFICIENCY_PG_USER)"
        ) from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise UnavailableError("running as root without runuser to start PostgreSQL as an unprivileged user")
    return [runuser, "-u", SERVER_USER, "--", *command]


def _run(command: list[str], what: str, root: Path) -> None:
    result = subprocess.run(
        _as_server_user(command), capture_output=True, text=True, timeout=120, check=False
    )
    if result.returncode != 0:
        log = root / "server.log"
        tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        raise UnavailableError(f"{what} failed ({result.returncode}): {result.stderr.strip()[-2000:]} {tail}")


def start(root: Path | None = None, *, durable: bool = False) -> Server:
    """Create a cluster in ``root`` (a new temporary directory by default) and start it.

    The tests' server skips fsync (it is thrown away); ``durable=True`` keeps PostgreSQL's
    defaults (fsync, full page writes), for benchmarks."""
    bins = bindir()
    if root is None:
        root = Path(tempfile.mkdtemp(prefix="gepg"))  # short: a socket path has ~100 bytes
        try:
            return _start(root, bins, durable)
        except BaseException:
            stop(Server(root, bins, ""))  # nothing of a failed start is left behind
            raise
    return _start(root, bins, durable)


def _start(root: Path, bins: Path, durable: bool) -> Server:
    root.mkdir(parents=True, exist_ok=True)
    password = secrets.token_hex(16)
    pwfile = root / "pw"
    pwfile.write_text(password + "\n")
    passfile = root / "pgpass"
    passfile.write_text(f"*:*:*:*:{password}\n")
    passfile.chmod(0o600)
    if os.geteuid() == 0:
        _as_server_user(["true"])  # the user exists
        entry = pwd.getpwnam(SERVER_USER)
        os.chown(root, entry.pw_uid, entry.pw_gid)
        os.chown(pwfile, entry.pw_uid, entry.pw_gid)
    root.chmod(0o755)
    data = root / "data"
    _run(
        [
            str(bins / "initdb"),
            "-D",
            str(data),
            "-U",
            ADMIN,
            f"--pwfile={pwfile}",
            "-A",
            "scram-sha-256",
            "-E",
            "UTF8",
            "--no-locale",
            "--no-sync",
        ],
        "initdb",
        root,
    )
    pwfile.unlink()
    options = f"-c listen_addresses='' -k {root} -c max_connections=60"
    if not durable:
        options += " -c fsync=off -c full_page_writes=off"
    _run(
        [str(bins / "pg_ctl"), "-D", str(data), "-l", str(root / "server.log"), "-w", "-o", options, "start"],
        "pg_ctl start",
        root,
    )
    return Server(root, bins, password)


def stop(server: Server | Path, *, remove: bool = True) -> None:
    """Stop the server (immediately: it is throwaway) and delete its directory."""
    root = server.root if isinstance(server, Server) else Path(server)
    bins = server.bindir if isinstance(server, Server) else bindir()
    if (root / "data" / "postmaster.pid").exists():
        subprocess.run(
            _as_server_user(
                [str(bins / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "-w", "stop"]
            ),
            capture_output=True,
            timeout=60,
            check=False,
        )
    if remove:
        shutil.rmtree(root, ignore_errors=True)


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: _pgserver.py start|stop DIR", file=sys.stderr)
        return 2
    root = Path(argv[1])
    if argv[0] == "stop":
        stop(root)
        return 0
    try:
        server = start(root)
    except UnavailableError as exc:
        print(f"cannot start PostgreSQL: {exc}", file=sys.stderr)
        return 1
    print(f"export PGPASSFILE={server.passfile}")
    print(f"export GOVEFFICIENCY_PG_URL='{server.url()}'")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
