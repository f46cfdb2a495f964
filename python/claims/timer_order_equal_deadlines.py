"""Not a claim of the notes: in which order does asyncio fire timers that
are due at the same moment?

asyncio keeps its TimerHandles in a binary heap (heapq), ordered by their
deadline alone; a heap is not stable, so equal deadlines come out in an
order that depends on the heap's shape, not on the order they were set.
Chapter 6 compares this with our BTreeMap keyed by (deadline, sequence).
"""

import asyncio

loop = asyncio.new_event_loop()
fired = []
when = loop.time() + 0.01
for i in range(10):
    loop.call_at(when, fired.append, i)
loop.call_at(when + 0.01, loop.stop)
loop.run_forever()
loop.close()

print(f"set in the order:  {list(range(10))}")
print(f"fired in the order: {fired}")
in_order = fired == list(range(10))
print(f"fired in the order they were set: {in_order}")
assert sorted(fired) == list(range(10))
assert not in_order
