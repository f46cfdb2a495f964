// Suite for exercise 9.2, `to_thread`'s wake-up. Written once, run against
// the stub (`ex09-whole-runtime`) and the solution (`sol09-whole-runtime`)
// through a wrapper that names the code under test `subject`.
//
// Some tests poll the future by hand with a waker that counts its wakes;
// the others run it on the finished runtime (`asyncio::run`, the real
// clock). The thread's call waits at a gate the test opens, so "while the
// thread works" is a fact, not a matter of timing; every wait for a wake
// is bounded, so a wake that never comes fails instead of hanging.

use std::future::Future;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::task::{Context, Poll, Wake, Waker};
use std::thread::{self, Thread};
use std::time::{Duration, Instant};

use subject::to_thread;

/// How long a test waits for a wake before it says none came. Far longer
/// than any thread here needs; only a wake that never comes reaches it.
const PATIENCE: Duration = Duration::from_secs(20);

/// A waker that counts its wakes and unparks the test's thread.
struct Counting {
    wakes: AtomicUsize,
    watcher: Thread,
}

impl Wake for Counting {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.wakes.fetch_add(1, Ordering::SeqCst);
        self.watcher.unpark();
    }
}

fn counting() -> (Arc<Counting>, Waker) {
    let counter = Arc::new(Counting {
        wakes: AtomicUsize::new(0),
        watcher: thread::current(),
    });
    (counter.clone(), Waker::from(counter))
}

fn wakes(counter: &Counting) -> usize {
    counter.wakes.load(Ordering::SeqCst)
}

/// Parks until `counter` has been woken, for at most [`PATIENCE`].
fn wait_for_wake(counter: &Counting, what: &str) {
    let deadline = Instant::now() + PATIENCE;
    while wakes(counter) == 0 {
        let left = deadline.saturating_duration_since(Instant::now());
        assert!(!left.is_zero(), "{what}");
        thread::park_timeout(left);
    }
}

/// A gate the thread's call waits at until the test opens it.
fn gate() -> (mpsc::Sender<()>, impl FnOnce() + Send + 'static) {
    let (open, opened) = mpsc::channel::<()>();
    (open, move || {
        let _ = opened.recv();
    })
}

/// Polls `future` once with `waker`, turning a `todo!()` into a message.
fn poll_once<F: Future + Unpin>(future: &mut F, waker: &Waker) -> Poll<F::Output> {
    catch_unwind(AssertUnwindSafe(|| {
        Pin::new(future).poll(&mut Context::from_waker(waker))
    }))
    .unwrap_or_else(|_| panic!("poll panicked (is it still a todo!()?)"))
}

const NEVER_WOKEN: &str = "the thread's call ended (returned or panicked), but the \
    task's waker was never woken: the loop would sleep forever. Once the outcome is \
    stored, take the waker the task left and wake it (and if the call panicked, catch \
    the panic with catch_unwind and hand it over: a thread that dies wakes nobody)";

#[test]
fn the_first_poll_leaves_its_waker_and_wakes_nothing() {
    let (open, wait) = gate();
    let mut future = to_thread(move || {
        wait();
        6 * 7
    });
    let (counter, waker) = counting();
    assert!(
        poll_once(&mut future, &waker).is_pending(),
        "the call is still running (its gate is shut), yet poll returned Ready"
    );
    assert_eq!(
        wakes(&counter),
        0,
        "poll woke its own waker while the thread was still working: the loop \
         would poll again at once, and again, a busy loop instead of a park. \
         Leave the waker for the thread and return Pending"
    );
    open.send(()).expect("the thread waits at the gate");
    wait_for_wake(&counter, NEVER_WOKEN);
    assert_eq!(
        poll_once(&mut future, &waker),
        Poll::Ready(42),
        "after the wake, poll should give the call's value"
    );
}

