//! Chapter 5: the reactor's table of sources (crates/05-reactor/src/
//! reactor.rs): key → source in a map with a cheap hasher, each source with
//! a reader's half and a writer's half (wakers, tick, armed); the count of
//! sources waited on; the poller's interest, level-triggered while some is
//! set and oneshot when none is; and what `dispatch` does with one event,
//! through the wakers buffer it keeps.

use super::svg::{Anchor, Style, Svg, colour};

/// What this picture takes from the code, as the code spells it: if one of
/// these changes, the picture may be wrong, and the test
/// `code_the_diagrams_name_still_says_what_they_show` says so.
pub const DRAWN_FROM: &[(&str, &[&str])] = &[(
    "crates/05-reactor/src/reactor.rs",
    &[
        "sources: RefCell<HashMap<usize, Rc<Source>, KeyHash>>",
        "self.0 = (self.0 ^ n).wrapping_mul(0x9E37_79B9_7F4A_7C15);",
        "woken: RefCell<Vec<Waker>>",
        "next_key: Cell<usize>",
        "waiting: Cell<usize>",
        "wakers: Vec<(u64, Waker)>",
        "tick: u64",
        "armed: bool",
        "PollMode::Level",
        "PollMode::Oneshot",
        "half.tick += 1;",
        "direction == Direction::Read && !half.wakers.is_empty();",
        "woken.extend(half.wakers.drain(..).map(|(_, waker)| waker));",
        "&& self.arm(&source, keep[0], keep[1]).is_ok()",
        "waker.wake();",
        "self.woken.replace(woken);",
    ],
)];

pub fn draw() -> String {
    let mut s = Svg::new(
        900,
        552,
        "The reactor's table of sources and one event",
        "The registry maps each key to a source, in a HashMap whose hasher is one \
         multiplication: a descriptor and two halves, read and write, each with the wakers of \
         the tasks waiting on it, a tick that counts its events, and whether interest is armed \
         in the poller. Key 1 is a listener, fd 7, whose reader Task-1 waits; key 2 is a \
         stream, fd 8, read by Task-2 and written by Task-3; key 3 is a stream nobody waits \
         on and has no interest armed, so two sources are waited on. The kernel's epoll \
         interest list holds the armed interest level-triggered, and fd 9's empty interest in \
         oneshot mode. When epoll_wait returns a readable event for key 2, dispatch bumps the \
         read tick and moves Task-2's waker into its reused buffer, keeps the read interest \
         for Task-2's next wait, leaves the write half alone because it was not reported, so \
         makes no system call, and wakes Task-2.",
    );
    s.text(
        20.0,
        30.0,
        Style::Heading,
        Anchor::Start,
        "Registry: sources by key, two halves each",
    );
    let cols = [
        (40.0, "key"),
        (110.0, "descriptor"),
        (260.0, "read half"),
        (570.0, "write half"),
    ];
    let right = 880.0;
    let top = 48.0;
    s.rect((40.0, top, right - 40.0, 28.0), colour::REACTOR, false);
    for (x, name) in cols {
        s.text(x + 10.0, top + 19.0, Style::Bold, Anchor::Start, name);
    }
    let rows: [[&str; 4]; 3] = [
        [
            "1",
            "fd 7, a listener",
            "wakers [Task-1] · tick 4 · armed",
            "wakers [] · tick 0",
        ],
        [
            "2",
            "fd 8, a stream",
            "wakers [Task-2] · tick 9 · armed",
            "wakers [Task-3] · tick 2 · armed",
        ],
        [
            "3",
            "fd 9, a stream",
            "wakers [] · tick 1",
            "wakers [] · tick 0",
        ],
    ];
    for (i, row) in rows.iter().enumerate() {
        let y = top + 28.0 + 40.0 * i as f64;
        s.rect((40.0, y, right - 40.0, 40.0), ("#ffffff", "#4a8545"), false);
        for ((x, _), cell) in cols.iter().zip(row) {
            let style = if cell.contains("wakers") {
                Style::Code
            } else {
                Style::Body
            };
            s.text(x + 10.0, y + 25.0, style, Anchor::Start, cell);
        }
    }
    for (x, _) in &cols[1..] {
        s.line(&[(*x, top), (*x, top + 148.0)], "#4a8545");
    }
    s.lines(
        40.0,
        top + 168.0,
        Anchor::Start,
        &[
            "`sources: HashMap<usize, Rc<Source>, KeyHash>",
            "~Keys come in order, so KeyHash hashes one with a single multiplication, not SipHash.",
            "~Keys only grow (next_key = 4): a late event for a dropped source finds no entry and is ignored.",
            "~Nobody waits on key 3 (waiting = 2 sources), and it has no interest: an event for it would wake no task.",
        ],
    );

    // The poller, in the kernel.
    let y = 298.0;
    s.node(
        (40.0, y, 360.0, 150.0),
        colour::OUTSIDE,
        &[
            "*epoll's interest list, in the kernel",
            "`fd 7 → key 1: readable, level",
            "`fd 8 → key 2: readable, writable, level",
            "`fd 9 → key 3: nothing, oneshot",
            "~level: reported at every wait while ready,",
            "~until Poller::modify takes the interest back",
        ],
    );
    s.text(
        40.0,
        y + 176.0,
        Style::Note,
        Anchor::Start,
        "poll_ready: Ready once this half's tick has moved past",
    );
    s.text(
        40.0,
        y + 194.0,
        Style::Note,
        Anchor::Start,
        "the tick it began at; else arm, file cx.waker(), Pending.",
    );
    s.arrow(&[(400.0, y + 40.0), (450.0, y + 40.0)]);
    s.text(425.0, y + 30.0, Style::Note, Anchor::Middle, "wait");
    s.node(
        (450.0, y, 430.0, 56.0),
        colour::REACTOR,
        &[
            "*epoll_wait returns an event",
            "`Event { key: 2, readable }",
        ],
    );
    s.arrow(&[(665.0, y + 56.0), (665.0, y + 76.0)]);
    s.rect((450.0, y + 76.0, 430.0, 160.0), colour::REACTOR, false);
    s.lines(
        464.0,
        y + 100.0,
        Anchor::Start,
        &[
            "*dispatch(event)",
            "1. read tick 9 → 10; its wakers [Task-2] move to woken",
            "2. read interest stays armed: Task-2 had waited,",
            "",
            "3. no write event: Task-3 waits on, armed, and",
            "",
            "4. wake Task-2: it joins the ready queue; the",
            "",
        ],
    );
    for (i, style, text) in [
        (
            3.0,
            Style::Body,
            "and a reader reads again soon (asyncio's too)",
        ),
        (
            5.0,
            Style::Body,
            "the interest is unchanged: no epoll_ctl at all",
        ),
        (7.0, Style::Body, "empty woken is kept for the next event"),
    ] {
        s.text(484.0, y + 100.0 + 18.0 * i, style, Anchor::Start, text);
    }
    s.finish()
}
