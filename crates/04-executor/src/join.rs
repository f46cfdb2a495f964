//! A task's result, and the handle that awaits it (asyncio's `Task`).

use std::any::Any;
use std::cell::{Cell, OnceCell, RefCell};
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use crate::context;
use crate::event_loop::Core;
use crate::task::TaskFuture;
use crate::trace::Outcome;
use std::rc::Weak;

/// Why a task produced no value.
pub enum JoinError {
    /// The task's future panicked. Holds the panic payload, as
    /// `std::thread::JoinHandle::join` does.
    Panicked(Box<dyn Any + Send + 'static>),
    /// The task was cancelled: its future was dropped before it finished
    /// (asyncio raises `CancelledError` in the awaiting task).
    Cancelled,
}

impl JoinError {
    /// Whether the task was cancelled.
    pub fn is_cancelled(&self) -> bool {
        matches!(self, JoinError::Cancelled)
    }

    /// Whether the task panicked.
    pub fn is_panic(&self) -> bool {
        matches!(self, JoinError::Panicked(_))
    }

    /// The panic's message, when the payload is a string (as `panic!`
    /// with a message makes it).
    pub fn panic_message(&self) -> Option<&str> {
        match self {
            JoinError::Panicked(payload) => panic_message(payload.as_ref()),
            JoinError::Cancelled => None,
        }
    }

    /// The panic payload, to re-raise with `std::panic::resume_unwind`.
    ///
    /// # Panics
    ///
    /// Panics if the task was cancelled rather than panicking.
    pub fn into_panic(self) -> Box<dyn Any + Send + 'static> {
        match self {
            JoinError::Panicked(payload) => payload,
            JoinError::Cancelled => panic!("the task was cancelled, it did not panic"),
        }
    }
}

pub(crate) fn panic_message(payload: &(dyn Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<&'static str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
}

impl fmt::Debug for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinError::Panicked(_) => f
                .debug_tuple("Panicked")
                .field(&self.panic_message().unwrap_or("<non-string payload>"))
                .finish(),
            JoinError::Cancelled => f.write_str("Cancelled"),
        }
    }
}

impl fmt::Display for JoinError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JoinError::Panicked(_) => match self.panic_message() {
                Some(msg) => write!(f, "task panicked: {msg}"),
                None => f.write_str("task panicked"),
            },
            JoinError::Cancelled => f.write_str("task was cancelled"),
        }
    }
}

impl std::error::Error for JoinError {}

// ANCHOR: slot
/// Where a task leaves its result for whoever awaits its handle, and what
/// the handle and the loop both need to know about the task.
pub(crate) struct JoinSlot<T> {
    state: RefCell<SlotState<T>>,
    pub(crate) name: TaskName,
    /// `cancel()` was called: the loop drops the future instead of polling
    /// it, and a task that returns in the same step ends cancelled.
    cancel_requested: Cell<bool>,
    /// The task's own loop: an outcome nobody retrieved is reported to its
    /// exception handler, whichever loop happens to run when the slot goes.
    core: Weak<Core>,
    /// The task's place in that loop's table, for `cancel()`: the index
    /// half of its `TaskId`. Instead of the generation, `Core::cancel`
    /// checks that the entry there holds this very slot (a cancelled
    /// task's destructors run after it left its place, and may spawn a
    /// task into it).
    pub(crate) place: u32,
    /// Someone holding a `TaskRef` took charge of a panic (asyncio: called
    /// `exception()`): it is not reported as never retrieved.
    retrieved: Cell<bool>,
    /// The task's handle was polled by an `.await` that has not returned:
    /// dropping the handle now means whoever awaited it was cancelled.
    awaited: Cell<bool>,
}

enum SlotState<T> {
    /// Still running; `waiters` are told when it ends: the task awaiting the
    /// handle, any that only watch it (like `wait`), and done-callbacks.
    /// Most tasks have none or one, so a boxed slice of exactly that many:
    /// two words in the slot, where a `Vec` takes three.
    Running { waiters: Box<[Waiter]> },
    /// Finished; the result is waiting to be taken.
    Done(Result<T, JoinError>),
    /// The result was taken by the awaiting side. How the task ended stays
    /// known: `cancelled()` is still true after `await` returned `Cancelled`.
    Taken(Outcome),
}
// ANCHOR_END: slot

/// One party to tell when a task ends.
enum Waiter {
    /// A task waiting for it: woken.
    Wake(Waker),
    /// A done-callback (asyncio's `add_done_callback`): scheduled with
    /// `call_soon` on the task's loop, in the order the callbacks were
    /// added, as asyncio schedules them.
    Call(Box<dyn FnOnce()>),
}

