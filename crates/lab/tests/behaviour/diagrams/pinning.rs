//! Chapter 2, "Pin, honestly": why the future of `sum_first_two_later`
//! (crates/02-futures/src/two_awaits.rs) must not move once it has been
//! polled: after the first poll it holds a reference into itself.

use super::svg::{Anchor, Style, Svg, colour};

/// What this picture takes from the code, as the code spells it: if one of
/// these changes, the picture may be wrong, and the test
/// `code_the_diagrams_name_still_says_what_they_show` says so.
pub const DRAWN_FROM: &[(&str, &[&str])] = &[(
    "crates/02-futures/src/two_awaits.rs",
    &[
        "sum_first_two_later(values: [u32; 3])",
        "let first_two = &values[..2];",
    ],
)];

/// A future's frame at `x, y`: a titled box with one row per field.
fn frame(s: &mut Svg, x: f64, y: f64, place: &str, rows: &[&str]) {
    let h = 40.0 + 36.0 * rows.len() as f64;
    s.rect((x, y, 270.0, h), colour::STATE, false);
    s.text(x + 10.0, y + 20.0, Style::Bold, Anchor::Start, place);
    for (i, row) in rows.iter().enumerate() {
        let top = y + 32.0 + 36.0 * i as f64;
        s.rect((x + 10.0, top, 250.0, 28.0), ("#ffffff", "#80508a"), false);
        s.text(x + 20.0, top + 19.0, Style::Code, Anchor::Start, row);
    }
}

pub fn draw() -> String {
    let mut s = Svg::new(
        900,
        360,
        "Why a polled future must not move",
        "Three panels. First, the future of sum_first_two_later([1, 2, 3]) has been made but \
         not polled: it holds only values, and moving it is harmless. Second, after one poll it \
         is paused at the await and holds first_two, a reference to values inside the same \
         future at address A. Third, if it were moved to address B, first_two would still point \
         at address A, where nothing valid lives any more. Pin is the promise that this move \
         never happens.",
    );
    let headings = [
        (20.0, "1. made, not polled yet"),
        (315.0, "2. polled, paused at .await"),
        (610.0, "3. moved after that"),
    ];
    for (x, heading) in headings {
        s.text(x, 30.0, Style::Heading, Anchor::Start, heading);
    }

    frame(
        &mut s,
        20.0,
        50.0,
        "the future, at address A",
        &["values: [1, 2, 3]"],
    );
    s.lines(
        20.0,
        150.0,
        Anchor::Start,
        &[
            "~It holds only its argument:",
            "~nothing points into it, so moving",
            "~it (into a Box, a Vec, a task) is fine.",
        ],
    );

    frame(
        &mut s,
        315.0,
        50.0,
        "the future, at address A",
        &["values: [1, 2, 3]", "first_two: &values[..2]"],
    );
    s.arrow(&[(575.0, 133.0), (598.0, 133.0), (598.0, 97.0), (577.0, 97.0)]);
    s.lines(
        315.0,
        186.0,
        Anchor::Start,
        &[
            "~first_two points into the future's",
            "~own memory: the compiler keeps both",
            "~across the await.",
        ],
    );

    frame(
        &mut s,
        610.0,
        50.0,
        "the future, moved to address B",
        &["values: [1, 2, 3]", "first_two: &values[..2]"],
    );
    s.rect((610.0, 210.0, 270.0, 46.0), colour::OUTSIDE, true);
    s.text(
        745.0,
        230.0,
        Style::Body,
        Anchor::Middle,
        "address A: freed or reused",
    );
    s.text(
        745.0,
        247.0,
        Style::Note,
        Anchor::Middle,
        "not [1, 2, 3] any more",
    );
    s.red_arrow(&[
        (870.0, 133.0),
        (890.0, 133.0),
        (890.0, 233.0),
        (882.0, 233.0),
    ]);
    s.text(
        745.0,
        276.0,
        Style::Note,
        Anchor::Middle,
        "first_two still points at A: dangling",
    );

    s.line(&[(20.0, 296.0), (880.0, 296.0)], "#cccccc");
    s.lines(
        20.0,
        318.0,
        Anchor::Start,
        &[
            "So poll takes Pin<&mut Self>: a promise that the future stays where it is until it is dropped.",
            "~It gets a fixed place on the heap (Box::pin, or a task's Rc cell in chapter 4) or in a stack frame that outlives every poll (pin!).",
        ],
    );
    s.finish()
}
