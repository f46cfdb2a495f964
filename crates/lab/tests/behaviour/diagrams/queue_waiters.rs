//! Chapter 8: a queue and its two lines of waiters (crates/08-queues/src/
//! queue.rs and waiters.rs): putters wait on a full queue, getters on an
//! empty one; whoever makes progress possible wakes the oldest waiter,
//! which stays in line, marked, until its own future runs.

use super::svg::{Anchor, Style, Svg, colour};

/// What this picture takes from the code, as the code spells it: if one of
/// these changes, the picture may be wrong, and the test
/// `code_the_diagrams_name_still_says_what_they_show` says so.
pub const DRAWN_FROM: &[(&str, &[&str])] = &[(
    "crates/08-queues/src/queue.rs",
    &[
        "getters: WaiterList",
        "putters: WaiterList",
        "self.getters.wake_one();",
        "self.putters.wake_one();",
    ],
)];

/// A line of waiters, oldest first, at `x, y`.
fn line_of(s: &mut Svg, x: f64, y: f64, title: &str, waiters: &[(&str, bool)]) {
    s.text(x, y, Style::Bold, Anchor::Start, title);
    for (i, (who, woken)) in waiters.iter().enumerate() {
        let colours = if *woken {
            colour::TIMERS
        } else {
            colour::EXECUTOR
        };
        let left = x + 136.0 * i as f64;
        s.node(
            (left, y + 12.0, 126.0, 44.0),
            colours,
            &[who, if *woken { "~woken: chosen" } else { "~waiting" }],
        );
    }
    s.text(
        x,
        y + 74.0,
        Style::Note,
        Anchor::Start,
        "oldest first: wake_one() chooses the front",
    );
}

/// Items in the queue at `x, y`, with `slots` places.
fn items(s: &mut Svg, x: f64, y: f64, held: &[&str], slots: usize) {
    for i in 0..slots {
        let left = x + 56.0 * i as f64;
        match held.get(i) {
            Some(item) => s.node((left, y, 50.0, 36.0), colour::STATE, &[&format!("`{item}")]),
            None => s.rect((left, y, 50.0, 36.0), colour::OUTSIDE, true),
        }
    }
}

pub fn draw() -> String {
    let mut s = Svg::new(
        900,
        420,
        "A queue and its two lines of waiters",
        "Left: Queue::new(2) is full with items a and b; two put calls wait in the putters' \
         line, each holding its item. get_nowait takes a, which makes room and wakes the oldest \
         putter, who stays in line marked as chosen until its future runs and stores c. Right: \
         an empty queue with getters A and B in line. put_nowait(x) stores x and wakes A. If A \
         is cancelled before it runs, dropping its future, which is marked, wakes B instead, \
         so x is not stranded.",
    );
    s.text(
        20.0,
        30.0,
        Style::Heading,
        Anchor::Start,
        "Full: putters wait",
    );
    s.text(
        460.0,
        30.0,
        Style::Heading,
        Anchor::Start,
        "Empty: getters wait",
    );
    s.line(&[(445.0, 44.0), (445.0, 400.0)], "#cccccc");

    // Full.
    s.text(
        20.0,
        62.0,
        Style::Code,
        Anchor::Start,
        "Queue::new(2), items:",
    );
    items(&mut s, 210.0, 44.0, &["a", "b"], 2);
    line_of(
        &mut s,
        20.0,
        112.0,
        "putters' line",
        &[("put(c)", false), ("put(d)", false)],
    );
    s.arrow(&[(40.0, 216.0), (40.0, 240.0)]);
    s.text(
        52.0,
        232.0,
        Style::Code,
        Anchor::Start,
        "get_nowait() returns a: room for one",
    );
    items(&mut s, 20.0, 246.0, &["b"], 2);
    s.node(
        (150.0, 246.0, 126.0, 36.0),
        colour::TIMERS,
        &["put(c): woken"],
    );
    s.node((286.0, 246.0, 126.0, 36.0), colour::EXECUTOR, &["put(d)"]);
    s.lines(
        20.0,
        310.0,
        Anchor::Start,
        &[
            "~putters.wake_one(): put(c) stays in line, marked, until",
            "~its task runs; then it leaves the line and stores c.",
            "~A put waits with its item inside its future: cancel it",
            "~and the item is dropped unsent, as in asyncio.",
        ],
    );

    // Empty.
    s.text(
        460.0,
        62.0,
        Style::Code,
        Anchor::Start,
        "Queue::new(2), items:",
    );
    items(&mut s, 650.0, 44.0, &[], 2);
    line_of(
        &mut s,
        460.0,
        112.0,
        "getters' line",
        &[("get() in A", false), ("get() in B", false)],
    );
    s.arrow(&[(480.0, 216.0), (480.0, 240.0)]);
    s.text(
        492.0,
        232.0,
        Style::Code,
        Anchor::Start,
        "put_nowait(x): stores x, wakes A",
    );
    items(&mut s, 460.0, 246.0, &["x"], 2);
    s.node((590.0, 246.0, 126.0, 36.0), colour::TIMERS, &["A: woken"]);
    s.node((726.0, 246.0, 126.0, 36.0), colour::EXECUTOR, &["B"]);
    s.red_arrow(&[
        (653.0, 282.0),
        (653.0, 300.0),
        (789.0, 300.0),
        (789.0, 284.0),
    ]);
    s.lines(
        460.0,
        326.0,
        Anchor::Start,
        &[
            "~If A is cancelled before its task runs, its future is",
            "~dropped while marked: it passes the wake on to B,",
            "~so x is not left in the queue with nobody woken for it.",
            "~(A not yet marked just leaves the line.)",
        ],
    );
    s.finish()
}