/// Adds `waiter` at the end of `waiters`, in a slice made one longer: the
/// first waiter costs one place on the heap, not the four a `Vec` starts
/// with. Each push is one `realloc`, which the allocator can often do in
/// place.
fn push(waiters: &mut Box<[Waiter]>, waiter: Waiter) {
    let mut list = std::mem::take(waiters).into_vec();
    list.reserve_exact(1);
    list.push(waiter);
    *waiters = list.into_boxed_slice(); // exactly full: no copy
}

// ANCHOR: tell
/// Tells a finished task's waiters: wakes the tasks waiting for it and
/// schedules its done-callbacks, in the order they came. (Not generic,
/// unlike the slot: compiled once, not once per output type.)
fn tell(waiters: Box<[Waiter]>, core: &Weak<Core>) {
    for waiter in waiters {
        match waiter {
            Waiter::Wake(waker) => waker.wake(),
            Waiter::Call(callback) => schedule_callback(core, callback),
        }
    }
}
// ANCHOR_END: tell

/// Schedules a done-callback on the task's loop; if that loop is gone,
/// there is nowhere to run it.
fn schedule_callback(core: &Weak<Core>, callback: Box<dyn FnOnce()>) {
    if let Some(core) = core.upgrade() {
        drop(core.call_soon(callback));
    }
}

/// Adds `waker` to `waiters`, unless a waker that wakes the same task is
/// there already. (Not generic, like `push` and `take_out`: the slot's
/// methods are compiled once per output type, these once.)
///
/// `will_wake` compares two wakers by address (data and vtable), which
/// Rust promises only as a best effort: a vtable may be duplicated (Miri
/// gives every use its own address). A miss here costs a second entry and
/// a spurious wake; in `take_out`, a waker kept until the task ends.
/// Neither loses a wake.
fn add_waker(waiters: &mut Box<[Waiter]>, waker: &Waker) {
    let known = waiters
        .iter()
        .any(|w| matches!(w, Waiter::Wake(known) if known.will_wake(waker)));
    if !known {
        push(waiters, Waiter::Wake(waker.clone()));
    }
}

/// Takes the waiter that wakes `waker` out of `waiters`, if there is one.
fn take_out(waiters: &mut Box<[Waiter]>, waker: &Waker) -> Option<Waiter> {
    let at = waiters
        .iter()
        .position(|w| matches!(w, Waiter::Wake(known) if known.will_wake(waker)))?;
    let mut list = std::mem::take(waiters).into_vec();
    let taken = list.remove(at);
    *waiters = list.into_boxed_slice();
    Some(taken)
}

/// A task's name: the one given at spawn, or `Task-N`, written out only
/// when something reads it (most tasks' names are never read, and a
/// million `format!`s are a million allocations).
pub(crate) struct TaskName {
    /// The task's spawn number, for `Task-N`.
    number: u64,
    /// Boxed, so that a name nobody reads costs one pointer in the task,
    /// not the two of an `Rc<str>`.
    text: OnceCell<Box<Rc<str>>>,
}

impl TaskName {
    /// `Task-{number}`, made when first read.
    pub(crate) fn numbered(number: u64) -> Self {
        TaskName {
            number,
            text: OnceCell::new(),
        }
    }

    /// A name given at spawn to the task spawned `number`th.
    pub(crate) fn given(number: u64, name: String) -> Self {
        TaskName {
            number,
            text: OnceCell::from(Box::new(Rc::from(name))),
        }
    }

    /// The task's spawn number: 1 for a loop's first task, and so on.
    pub(crate) fn number(&self) -> u64 {
        self.number
    }

    pub(crate) fn as_str(&self) -> &str {
        self.shared()
    }

    /// The name, shared (traces keep it for the task being polled).
    pub(crate) fn shared(&self) -> &Rc<str> {
        self.text
            .get_or_init(|| Box::new(format!("Task-{}", self.number).into()))
    }
}

fn outcome_of<T>(result: &Result<T, JoinError>) -> Outcome {
    match result {
        Ok(_) => Outcome::Returned,
        Err(JoinError::Panicked(_)) => Outcome::Panicked,
        Err(JoinError::Cancelled) => Outcome::Cancelled,
    }
}

