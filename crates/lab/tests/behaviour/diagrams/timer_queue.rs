//! Chapter 6: the timer queue feeding the park timeout
//! (crates/06-timers/src/timers.rs and driver.rs): timers sorted by
//! (deadline, sequence number); the first deadline bounds the wait; a
//! virtual clock jumps to it instead; then the due timers fire in order.

use super::svg::{Anchor, Style, Svg, colour};

/// What this picture takes from the code, as the code spells it: if one of
/// these changes, the picture may be wrong, and the test
/// `code_the_diagrams_name_still_says_what_they_show` says so.
pub const DRAWN_FROM: &[(&str, &[&str])] = &[
    (
        "crates/06-timers/src/timers.rs",
        &[
            "map: BTreeMap<TimerKey, Fire>",
            "type TimerKey = (Duration, u64);",
            "Wake(Waker)",
            "Call(Rc<CallbackSlot>)",
            "pub(crate) const NEVER: Duration = Duration::MAX;",
            "fn take_due(&mut self, now: Duration)",
        ],
    ),
    (
        "crates/06-timers/src/driver.rs",
        &["clock.jump_to(to);\n            self.inner.park(Some(Duration::ZERO));"],
    ),
];

pub fn draw() -> String {
    let mut s = Svg::new(
        900,
        480,
        "The timer queue sets the park timeout",
        "A time line from 0 to 3 seconds with now at 0.4 s and deadlines at 1.0 s (two timers), \
         2.5 s, and never. The timer queue is a BTreeMap keyed by deadline then sequence \
         number: Task-1's sleep and Task-2's sleep at 1.000 s, a call_later callback at 2.500 s, \
         and a sleep that never fires. The timer layer computes until_next = 1.000 - 0.400 = \
         0.600 s and waits the shorter of that and the loop's timeout. On a real clock it parks \
         for at most 0.6 s; on a virtual clock with nothing else to wait for it jumps to 1.000 s. \
         Then fire_due takes every timer due at 1.000 s and wakes Task-1, then Task-2.",
    );
    s.text(
        20.0,
        30.0,
        Style::Heading,
        Anchor::Start,
        "The first deadline sets how long the loop may wait",
    );

    // The time line.
    let (left, span, axis) = (60.0, 720.0, 112.0);
    let x = |secs: f64| left + secs / 3.0 * span;
    s.line(&[(left, axis), (left + span, axis)], "#333333");
    for tick in 0..=6 {
        let t = f64::from(tick) * 0.5;
        s.line(&[(x(t), axis - 4.0), (x(t), axis + 4.0)], "#333333");
        s.text(
            x(t),
            axis + 20.0,
            Style::Note,
            Anchor::Middle,
            &format!("{t:.1} s"),
        );
    }
    s.text(
        left + span + 50.0,
        axis + 5.0,
        Style::Body,
        Anchor::Middle,
        "never",
    );
    s.rect(
        (x(0.4), axis - 22.0, x(1.0) - x(0.4), 12.0),
        colour::TIMERS,
        false,
    );
    s.text(
        (x(0.4) + x(1.0)) / 2.0,
        axis - 30.0,
        Style::Note,
        Anchor::Middle,
        "the wait: 0.600 s",
    );
    s.line(&[(x(0.4), axis - 40.0), (x(0.4), axis + 4.0)], "#b9771f");
    s.text(x(0.4), axis - 44.0, Style::Bold, Anchor::Middle, "now");
    for (t, label) in [(1.0, "Task-1, Task-2"), (2.5, "callback")] {
        s.text(x(t), axis + 38.0, Style::Code, Anchor::Middle, label);
        s.line(&[(x(t), axis - 8.0), (x(t), axis + 8.0)], "#b03a2e");
    }
    s.text(
        left + span + 50.0,
        axis + 38.0,
        Style::Code,
        Anchor::Middle,
        "Task-4",
    );

    // The queue.
    let top = 176.0;
    s.text(
        40.0,
        top,
        Style::Bold,
        Anchor::Start,
        "TimerQueue: BTreeMap<(deadline, seq), Fire>",
    );
    let rows = [
        (
            "(1.000 s, 3)",
            "Wake(Task-1's waker)",
            "first: the next deadline",
        ),
        (
            "(1.000 s, 4)",
            "Wake(Task-2's waker)",
            "same deadline: set later, fires later",
        ),
        (
            "(2.500 s, 5)",
            "Call(callback)",
            "call_later(2.1 s, ..) at 0.4 s",
        ),
        (
            "(NEVER, 6)",
            "Wake(Task-4's waker)",
            "sleep(Duration::MAX): never waited for",
        ),
    ];
    for (i, (key, fire, note)) in rows.iter().enumerate() {
        let y = top + 12.0 + 34.0 * i as f64;
        s.rect((40.0, y, 420.0, 30.0), ("#ffffff", "#b9771f"), false);
        s.text(52.0, y + 20.0, Style::Code, Anchor::Start, key);
        s.text(170.0, y + 20.0, Style::Code, Anchor::Start, fire);
        s.text(470.0, y + 20.0, Style::Note, Anchor::Start, note);
    }

    // The park.
    let py = 330.0;
    s.rect((40.0, py, 840.0, 134.0), colour::TIMERS, false);
    s.lines(
        56.0,
        py + 24.0,
        Anchor::Start,
        &[
            "*TimerDriver::park(timeout), with timeout = None (no task ready)",
            "`until_next = 1.000 - 0.400 = 0.600 s;  wait = earliest(None, Some(0.600 s)) = 0.600 s",
            "real clock: inner.park(Some(0.600 s)); the reactor's epoll_wait returns within 600 ms, sooner if a socket is ready",
            "virtual clock, and nothing else can wake the loop: jump the clock to 1.000 s, then inner.park(Some(0))",
            "then fire_due(): take_due(1.000 s) removes both 1.000 s timers and wakes Task-1, then Task-2",
            "~The callback stays for a later turn; Task-4's timer never sets a timeout and a virtual clock never jumps to it.",
        ],
    );
    s.finish()
}
