"""``netsustain app [--port N]``: the live dashboard (experiments/dashboard/app.py) on 127.0.0.1:N.

Runs ``solara run experiments/dashboard/app.py --host 127.0.0.1 --port N --production`` with
Solara's usage telemetry and its "runs on Solara" banner switched off. The page's own browser
files (Solara's Vue app, require.js, Font Awesome) are served by the local server from Solara's
asset cache, so a workshop needs no internet once ``netsustain app --install-assets`` has put
them there (it runs ``npm pack`` for the exact versions the installed Solara names; see
docs/workshop.md).

The server runs in a process group of its own. Ctrl-C, SIGTERM or SIGHUP to ``netsustain app``
stops that whole group (SIGTERM, then SIGKILL after ``STOP_GRACE_SECONDS``) before the command
exits, so no server is left serving; the browser window is opened by this process, not by the
server, so stopping the server never closes it.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
import webbrowser
from pathlib import Path

from experiments.errors import InputError

APP = Path(__file__).resolve().parent.parent / "dashboard" / "app.py"
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
STOP_GRACE_SECONDS = 10  # for the server to close its connections before SIGKILL
KILL_WAIT_SECONDS = 5  # for the kernel to take SIGKILLed processes away
POLL_SECONDS = 0.2


def register(subparsers) -> None:
    """Add the ``app`` command."""
    parser = subparsers.add_parser(
        "app", help="live dashboard in the browser (Solara)", description=__doc__
    )
    parser.add_argument("--port", type=int, default=8765, help="port on 127.0.0.1 (default 8765)")
    parser.add_argument("--lang", default="en", help="dashboard language: en or da (default en)")
    parser.add_argument("--no-open", action="store_true", help="do not open a browser window")
    parser.add_argument(
        "--ranges",
        default="plausible",
        help="slider ranges: plausible (model/plausible.py, the default) or validity (the "
        "declared bounds)",
    )
    parser.add_argument(
        "--install-assets",
        action="store_true",
        help="fetch Solara's browser files with npm into its local cache and exit",
    )
    parser.set_defaults(func=run)


def cdn_packages() -> list[str]:
    """Npm packages (``name@version``) the installed Solara's page loads from its asset cache."""
    # imported here, as in asset_cache: the other commands start without Solara's server
    import ipyvue
    import solara.server
    from solara.server import settings

    template = (Path(solara.server.__file__).parent / "templates" / "solara.html.j2").read_text()
    found = set(re.findall(r"\{\{cdn\}\}/((?:@[\w.-]+/)?[\w.-]+@\d[\w.]*)/", template))
    app = "solara-vuetify3-app" if ipyvue.__version__.startswith("3") else "solara-vuetify-app"
    keep = {p for p in found if "vuetify" not in p or p.rsplit("@", 1)[0].endswith("/" + app)}
    if settings.assets.fontawesome_enabled:
        keep.add(settings.assets.fontawesome_path.strip("/").split("/")[0])
    return sorted(keep)


def asset_cache() -> Path:
    """Solara's local asset cache (``<prefix>/share/solara/cdn``)."""
    from solara.server import settings  # imported here: see cdn_packages

    return Path(settings.assets.proxy_cache_dir)


def missing_assets() -> list[str]:
    """Packages of ``cdn_packages()`` not yet in the asset cache."""
    cache = asset_cache()
    return [p for p in cdn_packages() if not (cache / p / "package.json").is_file()]


def install_assets(packages: list[str]) -> None:
    """``npm pack`` each package and unpack it into the asset cache (the npm registry, no CDN)."""
    npm = shutil.which("npm")
    if npm is None:
        raise InputError("--install-assets needs npm (Debian: apt-get install -y npm)")
    cache = asset_cache()
    with tempfile.TemporaryDirectory() as tmp:
        for spec in packages:
            print(f"fetching {spec} with npm pack", flush=True)
            out = subprocess.run(
                [npm, "pack", spec, "--pack-destination", tmp, "--silent"],
                check=True,
                capture_output=True,
                text=True,
            ).stdout
            tarball = Path(tmp) / out.strip().splitlines()[-1]
            target = cache / spec
            with tarfile.open(tarball) as tar:
                members = [m for m in tar.getmembers() if m.name.startswith("package/")]
                for m in members:
                    m.name = m.name[len("package/") :]
                target.mkdir(parents=True, exist_ok=True)
                tar.extractall(target, members=[m for m in members if m.name], filter="data")
    print(f"Solara's browser files are in {cache}")