// ANCHOR: impl_join_slot
impl<T> JoinSlot<T> {
    // ANCHOR_END: impl_join_slot
    pub(crate) fn new(name: TaskName, place: u32, core: Weak<Core>) -> Self {
        JoinSlot {
            state: RefCell::new(SlotState::Running {
                waiters: Box::default(),
            }),
            name,
            cancel_requested: Cell::new(false),
            core,
            place,
            retrieved: Cell::new(false),
            awaited: Cell::new(false),
        }
    }

    // ANCHOR: complete
    /// Stores the task's result and wakes the tasks waiting for it. A
    /// second completion is ignored.
    pub(crate) fn complete(&self, result: Result<T, JoinError>) {
        let waiters = {
            let mut state = self.state.borrow_mut();
            match &mut *state {
                SlotState::Running { waiters } => {
                    let waiters = std::mem::take(waiters);
                    *state = SlotState::Done(result);
                    waiters
                }
                SlotState::Done(_) | SlotState::Taken(_) => return,
            }
        };
        if waiters.is_empty() {
            return; // most tasks: nobody to tell
        }
        // Wake after the borrow ends: waking may run code that looks here.
        tell(waiters, &self.core);
    }
    // ANCHOR_END: complete

    /// How the task ended, or `None` while it runs.
    pub(crate) fn outcome(&self) -> Option<Outcome> {
        match &*self.state.borrow() {
            SlotState::Running { .. } => None,
            SlotState::Done(result) => Some(outcome_of(result)),
            SlotState::Taken(outcome) => Some(*outcome),
        }
    }

    pub(crate) fn is_done(&self) -> bool {
        self.outcome().is_some()
    }

    // ANCHOR: cancel
    /// What `cancel()` does, for a handle and a `TaskRef` alike: mark the
    /// task and schedule it, so the loop drops its future at its next turn.
    /// `false` if it has ended already, or its loop is gone (and with it
    /// the task's future).
    fn cancel(&self) -> bool {
        if self.is_done() {
            return false;
        }
        let Some(core) = self.core.upgrade() else {
            return false;
        };
        self.cancel_requested.set(true);
        core.cancel(self.place, self);
        true
    }
    // ANCHOR_END: cancel

    pub(crate) fn is_cancel_requested(&self) -> bool {
        self.cancel_requested.get()
    }

    /// Registers `waker` to be woken when the task ends (once per distinct
    /// waker), or says it has ended already.
    fn poll_done(&self, waker: &Waker) -> Poll<()> {
        let mut state = self.state.borrow_mut();
        match &mut *state {
            SlotState::Running { waiters } => {
                add_waker(waiters, waker);
                Poll::Pending
            }
            SlotState::Done(_) | SlotState::Taken(_) => Poll::Ready(()),
        }
    }

    /// Stops waking `waker` when the task ends: the other half of
    /// `poll_done`, for whoever stops watching before the task ends.
    fn forget_waker(&self, waker: &Waker) {
        let forgotten = match &mut *self.state.borrow_mut() {
            SlotState::Running { waiters } => take_out(waiters, waker),
            SlotState::Done(_) | SlotState::Taken(_) => None,
        };
        // Dropped after the borrow ends: a waker's drop may run any code.
        drop(forgotten);
    }

    /// How many wakers and done-callbacks wait for the task to end.
    fn waiter_count(&self) -> usize {
        match &*self.state.borrow() {
            SlotState::Running { waiters } => waiters.len(),
            SlotState::Done(_) | SlotState::Taken(_) => 0,
        }
    }

    /// Adds a done-callback: scheduled when the task ends, or at once if it
    /// has ended already (as asyncio's `add_done_callback` does).
    fn add_done_callback(&self, callback: Box<dyn FnOnce()>) {
        let mut state = self.state.borrow_mut();
        match &mut *state {
            SlotState::Running { waiters } => push(waiters, Waiter::Call(callback)),
            SlotState::Done(_) | SlotState::Taken(_) => {
                drop(state);
                schedule_callback(&self.core, callback);
            }
        }
    }

    /// The panic's message, if the task panicked and its result was not
    /// taken yet.
    fn panic_text(&self) -> Option<String> {
        match &*self.state.borrow() {
            SlotState::Done(Err(JoinError::Panicked(payload))) => Some(
                panic_message(payload.as_ref())
                    .unwrap_or("<non-string panic payload>")
                    .to_owned(),
            ),
            _ => None,
        }
    }

