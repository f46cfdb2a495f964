//! `TaskGroup`: Python 3.11's structured concurrency. The group's children
//! end before the group does; one child's failure cancels the rest.

use std::cell::{Cell, RefCell};
use std::error::Error;
use std::fmt;
use std::future::{Future, Ready};
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::{Rc, Weak};
use std::task::{Context, Poll};

use aio_executor::trace::Outcome;
use aio_executor::{JoinHandle, TaskRef, spawn, spawn_named};
use pin_project_lite::pin_project;

use crate::completions::{Completions, take_result};

// ANCHOR: task_group
/// A group of tasks that ends together: asyncio 3.11's `TaskGroup`.
///
/// [`TaskGroup::run`] is `async with asyncio.TaskGroup() as tg:` — it runs
/// a body that creates children with [`create_task`](TaskGroup::create_task)
/// and gives its value once the body **and every child** have ended. The
/// rules are asyncio's:
///
/// * When a child panics, every other child is cancelled, and so is the
///   body: its future is dropped at the `.await` it was suspended in, one
///   turn later, after the children (asyncio cancels the children, then
///   the parent task, and their cleanups run in that order). The group
///   waits for all of them to end, then fails with a [`TaskGroupError`]
///   listing every failure (a panic in the body, or in its cleanup, too),
///   like Python's `ExceptionGroup`.
/// * A child that was cancelled is not a failure.
/// * Dropping the group's future before it ends (the task awaiting it was
///   cancelled) cancels every child still running. asyncio then also waits
///   for them to end; a dropped Rust future cannot wait, so here they end
///   at their next turn.
/// * A child's panic is reported once, in the group's error: the group
///   marks it retrieved, as asyncio's group retrieves every child's
///   exception itself, so a handle dropped unawaited leaves nothing for
///   the loop to report. The panic's payload stays in the child's
///   [`JoinHandle`].
/// * After a failure, [`create_task`](TaskGroup::create_task) panics ("is
///   shutting down"), and after the group ended too ("is finished"), as
///   asyncio raises `RuntimeError`.
#[derive(Clone)]
pub struct TaskGroup {
    state: Rc<State>,
}

struct State {
    /// Every child, in creation order; the position is its index.
    tasks: RefCell<Vec<TaskRef>>,
    /// Each child's panic message, written by the child as it panics.
    panics: RefCell<Vec<Option<String>>>,
    /// For the children made with `start`: takes the child's result from
    /// the handle the group kept, once the child has ended.
    retrievers: RefCell<Vec<Option<Retriever>>>,
    /// The order the children end in.
    completions: Completions,
    /// How many children have not ended yet.
    running: Cell<usize>,
    phase: Cell<Phase>,
}

type Retriever = Box<dyn FnOnce()>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Children may be created.
    Open,
    /// A child failed, or the group was dropped: the children were
    /// cancelled and no new one may start.
    Aborting,
    /// The group's future has given its result.
    Finished,
}
// ANCHOR_END: task_group

impl TaskGroup {
    /// An empty group. Most code uses [`TaskGroup::run`] instead; a group
    /// made here is awaited with [`join`](TaskGroup::join).
    pub fn new() -> Self {
        TaskGroup {
            state: Rc::new(State {
                tasks: RefCell::default(),
                panics: RefCell::default(),
                retrievers: RefCell::default(),
                completions: Completions::default(),
                running: Cell::new(0),
                phase: Cell::new(Phase::Open),
            }),
        }
    }

    // ANCHOR: run
    /// Runs `body` with a new group, then waits for every child: `Ok` with
    /// the body's value if no child (and not the body) panicked, else the
    /// [`TaskGroupError`] that lists every panic.
    pub fn run<B, Fut>(body: B) -> Run<Fut>
    where
        B: FnOnce(TaskGroup) -> Fut,
        Fut: Future,
    {
        let group = TaskGroup::new();
        Run {
            body: Some(body(group.clone())),
            output: None,
            group,
            failures: Vec::new(),
            body_failure: None,
            body_cancelled: false,
        }
    }
    // ANCHOR_END: run

    /// Waits for the children of a group made with [`TaskGroup::new`]: a
    /// [`run`](TaskGroup::run) whose body has already ended.
    pub fn join(self) -> Run<Ready<()>> {
        Run {
            body: Some(std::future::ready(())),
            output: None,
            group: self,
            failures: Vec::new(),
            body_failure: None,
            body_cancelled: false,
        }
    }

