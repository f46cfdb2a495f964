"""Record a twin's event loop turn by turn: the Python side of the book's
trace viewer (`cargo lab trace --book` runs it; the viewer shows its turns
next to ours).

Usage: python3 python/twins/turns.py python/twins/count_timers.py > out.json

It runs the twin unchanged, with two of asyncio's own methods wrapped:
`BaseEventLoop._run_once` (one call is one iteration of the loop) and
`Handle._run` (one call is one callback from the ready queue; when the
callback is a task's step, the loop is resuming that task). For each
callback it records the iteration, the loop's clock, the ready queue (the
callback itself first), the timers scheduled, the task and whether its step
left it pending or done, and the lines the twin printed meanwhile.

Times are in the twin's program seconds (its SECOND constant, if it has
one), rounded to a hundredth: the twin sleeps for real, so the last digit
can vary from run to run.

Output: JSON, schema "aio-trace-twin", version 1.
"""

import asyncio
import asyncio.base_events as base_events
import asyncio.events as events
import io
import json
import platform
import re
import runpy
import sys


def describe(handle):
    """A ready-queue entry or a timer: the task it resumes, the task whose
    sleep it ends, or the callback's name."""
    callback = handle._callback
    owner = getattr(callback, "__self__", None)
    if isinstance(owner, asyncio.Task):
        return owner.get_name()
    args = handle._args or ()
    if args and isinstance(args[0], asyncio.Future):
        # asyncio.sleep's timer sets a future that a task awaits.
        for waiter, _context in getattr(args[0], "_callbacks", None) or ():
            task = getattr(waiter, "__self__", None)
            if isinstance(task, asyncio.Task):
                return "sleep of " + task.get_name()
    return "callback " + getattr(callback, "__qualname__", repr(callback))


def main(script):
    source = open(script, encoding="utf-8").read()
    match = re.search(r"^SECOND\s*=\s*([0-9.]+)", source, re.M)
    second = float(match.group(1)) if match else 1.0
    turns = []
    state = {"iteration": 0, "start": None, "turn": None}

    def now(loop):
        if state["start"] is None:
            state["start"] = loop.time()
        return round((loop.time() - state["start"]) / second, 2)

    class Notes(io.TextIOBase):
        """The twin's stdout: each line goes to the turn that printed it."""

        pending = ""

        def write(self, text):
            lines = (self.pending + text).split("\n")
            self.pending = lines.pop()
            for line in lines:
                if state["turn"] is not None:
                    state["turn"]["notes"].append(line)
            return len(text)

    run_once = base_events.BaseEventLoop._run_once

    def traced_run_once(self):
        state["iteration"] += 1
        return run_once(self)

    handle_run = events.Handle._run

    def traced_handle_run(self):
        loop = self._loop
        callback = self._callback
        owner = getattr(callback, "__self__", None)
        task = owner if isinstance(owner, asyncio.Task) else None
        time = now(loop)
        turn = {
            "n": len(turns) + 1,
            "iteration": state["iteration"],
            "time": time,
            "kind": "poll" if task else "callback",
            "task": task.get_name() if task else describe(self),
            "outcome": None,
            "ready": [describe(self)] + [describe(h) for h in loop._ready],
            "timers": sorted(
                (
                    {"due": round((t.when() - state["start"]) / second, 2), "what": describe(t)}
                    for t in loop._scheduled
                    if not t.cancelled()
                ),
                key=lambda t: t["due"],
            ),
            "notes": [],
        }
        turns.append(turn)
        state["turn"] = turn
        try:
            return handle_run(self)
        finally:
            if task is not None:
                turn["outcome"] = "done" if task.done() else "pending"
            state["turn"] = None

    base_events.BaseEventLoop._run_once = traced_run_once
    events.Handle._run = traced_handle_run
    stdout = sys.stdout
    sys.stdout = Notes()
    try:
        runpy.run_path(script, run_name="__main__")
    finally:
        sys.stdout = stdout
    head = {
        "schema": "aio-trace-twin",
        "version": 1,
        "script": script,
        "python": platform.python_version(),
    }
    # One turn a line, so that a diff of two recordings reads turn by turn.
    sys.stdout.write(json.dumps(head)[:-1] + ', "turns": [\n')
    sys.stdout.write(",\n".join(json.dumps(turn) for turn in turns))
    sys.stdout.write("\n]}\n")


if __name__ == "__main__":
    main(sys.argv[1])