    /// Takes the result if the task is done and nobody took it yet.
    fn try_take(&self) -> Option<Result<T, JoinError>> {
        let mut state = self.state.borrow_mut();
        let outcome = match &*state {
            SlotState::Done(result) => outcome_of(result),
            SlotState::Running { .. } | SlotState::Taken(_) => return None,
        };
        match std::mem::replace(&mut *state, SlotState::Taken(outcome)) {
            SlotState::Done(result) => Some(result),
            _ => unreachable!("matched Done just above"),
        }
    }

    // ANCHOR: poll_take
    /// Takes the result if the task is done, or registers `waker` to be
    /// woken when it is.
    fn poll_take(&self, waker: &Waker) -> Poll<Result<T, JoinError>> {
        if self.poll_done(waker).is_pending() {
            return Poll::Pending;
        }
        let mut state = self.state.borrow_mut();
        match &*state {
            SlotState::Done(result) => {
                let outcome = outcome_of(result);
                match std::mem::replace(&mut *state, SlotState::Taken(outcome)) {
                    SlotState::Done(result) => Poll::Ready(result),
                    _ => unreachable!("matched Done just above"),
                }
            }
            SlotState::Taken(_) => {
                panic!("a JoinHandle was polled after it returned its result")
            }
            SlotState::Running { .. } => unreachable!("poll_done said the task is done"),
        }
    }
    // ANCHOR_END: poll_take
}

// ANCHOR: never_retrieved
impl<T> Drop for JoinSlot<T> {
    /// Both sides are gone. If the task panicked and nobody ever looked,
    /// say so, like asyncio's "Task exception was never retrieved", to the
    /// task's own loop (or stderr, if that loop is gone).
    fn drop(&mut self) {
        if self.retrieved.get() {
            return;
        }
        if let SlotState::Done(Err(JoinError::Panicked(payload))) = &*self.state.borrow() {
            let message = panic_message(payload.as_ref()).unwrap_or("<non-string panic payload>");
            context::report_unretrieved(self.core.upgrade(), self.name.as_str(), message);
        }
    }
}
// ANCHOR_END: never_retrieved

// ANCHOR: task_ref
/// What a [`TaskRef`] (and the loop's task table) sees of a task's slot,
/// whatever the task's output.
pub(crate) trait TaskStatus {
    fn name(&self) -> &TaskName;
    /// Its loop refused the task: it ends cancelled without running.
    fn refuse(&self);
    fn outcome(&self) -> Option<Outcome>;
    fn cancel(&self) -> bool;
    fn poll_done(&self, waker: &Waker) -> Poll<()>;
    fn forget_waker(&self, waker: &Waker);
    fn waiter_count(&self) -> usize;
    fn mark_retrieved(&self);
    fn add_done_callback(&self, callback: Box<dyn FnOnce()>);
    fn panic_text(&self) -> Option<String>;
}

impl<T> TaskStatus for JoinSlot<T> {
    fn name(&self) -> &TaskName {
        &self.name
    }
    fn refuse(&self) {
        self.complete(Err(JoinError::Cancelled));
    }
    fn outcome(&self) -> Option<Outcome> {
        JoinSlot::outcome(self)
    }
    fn cancel(&self) -> bool {
        JoinSlot::cancel(self)
    }
    fn poll_done(&self, waker: &Waker) -> Poll<()> {
        JoinSlot::poll_done(self, waker)
    }
    fn forget_waker(&self, waker: &Waker) {
        JoinSlot::forget_waker(self, waker);
    }
    fn waiter_count(&self) -> usize {
        JoinSlot::waiter_count(self)
    }
    fn mark_retrieved(&self) {
        self.retrieved.set(true);
    }
    fn add_done_callback(&self, callback: Box<dyn FnOnce()>) {
        JoinSlot::add_done_callback(self, callback);
    }
    fn panic_text(&self) -> Option<String> {
        JoinSlot::panic_text(self)
    }
}

/// What a [`JoinHandle`] sees of its task's cell: the slot, typed by the
/// task's output, whatever the future was.
pub(crate) trait Joinable<T> {
    fn slot(&self) -> &JoinSlot<T>;
    /// The same cell, seen as the loop sees it (for a [`TaskRef`]).
    fn erased(self: Rc<Self>) -> Rc<dyn TaskFuture>;
}

/// A second way to reach a task, made by [`JoinHandle::task_ref`]: it can
/// watch the task and cancel it, but never takes its result, so it can be
/// cloned and kept by anyone.
///
/// An asyncio `Task` is one shared object; our [`JoinHandle`] owns the
/// task's result, so there is exactly one. Code that must be able to cancel
/// tasks whose handles it gave away (a `TaskGroup` cancelling its other
/// children when one fails) keeps a `TaskRef` of each. Dropping a `TaskRef`
/// never cancels anything.
#[derive(Clone)]
pub struct TaskRef {
    task: Rc<dyn TaskFuture>,
}