    // ANCHOR: create_task
    /// Spawns `future` as a child of the group and returns its handle
    /// (asyncio's `tg.create_task`). The handle works as any other: await
    /// it for the child's value, even after the group ended.
    ///
    /// # Panics
    ///
    /// When the group is shutting down after a failure, or has ended, as
    /// asyncio raises `RuntimeError`; and with no running loop.
    pub fn create_task<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.adopt(spawn, future)
    }
    // ANCHOR_END: create_task

    /// Like [`create_task`](TaskGroup::create_task), for a child whose
    /// handle you do not need (Python code that ignores what
    /// `tg.create_task` returns). The group keeps the handle and takes the
    /// child's result when it ends; a panic is reported once, in the
    /// group's error, as for any child.
    ///
    /// # Panics
    ///
    /// As `create_task`.
    pub fn start<F>(&self, future: F)
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.keep(self.create_task(future));
    }

    /// [`start`](TaskGroup::start) with a name for the task.
    ///
    /// # Panics
    ///
    /// As `create_task`.
    pub fn start_named<F>(&self, name: impl Into<String>, future: F)
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.keep(self.create_task_named(name, future));
    }

    /// Keeps the handle of the child made last, to take its result when it
    /// ends.
    fn keep<T: 'static>(&self, mut handle: JoinHandle<T>) {
        let index = self.state.tasks.borrow().len() - 1;
        self.state.retrievers.borrow_mut()[index] = Some(Box::new(move || {
            drop(take_result(&mut handle));
        }));
    }

    /// [`create_task`](TaskGroup::create_task) with a name for the task.
    ///
    /// # Panics
    ///
    /// As `create_task`.
    pub fn create_task_named<F>(&self, name: impl Into<String>, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let name = name.into();
        self.adopt(|guarded| spawn_named(name, guarded), future)
    }

    fn adopt<F, S>(&self, spawn: S, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
        S: FnOnce(Guarded<F>) -> JoinHandle<F::Output>,
    {
        let state = &self.state;
        match state.phase.get() {
            Phase::Open => {}
            Phase::Aborting => panic!("TaskGroup {self:?} is shutting down"),
            Phase::Finished => panic!("TaskGroup {self:?} is finished"),
        }
        let index = state.tasks.borrow().len();
        let handle = spawn(Guarded {
            future,
            group: Rc::downgrade(state),
            index,
        });
        let task = handle.task_ref();
        state.tasks.borrow_mut().push(task.clone());
        state.panics.borrow_mut().push(None);
        state.retrievers.borrow_mut().push(None);
        state.running.set(state.running.get() + 1);
        state.completions.watch(index, &task);
        handle
    }

    /// Cancels every child still running, and refuses new ones.
    fn abort(&self) {
        self.state.phase.set(Phase::Aborting);
        let tasks = self.state.tasks.borrow().clone();
        for task in tasks {
            task.cancel();
        }
    }
}

impl Default for TaskGroup {
    fn default() -> Self {
        Self::new()
    }
}

impl fmt::Debug for TaskGroup {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = &self.state;
        write!(
            f,
            "<TaskGroup tasks={} running={} {:?}>",
            state.tasks.borrow().len(),
            state.running.get(),
            state.phase.get()
        )
    }
}

pin_project! {
    /// A child's future: notes the child's panic message for the group on
    /// its way out. The panic itself goes on to the child's handle.
    struct Guarded<F> {
        #[pin]
        future: F,
        group: Weak<State>,
        index: usize,
    }
}

impl<F: Future> Future for Guarded<F> {
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let future = this.future;
        match panic::catch_unwind(AssertUnwindSafe(|| future.poll(cx))) {
            Ok(poll) => poll,
            Err(payload) => {
                if let Some(group) = this.group.upgrade() {
                    group.panics.borrow_mut()[*this.index] = Some(message_of(payload.as_ref()));
                }
                panic::resume_unwind(payload)
            }
        }
    }
}

fn message_of(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "<non-string panic payload>".to_owned())
}

pin_project! {
    /// The future of [`TaskGroup::run`] and [`TaskGroup::join`].
    #[must_use = "futures do nothing unless awaited"]
    pub struct Run<Fut: Future> {
        // `None` once it returned, panicked, or was cancelled by a failure.
        #[pin]
        body: Option<Fut>,
        output: Option<Fut::Output>,
        group: TaskGroup,
        // The children's panics, in the order they happened.
        failures: Vec<Failure>,
        // asyncio lists the body's own error after the children's.
        body_failure: Option<Failure>,
        // A child failed: the body is dropped at the group's next poll.
        body_cancelled: bool,
    }

    impl<Fut: Future> PinnedDrop for Run<Fut> {
        fn drop(this: Pin<&mut Self>) {
            // Dropped before it ended: the group is cancelled, and its
            // children with it.
            let this = this.project();
            if this.group.state.phase.get() != Phase::Finished {
                this.group.abort();
            }
        }
    }
}

