//! The timers' heap: a min-heap in which every node has four children.
//!
//! asyncio keeps its timers in a binary heap (`heapq`), and so could we:
//! `std::collections::BinaryHeap` with `Reverse` keys does the job. With a
//! million pending timers, though, taking the earliest out walks twenty
//! levels of a 16-megabyte array, and nearly every level is a cache miss.
//! Four children per node halve the levels, and a node's four children sit
//! side by side, 64 bytes of 16-byte keys: one or two cache lines where a
//! binary heap's next level would be somewhere else. Each level compares
//! four children instead of two, which costs nothing next to a miss. Go's
//! runtime keeps its timers the same way. The book's fast-paths page has
//! the figures.

// ANCHOR: quad_heap
/// The smallest item on top; `push` and `pop` cost `log₄ n` steps.
#[derive(Debug, Clone)]
pub(crate) struct QuadHeap<T> {
    /// The tree, level by level: the children of the node at `i` are at
    /// `4i + 1` to `4i + 4`, its parent at `(i - 1) / 4`.
    items: Vec<T>,
}

impl<T: Ord + Copy> QuadHeap<T> {
    /// The smallest item.
    pub(crate) fn peek(&self) -> Option<&T> {
        self.items.first()
    }

    /// Adds `item`: it goes in at the bottom and climbs while its parent is
    /// larger (the parents it passes move down a level).
    pub(crate) fn push(&mut self, item: T) {
        let mut at = self.items.len();
        self.items.push(item);
        while at > 0 {
            let parent = (at - 1) / 4;
            if self.items[parent] <= item {
                break;
            }
            self.items[at] = self.items[parent];
            at = parent;
        }
        self.items[at] = item;
    }

    /// Takes the smallest item out: the last item takes its place and
    /// sinks.
    pub(crate) fn pop(&mut self) -> Option<T> {
        let last = self.items.pop()?;
        let Some(&top) = self.items.first() else {
            return Some(last);
        };
        self.sink(0, last);
        Some(top)
    }

    /// Puts `item` at `at`, or lower: while the least of its children is
    /// smaller, that child moves up a level and `item` goes on down.
    fn sink(&mut self, mut at: usize, item: T) {
        let len = self.items.len();
        loop {
            let first = 4 * at + 1;
            if first >= len {
                break;
            }
            let mut least = first;
            for child in first + 1..len.min(first + 4) {
                if self.items[child] < self.items[least] {
                    least = child;
                }
            }
            if item <= self.items[least] {
                break;
            }
            self.items[at] = self.items[least];
            at = least;
        }
        self.items[at] = item;
    }
    // ANCHOR_END: quad_heap

    /// How many items are in it.
    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }

    /// Makes a heap of `items` in linear time: every node that has
    /// children sinks, the last first.
    pub(crate) fn from_vec(items: Vec<T>) -> Self {
        let mut heap = QuadHeap { items };
        for at in (0..heap.items.len().saturating_sub(1).div_ceil(4)).rev() {
            let item = heap.items[at];
            heap.sink(at, item);
        }
        heap
    }

    /// Keeps only the items `keep` says yes to.
    pub(crate) fn retain(&mut self, keep: impl FnMut(&T) -> bool) {
        let mut items = std::mem::take(&mut self.items);
        items.retain(keep);
        *self = QuadHeap::from_vec(items);
    }

    /// The items, in no particular order.
    pub(crate) fn into_vec(self) -> Vec<T> {
        self.items
    }
}

impl<T> Default for QuadHeap<T> {
    fn default() -> Self {
        QuadHeap { items: Vec::new() }
    }
}

#[cfg(test)]
mod tests {
    use super::QuadHeap;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    /// A small deterministic generator (xorshift), so a failure repeats.
    fn numbers(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// Every `pop` agrees with std's binary heap, through pushes, pops,
    /// `retain` and `from_vec` at every size from empty to a few thousand,
    /// with many equal items.
    #[test]
    fn it_pops_what_std_s_binary_heap_pops() {
        for seed in 1..=20 {
            let mut next = numbers(seed);
            let mut ours = QuadHeap::default();
            let mut std = BinaryHeap::new();
            for step in 0..4000 {
                match next() % 10 {
                    0..=5 => {
                        let item = next() % 500;
                        ours.push(item);
                        std.push(Reverse(item));
                    }
                    6..=8 => assert_eq!(ours.pop(), std.pop().map(|Reverse(x)| x), "{step}"),
                    _ if step % 97 == 0 => {
                        let cut = next() % 500;
                        ours.retain(|&x| x % 7 != cut % 7);
                        std.retain(|&Reverse(x)| x % 7 != cut % 7);
                    }
                    _ => {
                        ours = QuadHeap::from_vec(ours.into_vec());
                    }
                }
                assert_eq!(ours.len(), std.len());
                assert_eq!(ours.peek(), std.peek().map(|Reverse(x)| x));
            }
            while let Some(Reverse(expected)) = std.pop() {
                assert_eq!(ours.pop(), Some(expected));
            }
            assert_eq!(ours.pop(), None);
        }
    }

    /// `from_vec` makes a heap of any input, the sizes around a node's
    /// last children included.
    #[test]
    fn from_vec_sorts_every_small_input() {
        for len in 0..40u64 {
            let descending: Vec<u64> = (0..len).rev().collect();
            let scattered = (0..len).map(|i| (i * 7919) % 23).collect();
            for items in [descending, scattered] {
                let mut sorted = items.clone();
                sorted.sort_unstable();
                let mut heap = QuadHeap::from_vec(items);
                let popped: Vec<u64> = std::iter::from_fn(|| heap.pop()).collect();
                assert_eq!(popped, sorted, "{len} items");
            }
        }
    }
}
