//! `hint::cache_lines`: the lines a cache hint asks for, at the two edges
//! its doctest does not reach (an empty value at the very start of a line,
//! and a long value that starts inside one).

use aio_executor::hint::cache_lines;

/// 512 bytes starting at a line.
#[repr(C, align(64))]
struct Lines([u8; 512]);

fn lines_of(bytes: &[u8]) -> Vec<usize> {
    cache_lines(bytes).collect()
}

#[test]
fn an_empty_value_at_the_start_of_a_line_still_asks_for_that_line() {
    // "An empty value counts as one byte": at offset 70 the rounding up
    // gives one line anyway; at offset 64 only that rule does.
    let lines = Lines([0; 512]);
    let base = lines.0.as_ptr().addr();
    assert_eq!(lines_of(&lines.0[64..64]), [base + 64]);
}

#[test]
fn a_long_value_that_starts_inside_a_line_asks_for_four_lines_at_most() {
    // Its first 256 bytes touch five lines; the cap is four. (From the
    // start of a line, 256 bytes are four lines exactly, so capping the
    // length alone or the line count alone both pass the doctest.)
    let lines = Lines([0; 512]);
    let base = lines.0.as_ptr().addr();
    assert_eq!(
        lines_of(&lines.0[1..]),
        [base, base + 64, base + 128, base + 192]
    );
}