// ANCHOR: run_poll
impl<Fut: Future> Future for Run<Fut> {
    type Output = Result<Fut::Output, TaskGroupError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut this = self.project();
        let state = &this.group.state;
        assert!(
            state.phase.get() != Phase::Finished,
            "a TaskGroup was polled after it ended"
        );
        // 0. A body cancelled at the previous poll is dropped now, after
        //    the children cancelled with it: asyncio cancels the children,
        //    then the parent task, and each runs its cleanup in that order.
        if *this.body_cancelled && this.body.is_some() {
            cancel_body(this.body.as_mut(), this.body_failure);
        }
        // ANCHOR: run_children
        // 1. The children that ended, in the order they ended.
        for index in state.completions.take_finished(cx) {
            state.running.set(state.running.get() - 1);
            let task = state.tasks.borrow()[index].clone();
            let retrieve = state.retrievers.borrow_mut()[index].take();
            if let Some(retrieve) = retrieve {
                retrieve();
            }
            if task.outcome() != Some(Outcome::Panicked) {
                continue; // returned, or cancelled: not a failure
            }
            // The group reports this panic; the loop must not report it
            // again when a dropped handle leaves it unretrieved.
            task.mark_retrieved();
            let message = state.panics.borrow_mut()[index].take();
            this.failures.push(Failure {
                task: Some(task.name().to_owned()),
                message: message.unwrap_or_else(|| "<panicked while being dropped>".to_owned()),
            });
            if state.phase.get() == Phase::Open {
                // The first failure: cancel the others and the body.
                this.group.abort();
                // The body's turn comes after the children's: we wake
                // ourselves behind them.
                *this.body_cancelled = true;
                cx.waker().wake_by_ref();
            }
        }
        // ANCHOR_END: run_children
        // 2. The body, while it runs and is not cancelled.
        if *this.body_cancelled {
            // Waiting for its turn to be dropped.
        } else if let Some(body) = this.body.as_mut().as_pin_mut() {
            match panic::catch_unwind(AssertUnwindSafe(|| body.poll(cx))) {
                Ok(Poll::Pending) => {}
                Ok(Poll::Ready(value)) => {
                    *this.output = Some(value);
                    this.body.set(None);
                }
                Err(payload) => {
                    *this.body_failure = Some(Failure {
                        task: None,
                        message: message_of(payload.as_ref()),
                    });
                    cancel_body(this.body.as_mut(), this.body_failure);
                    this.group.abort();
                }
            }
        }
        // 3. Done when the body and every child are.
        if this.body.is_some() || state.running.get() > 0 {
            return Poll::Pending;
        }
        state.phase.set(Phase::Finished);
        this.failures.extend(this.body_failure.take());
        if !this.failures.is_empty() {
            return Poll::Ready(Err(TaskGroupError {
                failures: std::mem::take(this.failures),
            }));
        }
        let output = this.output.take().expect("no failure: the body returned");
        Poll::Ready(Ok(output))
    }
}
// ANCHOR_END: run_poll

/// Drops the body, which cancels it. A panic on the way out (a guard's
/// `Drop`) is the body's failure, as asyncio reports an exception that a
/// body raises while it is being cancelled.
fn cancel_body<Fut>(mut body: Pin<&mut Option<Fut>>, failure: &mut Option<Failure>) {
    // If the drop panics, the assignment still completes: `body` is `None`.
    if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(|| body.set(None))) {
        failure.get_or_insert(Failure {
            task: None,
            message: message_of(payload.as_ref()),
        });
    }
}

impl<Fut: Future> fmt::Debug for Run<Fut> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Run")
            .field("group", &self.group)
            .field("body_running", &self.body.is_some())
            .finish()
    }
}

// ANCHOR: error
/// Why a [`TaskGroup`] failed: every panic of its children (in the order
/// they happened) and of its body (last), as Python's `ExceptionGroup`
/// lists every exception.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TaskGroupError {
    failures: Vec<Failure>,
}

/// One panic in a [`TaskGroup`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The child task's name, or `None` for the group's body.
    pub task: Option<String>,
    /// The panic's message (its payload, when that is a string).
    pub message: String,
}
// ANCHOR_END: error

impl TaskGroupError {
    /// Every failure, children first in the order they failed, the body
    /// last. Never empty.
    pub fn failures(&self) -> &[Failure] {
        &self.failures
    }
}

impl fmt::Display for TaskGroupError {
    /// Python's wording: `unhandled errors in a TaskGroup (2 sub-exceptions)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.failures.len();
        let plural = if n == 1 { "" } else { "s" };
        write!(
            f,
            "unhandled errors in a TaskGroup ({n} sub-exception{plural})"
        )
    }
}

impl Error for TaskGroupError {}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.task {
            Some(task) => write!(f, "{task} panicked: {}", self.message),
            None => write!(f, "the group's body panicked: {}", self.message),
        }
    }
}
