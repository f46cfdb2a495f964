//! Chapter 3: the poll/wake cycle. A future that cannot finish hands the
//! waker from its `Context` to whatever it waits on and returns `Pending`;
//! nothing polls it again until that waker is woken (crates/03-wakers,
//! `block_on` and `thread_sleep`; chapter 4's loop does the same with a
//! ready queue).

use super::svg::{Anchor, Style, Svg, colour};

/// What this picture takes from the code, as the code spells it: if one of
/// these changes, the picture may be wrong, and the test
/// `code_the_diagrams_name_still_says_what_they_show` says so.
pub const DRAWN_FROM: &[(&str, &[&str])] = &[
    ("crates/03-wakers/src/block_on.rs", &["thread::park"]),
    (
        "crates/04-executor/src/event_loop.rs",
        &["driver.borrow_mut().park(timeout)"],
    ),
];

pub fn draw() -> String {
    let mut s = Svg::new(
        900,
        370,
        "The poll and wake cycle",
        "The executor polls the future with a Context holding a waker. The future clones the \
         waker into whatever it waits on and returns Pending. The executor sleeps: block_on parks \
         its thread, the event loop parks in its driver. When the event happens (another thread, \
         a socket, a timer), that code calls waker.wake(), which queues the task: block_on's \
         flag is set and its thread unparked, or the task goes to the back of the loop's ready \
         queue. The executor polls the future again; it returns Ready with its value, or Pending \
         and the cycle repeats.",
    );
    s.text(
        20.0,
        30.0,
        Style::Heading,
        Anchor::Start,
        "Poll, Pending, sleep, wake, poll again",
    );
    let (w, h) = (250.0, 78.0);
    let poll = (30.0, 60.0);
    let pending = (330.0, 60.0);
    let sleep = (630.0, 60.0);
    let event = (630.0, 250.0);
    let queued = (330.0, 250.0);
    let ready = (30.0, 250.0);
    let at = |(x, y): (f64, f64)| (x, y, w, h);

    s.node(
        at(poll),
        colour::EXECUTOR,
        &[
            "*1. the executor polls",
            "`future.poll(cx)",
            "~cx carries the task's waker",
        ],
    );
    s.node(
        at(pending),
        colour::STATE,
        &[
            "*2. the future: Pending",
            "~it first stores cx.waker().clone()",
            "~where the event will find it",
        ],
    );
    s.node(
        at(sleep),
        colour::EXECUTOR,
        &[
            "*3. the executor sleeps",
            "~block_on: thread::park",
            "~the loop: driver.park(timeout)",
        ],
    );
    s.node(
        at(event),
        colour::OUTSIDE,
        &[
            "*4. the event happens",
            "~a thread, a socket, a timer",
            "`waker.wake()",
        ],
    );
    s.node(
        at(queued),
        colour::EXECUTOR,
        &[
            "*5. the task is queued",
            "~block_on: flag set, thread unparked",
            "~the loop: back of the ready queue",
        ],
    );
    s.node(
        at(ready),
        colour::STATE,
        &[
            "*Ready(value)",
            "~the future is done;",
            "~the executor never polls it again",
        ],
    );

    let mid = h / 2.0;
    s.arrow(&[(poll.0 + w, poll.1 + mid), (pending.0, pending.1 + mid)]);
    s.arrow(&[(pending.0 + w, pending.1 + mid), (sleep.0, sleep.1 + mid)]);
    s.dashed_arrow(&[
        (sleep.0 + w / 2.0, sleep.1 + h),
        (event.0 + w / 2.0, event.1),
    ]);
    s.text(
        sleep.0 + w / 2.0 + 10.0,
        200.0,
        Style::Note,
        Anchor::Start,
        "time passes",
    );
    s.text(
        sleep.0 + w / 2.0 + 10.0,
        216.0,
        Style::Note,
        Anchor::Start,
        "with no polls",
    );
    s.arrow(&[(event.0, event.1 + mid), (queued.0 + w, queued.1 + mid)]);
    s.arrow(&[(queued.0 + 30.0, queued.1), (poll.0 + w - 30.0, poll.1 + h)]);
    s.text(318.0, 196.0, Style::Note, Anchor::Start, "6. polled again");
    s.arrow(&[(poll.0 + 60.0, poll.1 + h), (ready.0 + 60.0, ready.1)]);
    s.text(poll.0 + 70.0, 200.0, Style::Code, Anchor::Start, "Ready(v)");

    s.lines(
        20.0,
        352.0,
        Anchor::Start,
        &["~Stage 2's busy block_on had no step 3: its waker did nothing, so it polled again at once, hundreds of thousands of times in 20 ms."],
    );
    s.finish()
}
