"""Start the action server, the Rasa engine and the gateway; stop all three cleanly.

`make run` calls `python -m bot.supervisor`; the end-to-end tests use `Stack`
directly, on free ports, so they exercise exactly what a user runs.

Secrets (ENGINE_CHANNEL_SECRET, ACTIONS_TOKEN, RASA_TOKEN, ...) reach the children
in their environment only, never on a command line, and each child gets only the
ones it uses (`SECRETS_FOR`). Every child runs with umask 077, so what it creates
under var/ (the SQLite database, logs) is 0600 in 0700 folders. Each start writes
a fresh log per process; the previous one is kept as `<name>.<start time>.log`
(0600) and deleted by the purge after LOG_RETENTION_DAYS.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from bot.config import (
    PROCESS_ENV,
    SECRETS_FOR,
    ConfigError,
    Settings,
    load_settings,
    settings_environment,
)
from bot.private_files import (
    FILE_MODE,
    PRIVATE_UMASK,
    open_private_append,
    private_dir,
    tighten,
)
from bot.serving import serve_problem
from bot.training import model_path


class StackError(RuntimeError):
    """A process failed to start or died; the message includes the end of its log."""


@dataclass(frozen=True)
class ProcessSpec:
    name: str
    command: list[str]
    health_url: str


def _tail(path: Path, lines: int = 25) -> str:
    if not path.exists():
        return "(no log)"
    return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])


class Stack:
    """The three processes of a running assistant."""

    def __init__(self, settings: Settings, rasa_bin: Path, model: Path, log_dir: Path) -> None:
        self.settings = settings
        self.rasa_bin = rasa_bin
        self.model = model
        self.log_dir = log_dir
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def specs(self) -> dict[str, ProcessSpec]:
        s = self.settings
        return {
            "actions": ProcessSpec(
                "actions",
                [sys.executable, "-m", "bot.action_server", "--actions", "actions",
                 "--port", str(s.actions_port)],
                f"{s.actions_url}/health",
            ),
            "engine": ProcessSpec(
                "engine",
                [
                    # `rasa run`, with RASA_TOKEN read from the environment (addons/engine.py)
                    str(self.rasa_bin.parent / "python"), "-m", "addons.engine", "run",
                    "--model", str(self.model),
                    "--interface", s.engine_host,
                    "--port", str(s.rasa_port),
                    *(["--enable-api"] if s.engine_api else []),
                    "--endpoints", s.engine_endpoints,
                    "--credentials", "credentials.yml",
                ],
                f"{s.rasa_url}/",
            ),
            "gateway": ProcessSpec(
                "gateway",
                [
                    sys.executable, "-m", "uvicorn", "bot.gateway.app:create_app", "--factory",
                    "--host", s.gateway_host, "--port", str(s.gateway_port),
                    "--no-access-log",  # no addresses or query strings in var/log
                    # The client's address from X-Forwarded-For, from these proxies only.
                    *(["--proxy-headers", "--forwarded-allow-ips", s.trusted_proxies]
                      if s.trusted_proxies else ["--no-proxy-headers"]),
                ],
                f"{s.gateway_url}/health",
            ),
        }  # fmt: skip

    def environment(self, name: str | None = None) -> dict[str, str]:
        """Every setting as the environment variable it was read from, for the child
        `name`, without the secrets it does not use (all of them for `name=None`)."""
        settings = {
            key: value
            for key, value in settings_environment(self.settings).items()
            if name is None or key not in SECRETS_FOR or name in SECRETS_FOR[key]
        }
        inherited = {k: v for k, v in os.environ.items() if k not in SECRETS_FOR}
        return {
            **inherited,
            **settings,
            # Which process this is, so its settings require only the secrets it is given.
            **({PROCESS_ENV: name} if name else {}),
            # rasa-sdk listens on all interfaces unless told otherwise.
            "SANIC_HOST": self.settings.actions_host,
            # endpoints.yml: where the engine calls the action server.
            "ACTIONS_URL": self.settings.actions_url,
            # No telemetry: the engine must not try to reach the internet.
            "RASA_TELEMETRY_ENABLED": "false",
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SQLALCHEMY_SILENCE_UBER_WARNING": "1",
            "PYTHONUNBUFFERED": "1",
            # One BLAS thread per process: the sentence encoder's small matrix
            # products gain nothing from more, and extra threads spin against
            # the other processes on a 2-core machine.
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
            "MKL_NUM_THREADS": "1",
        }

    def _fresh_log(self, name: str) -> int:
        """A new 0600 log for `name`; the previous one is kept with its start time."""
        private_dir(self.log_dir)
        path = self.log_dir / f"{name}.log"
        if path.exists() and path.stat().st_size:
            started = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(path.stat().st_mtime))
            rotated = self.log_dir / f"{name}.{started}.log"
            n = 1
            while rotated.exists():
                rotated = self.log_dir / f"{name}.{started}.{n}.log"
                n += 1
            path.rename(rotated)
            rotated.chmod(FILE_MODE)
        return open_private_append(path)

    def start_process(self, name: str) -> None:
        spec = self.specs()[name]
        log = self._fresh_log(name)
        try:
            self.processes[name] = subprocess.Popen(
                spec.command,
                cwd=self.settings.project_root,
                env=self.environment(name),
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                umask=PRIVATE_UMASK,  # var/ files 0600, folders 0700
                start_new_session=True,  # Ctrl-C reaches us, and we stop children in order
            )
        finally:
            os.close(log)

    def wait_healthy(self, name: str, timeout: float) -> None:
        spec = self.specs()[name]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            process = self.processes[name]
            if process.poll() is not None:
                log = self.log_dir / f"{name}.log"
                raise StackError(
                    f"{name} exited with code {process.returncode} while starting. "
                    f"End of {log}:\n{_tail(log)}"
                )
            try:
                if httpx.get(spec.health_url, timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        raise StackError(f"{name} was not healthy after {timeout:.0f} s ({spec.health_url}).")

    def start(self, timeout: float = 300) -> None:
        """Start everything and return once the gateway's /health says all parts are up."""
        if not self.model.exists():
            raise StackError(f"No trained model at {self.model}: run `make train`.")
        try:
            for name in ("actions", "engine", "gateway"):
                self.start_process(name)
            for name in ("actions", "engine", "gateway"):
                self.wait_healthy(name, timeout)
        except BaseException:
            self.stop()
            raise

    def stop_process(self, name: str, grace: float = 15.0) -> None:
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def stop(self) -> None:
        for name in ("gateway", "engine", "actions"):
            self.stop_process(name)

    def first_dead(self) -> str | None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                return name
        return None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run the assistant (engine, actions, gateway).")
    parser.add_argument("--rasa", default=".venv-engine/bin/rasa", help="the engine's rasa CLI")
    parser.add_argument("--model", help="a built model (default models/assistant.tar.gz)")
    parser.add_argument(
        "--serve", action="store_true", help="production: APP_ENV=production and a built model"
    )
    args = parser.parse_args(argv)
    try:
        settings = load_settings()
    except ConfigError as exc:
        print(f"Configuration problem: {exc}", file=sys.stderr)
        return 2
    model = Path(args.model) if args.model else model_path(settings.project_root)
    problem = serve_problem(settings, model) if args.serve else None
    if problem:
        print(problem, file=sys.stderr)
        return 2

    stopping = False

    def request_stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)

    os.umask(PRIVATE_UMASK)
    private_dir(settings.var_dir)
    tighten(settings.var_dir)  # files left world-readable by an older version
    log_dir = settings.var_dir / "log"
    print("Starting the action server, the Rasa engine (about a minute) and the gateway...")
    stack = Stack(settings, settings.project_root / args.rasa, model, log_dir)
    try:
        stack.start()
    except StackError as exc:
        print(f"Could not start: {exc}", file=sys.stderr)
        return 1
    print(
        f"\nThe assistant is ready at {settings.gateway_url}/"
        f"  (API docs: {settings.gateway_url}/docs)"
    )
    from bot.knowledge.areas import active_area, active_area_id

    local = active_area()
    fictional = ": a FICTIONAL example area, not real services" if local.example else ""
    print(f"Local area: {local.name} (LOCAL_AREA={active_area_id()}){fictional}.")
    print(f"Logs are in {log_dir}. Press Ctrl-C to stop.\n", flush=True)
    try:
        while not stopping:
            dead = stack.first_dead()
            if dead:
                print(
                    f"The {dead} process stopped unexpectedly. End of its log:\n"
                    f"{_tail(log_dir / (dead + '.log'))}",
                    file=sys.stderr,
                )
                return 1
            time.sleep(0.5)
    finally:
        print("Stopping...", flush=True)
        stack.stop()
    print("Stopped.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
