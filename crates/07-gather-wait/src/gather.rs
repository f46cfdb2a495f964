//! `gather`: run futures as tasks at once, collect their values in argument
//! order.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use aio_executor::trace::Outcome;
use aio_executor::{JoinError, JoinHandle, TaskRef, spawn};
use pin_project_lite::pin_project;

use crate::completions::{Completions, take_result};

// ANCHOR: gather_fn
/// Runs every future as a task **now**, and gives their values in argument
/// order: asyncio's `gather(*coros)`.
///
/// The tasks are spawned by this call, before the result is awaited, so
/// they start as soon as the caller yields (asyncio wraps each coroutine in
/// a task the same way). Awaiting the [`Gather`] gives `Ok(values)` once
/// all have returned, or the first failure (a panic or a cancellation) as
/// soon as it happens, and the other tasks go on running. Dropping the
/// gather while it is being awaited cancels the tasks still running.
pub fn gather<I, F, T>(futures: I) -> Gather<Vec<JoinHandle<T>>>
where
    I: IntoIterator<Item = F>,
    F: Future<Output = T> + 'static,
    T: 'static,
{
    gather_tasks(futures.into_iter().map(spawn).collect::<Vec<_>>())
}
// ANCHOR_END: gather_fn

/// Like [`gather`], for tasks that already exist (asyncio's `gather`
/// accepts tasks too, and then does not create them).
pub fn gather_tasks<T: 'static>(
    tasks: impl IntoIterator<Item = JoinHandle<T>>,
) -> Gather<Vec<JoinHandle<T>>> {
    Gather::new(tasks.into_iter().collect())
}

/// [`gather`] with asyncio's `return_exceptions=True`: every task's
/// outcome, in argument order, failures included; it never fails early.
/// Short for `gather(futures).return_exceptions()`.
pub fn gather_settled<I, F, T>(futures: I) -> GatherSettled<Vec<JoinHandle<T>>>
where
    I: IntoIterator<Item = F>,
    F: Future<Output = T> + 'static,
    T: 'static,
{
    gather(futures).return_exceptions()
}

// ANCHOR: children
/// The tasks a gather waits for: a `Vec` of handles of one type, or (what
/// the [`gather!`](crate::gather!) macro builds) nested pairs of handles of
/// different types, `(((), a), b)`. The gather itself is written once, for
/// any `Children`.
pub trait Children: Unpin {
    /// The values, when every task returned: `Vec<T>`, or nested pairs.
    type Values;
    /// Every task's outcome: `Vec<Result<T, JoinError>>`, or nested pairs.
    type Settled;

    /// How many tasks.
    fn count(&self) -> usize;

    /// Appends a [`TaskRef`] of each task to `refs`, in argument order;
    /// the position of a task's `TaskRef` is its index below.
    fn task_refs(&self, refs: &mut Vec<TaskRef>);

    /// Takes the error of task `index`, which has failed.
    fn take_error(&mut self, index: usize) -> JoinError;

    /// Takes every value, all tasks having returned.
    fn into_values(self) -> Self::Values;

    /// Takes every outcome, all tasks having ended.
    fn into_settled(self) -> Self::Settled;
}
// ANCHOR_END: children

impl<T: 'static> Children for Vec<JoinHandle<T>> {
    type Values = Vec<T>;
    type Settled = Vec<Result<T, JoinError>>;

    fn count(&self) -> usize {
        self.len()
    }

    fn task_refs(&self, refs: &mut Vec<TaskRef>) {
        refs.extend(self.iter().map(JoinHandle::task_ref));
    }

    fn take_error(&mut self, index: usize) -> JoinError {
        expect_error(take_result(&mut self[index]))
    }

    fn into_values(self) -> Vec<T> {
        self.into_iter()
            .map(|mut handle| take_result(&mut handle).expect("every task returned"))
            .collect()
    }

    fn into_settled(self) -> Vec<Result<T, JoinError>> {
        self.into_iter()
            .map(|mut handle| take_result(&mut handle))
            .collect()
    }
}

/// No tasks: the start of the nested pairs.
impl Children for () {
    type Values = ();
    type Settled = ();

    fn count(&self) -> usize {
        0
    }

    fn task_refs(&self, _refs: &mut Vec<TaskRef>) {}

    fn take_error(&mut self, index: usize) -> JoinError {
        unreachable!("no task has index {index}")
    }

    fn into_values(self) {}

    fn into_settled(self) {}
}

