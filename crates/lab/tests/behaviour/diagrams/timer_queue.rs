//! Chapter 6: the timer queue feeding the park timeout
//! (crates/06-timers/src/timers.rs, heap.rs and driver.rs): a heap with four
//! children per node of 16-byte keys (deadline in nanoseconds, sequence
//! number, slot), earliest on top, with what each timer
//! does in a slab; a cancelled timer's key stays in the heap, dead, until it
//! reaches the top; the top's deadline bounds the wait, a virtual clock
//! jumps to it instead, then the due timers fire in order.

use super::svg::{Anchor, Style, Svg, colour};

/// What this picture takes from the code, as the code spells it: if one of
/// these changes, the picture may be wrong, and the test
/// `code_the_diagrams_name_still_says_what_they_show` says so.
pub const DRAWN_FROM: &[(&str, &[&str])] = &[
    (
        "crates/06-timers/src/timers.rs",
        &[
            "struct TimerKey {\n    deadline: Nanos,\n    seq: u32,\n    slot: u32,\n}",
            "heap: QuadHeap<TimerKey>",
            "slots: Vec<Option<Pending>>",
            "struct Pending {",
            "free: Vec<u32>",
            "Some(slot) => slot,",
            "Task(LocalTask)",
            "Call(Rc<CallbackSlot>)",
            "pub(crate) const NEVER: Nanos = Nanos::MAX;",
            ".map(|key| key.deadline)",
            "fn take_due(&mut self, now: Nanos, due: &mut Vec<(Nanos, Fire)>)",
            "continue; // dead: removed before it was due",
            "self.drop_dead_top();\n        self.release_if_empty();",
        ],
    ),
    (
        "crates/06-timers/src/heap.rs",
        &["let first = 4 * at + 1;", "let parent = (at - 1) / 4;"],
    ),
    (
        "crates/06-timers/src/driver.rs",
        &[
            "let wait = earliest(timeout, until_next);",
            "clock.jump_to(to);\n            self.inner.park(Some(Duration::ZERO));",
            "self.fire_due(None, tracing);",
        ],
    ),
];

