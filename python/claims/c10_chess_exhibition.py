"""C10: the chess exhibition of note 001.

One master plays 24 opponents. She needs 5 s per move, each opponent 55 s,
and a game is 30 pairs of moves (she opens each pair, the opponent replies).
The note says: one game after another takes 12 hours; going from table to
table, 2 minutes a round and 1 hour in all.

First the arithmetic. Then we let real asyncio play both schedules on a
virtual clock, so that 12 hours pass in a few milliseconds and the times
come out exact:

* the master's own move is computation: while she thinks, nobody else
  does anything, so it advances the clock without yielding;
* an opponent's reply is waiting: `await asyncio.sleep(55)`, during which
  the event loop is free to take the master to another table.
"""

import asyncio
import selectors

TABLES = 24
MASTER_MOVE = 5  # seconds
OPPONENT_MOVE = 55  # seconds
PAIRS = 30  # move pairs per game


def hms(seconds):
    """12 h 0 min 0 s, in whole seconds; the times here are exact."""
    seconds = int(seconds)
    return f"{seconds // 3600} h {seconds % 3600 // 60} min {seconds % 60} s"


# --- The arithmetic, as the note does it --------------------------------

game = (MASTER_MOVE + OPPONENT_MOVE) * PAIRS
one_by_one = TABLES * game
round_of_moves = TABLES * MASTER_MOVE
table_to_table = PAIRS * round_of_moves

print("arithmetic:")
print(f"  one game: ({MASTER_MOVE} + {OPPONENT_MOVE}) x {PAIRS} = {game} s")
print(f"  one game at a time: {TABLES} x {game} s = {one_by_one} s = {hms(one_by_one)}")
print(f"  one round of the master's moves: {TABLES} x {MASTER_MOVE} s = {round_of_moves} s")
print(f"  table to table: {PAIRS} x {round_of_moves} s = {table_to_table} s = {hms(table_to_table)}")
assert one_by_one == 12 * 3600
assert round_of_moves == 2 * 60
assert table_to_table == 1 * 3600


# --- A virtual clock for asyncio -------------------------------------------


class VirtualSelector(selectors.DefaultSelector):
    """Asks the OS for ready I/O without ever sleeping; when the loop would
    sleep until its next timer, the clock jumps there instead."""

    def __init__(self):
        super().__init__()
        self.now = 0.0

    def select(self, timeout=None):
        ready = super().select(0)
        if ready or timeout == 0:
            return ready
        if timeout is None:
            raise RuntimeError("deadlock: nothing ready and no timer pending")
        self.now += timeout
        return []


class VirtualLoop(asyncio.SelectorEventLoop):
    """An ordinary asyncio loop whose clock is the selector's virtual one."""

    def __init__(self):
        self.clock = VirtualSelector()
        super().__init__(self.clock)

    def time(self):
        return self.clock.now


def think(loop, seconds):
    """The master's move: the clock runs, and nothing else can happen."""
    loop.clock.now += seconds


async def play(table, log):
    loop = asyncio.get_running_loop()
    for pair in range(PAIRS):
        log.append((loop.time(), table, pair))  # the master sits down here
        think(loop, MASTER_MOVE)
        await asyncio.sleep(OPPONENT_MOVE)  # the opponent's turn: a wait
    return loop.time()  # the opponent's last reply: the game is over


async def synchronous(log):
    # One game from first move to last, then the next table.
    return [await play(table, log) for table in range(TABLES)]


async def asynchronous(log):
    # All games at once; the loop takes the master wherever a reply is in.
    return await asyncio.gather(*(play(table, log) for table in range(TABLES)))


def exhibition(schedule):
    loop = VirtualLoop()
    log = []
    try:
        ends = loop.run_until_complete(schedule(log))
    finally:
        loop.close()
    return max(ends), log


print("asyncio on a virtual clock:")

sync_end, _ = exhibition(synchronous)
print(f"  one game at a time: last game ends at {hms(sync_end)}")
assert sync_end == one_by_one

async_end, log = exhibition(asynchronous)
last_master_move_done = log[-1][0] + MASTER_MOVE
print(f"  table to table: master's last move done at {hms(last_master_move_done)}")
print(f"  table to table: last game ends at {hms(async_end)}")

# Round r starts at table 0 exactly r x 2 min after the start, and the
# master reaches table t of that round t x 5 s later: she never has to wait
# for a reply, because each opponent had 55 s while she made 23 other moves.
arrivals = {(table, pair): t for t, table, pair in log}
on_time = all(
    arrivals[(table, pair)] == pair * round_of_moves + table * MASTER_MOVE
    for table in range(TABLES)
    for pair in range(PAIRS)
)
print(f"  every round takes exactly {round_of_moves} s: {on_time}")
idle = last_master_move_done - TABLES * PAIRS * MASTER_MOVE
print(f"  time the master sat idle, waiting for a reply: {int(idle)} s")
extra = async_end - table_to_table
print(f"  beyond the 1 h estimate: {int(extra)} s (the last opponent's final reply)")
print(f"  speed-up: {sync_end / async_end:.1f}x (the note's estimate: {one_by_one // table_to_table}x)")

assert last_master_move_done == table_to_table
assert on_time
assert idle == 0
assert extra == OPPONENT_MOVE
print("verdict: true-but - 12 h and 1 h are right; the async exhibition ends 55 s after the hour")
