//! Chapters 4 to 6: the finished loop is a stack of drivers, executor over
//! timers over reactor (crates/06-timers/src/runtime.rs builds it). Each
//! layer's `park` calls the one below with a timeout no longer than its
//! own; wakes come back up as wakers.

use super::svg::{Anchor, Style, Svg, colour};

/// What this picture takes from the code, as the code spells it: if one of
/// these changes, the picture may be wrong, and the test
/// `code_the_diagrams_name_still_says_what_they_show` says so.
pub const DRAWN_FROM: &[(&str, &[&str])] = &[
    (
        "crates/06-timers/src/driver.rs",
        &[
            "pub struct TimerDriver<D>",
            "let wait = earliest(timeout, until_next);",
            "if !clock.is_virtual() && self.timers.queue.borrow().len() == 0 {",
            "self.fire_due(None, tracing);",
            "struct TimerUnparker",
        ],
    ),
    (
        "crates/05-reactor/src/reactor.rs",
        &[
            "if timeout == Some(Duration::ZERO) && self.registry.waiting.get() == 0 {",
            "self.registry.poller.wait(&mut self.events, timeout)",
            "struct PollerUnpark",
            "self.0.notify()",
        ],
    ),
    (
        "crates/04-executor/src/driver.rs",
        &["thread::park_timeout(t)"],
    ),
    (
        "crates/04-executor/src/task.rs",
        &[
            "queue.push(Arc::clone(self))",
            "self.shared.remote_pending.store(true, Ordering::Release);",
            "self.shared.unparker.unpark();",
        ],
    ),
    (
        "crates/04-executor/src/event_loop.rs",
        &["if self.shared.has_remote() {"],
    ),
];

pub fn draw() -> String {
    let mut s = Svg::new(
        900,
        560,
        "The driver stack: executor over timers over reactor",
        "Three layers. The executor (chapter 4) runs ready tasks and, when none is ready, calls \
         park on its driver with no time limit, or with zero to only look. The timer layer \
         (chapter 6), on a real clock with no timer pending, passes the call straight down; \
         otherwise it shortens that wait to the next timer's deadline, or on a virtual clock \
         jumps to it, calls the reactor's park with that wait, and afterwards fires the timers \
         that are due. The reactor (chapter 5) waits in epoll_wait with that timeout and wakes \
         the tasks whose sockets are ready; a look while no task waits on a socket skips the system call. Chapter 4's ParkDriver can stand where the reactor \
         is. A wake from another thread goes into the remote queue and interrupts the wait \
         through the unparkers, down to the poller's notify; a flag tells the loop's next drain \
         that the remote queue has something in it.",
    );
    s.text(
        20.0,
        30.0,
        Style::Heading,
        Anchor::Start,
        "Who calls whom, with what timeout",
    );
    let (x, w) = (40.0, 500.0);
    s.node(
        (x, 50.0, w, 76.0),
        colour::EXECUTOR,
        &[
            "*EventLoop (chapter 4)",
            "~runs the ready tasks; when it has to wait, it asks its driver",
            "~a driver is anything that implements the Driver trait",
        ],
    );
    s.arrow(&[(x + 130.0, 126.0), (x + 130.0, 176.0)]);
    s.text(
        x + 142.0,
        148.0,
        Style::Code,
        Anchor::Start,
        "park(timeout)",
    );
    s.text(
        x + 142.0,
        166.0,
        Style::Note,
        Anchor::Start,
        "Some(0): work is ready, only look · None: no limit",
    );
    s.node(
        (x, 176.0, w, 114.0),
        colour::TIMERS,
        &[
            "*TimerDriver (chapter 6)",
            "~real clock, no timer pending: inner.park(timeout), nothing more",
            "~else wait = the shorter of timeout and (next deadline - now)",
            "~virtual clock and nothing else can happen: jump to the deadline",
            "~after the park: fire_due wakes sleeps, queues call_later callbacks",
        ],
    );
    s.arrow(&[(x + 130.0, 290.0), (x + 130.0, 340.0)]);
    s.text(
        x + 142.0,
        312.0,
        Style::Code,
        Anchor::Start,
        "inner.park(wait)",
    );
    s.text(
        x + 142.0,
        330.0,
        Style::Note,
        Anchor::Start,
        "never longer than the time to the next timer",
    );
    s.node(
        (x, 340.0, w, 94.0),
        colour::REACTOR,
        &[
            "*Reactor (chapter 5)",
            "~only a look, and no task waits on a socket: no system call",
            "~else Poller::wait into its reused events, then dispatch each:",
            "~wake the tasks waiting on that socket, re-arm what is still awaited",
        ],
    );
    s.arrow(&[(x + 130.0, 434.0), (x + 130.0, 478.0)]);
    s.text(
        x + 142.0,
        460.0,
        Style::Code,
        Anchor::Start,
        "epoll_wait(timeout)",
    );
    s.node(
        (x, 478.0, w, 44.0),
        colour::OUTSIDE,
        &["the kernel: the epoll instance and its interest list"],
    );
    s.text(
        x,
        546.0,
        Style::Note,
        Anchor::Start,
        "In chapter 4, ParkDriver stands where the reactor is: thread::park_timeout(wait).",
    );

    // Wakes, coming back up.
    let rx = 590.0;
    s.text(rx, 66.0, Style::Bold, Anchor::Start, "Wakes come back up");
    s.lines(
        rx,
        92.0,
        Anchor::Start,
        &[
            "~On the loop's thread, waker.wake()",
            "~pushes the task on the ready queue:",
            "~no lock, no unpark.",
        ],
    );
    s.node(
        (rx, 160.0, 290.0, 56.0),
        colour::OUTSIDE,
        &[
            "*another thread: waker.wake()",
            "~e.g. to_thread's work is done",
        ],
    );
    s.arrow(&[(rx + 145.0, 216.0), (rx + 145.0, 246.0)]);
    s.node(
        (rx, 246.0, 290.0, 74.0),
        colour::EXECUTOR,
        &[
            "push on the remote queue (a Mutex),",
            "set the remote_pending flag,",
            "then unparker.unpark()",
        ],
    );
    s.arrow(&[(rx + 145.0, 320.0), (rx + 145.0, 350.0)]);
    s.node(
        (rx, 350.0, 290.0, 56.0),
        colour::TIMERS,
        &[
            "TimerUnparker: marks woken",
            "~so a virtual clock will not jump",
        ],
    );
    s.arrow(&[(rx + 145.0, 406.0), (rx + 145.0, 436.0)]);
    s.node(
        (rx, 436.0, 290.0, 56.0),
        colour::REACTOR,
        &[
            "PollerUnpark: poller.notify()",
            "~epoll_wait returns at once",
        ],
    );
    s.dashed_arrow(&[(rx, 464.0), (x + w + 6.0, 500.0)]);
    s.lines(
        rx + 145.0,
        514.0,
        Anchor::Middle,
        &[
            "~the next turn's drain_remote() sees the",
            "~flag, locks, and takes the task in",
        ],
    );
    s.finish()
}
