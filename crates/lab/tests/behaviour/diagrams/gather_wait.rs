//! Chapter 7: what `gather` and `wait(FIRST_COMPLETED)` return, and when,
//! for the three jobs of the gather_vs_wait demo (crates/07-gather-wait/
//! examples/gather_vs_wait.rs): slow 3 s, quick 1 s, medium 2 s.

use super::svg::{Anchor, Style, Svg, colour};

/// What this picture takes from the code, as the code spells it: if one of
/// these changes, the picture may be wrong, and the test
/// `code_the_diagrams_name_still_says_what_they_show` says so.
pub const DRAWN_FROM: &[(&str, &[&str])] = &[
    (
        "crates/07-gather-wait/examples/gather_vs_wait.rs",
        &[
            "wait(pending, ReturnWhen::FirstCompleted, None).await",
            "gather(JOBS.map(",
        ],
    ),
    (
        "crates/07-gather-wait/tests/behaviour/snapshots/behaviour__demos__gather_vs_wait.snap",
        &[
            "gather returned slow, quick, medium",
            "1.000s  wait: done quick; pending medium, slow",
            "2.000s  wait: done medium; pending slow",
            "3.000s  wait: done slow; pending none",
        ],
    ),
];

pub fn draw() -> String {
    let mut s = Svg::new(
        900,
        440,
        "gather returns once, in argument order; wait returns as tasks finish",
        "Three jobs start at 0 s in the order slow (3 s), quick (1 s), medium (2 s). Awaiting \
         gather of the three (an array) returns once, at 3 s, with the values in argument order: slow, \
         quick, medium. Calling wait with FIRST_COMPLETED again on what is still pending returns \
         three times: at 1 s with quick done and medium and slow pending, at 2 s with medium \
         done and slow pending, at 3 s with slow done and nothing pending.",
    );
    s.text(
        20.0,
        30.0,
        Style::Heading,
        Anchor::Start,
        "Three jobs, two ways to await them",
    );
    let (left, per_second) = (130.0, 216.0);
    let x = |secs: f64| left + secs * per_second;
    let jobs = [("slow", 3.0), ("quick", 1.0), ("medium", 2.0)];
    for (i, (name, secs)) in jobs.iter().enumerate() {
        let y = 50.0 + 30.0 * i as f64;
        s.text(left - 12.0, y + 16.0, Style::Code, Anchor::End, name);
        s.rect((x(0.0), y, x(*secs) - x(0.0), 22.0), colour::STATE, false);
    }
    let axis = 148.0;
    s.line(&[(x(0.0), axis), (x(3.0), axis)], "#333333");
    for t in 0..=3 {
        let t = f64::from(t);
        s.line(&[(x(t), axis - 4.0), (x(t), axis + 4.0)], "#333333");
        s.text(
            x(t),
            axis + 18.0,
            Style::Note,
            Anchor::Middle,
            &format!("{t:.0} s"),
        );
    }

    // gather.
    let gy = 196.0;
    s.text(
        20.0,
        gy,
        Style::Bold,
        Anchor::Start,
        "gather([slow, quick, medium]).await",
    );
    s.rect(
        (x(0.0), gy + 14.0, x(3.0) - x(0.0), 12.0),
        colour::EXECUTOR,
        false,
    );
    s.text(
        x(0.0) + 8.0,
        gy + 44.0,
        Style::Note,
        Anchor::Start,
        "Task-1 waits; each job's end wakes it, it finds the gather unfinished and waits again",
    );
    s.arrow(&[(x(3.0), gy + 26.0), (x(3.0), gy + 56.0)]);
    s.node(
        (x(3.0) - 170.0, gy + 56.0, 270.0, 40.0),
        colour::EXECUTOR,
        &["`Ok([\"slow\", \"quick\", \"medium\"])"],
    );
    s.text(
        x(3.0) - 180.0,
        gy + 81.0,
        Style::Note,
        Anchor::End,
        "one return, at 3 s, values in argument order",
    );

    // wait, again and again.
    let wy = 318.0;
    s.text(
        20.0,
        wy,
        Style::Bold,
        Anchor::Start,
        "wait(pending, ReturnWhen::FirstCompleted, None).await, in a loop",
    );
    let returns = [
        (1.0, "done: [quick]", "pending: [medium, slow]"),
        (2.0, "done: [medium]", "pending: [slow]"),
        (3.0, "done: [slow]", "pending: []"),
    ];
    for (t, done, pending) in returns {
        s.arrow(&[(x(t), wy + 8.0), (x(t), wy + 34.0)]);
        s.node(
            (x(t) - 96.0, wy + 34.0, 192.0, 48.0),
            colour::EXECUTOR,
            &[&format!("`{done}"), &format!("`{pending}")],
        );
    }
    s.text(20.0, wy + 106.0, Style::Note, Anchor::Start, "wait hands back the JoinHandles as (done, pending) each time one ends; awaiting a done handle gives its value at once.");
    s.finish()
}
