//! The chapter's claims (C07, C27, C28, C31, C37, C41 in the project's claim
//! list), checked twice: under CPython by our scripts in `python/claims/`,
//! and, where the rebuild has the concept, against this crate. The book
//! shows both snapshots.

use std::cell::Cell;
use std::fmt::Write as _;
use std::future::{Future as _, IntoFuture};
use std::marker::PhantomData;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use aio_futures::{Countdown, Future, add_later, block_on_counted, from_generator};
use aio_generators::{Generator, GeneratorState};
use aio_testkit::python::{run_script_until, snapshot_holds};

/// Runs one claim script and snapshots its evidence (skips without python3).
macro_rules! python_claim {
    ($name:literal, $script:literal) => {{
        let Some(out) = run_script_until($script, &[], |out| {
            snapshot_holds(env!("CARGO_MANIFEST_DIR"), "claims", $name, out)
        }) else {
            return;
        };
        insta::assert_snapshot!($name, out);
    }};
}

// --- C07: futures as a way for threads to talk ------------------------------

#[test]
fn c07_python_asyncio_futures_stay_in_the_loops_thread() {
    python_claim!("c07_python", "claims/c07_futures_and_threads.py");
}

/// Answers "is `T` Send / Sync?" at run time, for a concrete `T`: the
/// inherent methods exist only when the bound holds, and method lookup
/// prefers them to the trait's fallbacks that answer `false`.
struct Probe<T: ?Sized>(PhantomData<T>);

trait Fallback {
    fn is_send(&self) -> bool {
        false
    }
    fn is_sync(&self) -> bool {
        false
    }
}

impl<T: ?Sized> Fallback for Probe<T> {}

impl<T: ?Sized + Send> Probe<T> {
    fn is_send(&self) -> bool {
        true
    }
}

impl<T: ?Sized + Sync> Probe<T> {
    fn is_sync(&self) -> bool {
        true
    }
}

#[test]
fn c07_rust_the_placeholder_is_not_send_and_a_channel_is() {
    let placeholder = Probe::<Future<u32>>(PhantomData);
    let channel = Probe::<std::sync::mpsc::Sender<u32>>(PhantomData);
    assert!(!placeholder.is_send() && !placeholder.is_sync());
    assert!(channel.is_send() && channel.is_sync());

    let mut out = String::new();
    writeln!(
        out,
        "aio_futures::Future<u32>: Send = {}, Sync = {}",
        placeholder.is_send(),
        placeholder.is_sync()
    )
    .unwrap();
    writeln!(
        out,
        "std::sync::mpsc::Sender<u32> (a channel between threads): Send = {}, Sync = {}",
        channel.is_send(),
        channel.is_sync()
    )
    .unwrap();

    // So everything a placeholder does happens on the one thread that holds
    // it: the setter, the callbacks and the awaiting task.
    let main = std::thread::current().id();
    let fut: Future<u32> = Future::new();
    let same_thread = Rc::new(Cell::new(false));
    let seen = Rc::clone(&same_thread);
    fut.add_done_callback(move |_| seen.set(std::thread::current().id() == main));
    fut.set_result(1).unwrap();
    assert!(same_thread.get());
    writeln!(
        out,
        "its done-callback ran on the setting thread: {}",
        same_thread.get()
    )
    .unwrap();
    insta::assert_snapshot!("c07_rust", out);
}

// --- C27: calling runs none of the body -------------------------------------

#[test]
fn c27_python_calling_a_coroutine_function_runs_none_of_its_body() {
    python_claim!("c27_python", "claims/c27_calling_runs_nothing.py");
}

async fn counts_its_lines(lines: Rc<Cell<u32>>) -> &'static str {
    lines.set(lines.get() + 1);
    Countdown::new(1, ()).await;
    lines.set(lines.get() + 1);
    "the return value"
}

#[test]
fn c27_rust_calling_an_async_fn_runs_none_of_its_body() {
    let lines = Rc::new(Cell::new(0));
    let mut out = String::new();
    let mut fut = pin!(counts_its_lines(Rc::clone(&lines)));
    writeln!(out, "after the call: body lines run = {}", lines.get()).unwrap();
    assert_eq!(lines.get(), 0);

    let mut cx = Context::from_waker(Waker::noop());
    let first = fut.as_mut().poll(&mut cx);
    writeln!(out, "poll 1 -> {first:?}: body lines run = {}", lines.get()).unwrap();
    assert_eq!((first, lines.get()), (Poll::Pending, 1));

    let second = fut.as_mut().poll(&mut cx);
    writeln!(
        out,
        "poll 2 -> {second:?}: body lines run = {}",
        lines.get()
    )
    .unwrap();
    assert_eq!((second, lines.get()), (Poll::Ready("the return value"), 2));
    insta::assert_snapshot!("c27_rust", out);
}

// --- C28: creating the coroutine object starts nothing ----------------------

#[test]
fn c28_python_creating_the_coroutine_starts_no_loop_and_no_task() {
    python_claim!("c28_python", "claims/c28_creating_starts_nothing.py");
}