impl TaskRef {
    pub(crate) fn new(task: Rc<dyn TaskFuture>) -> Self {
        TaskRef { task }
    }

    fn slot(&self) -> &dyn TaskStatus {
        self.task.status()
    }

    /// The task's name.
    pub fn name(&self) -> &str {
        self.slot().name().as_str()
    }

    /// Whether the task has finished (returned, panicked or was cancelled).
    pub fn done(&self) -> bool {
        self.slot().outcome().is_some()
    }

    /// Whether the task ended by cancellation.
    pub fn cancelled(&self) -> bool {
        self.slot().outcome() == Some(Outcome::Cancelled)
    }

    /// How the task ended, or `None` while it runs.
    pub fn outcome(&self) -> Option<Outcome> {
        self.slot().outcome()
    }

    /// Waits for the task to end, like [`JoinHandle::poll_done`].
    pub fn poll_done(&self, cx: &mut Context<'_>) -> Poll<()> {
        self.slot().poll_done(cx.waker())
    }

    /// Forgets a waker that [`poll_done`](TaskRef::poll_done) left with
    /// the task: it will not be woken when the task ends. For a watcher that
    /// stops watching first, so that a task outliving many watchers does not
    /// keep all their wakers (asyncio's `wait` likewise removes its
    /// done-callback from every task it waited on). A waker the task does
    /// not hold is ignored.
    pub fn forget_waker(&self, waker: &Waker) {
        self.slot().forget_waker(waker);
    }

    /// How many wakers and done-callbacks wait for the task to end. For
    /// tests.
    #[doc(hidden)]
    pub fn waiter_count(&self) -> usize {
        self.slot().waiter_count()
    }

    /// Cancels the task, exactly as [`JoinHandle::cancel`] does; `false` if
    /// it has already finished (or its loop is gone).
    pub fn cancel(&self) -> bool {
        self.slot().cancel()
    }

    /// Takes charge of the task's panic, now or when it comes: it will not
    /// be reported as "Task exception was never retrieved". asyncio's
    /// `gather` and `TaskGroup` do this (by calling `exception()` on each
    /// child) for the failures they report themselves, or choose to ignore
    /// after the first one.
    pub fn mark_retrieved(&self) {
        self.slot().mark_retrieved();
    }

    /// Calls `callback` with this task once it has ended (asyncio's
    /// `add_done_callback`): scheduled with `call_soon` on the task's loop
    /// when the task ends, or at once if it has ended already. Callbacks
    /// run in the order they were added. A task still alive when its loop
    /// closes is dropped without running the loop again, so its callbacks
    /// never run (asyncio's `run` would let them).
    pub fn add_done_callback(&self, callback: impl FnOnce(&TaskRef) + 'static) {
        let task = self.clone();
        self.slot()
            .add_done_callback(Box::new(move || callback(&task)));
    }

    /// The message of the task's panic, if it panicked and its handle has
    /// not taken the result yet. Like asyncio's `exception()`, reading it
    /// counts as retrieving it: it will not be reported as never retrieved.
    pub fn panic_message(&self) -> Option<String> {
        let text = self.slot().panic_text();
        if text.is_some() {
            self.slot().mark_retrieved();
        }
        text
    }
}

impl PartialEq for TaskRef {
    /// Two `TaskRef`s are equal when they reach the same task.
    fn eq(&self, other: &TaskRef) -> bool {
        std::ptr::addr_eq(Rc::as_ptr(&self.task), Rc::as_ptr(&other.task))
    }
}

impl Eq for TaskRef {}
// ANCHOR_END: task_ref

impl fmt::Debug for TaskRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TaskRef")
            .field("name", &self.name())
            .field("outcome", &self.outcome())
            .finish()
    }
}

/// An awaitable handle to a spawned task: asyncio's `Task`, seen from the
/// outside.
///
/// `.await` it to get the task's value, or a [`JoinError`] if the task
/// panicked or was cancelled. Dropping a handle that nobody is awaiting
/// does **not** cancel the task (as in asyncio, where dropping the last
/// reference to a task does not stop it); [`cancel`](JoinHandle::cancel)
/// does. But a handle dropped *while it is being awaited* — because the
/// task awaiting it was cancelled, or a timeout gave up on it — cancels its
/// task, as asyncio's `Task.cancel()` cancels the task it waits on.
// ANCHOR: handle
#[must_use = "a task runs without its handle, but its result and panics are lost; \
              bind the handle or `drop` it on purpose"]