// ANCHOR: pair
/// The tasks `rest`, then one more, `last`, of its own type.
impl<C: Children, T: 'static> Children for (C, JoinHandle<T>) {
    type Values = (C::Values, T);
    type Settled = (C::Settled, Result<T, JoinError>);

    fn count(&self) -> usize {
        self.0.count() + 1
    }

    fn task_refs(&self, refs: &mut Vec<TaskRef>) {
        self.0.task_refs(refs);
        refs.push(self.1.task_ref());
    }

    fn take_error(&mut self, index: usize) -> JoinError {
        if index == self.0.count() {
            expect_error(take_result(&mut self.1))
        } else {
            self.0.take_error(index)
        }
    }

    fn into_values(self) -> Self::Values {
        let (rest, mut last) = self;
        let last = take_result(&mut last).expect("every task returned");
        (rest.into_values(), last)
    }

    fn into_settled(self) -> Self::Settled {
        let (rest, mut last) = self;
        let last = take_result(&mut last);
        (rest.into_settled(), last)
    }
}
// ANCHOR_END: pair

fn expect_error<T>(result: Result<T, JoinError>) -> JoinError {
    match result {
        Err(error) => error,
        Ok(_) => unreachable!("take_error is only called on a task that failed"),
    }
}

// ANCHOR: gather
/// The future of [`gather`]: `Ok` with every value in argument order, or
/// the first failure as soon as it happens.
///
/// Dropped while it is being awaited and unfinished (its awaiting task was
/// cancelled, or a timeout gave up on it), it cancels every task still
/// running, as cancelling asyncio's gather cancels its children. A gather
/// that was never awaited cancels nothing when dropped, like a
/// [`JoinHandle`]; [`cancel`](Gather::cancel) cancels explicitly.
#[must_use = "the tasks run anyway; await the gather to get their values"]
pub struct Gather<C: Children> {
    state: State<C>,
}

/// What a gather and its `return_exceptions` form share.
struct State<C: Children> {
    /// `None` once the result was given out.
    children: Option<C>,
    /// One per task, in argument order: to cancel, and to see outcomes.
    refs: Vec<TaskRef>,
    /// The order the tasks finish in.
    completions: Completions,
    /// How many tasks have not finished yet.
    running: usize,
    /// Polled and not finished: dropping it now cancels the tasks.
    awaited: bool,
}
// ANCHOR_END: gather

/// How a poll of the shared state ended.
enum Step {
    /// Every task has ended.
    AllDone,
    /// Task `index` failed, and the gather fails with it.
    Failed(usize),
}

impl<C: Children> State<C> {
    fn new(children: C) -> Self {
        let mut refs = Vec::new();
        children.task_refs(&mut refs);
        let completions = Completions::default();
        for (index, task) in refs.iter().enumerate() {
            completions.watch(index, task);
        }
        State {
            children: Some(children),
            running: refs.len(),
            refs,
            completions,
            awaited: false,
        }
    }

    // ANCHOR: gather_poll
    fn poll_step(&mut self, cx: &mut Context<'_>, fail_fast: bool) -> Poll<Step> {
        assert!(
            self.children.is_some(),
            "a gather was polled after it completed"
        );
        // In the order the tasks finished: the first failure is the one that
        // happened first, as in asyncio.
        for index in self.completions.take_finished(cx) {
            self.running -= 1;
            if fail_fast && self.refs[index].outcome() != Some(Outcome::Returned) {
                // The others run on, and nobody will look at how they end:
                // asyncio's gather retrieves their exceptions so that none
                // is reported as never retrieved. So do we.
                for (other, task) in self.refs.iter().enumerate() {
                    if other != index {
                        task.mark_retrieved();
                    }
                }
                return self.finish(Step::Failed(index));
            }
        }
        if self.running == 0 {
            return self.finish(Step::AllDone);
        }
        self.awaited = true;
        Poll::Pending
    }
    // ANCHOR_END: gather_poll

    fn finish(&mut self, step: Step) -> Poll<Step> {
        self.awaited = false;
        Poll::Ready(step)
    }

    fn cancel(&self) -> bool {
        let mut any = false;
        for task in &self.refs {
            any |= task.cancel();
        }
        any
    }
}

// ANCHOR: gather_drop
impl<C: Children> Drop for State<C> {
    fn drop(&mut self) {
        // Cancelled in the middle of its await: so are the tasks.
        if self.awaited {
            self.cancel();
        }
    }
}
// ANCHOR_END: gather_drop

impl<C: Children> Gather<C> {
    /// Gathers the tasks `children` (a `Vec` of handles, or nested pairs).
    pub fn new(children: C) -> Self {
        Gather {
            state: State::new(children),
        }
    }

