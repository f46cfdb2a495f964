//! A global allocator that counts live heap bytes, for the bytes held per
//! idle task. Counting is off until [`start_counting`]: the timed
//! workloads pay one relaxed load per allocation, no more.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering::Relaxed};

/// The system allocator, with a running total of the bytes asked for and
/// not yet freed (the sizes requested; the allocator's own headers and
/// rounding are not counted).
#[derive(Debug)]
pub struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
/// Bytes allocated minus bytes freed since counting started (wrapping: a
/// block allocated before and freed after makes it go "below zero").
static LIVE: AtomicU64 = AtomicU64::new(0);
/// How many idle tasks have been polled once.
static IDLE_POLLED: AtomicU64 = AtomicU64::new(0);

/// Counts from now on.
pub fn start_counting() {
    COUNTING.store(true, Relaxed);
}

/// The running total; subtract two readings for what was allocated in
/// between.
pub fn live() -> u64 {
    LIVE.load(Relaxed)
}

fn add(bytes: usize) {
    if COUNTING.load(Relaxed) {
        LIVE.fetch_add(bytes as u64, Relaxed);
    }
}

fn sub(bytes: usize) {
    if COUNTING.load(Relaxed) {
        LIVE.fetch_sub(bytes as u64, Relaxed);
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments
// unchanged, so `System`'s guarantees are ours; the counting only reads
// sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: our caller upholds `alloc`'s contract (non-zero size).
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            add(layout.size());
        }
        ptr
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let ptr = unsafe { System.alloc_zeroed(layout) };
        if !ptr.is_null() {
            add(layout.size());
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from this allocator, that is from `System`,
        // with this `layout` (our caller's promise).
        unsafe { System.dealloc(ptr, layout) };
        sub(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from `System` with `layout`, and `new_size`
        // is valid for it (our caller's promise).
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            sub(layout.size());
            add(new_size);
        }
        new
    }
}

/// How long the idle measure waits after the last idle task was polled,
/// before it reads the live bytes: long enough for the loop to finish its
/// turn and park with nothing to run, which is when its tasks are idle in
/// the sense that matters (a server holding 100,000 quiet connections). A
/// reading taken earlier, inside the turn that polled them, also counts
/// what the spawn burst made the ready queue grow to: our loop gives that
/// room back at the end of the turn, tokio and smol keep it.
pub const SETTLE: std::time::Duration = std::time::Duration::from_millis(1);

/// The idle task every runtime spawns: note that it has been polled, then
/// wait forever. It captures nothing, so its own state is a few bytes.
pub async fn idle_task() {
    IDLE_POLLED.fetch_add(1, Relaxed);
    std::future::pending::<()>().await;
}

/// How many idle tasks have run up to their wait.
pub fn idle_polled() -> u64 {
    IDLE_POLLED.load(Relaxed)
}