pub struct JoinHandle<T> {
    /// The task's cell, which holds its slot (and, until it ends, its
    /// future). The slot reaches the task's loop only through a weak
    /// reference: a handle kept after its loop is gone does not keep the
    /// loop alive.
    task: Rc<dyn Joinable<T>>,
}
// ANCHOR_END: handle

// ANCHOR: impl_join_handle
impl<T> JoinHandle<T> {
    // ANCHOR_END: impl_join_handle
    pub(crate) fn new(task: Rc<dyn Joinable<T>>) -> Self {
        JoinHandle { task }
    }

    fn slot(&self) -> &JoinSlot<T> {
        self.task.slot()
    }

    /// The task's name (`Task-1`, `Task-2`, … unless named on spawn).
    pub fn name(&self) -> &str {
        self.slot().name.as_str()
    }

    /// Whether the task has finished: returned, panicked or was cancelled
    /// (asyncio's `Task.done()`). It stays true after the result was taken.
    pub fn done(&self) -> bool {
        self.slot().is_done()
    }

    /// Whether the task ended by cancellation (asyncio's `Task.cancelled()`).
    /// It stays true after awaiting the handle returned
    /// [`JoinError::Cancelled`].
    pub fn cancelled(&self) -> bool {
        self.slot().outcome() == Some(Outcome::Cancelled)
    }

    /// How the task ended, or `None` while it runs. Known before and after
    /// the result is taken.
    pub fn outcome(&self) -> Option<Outcome> {
        self.slot().outcome()
    }

    /// Waits for the task to end without taking its result, and without
    /// tying the task's fate to this poll: a future that polls a handle this
    /// way and is dropped does not cancel the task. (`wait` and `gather`
    /// watch their children like this; `.await` takes the result.)
    pub fn poll_done(&self, cx: &mut Context<'_>) -> Poll<()> {
        self.slot().poll_done(cx.waker())
    }

    /// A [`TaskRef`] to this task: it can watch and cancel the task, not
    /// take its result.
    pub fn task_ref(&self) -> TaskRef
    where
        T: 'static,
    {
        TaskRef::new(self.task.clone().erased())
    }

    /// The task's result, if it is done and was not taken yet: the value
    /// `.await` would give, without waiting (and without tying the task to
    /// this call as an `.await` does). `None` while the task runs, and
    /// after the result was taken.
    pub fn try_take(&mut self) -> Option<Result<T, JoinError>> {
        self.slot().try_take()
    }

    /// Calls `callback` with the task once it has ended: see
    /// [`TaskRef::add_done_callback`].
    pub fn add_done_callback(&self, callback: impl FnOnce(&TaskRef) + 'static)
    where
        T: 'static,
    {
        self.task_ref().add_done_callback(callback);
    }

    /// Asks the loop to cancel the task, as asyncio's `Task.cancel()` does.
    ///
    /// Returns `false` if the task has already finished. Otherwise the task
    /// is scheduled, and when the loop reaches it, it drops the task's future
    /// instead of polling it: every local of the suspended `async` block is
    /// dropped, and the handle's result becomes [`JoinError::Cancelled`].
    /// Cancelling from inside the task itself takes effect at its next
    /// suspension, or, if it returns first, makes that return a
    /// cancellation (asyncio's `test_cancel_at_end`).
    pub fn cancel(&self) -> bool {
        self.slot().cancel()
    }
}

// ANCHOR: handle_future
impl<T> Future for JoinHandle<T> {
    type Output = Result<T, JoinError>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let poll = self.slot().poll_take(cx.waker());
        // There is one handle per task, so the slot keeps its flag.
        self.slot().awaited.set(poll.is_pending());
        poll
    }
}

impl<T> Drop for JoinHandle<T> {
    /// Dropped in the middle of an `.await`: the awaiting side was
    /// cancelled, so the task it waited on is cancelled too.
    fn drop(&mut self) {
        if self.slot().awaited.get() {
            self.cancel();
        }
    }
}
// ANCHOR_END: handle_future

impl<T> fmt::Debug for JoinHandle<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = if self.cancelled() {
            "cancelled"
        } else if self.done() {
            "done"
        } else {
            "pending"
        };
        write!(f, "<Task {state} name='{}'>", self.name())
    }
}