def check_port(port: int) -> None:
    """Raise InputError unless ``port`` is a free TCP port on 127.0.0.1."""
    if not 1 <= port <= 65535:
        raise InputError(f"--port {port} must be between 1 and 65535")
    with socket.socket() as s:
        # as the server binds: a port left in TIME_WAIT by a stopped server is free to listen on
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            raise InputError(f"--port {port} is in use on 127.0.0.1; choose another") from None


def solara_command(port: int) -> list[str]:
    """The ``solara run`` command line for the dashboard (the browser is opened by ``serve``)."""
    solara = Path(sys.executable).with_name("solara")
    exe = [str(solara)] if solara.exists() else [sys.executable, "-m", "solara"]
    return exe + [
        "run",
        str(APP),
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--production",
        "--no-open",
    ]


def listening(port: int) -> bool:
    """Whether something accepts connections on 127.0.0.1:``port``."""
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex(("127.0.0.1", port)) == 0


def group_alive(pgid: int) -> bool:
    """Whether any process of group ``pgid`` is still running."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # a member we may not signal is still a member
        return True
    return True


def wait_group(child: subprocess.Popen, seconds: float) -> bool:
    """Wait up to ``seconds`` for the child to exit and its group to empty; whether it did."""
    deadline = time.monotonic() + seconds
    while child.poll() is None or group_alive(child.pid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(POLL_SECONDS / 4)
    return True


def stop_group(child: subprocess.Popen, grace: float = STOP_GRACE_SECONDS) -> None:
    """SIGTERM to the child's process group; SIGKILL to what is left after ``grace`` seconds.

    The group is the child's own (``start_new_session``), so it holds the server and whatever
    the server started, and nothing else.
    """
    for signum, seconds in ((signal.SIGTERM, grace), (signal.SIGKILL, KILL_WAIT_SECONDS)):
        if group_alive(child.pid):
            os.killpg(child.pid, signum)
        if wait_group(child, seconds):
            return
    child.wait()


def serve(command: list[str], env: dict, url: str, port: int, open_browser: bool) -> int:
    """Run the server until it exits or a stop signal arrives; then stop its whole group.

    Returns:
        The server's exit status if it ended by itself, 0 if it was stopped by a signal.
    """
    stops: list[int] = []
    previous = {
        s: signal.signal(s, lambda signum, _frame: stops.append(signum)) for s in STOP_SIGNALS
    }
    try:
        child = subprocess.Popen(command, env=env, start_new_session=True)
        try:
            while not stops and child.poll() is None:
                if open_browser and listening(port):
                    open_browser = False
                    webbrowser.open(url)
                time.sleep(POLL_SECONDS)
        finally:
            stop_group(child)
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)
    if stops:
        print(f"netsustain dashboard stopped ({signal.Signals(stops[0]).name})", flush=True)
        return 0
    return child.returncode


def run(args) -> int:
    """Start the dashboard server and wait until it is stopped (Ctrl-C, SIGTERM or SIGHUP)."""
    if args.install_assets:
        missing = missing_assets()
        if missing:
            install_assets(missing)
        else:
            print(f"nothing to fetch: every browser file is in {asset_cache()}")
        return 0
    if args.lang not in ("en", "da"):
        raise InputError(f"--lang {args.lang!r} is not offered; choose en or da")
    if args.ranges not in ("plausible", "validity"):
        raise InputError(f"--ranges {args.ranges!r} is not offered; choose plausible or validity")
    check_port(args.port)
    missing = missing_assets()
    if missing:
        print(
            f"warning: Solara's browser files {', '.join(missing)} are not in {asset_cache()}; "
            "without internet the page stays blank. Run `netsustain app --install-assets` once.",
            file=sys.stderr,
        )
    env = {
        **os.environ,
        "NETSUSTAIN_LANG": args.lang,
        "NETSUSTAIN_RANGES": args.ranges,
        "SOLARA_TELEMETRY_MIXPANEL_ENABLE": "False",
        "SOLARA_THEME_SHOW_BANNER": "False",
    }
    url = f"http://127.0.0.1:{args.port}"
    print(f"netsustain dashboard on {url} (Ctrl-C stops it)", flush=True)
    return serve(solara_command(args.port), env, url, args.port, not args.no_open)
