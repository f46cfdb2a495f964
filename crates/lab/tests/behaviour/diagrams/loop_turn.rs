//! Chapter 4: one turn of the loop, in the order `EventLoop::turn` does it
//! (crates/04-executor/src/event_loop.rs): take in remote wakes, pick the
//! park timeout, park in the driver, take in remote wakes again, run the
//! batch that is ready, and give back the room a burst left.

use super::svg::{Anchor, Style, Svg, colour};

/// What this picture takes from the code, as the code spells it: if one of
/// these changes, the picture may be wrong, and the test
/// `code_the_diagrams_name_still_says_what_they_show` says so.
pub const DRAWN_FROM: &[(&str, &[&str])] = &[(
    "crates/04-executor/src/event_loop.rs",
    &[
        "fn turn(&self, wait: bool)",
        "core.drain_remote();\n        let timeout = if core.has_ready() || !wait {\n            Some(Duration::ZERO)",
        "self.driver.borrow_mut().park(timeout);\n        core.drain_remote();\n        core.run_ready();\n        core.give_back_room();",
        "ready: RefCell<ReadyQueue>",
        "let batch = self.ready.borrow().len();",
        "self.turn(false);",
    ],
)];

pub fn draw() -> String {
    let mut s = Svg::new(
        900,
        470,
        "One turn of the event loop",
        "A turn has five steps. One: drain_remote moves tasks woken from other threads to the \
         back of the ready queue. Two: the timeout is zero if work is ready, and no limit \
         otherwise. Three: the driver parks with that timeout; the reactor and the timer layer \
         wake tasks here. Four: drain_remote again. Five: run_ready runs the batch that is in \
         the queue now, front first, each task polled once; anything woken meanwhile goes to \
         the back and waits for the next turn. Then the loop gives back the room a burst left in \
         its ready queue, and in its table when nothing is ready. run_until_complete repeats \
         turns until the main task is done.",
    );
    s.text(
        20.0,
        30.0,
        Style::Heading,
        Anchor::Start,
        "One turn: EventLoop::turn",
    );
    let steps: [&[&str]; 5] = [
        &[
            "*1. drain_remote()",
            "~tasks woken on other threads join the back of the ready queue",
        ],
        &[
            "*2. pick the timeout",
            "~work is ready: Some(0), only look · nothing ready: None, no limit",
        ],
        &[
            "*3. driver.park(timeout)",
            "~wait, or only look; sockets and timers wake tasks here (ch. 5, 6)",
        ],
        &[
            "*4. drain_remote()",
            "~wakes that came from other threads while it was parked",
        ],
        &[
            "*5. run_ready()",
            "~the batch in the queue now, front first: each task polled once",
        ],
    ];
    let (x, w, h, gap) = (50.0, 460.0, 52.0, 22.0);
    for (i, lines) in steps.iter().enumerate() {
        let y = 56.0 + (h + gap) * i as f64;
        let colours = if i == 2 {
            colour::OUTSIDE
        } else {
            colour::EXECUTOR
        };
        s.node((x, y, w, h), colours, lines);
        if i > 0 {
            s.arrow(&[(x + w / 2.0, y - gap), (x + w / 2.0, y)]);
        }
    }
    let last = 56.0 + (h + gap) * 4.0;
    s.text(
        x,
        last + h + 22.0,
        Style::Note,
        Anchor::Start,
        "then give_back_room(): the queue's room a burst left; \
         the table's when nothing is ready",
    );
    // The loop back: run_until_complete turns again until main is done.
    s.arrow(&[
        (x, last + h / 2.0),
        (24.0, last + h / 2.0),
        (24.0, 56.0 + h / 2.0),
        (x, 56.0 + h / 2.0),
    ]);
    s.text(20.0, last + h + 50.0, Style::Note, Anchor::Start, "run_until_complete turns again until the main task is done, then once more with wait = false (step 2 picks Some(0)).");

    // The ready queue, as step 5 sees it.
    let qx = 540.0;
    s.text(
        qx,
        74.0,
        Style::Bold,
        Anchor::Start,
        "The ready queue: Runnables, in order",
    );
    let cells = ["Task-2", "Task-3", "callback", "Task-5"];
    for (i, cell) in cells.iter().enumerate() {
        let cx = qx + 86.0 * i as f64;
        s.node((cx, 90.0, 80.0, 34.0), colour::STATE, &[cell]);
    }
    s.text(qx, 144.0, Style::Note, Anchor::Start, "front: pop_front()");
    s.text(
        qx + 338.0,
        144.0,
        Style::Note,
        Anchor::End,
        "back: push_back()",
    );
    s.lines(
        qx,
        178.0,
        Anchor::Start,
        &[
            "batch = 4: the queue's length as step 5 begins.",
            "Each entry is polled (or run) once, in order.",
        ],
    );
    s.node((qx, 226.0, 80.0, 34.0), colour::STATE, &["Task-1"]);
    s.lines(
        qx + 92.0,
        240.0,
        Anchor::Start,
        &[
            "~woken during the batch (or it yielded):",
            "~it waits behind, for the next turn",
        ],
    );
    s.lines(
        qx,
        304.0,
        Anchor::Start,
        &[
            "~So a task that keeps yielding cannot starve the",
            "~driver: every turn parks (or looks) once before",
            "~the next batch. asyncio's _run_once counts",
            "~len(self._ready) first for the same reason.",
        ],
    );
    s.finish()
}
