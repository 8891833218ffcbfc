"""A loopback SMTP server for the digest tests: stores each message it accepts as N.eml, with
its envelope recipients in N.rcpt, in FOLDER. Prints "ready PORT" once it listens, and stops
when its standard input closes (so it never outlives the test that started it).

Usage: smtp_sink.py FOLDER
"""
import pathlib
import socket
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        stem = self.folder / f"{self.count:06d}"
        stem.with_suffix(".eml.partial").write_bytes(envelope.content)
        stem.with_suffix(".rcpt").write_text("\n".join(envelope.rcpt_tos) + "\n")
        stem.with_suffix(".eml.partial").rename(stem.with_suffix(".eml"))
        return "250 OK"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


folder = pathlib.Path(sys.argv[1])
folder.mkdir(parents=True, exist_ok=True)
port = free_port()
controller = Controller(Sink(folder), hostname="127.0.0.1", port=port)
controller.start()
print(f"ready {port}", flush=True)
try:
    sys.stdin.read()
finally:
    controller.stop()