pub fn draw() -> String {
    let mut s = Svg::new(
        900,
        580,
        "The timer queue: a heap whose top sets the park timeout",
        "A time line from 0 to 3 seconds with now at 0.4 s and deadlines at 1.0 s (two timers), \
         2.0 s (cancelled), 2.5 s, and never. The timer queue is a heap of keys \
         (deadline, sequence number, slot) with four children per node, earliest on top: \
         (1.000 s, 3, 0) on top, and its four children (1.000 s, 4, 1), the dead key \
         (2.000 s, 5, 2), (2.500 s, 6, 2) and (NEVER, 7, 3); deadlines are kept as \
         nanoseconds, shown here in seconds. What each timer does is in a slab of slots, each with its key's sequence \
         number: slot 0 wakes Task-1, slot 1 wakes Task-2, slot 2 holds sequence 6, a \
         call_later callback, because sequence 5 was cancelled and its slot reused, and slot 3 \
         wakes Task-4. The \
         timer layer peeks at the top: until_next = 1.000 - 0.400 = 0.600 s, and it waits the \
         shorter of that and the loop's timeout. On a real clock it parks for at most 0.6 s; on \
         a virtual clock with nothing else to wait for it jumps to 1.000 s. Then fire_due pops \
         the two keys due at 1.000 s and wakes Task-1, then Task-2, and throws away the dead \
         key that has reached the top, leaving (2.500 s, 6, 2) there.",
    );
    s.text(
        20.0,
        30.0,
        Style::Heading,
        Anchor::Start,
        "The earliest deadline, on top of the heap, sets how long the loop may wait",
    );

    // The time line.
    let (left, span, axis) = (60.0, 720.0, 100.0);
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
    s.line(&[(x(2.0), axis - 8.0), (x(2.0), axis + 8.0)], "#999999");
    s.text(
        x(2.0),
        axis + 38.0,
        Style::Note,
        Anchor::Middle,
        "cancelled",
    );
    s.text(
        left + span + 50.0,
        axis + 38.0,
        Style::Code,
        Anchor::Middle,
        "Task-4",
    );

    // The heap, drawn as the tree it stands for.
    let top = 176.0;
    s.text(
        40.0,
        top,
        Style::Bold,
        Anchor::Start,
        "heap: QuadHeap<TimerKey>",
    );
    s.text(
        40.0,
        top + 18.0,
        Style::Note,
        Anchor::Start,
        "16-byte keys (deadline in ns, seq, slot); four children a node,",
    );
    s.text(
        40.0,
        top + 34.0,
        Style::Note,
        Anchor::Start,
        "none earlier than its parent",
    );
    let (w, h) = (124.0, 30.0);
    // (centre x, top y, key, live)
    let keys = [
        (296.0, top + 52.0, "(1.000 s, 3, 0)", true),
        (102.0, top + 122.0, "(1.000 s, 4, 1)", true),
        (231.0, top + 122.0, "(2.000 s, 5, 2)", false),
        (360.0, top + 122.0, "(2.500 s, 6, 2)", true),
        (489.0, top + 122.0, "(NEVER, 7, 3)", true),
    ];
    for (child, parent) in [(1, 0), (2, 0), (3, 0), (4, 0)] {
        let (cx, cy, _, _) = keys[child];
        let (px, py, _, _) = keys[parent];
        s.line(&[(px, py + h), (cx, cy)], "#b9771f");
    }
    for (cx, y, key, live) in keys {
        if live {
            s.rect((cx - w / 2.0, y, w, h), ("#ffffff", "#b9771f"), false);
            s.text(cx, y + 20.0, Style::Code, Anchor::Middle, key);
        } else {
            s.rect((cx - w / 2.0, y, w, h), colour::OUTSIDE, true);
            s.text(cx, y + 20.0, Style::Note, Anchor::Middle, key);
        }
    }
    s.text(
        296.0 - w / 2.0 - 10.0,
        top + 72.0,
        Style::Note,
        Anchor::End,
        "the top: the next deadline",
    );
    s.text(
        231.0,
        top + 172.0,
        Style::Note,
        Anchor::Middle,
        "dead: slot 2 now holds seq 6",
    );

    // The slab.
    let sx = 580.0;
    s.text(
        sx,
        top,
        Style::Bold,
        Anchor::Start,
        "slots: Vec<Option<Pending>>",
    );
    s.text(
        sx,
        top + 18.0,
        Style::Note,
        Anchor::Start,
        "what each timer does, with its key's seq",
    );
    let slots = [
        "0: seq 3, Task(Task-1)",
        "1: seq 4, Task(Task-2)",
        "2: seq 6, Call(callback)",
        "3: seq 7, Task(Task-4)",
    ];
    for (i, slot) in slots.iter().enumerate() {
        let y = top + 32.0 + 34.0 * i as f64;
        s.rect((sx, y, 300.0, 30.0), ("#ffffff", "#b9771f"), false);
        s.text(sx + 12.0, y + 20.0, Style::Code, Anchor::Start, slot);
    }
    s.lines(
        sx,
        top + 186.0,
        Anchor::Start,
        &[
            "~seq 5 was cancelled: its slot emptied at once,",
            "~seq 6 took it over; its key waits in the heap.",
        ],
    );

    // The park.
    let py = 406.0;
    s.rect((40.0, py, 840.0, 162.0), colour::TIMERS, false);
    s.lines(
        56.0,
        py + 24.0,
        Anchor::Start,
        &[
            "*TimerDriver::park(timeout), with timeout = None (no task ready)",
            "`until_next = next_deadline() - now = 1.000 - 0.400 = 0.600 s   (a peek at the top)",
            "`wait = earliest(None, Some(0.600 s)) = Some(0.600 s)",
            "real clock: inner.park(Some(0.600 s)); the reactor's epoll_wait returns within 600 ms, sooner if a socket is ready",
            "virtual clock, and nothing else can wake the loop: clock.jump_to(1.000 s), then inner.park(Some(0))",
            "then fire_due: take_due(1.000 s) pops seq 3 and 4, wakes Task-1, then Task-2; the dead seq 5 is",
            "now on top and is thrown away (drop_dead_top), so (2.500 s, 6, 2) is the next deadline.",
            "~The callback stays for a later turn; Task-4's NEVER never sets a timeout and a virtual clock never jumps to it.",
        ],
    );
    s.finish()
}
