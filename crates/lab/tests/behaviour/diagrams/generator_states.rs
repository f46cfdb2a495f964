//! Chapter 1: `TwoValues`, the hand-written `two_values` generator, as its
//! states and the `resume` calls that move it between them
//! (crates/01-generators/src/two_values.rs).

use super::svg::{Anchor, Style, Svg, colour};

/// What this picture takes from the code, as the code spells it: if one of
/// these changes, the picture may be wrong, and the test
/// `code_the_diagrams_name_still_says_what_they_show` says so.
pub const DRAWN_FROM: &[(&str, &[&str])] = &[(
    "crates/01-generators/src/two_values.rs",
    &[
        "Start { first, second }",
        "AtFirstYield { second }",
        "AtSecondYield",
        "Done",
        "GeneratorState::Yielded(first)",
        "GeneratorState::Yielded(second)",
        "GeneratorState::Complete(())",
    ],
)];

pub fn draw() -> String {
    let mut s = Svg::new(
        900,
        330,
        "The states of the two_values generator",
        "TwoValues has four variants. Calling two_values(first, second) builds Start and runs no \
         code. The first resume yields first and moves to AtFirstYield, which keeps only second. \
         The second resume yields second and moves to AtSecondYield. The third resume completes \
         with () and leaves Done. Resuming Done panics.",
    );
    s.text(
        20.0,
        30.0,
        Style::Heading,
        Anchor::Start,
        "TwoValues: one variant per place the function can pause",
    );
    s.code(
        (600.0, 14.0, 280.0, 76.0),
        &[
            "def two_values(first, second):",
            "    yield first",
            "    yield second",
        ],
    );
    s.text(20.0, 78.0, Style::Code, Anchor::Start, "two_values(a, b)");
    s.text(
        20.0,
        96.0,
        Style::Note,
        Anchor::Start,
        "builds Start; no line of the body runs",
    );
    s.arrow(&[(60.0, 104.0), (60.0, 148.0)]);

    let (top, h, w) = (150.0, 66.0, 160.0);
    let xs = [20.0, 250.0, 480.0, 710.0];
    let states: [&[&str]; 4] = [
        &["*Start", "`{ first, second }"],
        &["*AtFirstYield", "`{ second }"],
        &["*AtSecondYield", "~nothing left to keep"],
        &["*Done", "~the frame is gone"],
    ];
    let wheres = [
        "before the first line",
        "paused at yield first",
        "paused at yield second",
        "returned",
    ];
    for ((x, lines), place) in xs.iter().zip(states).zip(wheres) {
        s.node((*x, top, w, h), colour::STATE, lines);
        s.text(
            x + w / 2.0,
            top + h + 20.0,
            Style::Note,
            Anchor::Middle,
            place,
        );
    }
    let steps = ["Yielded(first)", "Yielded(second)", "Complete(())"];
    for (i, step) in steps.iter().enumerate() {
        let (from, to) = (xs[i] + w, xs[i + 1]);
        let mid = (from + to) / 2.0;
        s.arrow(&[(from, top + h / 2.0), (to, top + h / 2.0)]);
        s.text(mid, top - 26.0, Style::Code, Anchor::Middle, "resume(())");
        s.text(
            mid,
            top - 9.0,
            Style::Code,
            Anchor::Middle,
            &format!("→ {step}"),
        );
    }
    s.red_arrow(&[(790.0, top + h + 28.0), (790.0, 272.0)]);
    s.node(
        (690.0, 274.0, 200.0, 44.0),
        colour::WRONG,
        &["`resume(()) again", "~panics: nothing left to return"],
    );
    s.lines(
        20.0,
        272.0,
        Anchor::Start,
        &[
            "~Each resume runs one slice of the body, from one pause to the next. The variant",
            "~plays Python's instruction pointer; its fields play the locals still needed later.",
        ],
    );
    s.finish()
}
