//! A hint to the processor: memory the loop will read soon.
//!
//! When timers fire, the tasks they wake are scattered over the heap in
//! no order the processor can guess, and each one it reaches cold costs a
//! trip to main memory or the last-level cache (tens of nanoseconds, a
//! few hundred instructions' worth). Telling it one task ahead lets that
//! trip overlap the work on the task before. See the book's "fast paths"
//! page for the measurements.

/// The size of a cache line on the processors we run on.
const LINE: usize = 64;

/// At most this much of a value is fetched: a task's cell and the start
/// of its future, not the whole of a large future.
const MOST: usize = 4 * LINE;

/// Asks the processor to start loading `value` (its first 256 bytes at
/// most) into its cache, and returns at once. Only a hint: it reads
/// nothing the program sees and changes nothing, so calling it too early,
/// too late or needlessly is never wrong, just useless. It does something
/// on x86-64; elsewhere, and under Miri, nothing.
pub fn prefetch<T: ?Sized>(value: &T) {
    for line in lines(value) {
        prefetch_line(line);
    }
}

/// The addresses of the cache lines [`prefetch`] asks for: every line
/// that `value`'s bytes touch, up to four (an empty value counts as one
/// byte).
///
/// ```
/// #[repr(C, align(64))]
/// struct Lines([u8; 512]);
///
/// let lines = Lines([0; 512]);
/// let base = lines.0.as_ptr().addr();
/// let got = |bytes: &[u8]| aio_executor::hint::cache_lines(bytes).collect::<Vec<_>>();
/// assert_eq!(got(&lines.0[63..65]), [base, base + 64]); // across a line end
/// assert_eq!(got(&lines.0[64..128]), [base + 64]); // exactly one line
/// assert_eq!(got(&lines.0[70..70]), [base + 64]); // empty: its line
/// // A long value: its first four lines only.
/// assert_eq!(got(&lines.0), [base, base + 64, base + 128, base + 192]);
/// ```
pub fn cache_lines<T: ?Sized>(value: &T) -> impl Iterator<Item = usize> + use<T> {
    lines(value).map(<*const u8>::addr)
}

/// The start of each line [`prefetch`] asks for, as pointers moved from
/// `value`'s own address (not made from numbers: each keeps the value's
/// provenance, as a pointer near it should).
fn lines<T: ?Sized>(value: &T) -> impl Iterator<Item = *const u8> + use<T> {
    let start = std::ptr::from_ref(value).cast::<u8>();
    let into = start.addr() % LINE;
    let len = std::mem::size_of_val(value).clamp(1, MOST);
    let count = (into + len).div_ceil(LINE).min(MOST / LINE);
    let first = start.wrapping_sub(into);
    (0..count).map(move |line| first.wrapping_add(line * LINE))
}

// ANCHOR: prefetch_line
#[cfg(all(target_arch = "x86_64", not(miri)))]
#[allow(unsafe_code)] // a cache hint: see its proof
fn prefetch_line(line: *const u8) {
    use std::arch::x86_64::{_MM_HINT_T0, _mm_prefetch};
    // SAFETY: the call is `unsafe` for two reasons, depending on the Rust
    // that compiles it: it is an SSE instruction (every x86-64 processor
    // has SSE: it is part of the architecture's baseline, on by default
    // for this target), and, in older Rust, it was an `unsafe fn` because
    // it takes a raw pointer. That pointer is never dereferenced: a
    // prefetch never faults, whatever the address, and reads nothing into
    // the program. (The address here is in or next to a live value
    // anyway.)
    unsafe { _mm_prefetch::<_MM_HINT_T0>(line.cast::<i8>()) }
}
// ANCHOR_END: prefetch_line

#[cfg(not(all(target_arch = "x86_64", not(miri))))]
fn prefetch_line(_line: *const u8) {}
