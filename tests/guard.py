"""The guard on warnings: a test fails when MkDocs or the plugin logs a warning or an error that
the test did not declare with ``logs.expect(...)``."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest

from . import HOST

LOGGERS = (HOST, "mkdocs_specs")
"""Whose records the guard reads: the host's (its plugins' loggers are under its name) and the
package's own, such as the Markdown extension's, which keeps its name under any host."""


class Logs:
    """The log records of a test; those a test expects are taken out of the guard's sight."""

    def __init__(self, caplog: pytest.LogCaptureFixture) -> None:
        self.caplog = caplog
        self.expected: set[int] = set()

    def records(self, level: int = logging.WARNING) -> list[logging.LogRecord]:
        # `caplog.records` holds only the current phase's, and the guard runs at teardown.
        records = self.caplog.get_records("setup") + self.caplog.get_records("call")
        return [r for r in records if r.levelno >= level and r.name.startswith(LOGGERS)]

    def messages(self, level: int = logging.WARNING) -> list[str]:
        return [r.getMessage() for r in self.records(level)]

    def expect(self, *fragments: str) -> list[str]:
        """Declare the records that contain every fragment as expected; at least one must."""
        matched = [
            r for r in self.records(logging.DEBUG) if all(f in r.getMessage() for f in fragments)
        ]
        assert matched, f"no log record contains {fragments}; records: {self.messages()}"
        self.expected.update(id(r) for r in matched)
        return [r.getMessage() for r in matched]

    def expect_findings(self) -> list[str]:
        """Declare every finding the plugin logged as expected, and return them."""
        found = [
            r
            for r in self.records(logging.INFO)
            if r.name.startswith(f"{HOST}.plugins.mkdocs_specs")
        ]
        self.expected.update(id(r) for r in found)
        return [r.getMessage() for r in found]

    def unexpected(self) -> list[str]:
        return [r.getMessage() for r in self.records() if id(r) not in self.expected]


@pytest.fixture(autouse=True)
def logs(caplog: pytest.LogCaptureFixture) -> Iterator[Logs]:
    caplog.set_level(logging.INFO)
    guard = Logs(caplog)
    yield guard
    unexpected = guard.unexpected()
    if unexpected:
        pytest.fail("unexpected warnings or errors were logged:\n  " + "\n  ".join(unexpected))
