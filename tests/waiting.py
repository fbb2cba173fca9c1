"""Polling helper for the tests that watch processes and files of a running batch."""

import time


def wait_for(condition, seconds, step=0.2):
    """Call ``condition`` until it returns something truthy or ``seconds`` pass; its last value."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(step)
    return condition()
