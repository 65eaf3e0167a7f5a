"""Runs a command on a pseudo-terminal, as a person at a terminal would, and types an answer
when a prompt appears: for the tests of `dbcopy apply`'s confirmation, which is only asked
on a terminal.

usage: pty_run.py [--prompt TEXT] [--answer TEXT] [--timeout SECONDS] [--cwd DIR] -- COMMAND [ARG...]

Everything the command writes to the terminal (stdout and stderr share it, as on a real
terminal) is copied to this script's stdout. When TEXT of --prompt has appeared, --answer and
a newline are typed once. The exit status is the command's (128+N if signal N ended it), or 124
if it ran longer than --timeout (it is then killed).
"""
import argparse
import os
import pty
import select
import signal
import sys
import time


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--prompt", default="Enter a value:")
    parser.add_argument("--answer")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--cwd")
    parser.add_argument("command", nargs=argparse.REMAINDER)
    options = parser.parse_args()
    command = options.command[1:] if options.command[:1] == ["--"] else options.command
    if not command:
        parser.error("no command given")

    pid, fd = pty.fork()
    if pid == 0:
        try:
            if options.cwd:
                os.chdir(options.cwd)
            os.execvp(command[0], command)
        finally:
            os._exit(127)

    transcript = b""
    answered = options.answer is None
    deadline = time.monotonic() + options.timeout
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            sys.stdout.buffer.write(transcript)
            return 124
        ready, _, _ = select.select([fd], [], [], min(remaining, 1.0))
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:  # EIO: the command closed the terminal (it exited)
            break
        if not chunk:
            break
        transcript += chunk
        if not answered and options.prompt.encode() in transcript:
            os.write(fd, options.answer.encode() + b"\n")
            answered = True
    _, status = os.waitpid(pid, 0)
    sys.stdout.buffer.write(transcript)
    sys.stdout.flush()
    return os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 128 + os.WTERMSIG(status)


if __name__ == "__main__":
    sys.exit(main())
