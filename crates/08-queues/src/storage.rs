//! Where a queue keeps its items, and so in which order they come out.
//!
//! asyncio's `LifoQueue` and `PriorityQueue` are subclasses of `Queue` that
//! override three methods, `_init`, `_put` and `_get`; all the waiting, the
//! counting and the cancel-safety stay in `Queue`. [`Storage`] is those
//! three methods as a trait, and [`BaseQueue`](crate::BaseQueue) is generic
//! over it, so the three queues share one implementation.

use std::cmp::Reverse;
use std::collections::{BinaryHeap, VecDeque};
use std::fmt;

// ANCHOR: storage
/// A queue's storage discipline: how items are kept and which comes out
/// next. Implement it to make a queue of your own order, as you would
/// subclass `asyncio.Queue` and override `_put` and `_get`.
pub trait Storage: Default {
    /// What the queue holds.
    type Item;
    /// Stores one item (asyncio's `_put`).
    fn push(&mut self, item: Self::Item);
    /// Takes the next item out, or `None` when there is none (`_get`).
    fn pop(&mut self) -> Option<Self::Item>;
    /// How many items are stored.
    fn len(&self) -> usize;
    /// Whether nothing is stored.
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// First in, first out: [`Queue`](crate::Queue)'s order.
pub struct Fifo<T>(VecDeque<T>);

/// Last in, first out: [`LifoQueue`](crate::LifoQueue)'s order.
pub struct Lifo<T>(Vec<T>);

/// Smallest first, like `heapq`: [`PriorityQueue`](crate::PriorityQueue)'s
/// order. `BinaryHeap` pops the largest, so items are kept `Reverse`d.
pub struct Priority<T: Ord>(BinaryHeap<Reverse<T>>);
// ANCHOR_END: storage

impl<T> Storage for Fifo<T> {
    type Item = T;
    fn push(&mut self, item: T) {
        self.0.push_back(item);
    }
    fn pop(&mut self) -> Option<T> {
        self.0.pop_front()
    }
    fn len(&self) -> usize {
        self.0.len()
    }
}

impl<T> Storage for Lifo<T> {
    type Item = T;
    fn push(&mut self, item: T) {
        self.0.push(item);
    }
    fn pop(&mut self) -> Option<T> {
        self.0.pop()
    }
    fn len(&self) -> usize {
        self.0.len()
    }
}

impl<T: Ord> Storage for Priority<T> {
    type Item = T;
    fn push(&mut self, item: T) {
        self.0.push(Reverse(item));
    }
    fn pop(&mut self) -> Option<T> {
        self.0.pop().map(|Reverse(item)| item)
    }
    fn len(&self) -> usize {
        self.0.len()
    }
}

impl<T> Default for Fifo<T> {
    fn default() -> Self {
        Fifo(VecDeque::new())
    }
}

impl<T> Default for Lifo<T> {
    fn default() -> Self {
        Lifo(Vec::new())
    }
}

impl<T: Ord> Default for Priority<T> {
    fn default() -> Self {
        Priority(BinaryHeap::new())
    }
}

impl<T: fmt::Debug> fmt::Debug for Fifo<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

impl<T: fmt::Debug> fmt::Debug for Lifo<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(&self.0).finish()
    }
}

impl<T: Ord + fmt::Debug> fmt::Debug for Priority<T> {
    /// The heap's array, as Python's `repr` of a `PriorityQueue` shows it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|Reverse(item)| item))
            .finish()
    }
}