#[test]
fn the_newest_waker_is_the_one_woken() {
    let (open, wait) = gate();
    let mut future = to_thread(move || {
        wait();
        "done"
    });
    let (first, first_waker) = counting();
    let (second, second_waker) = counting();
    assert!(
        poll_once(&mut future, &first_waker).is_pending(),
        "the call is held at a gate, yet the first poll was not Pending"
    );
    assert!(
        poll_once(&mut future, &second_waker).is_pending(),
        "the call is held at a gate, yet the second poll was not Pending"
    );
    open.send(()).expect("the thread waits at the gate");
    wait_for_wake(
        &second,
        "the waker of the latest poll was never woken: a task may be polled with a \
         different waker each time, and only the latest one reaches it. Replace the \
         kept waker on every Pending poll",
    );
    assert_eq!(
        wakes(&first),
        0,
        "the thread woke the waker of an earlier poll too: keep one waker, the latest"
    );
    assert_eq!(
        poll_once(&mut future, &second_waker),
        Poll::Ready("done"),
        "after the wake, poll should give the call's value"
    );
}

#[test]
fn a_call_that_ends_before_the_first_poll_is_not_lost() {
    let (done, finished) = mpsc::channel();
    let mut future = to_thread(move || {
        done.send(()).expect("the test waits for this");
        7
    });
    // The call has returned; give its thread a moment to store the outcome.
    // (Whatever the timing, a correct future passes: a first poll either
    // finds the value or leaves the waker the thread then wakes.)
    finished
        .recv_timeout(PATIENCE)
        .expect("the thread never ran the call: run `f` on it");
    thread::sleep(Duration::from_millis(50));
    let (counter, waker) = counting();
    let mut outcome = poll_once(&mut future, &waker);
    if outcome.is_pending() {
        wait_for_wake(
            &counter,
            "the call ended before the task first polled, and its outcome was lost: \
             with no waker to wake yet, the thread must still store the outcome for \
             the first poll to find",
        );
        outcome = poll_once(&mut future, &waker);
    }
    assert_eq!(outcome, Poll::Ready(7), "the call's value should come back");
}

#[test]
fn on_the_loop_the_task_sleeps_until_the_thread_is_done() {
    // A second task opens the gate after 20 turns of the loop. A future that
    // parks is polled twice (before and after the thread); one that wakes
    // itself is polled at every turn.
    let polls = Arc::new(AtomicUsize::new(0));
    let (open, wait) = gate();
    let counted = polls.clone();
    let value = asyncio::run(async move {
        let mut inner = to_thread(move || {
            wait();
            "from the thread"
        });
        let watched = std::future::poll_fn(move |cx| {
            counted.fetch_add(1, Ordering::SeqCst);
            Pin::new(&mut inner).poll(cx)
        });
        let opener = asyncio::create_task(async move {
            for _ in 0..20 {
                asyncio::yield_now().await;
            }
            open.send(()).expect("the thread waits at the gate");
        });
        let value = asyncio::wait_for(watched, PATIENCE).await;
        let _ = opener.await;
        value
    });
    assert_eq!(value, Ok("from the thread"), "{NEVER_WOKEN}");
    let polls = polls.load(Ordering::SeqCst);
    assert!(
        polls <= 2,
        "the future was polled {polls} times while its thread worked: it kept the \
         loop busy instead of letting it park. Poll should leave its waker and \
         return Pending without waking anything"
    );
}

#[test]
fn a_panic_in_the_call_reaches_the_awaiting_task() {
    let message = asyncio::run(async {
        let task = asyncio::create_task(to_thread(|| -> u32 { panic!("disk on fire") }));
        match asyncio::wait_for(task, PATIENCE).await {
            Err(_) => panic!("{NEVER_WOKEN}"),
            Ok(Ok(value)) => panic!("the call panicked, yet the task got {value}"),
            Ok(Err(error)) => error.panic_message().map(str::to_owned),
        }
    });
    assert_eq!(
        message.as_deref(),
        Some("disk on fire"),
        "the awaiting task should panic with the call's own panic (resume_unwind \
         the payload caught on the thread), not with another message"
    );
}

#[test]
fn many_calls_each_get_their_own_value() {
    let values = asyncio::run(async {
        let calls = (0..16u64).map(|n| to_thread(move || n * n));
        asyncio::wait_for(asyncio::gather(calls), PATIENCE).await
    });
    let values = values
        .unwrap_or_else(|_| panic!("{NEVER_WOKEN}"))
        .expect("no call panics");
    assert_eq!(
        values,
        (0..16u64).map(|n| n * n).collect::<Vec<_>>(),
        "each future should give its own call's value"
    );
}