    /// asyncio's `return_exceptions=True`: the same tasks, but awaiting
    /// gives every outcome, failures included, and never fails early.
    pub fn return_exceptions(self) -> GatherSettled<C> {
        GatherSettled { state: self.state }
    }

    /// Cancels every task still running (asyncio's `gather(...).cancel()`);
    /// awaiting the gather then fails with [`JoinError::Cancelled`]. Returns
    /// whether any task was still running.
    pub fn cancel(&self) -> bool {
        self.state.cancel()
    }

    /// Whether every task has ended.
    pub fn done(&self) -> bool {
        self.state.refs.iter().all(TaskRef::done)
    }
}

impl<C: Children> Future for Gather<C> {
    type Output = Result<C::Values, JoinError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let state = &mut self.state;
        let step = std::task::ready!(state.poll_step(cx, true));
        let mut children = state.children.take().expect("checked by poll_step");
        Poll::Ready(match step {
            Step::AllDone => Ok(children.into_values()),
            // The others run on; their handles are dropped without being
            // awaited, which cancels nothing.
            Step::Failed(index) => Err(children.take_error(index)),
        })
    }
}

/// The future of [`gather_settled`] and [`Gather::return_exceptions`]:
/// every task's outcome, in argument order.
///
/// Dropped while it is being awaited, it cancels the tasks still running,
/// like [`Gather`].
#[must_use = "the tasks run anyway; await the gather to get their outcomes"]
pub struct GatherSettled<C: Children> {
    state: State<C>,
}

impl<C: Children> GatherSettled<C> {
    /// Cancels every task still running; their outcomes will say so.
    /// (asyncio's settled gather raises `CancelledError` once cancelled;
    /// this one still returns every outcome, the cancelled ones as
    /// `Err(Cancelled)`.)
    pub fn cancel(&self) -> bool {
        self.state.cancel()
    }

    /// Whether every task has ended.
    pub fn done(&self) -> bool {
        self.state.refs.iter().all(TaskRef::done)
    }
}

impl<C: Children> Future for GatherSettled<C> {
    type Output = C::Settled;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<C::Settled> {
        let state = &mut self.state;
        std::task::ready!(state.poll_step(cx, false));
        let children = state.children.take().expect("checked by poll_step");
        Poll::Ready(children.into_settled())
    }
}

pin_project! {
    /// The future of the [`gather!`](crate::gather!) and
    /// [`gather_settled!`](crate::gather_settled!) macros: a gather over
    /// nested pairs, whose nested values `flatten` turns into a flat tuple.
    #[must_use = "the tasks run anyway; await the gather to get their values"]
    pub struct GatherTuple<G, F> {
        #[pin]
        gather: G,
        flatten: Option<F>,
    }
}

impl<G, F> GatherTuple<G, F> {
    /// Wraps `gather`; its output goes through `flatten`.
    pub fn new(gather: G, flatten: F) -> Self {
        GatherTuple {
            gather,
            flatten: Some(flatten),
        }
    }
}

/// `gather!`: the values, if every task returned, as a flat tuple.
impl<C: Children, F: FnOnce(C::Values) -> R, R> Future for GatherTuple<Gather<C>, F> {
    type Output = Result<R, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.project();
        let values = std::task::ready!(this.gather.poll(cx));
        let flatten = this
            .flatten
            .take()
            .expect("a gather was polled after it completed");
        Poll::Ready(values.map(flatten))
    }
}

/// `gather_settled!`: every outcome, as a flat tuple.
impl<C: Children, F: FnOnce(C::Settled) -> R, R> Future for GatherTuple<GatherSettled<C>, F> {
    type Output = R;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<R> {
        let this = self.project();
        let outcomes = std::task::ready!(this.gather.poll(cx));
        let flatten = this
            .flatten
            .take()
            .expect("a gather was polled after it completed");
        Poll::Ready(flatten(outcomes))
    }
}

impl<C: Children> fmt::Debug for Gather<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.state.fmt("Gather", f)
    }
}

impl<C: Children> fmt::Debug for GatherSettled<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.state.fmt("GatherSettled", f)
    }
}

impl<C: Children> State<C> {
    fn fmt(&self, name: &str, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(name)
            .field("tasks", &self.refs)
            .field("running", &self.running)
            .finish()
    }
}

impl<G: fmt::Debug, F> fmt::Debug for GatherTuple<G, F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("GatherTuple").field(&self.gather).finish()
    }
}
