"""The command-line process's own signal handling: termination runs the same cleanups as an error.

Installed by `cli.main` only, never on import: a program that embeds toolbox keeps its own handlers.
SIGINT already raises KeyboardInterrupt; SIGTERM and SIGHUP would end the process on the spot and
leave temporary files and a printing browser behind, so they raise SystemExit instead, which unwinds
every `finally` and context manager on the way out.
"""

from __future__ import annotations

import signal

TERMINATING = ("SIGTERM", "SIGHUP")


def _exit(signum, frame) -> None:
    signal.signal(signum, signal.SIG_IGN)  # a second signal must not interrupt the cleanups
    raise SystemExit(128 + signum)  # the code a shell shows for a process the signal ended


def exit_cleanly_on_signals() -> None:
    """Turn SIGTERM and SIGHUP into a clean exit (code 128 + signal), unless they are ignored (`nohup`)."""
    for name in TERMINATING:
        number = getattr(signal, name, None)
        if number is not None and signal.getsignal(number) is signal.SIG_DFL:
            signal.signal(number, _exit)