#[test]
fn c28_rust_a_future_created_and_dropped_runs_nothing() {
    let lines = Rc::new(Cell::new(0));
    let mut out = String::new();

    let created = counts_its_lines(Rc::clone(&lines));
    drop(created);
    writeln!(
        out,
        "created and dropped unpolled: body lines run = {}",
        lines.get()
    )
    .unwrap();
    assert_eq!(lines.get(), 0);

    let by_hand = add_later(1, 2);
    writeln!(
        out,
        "add_later(1, 2) just created: state {}",
        by_hand.state_name()
    )
    .unwrap();
    assert_eq!(by_hand.state_name(), "Start");

    let (value, polls) = block_on_counted(counts_its_lines(Rc::clone(&lines)));
    writeln!(
        out,
        "handed to block_on: {value:?} after {polls} polls, body lines run = {}",
        lines.get()
    )
    .unwrap();
    assert_eq!((polls, lines.get()), (2, 2));
    insta::assert_snapshot!("c28_rust", out);
}

// --- C31: await is one way among several to run a coroutine ---------------

#[test]
fn c31_python_send_none_drives_a_coroutine_without_await() {
    python_claim!("c31_python", "claims/c31_driving_by_hand.py");
}

#[test]
fn c31_rust_block_on_drives_a_future_without_await() {
    // The twin of the script's `add`: two bare pauses, then a + b.
    async fn add(a: u32, b: u32) -> u32 {
        Countdown::new(1, ()).await;
        Countdown::new(1, ()).await;
        a + b
    }

    let mut out = String::new();
    let mut fut = pin!(add(1, 2));
    let mut cx = Context::from_waker(Waker::noop());
    let mut polls = 0;
    let value = loop {
        polls += 1;
        assert!(polls <= 100, "still pending after 100 polls");
        if let Poll::Ready(value) = fut.as_mut().poll(&mut cx) {
            break value;
        }
    };
    writeln!(
        out,
        "driven by a plain poll loop: result {value} after {polls} polls"
    )
    .unwrap();
    assert_eq!((value, polls), (3, 3));

    let (value, polls) = block_on_counted(add(1, 2));
    writeln!(
        out,
        "block_on_counted(add(1, 2)) from synchronous code: {value} after {polls} polls"
    )
    .unwrap();
    assert_eq!((value, polls), (3, 3));
    insta::assert_snapshot!("c31_rust", out);
}

// --- C37: what can be awaited ---------------------------------------------------

#[test]
fn c37_python_what_await_accepts_and_refuses() {
    python_claim!("c37_python", "claims/c37_what_is_awaitable.py");
}

/// Not a future, but awaitable: `IntoFuture` is Rust's `__await__`, the hook
/// `.await` calls to get the thing it will poll.
struct Ticks(u32);

impl IntoFuture for Ticks {
    type Output = &'static str;
    type IntoFuture = Countdown<&'static str>;

    fn into_future(self) -> Self::IntoFuture {
        Countdown::new(self.0, "ticked")
    }
}

/// A stage-1 generator with one bare yield: awaitable only through the
/// adapter, as a plain Python generator is only through `types.coroutine`.
struct OldStyle(bool);

impl Generator for OldStyle {
    type Yield = ();
    type Return = &'static str;

    fn resume(&mut self, (): ()) -> GeneratorState<(), &'static str> {
        if std::mem::replace(&mut self.0, true) {
            GeneratorState::Complete("old style")
        } else {
            GeneratorState::Yielded(())
        }
    }
}

#[test]
fn c37_rust_await_accepts_any_into_future() {
    let mut out = String::new();
    let (value, polls) = block_on_counted(async { Ticks(2).await });
    writeln!(
        out,
        "Ticks(2).await through IntoFuture: {value:?} after {polls} polls"
    )
    .unwrap();
    assert_eq!((value, polls), ("ticked", 3));

    let (value, polls) = block_on_counted(async { from_generator(OldStyle(false)).await });
    writeln!(
        out,
        "from_generator(generator).await: {value:?} after {polls} polls"
    )
    .unwrap();
    assert_eq!((value, polls), ("old style", 2));

    let placeholder: Future<u32> = Future::new();
    placeholder.set_result(42).unwrap();
    let (value, polls) = block_on_counted(async { placeholder.await.map(|n| n + 1) });
    writeln!(
        out,
        "a completed aio_futures::Future, awaited and plus one: {value:?} after {polls} poll"
    )
    .unwrap();
    assert_eq!((value, polls), (Ok(43), 1));
    insta::assert_snapshot!("c37_rust", out);
}

// --- C41: a future needs someone to set it ------------------------------------

#[test]
fn c41_python_a_future_nobody_sets_never_finishes() {
    python_claim!("c41_python", "claims/c41_future_needs_a_setter.py");
}

#[test]
fn c41_rust_the_placeholder_is_pending_until_set_result() {
    let mut out = String::new();
    let fut: Future<&str> = Future::new();
    let mut waiting = fut.clone();
    let mut cx = Context::from_waker(Waker::noop());
    let still_pending =
        (0..1_000).all(|_| std::pin::Pin::new(&mut waiting).poll(&mut cx).is_pending());
    writeln!(
        out,
        "nobody sets it: pending after 1000 polls = {still_pending}"
    )
    .unwrap();
    assert!(still_pending);

    fut.set_result("the answer").unwrap();
    let answer = std::pin::Pin::new(&mut waiting).poll(&mut cx);
    writeln!(out, "after set_result: the next poll -> {answer:?}").unwrap();
    assert_eq!(answer, Poll::Ready(Ok("the answer")));
    insta::assert_snapshot!("c41_rust", out);
}
