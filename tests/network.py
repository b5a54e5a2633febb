"""A port on the loopback where nothing listens: a mail server, Redis or Elasticsearch that
is down."""

import socket


def closed_port():
    """A port the system just handed out and took back: nothing listens on it."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
