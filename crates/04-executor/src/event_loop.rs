//! The event loop: a FIFO of ready work, run one batch at a time.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::fmt;
use std::future::Future;
use std::panic::{self, AssertUnwindSafe};
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Waker};
use std::time::{Duration, Instant};

use crate::context::{self, EnterGuard};
use crate::driver::{Driver, ParkDriver};
use crate::hint;
use crate::join::{JoinError, JoinHandle, JoinSlot, TaskName, TaskRef, TaskStatus, panic_message};
use crate::task::{
    LocalTask, PollWaker, Shared, TaskCell, TaskFuture, TaskId, TaskTable, TaskWaker, WakerKey,
};
use crate::trace::{EventKind, Trace, TraceEvent};

// ANCHOR: runnable
/// One item of the ready queue. asyncio's ready queue holds callbacks, and
/// "resume this task" is one kind of callback (`Task.__step`); ours holds
/// the two kinds side by side.
enum Runnable {
    /// Poll this task.
    Task(TaskId),
    /// Run this `call_soon` callback.
    Callback(Rc<Callback>),
}
// ANCHOR_END: runnable

/// The ready queue: [`Runnable`]s in order, eight bytes each. An enum of a
/// task id and a pointer takes sixteen (its tag needs room of its own), so
/// the queue keeps task ids only, with a marker where a callback goes, and
/// the callbacks themselves, in the same order, beside it.
#[derive(Default)]
struct ReadyQueue {
    order: VecDeque<TaskId>,
    callbacks: VecDeque<Rc<Callback>>,
}

impl ReadyQueue {
    fn push_back(&mut self, runnable: Runnable) {
        match runnable {
            Runnable::Task(id) => self.order.push_back(id),
            Runnable::Callback(callback) => {
                self.order.push_back(TaskId::CALLBACK);
                self.callbacks.push_back(callback);
            }
        }
    }

    fn pop_front(&mut self) -> Option<Runnable> {
        let id = self.order.pop_front()?;
        if id != TaskId::CALLBACK {
            return Some(Runnable::Task(id));
        }
        let callback = self.callbacks.pop_front();
        Some(Runnable::Callback(
            callback.expect("a callback for every callback marker"),
        ))
    }

    fn len(&self) -> usize {
        self.order.len()
    }

    /// The task `ahead` places from the front, if that place holds a task.
    fn peek(&self, ahead: usize) -> Option<TaskId> {
        self.order
            .get(ahead)
            .copied()
            .filter(|&id| id != TaskId::CALLBACK)
    }

    fn is_empty(&self) -> bool {
        self.order.is_empty()
    }

    fn clear(&mut self) {
        self.order.clear();
        self.callbacks.clear();
    }

    fn capacity(&self) -> usize {
        self.order.capacity()
    }

    fn shrink_to(&mut self, capacity: usize) {
        self.order.shrink_to(capacity);
        self.callbacks.shrink_to(capacity);
    }
}

/// A scheduled `call_soon` callback; cancelling empties it.
struct Callback {
    f: RefCell<Option<Box<dyn FnOnce()>>>,
}

/// A callback scheduled with [`call_soon`](crate::call_soon): asyncio's
/// `Handle`. Dropping it does not cancel the callback.
pub struct CallbackHandle {
    callback: Rc<Callback>,
}

impl CallbackHandle {
    /// Cancels the callback if it has not run yet (asyncio's
    /// `Handle.cancel()`).
    pub fn cancel(&self) {
        self.callback.f.borrow_mut().take();
    }

    /// Whether it was cancelled or has run.
    pub fn is_spent(&self) -> bool {
        self.callback.f.borrow().is_none()
    }
}

impl fmt::Debug for CallbackHandle {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CallbackHandle")
            .field("spent", &self.is_spent())
            .finish()
    }
}

/// What the loop reports to its exception handler: asyncio's `context`
/// dict passed to `loop.call_exception_handler`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExceptionContext {
    /// What went wrong, in asyncio's words where it has them.
    pub message: &'static str,
    /// The task involved, if any.
    pub task: Option<String>,
    /// The detail: the panic's message, or the error's.
    pub panic: String,
}

type ExceptionHandler = Rc<dyn Fn(&ExceptionContext)>;
type SlowPollHandler = Rc<dyn Fn(&SlowPoll)>;

/// A poll that held the loop longer than the threshold set with
/// [`EventLoop::set_slow_poll_threshold`]: while it ran, no other task could.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SlowPoll {
    /// The task whose poll was slow.
    pub task: String,
    /// How long the poll took, in real time (even under a virtual clock:
    /// blocking the thread is real).
    pub took: Duration,
    /// The threshold it went over.
    pub threshold: Duration,
}

// ANCHOR: core
/// Everything the loop's own thread shares between the loop, its tasks and
/// their handles.
pub(crate) struct Core {
    /// Reachable from other threads (wakers hold it).
    pub(crate) shared: Arc<Shared>,
    /// Work to do, in the order it became ready.
    ready: RefCell<ReadyQueue>,
    /// Every live task.
    tasks: RefCell<TaskTable>,
    /// The name of the task being polled, for traces (set only when the
    /// loop records one).
    current: RefCell<Option<Rc<str>>>,
    /// The task being polled (or dropped), for `current_task()`.
    current_id: Cell<Option<TaskId>>,
    /// The waker that poll was given, for `local_task()`.
    current_waker: Cell<Option<WakerKey>>,
    /// The recorded events, when tracing is on.
    trace: RefCell<Option<Vec<TraceEvent>>>,
    /// The driver's clock, if it has one; stamps trace events.
    clock: Option<Rc<dyn Fn() -> Duration>>,
    /// A waker no task keeps, lent to the next task polled without one.
    spare_waker: Cell<Option<Arc<TaskWaker>>>,
    /// Counts tasks for their default names `Task-1`, `Task-2`, …
    spawned: Cell<u64>,
    /// Where panics nobody handled are reported.
    exception_handler: RefCell<Option<ExceptionHandler>>,
    /// A poll longer than this is reported (asyncio's debug-mode
    /// `slow_callback_duration`); `None`: not measured.
    slow_poll: Cell<Option<Duration>>,
    /// Where slow polls are reported.
    slow_poll_handler: RefCell<Option<SlowPollHandler>>,
    /// Shutdown has ended: a spawn now is refused.
    closed: Cell<bool>,
}

/// How many times shutdown drops what the previous round's destructors
/// spawned before it closes the loop to new tasks.
const SHUTDOWN_ROUNDS: usize = 4;
// ANCHOR_END: core

/// While it lives, the loop is polling (or dropping) a task: `Core`'s
/// `current`, `current_id` and `current_waker` say which. Dropped, it
/// clears them.
struct Polling<'a>(&'a Core);

impl Drop for Polling<'_> {
    fn drop(&mut self) {
        self.0.current.replace(None);
        self.0.current_id.set(None);
        self.0.current_waker.set(None);
    }
}

/// The room an idle loop keeps in its task table and ready queue, however
/// few tasks it has (see `Core::give_back_room`).
const IDLE_ROOM: usize = 1024;

/// The capacity to shrink to, if `capacity` is more than four times what
/// `len` items need: twice that, so that a load going up and down by less
/// than that never makes the loop reallocate.
#[inline]
fn shrunk_capacity(capacity: usize, len: usize) -> Option<usize> {
    let needed = len.max(IDLE_ROOM);
    (capacity > 4 * needed).then_some(2 * needed)
}

// ANCHOR: impl_core
impl Core {
    // ANCHOR_END: impl_core
    fn new(
        unparker: Arc<dyn crate::driver::Unpark>,
        clock: Option<Rc<dyn Fn() -> Duration>>,
    ) -> Self {
        Core {
            shared: Arc::new(Shared {
                remote: Mutex::new(Some(Vec::new())),
                remote_pending: AtomicBool::new(false),
                unparker,
                callbacks: Mutex::new(Some(Vec::new())),
                has_callbacks: AtomicBool::new(false),
            }),
            ready: RefCell::default(),
            tasks: RefCell::default(),
            current: RefCell::default(),
            current_id: Cell::new(None),
            current_waker: Cell::new(None),
            trace: RefCell::default(),
            clock,
            spare_waker: Cell::new(None),
            spawned: Cell::new(0),
            exception_handler: RefCell::default(),
            slow_poll: Cell::new(None),
            slow_poll_handler: RefCell::default(),
            closed: Cell::new(false),
        }
    }

    // ANCHOR: spawn
    /// Creates a task and puts it at the back of the ready queue. It does
    /// not run now: it runs when the loop reaches it, after everything that
    /// was ready before it (asyncio's `create_task` does the same).
    pub(crate) fn spawn<F>(
        self: &Rc<Self>,
        name: Option<String>,
        future: F,
    ) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let slot = self.next_slot(name);
        let place = slot.place;
        // One allocation holds the future and the slot; the table and the
        // handle share it.
        let task = Rc::new(TaskCell::new(future, slot));
        self.admit(place, task.clone());
        JoinHandle::new(task)
    }

    /// Puts a new task in the table, scheduled, and at the back of the
    /// ready queue; or refuses it, if the loop has closed. (Not generic:
    /// one copy serves every future type.)
    fn admit(&self, place: u32, task: Rc<dyn TaskFuture>) {
        if self.closed.get() {
            return self.refuse(task);
        }
        let name = self
            .is_tracing()
            .then(|| task.status().name().shared().clone());
        let id = self.tasks.borrow_mut().insert(place, task, true);
        if let Some(name) = name {
            self.record_for(Some(name), EventKind::Spawn);
        }
        self.ready.borrow_mut().push_back(Runnable::Task(id));
    }
    // ANCHOR_END: spawn

    /// The slot of the task about to be spawned, with its table place and
    /// its name: `Task-{count}` unless named, written out only if
    /// something reads it.
    fn next_slot<T>(self: &Rc<Self>, name: Option<String>) -> JoinSlot<T> {
        let (place, name) = self.next_task(name);
        JoinSlot::new(name, place, Rc::downgrade(self))
    }

    /// The place and the name for `next_slot`. (Not generic.)
    fn next_task(&self, name: Option<String>) -> (u32, TaskName) {
        let count = self.spawned.get() + 1;
        self.spawned.set(count);
        let name = match name {
            Some(name) => TaskName::given(count, name),
            None => TaskName::numbered(count),
        };
        (self.tasks.borrow().next_place(), name)
    }

    /// A spawn on a loop that has finished closing: like asyncio's
    /// "Event loop is closed", the task is refused, and the refusal
    /// reported. Its future is never polled and never dropped (dropping it
    /// could run a destructor that spawns again, for ever): it is leaked,
    /// and the handle reads "cancelled".
    #[cold]
    fn refuse(&self, task: Rc<dyn TaskFuture>) {
        self.report_refused(task.status().name().as_str());
        task.forget_future();
        task.status().refuse();
    }

    #[cold]
    fn report_refused(&self, task: &str) {
        self.report(ExceptionContext {
            message: "Event loop is closed",
            task: Some(task.to_owned()),
            panic: "a task was spawned while its loop was closing; it will never run".to_owned(),
        });
    }

    // ANCHOR: schedule
    /// Puts a woken task at the back of the ready queue, once.
    pub(crate) fn schedule(&self, id: TaskId, remote: bool) {
        let name = {
            let mut tasks = self.tasks.borrow_mut();
            match tasks.get_mut(id) {
                // Finished already (a stale waker), or already queued.
                None => return,
                Some(entry) if entry.scheduled => return,
                Some(entry) => {
                    entry.scheduled = true;
                    // Traces name the task; without one, no name is made.
                    self.is_tracing()
                        .then(|| Some(entry.task.status().name().shared().clone()))
                }
            }
        };
        if let Some(name) = name {
            self.record_for(name, EventKind::Wake { remote });
        }
        self.ready.borrow_mut().push_back(Runnable::Task(id));
    }

    /// Marks the task in table place `place` for cancelling and schedules
    /// it: at its turn, the loop drops its future instead of polling it.
    /// Only if that task's slot is `slot`: a slot keeps its place but not
    /// its generation, so the task's own address is the check. (Sound: the
    /// caller holds `slot`, so no other live task can be at that address.)
    pub(crate) fn cancel(&self, place: u32, slot: &dyn TaskStatus) {
        let id = {
            let mut tasks = self.tasks.borrow_mut();
            match tasks.at_mut(place) {
                Some((id, entry)) if std::ptr::addr_eq(entry.task.status(), slot) => {
                    entry.cancel_requested = true;
                    id
                }
                _ => return,
            }
        };
        self.schedule(id, false);
    }

    /// Moves the tasks that other threads woke, and the callbacks they
    /// scheduled, into the ready queue.
    #[inline]
    fn drain_remote(&self) {
        // Nobody on another thread woke anything: no lock, no call.
        if self.shared.has_remote() {
            self.take_remote();
        }
    }

    #[cold]
    fn take_remote(&self) {
        for id in self.shared.take_remote() {
            self.schedule(id, true);
        }
        for callback in self.shared.take_callbacks() {
            drop(self.call_soon(callback));
        }
    }
    // ANCHOR_END: schedule

    // ANCHOR: call_soon
    pub(crate) fn call_soon(&self, f: Box<dyn FnOnce()>) -> CallbackHandle {
        let callback = Rc::new(Callback {
            f: RefCell::new(Some(f)),
        });
        self.ready
            .borrow_mut()
            .push_back(Runnable::Callback(callback.clone()));
        CallbackHandle { callback }
    }
    // ANCHOR_END: call_soon

    // ANCHOR: run_ready
    /// Runs what is in the ready queue *now*. Work that becomes ready while
    /// this batch runs waits for the next iteration, after the driver has
    /// had a look at I/O and timers (asyncio's `_run_once` does the same, so
    /// a task that keeps yielding cannot starve the sockets).
    fn run_ready(self: &Rc<Self>) {
        let batch = self.ready.borrow().len();
        for _ in 0..batch {
            let Some(next) = self.ready.borrow_mut().pop_front() else {
                break;
            };
            self.prefetch_ahead(); // see the fast-paths page
            match next {
                Runnable::Task(id) => self.run_task(id),
                Runnable::Callback(callback) => self.run_callback(&callback),
            }
        }
    }

    // ANCHOR: prefetch_ahead
    /// Starts loading what the next tasks in the queue will need (see
    /// [`hint`]): the cell of the task after the one about to run, whose
    /// table place was asked for one task ago, and the table place of the
    /// one after that. Where they come woken by timers, in no order, that
    /// is what the loop would otherwise wait for. Where they run in table
    /// order (spawned in a row), it asks for nothing: the processor's own
    /// prefetcher follows such a walk.
    ///
    /// [`hint`]: crate::hint
    fn prefetch_ahead(&self) {
        let ready = self.ready.borrow();
        let Some(soon) = ready.peek(0) else {
            return;
        };
        let later = ready.peek(1);
        if later.is_some_and(|later| later.index().abs_diff(soon.index()) == 1) {
            return; // in table order: the processor sees that pattern itself
        }
        let tasks = self.tasks.borrow();
        if let Some(later) = later {
            tasks.prefetch(later);
        }
        if let Some(entry) = tasks.get(soon) {
            hint::prefetch(&*entry.task);
        }
    }
    // ANCHOR_END: prefetch_ahead

    /// Starts loading the table place of task `id` (see [`hint`]); nothing
    /// if the table is in use.
    ///
    /// [`hint`]: crate::hint
    pub(crate) fn prefetch_task(&self, id: TaskId) {
        if let Ok(tasks) = self.tasks.try_borrow() {
            tasks.prefetch(id);
        }
    }

    /// Polls one task once (or drops it, if it was cancelled).
    fn run_task(self: &Rc<Self>, id: TaskId) {
        // The task is cloned out of the table (an `Rc`: a count, not a
        // copy), so that while it runs it can spawn, which needs the table.
        let (task, waker, cancel) = {
            let mut tasks = self.tasks.borrow_mut();
            let Some(entry) = tasks.get_mut(id) else {
                return; // finished since it was queued
            };
            entry.scheduled = false;
            let cancel = entry.cancel_requested;
            let task = entry.task.clone();
            let waker = entry.waker.take();
            if self.is_tracing() {
                // Trace lines written during the poll name this task.
                self.current
                    .replace(Some(task.status().name().shared().clone()));
            }
            (task, waker, cancel)
        };
        self.current_id.set(Some(id));
        // Says "no task" again when this function ends, even by a panic (a
        // slow-poll handler may panic).
        let _polling = Polling(self);

        if cancel {
            // Out of the table first: the future's destructors may wake or
            // spawn tasks, and must find a table they can borrow.
            let entry = self.tasks.borrow_mut().remove(id);
            let outcome = task.drop_future();
            drop(entry);
            drop(task);
            if let Some(outcome) = outcome {
                self.record(EventKind::Done(outcome));
            }
            return;
        }

        self.record(EventKind::Poll);
        // The task's own waker, or one lent for this poll (see `lend_waker`).
        let waker = self.lend_waker(id, waker);
        self.current_waker.set(Some(WakerKey::of(waker.get())));
        let started = self.slow_poll.get().map(|_| Instant::now());
        let record = |outcome| self.record(EventKind::Done(outcome));
        let poll = task.poll_task(&mut Context::from_waker(waker.get()), &record);
        if let (Some(started), Some(threshold)) = (started, self.slow_poll.get()) {
            let took = started.elapsed();
            if took > threshold {
                self.report_slow(SlowPoll {
                    task: task.status().name().as_str().to_owned(),
                    took,
                    threshold,
                });
            }
        }
        match poll {
            Poll::Ready(()) => {
                let entry = self.tasks.borrow_mut().remove(id);
                drop(entry);
                drop(task);
                drop(self.return_waker(waker));
            }
            Poll::Pending => {
                self.record(EventKind::Suspend);
                let kept = self.return_waker(waker);
                if let Some(entry) = self.tasks.borrow_mut().get_mut(id) {
                    entry.waker = kept;
                }
                drop(task);
            }
        }
    }
    // ANCHOR_END: run_ready

    /// The waker to poll task `id` with: its own if it has one, else the
    /// loop's spare one, pointed at this task. Most tasks that finish in one
    /// poll never keep a clone of their waker, and so never cost one.
    fn lend_waker(&self, id: TaskId, own: Option<Waker>) -> PollWaker {
        if let Some(waker) = own {
            return PollWaker::Own(waker);
        }
        let spare = self.spare_waker.take().and_then(|mut spare| {
            // Nobody else holds it (`get_mut` checks): safe to repoint.
            Arc::get_mut(&mut spare)?.reset(id);
            Some(spare)
        });
        let spare = spare.unwrap_or_else(|| Arc::new(TaskWaker::new(id, self.shared.clone())));
        PollWaker::Lent(Waker::from(spare.clone()), spare)
    }

    /// After the poll: the waker the task keeps. A lent waker that the
    /// poll left a clone of somewhere (with a socket, a queue, another
    /// task's handle) becomes the task's own, since that clone will wake
    /// this task; one that nobody kept goes back to be the spare.
    fn return_waker(&self, waker: PollWaker) -> Option<Waker> {
        match waker {
            PollWaker::Own(waker) => Some(waker),
            PollWaker::Lent(waker, spare) => {
                drop(waker);
                if Arc::strong_count(&spare) == 1 {
                    self.spare_waker.set(Some(spare));
                    None
                } else {
                    Some(Waker::from(spare))
                }
            }
        }
    }

    // ANCHOR: run_callback
    fn run_callback(&self, callback: &Callback) {
        let Some(f) = callback.f.borrow_mut().take() else {
            return; // cancelled
        };
        self.record(EventKind::Callback);
        // Like asyncio: an error in a callback is reported, and the loop
        // goes on.
        if let Err(payload) = panic::catch_unwind(AssertUnwindSafe(f)) {
            self.report(ExceptionContext {
                message: "Exception in callback",
                task: None,
                panic: panic_message(payload.as_ref())
                    .unwrap_or("<non-string panic payload>")
                    .to_owned(),
            });
        }
    }
    // ANCHOR_END: run_callback

    // ANCHOR: shutdown
    /// Cancels every task, oldest first: what is left when the loop shuts
    /// down is dropped. A destructor may spawn tasks while it runs; those
    /// are dropped in the next round, for a few rounds. Then the loop is
    /// closed, and a spawn is refused, so shutdown always ends.
    fn shutdown(&self) {
        for round in 1..=SHUTDOWN_ROUNDS {
            // In the last round, what destructors spawn is refused.
            self.closed.set(round == SHUTDOWN_ROUNDS);
            let entries = self.tasks.borrow_mut().drain();
            if entries.is_empty() {
                break;
            }
            for (_, entry) in entries {
                if self.is_tracing() {
                    let name = entry.task.status().name().shared().clone();
                    self.current.replace(Some(name));
                }
                if let Some(outcome) = entry.task.drop_future() {
                    self.record(EventKind::Done(outcome));
                }
                drop(entry);
                self.current.replace(None);
            }
        }
        self.closed.set(true);
        self.ready.borrow_mut().clear();
    }
    // ANCHOR_END: shutdown

    /// After a turn: give back the memory a burst of tasks left in the
    /// ready queue and, once nothing is ready, in the task table, where
    /// either is far bigger than needed. The queue is looked at every turn
    /// (a loop that a few tasks keep busy after a burst is never idle); the
    /// table waits for idle, because finding its last live task walks its
    /// pages.
    #[inline]
    fn give_back_room(&self) {
        let mut ready = self.ready.borrow_mut();
        if let Some(capacity) = shrunk_capacity(ready.capacity(), ready.len()) {
            ready.shrink_to(capacity);
        }
        let idle = ready.is_empty();
        drop(ready);
        if idle {
            self.shrink_table();
        }
    }

    fn shrink_table(&self) {
        let mut tasks = self.tasks.borrow_mut();
        if let Some(capacity) = shrunk_capacity(tasks.capacity(), tasks.len()) {
            tasks.shrink_to(capacity);
        }
    }

    /// The task being polled, if the loop is polling one now (not running
    /// a callback).
    pub(crate) fn current_task(self: &Rc<Self>) -> Option<TaskRef> {
        let id = self.current_id.get()?;
        let tasks = self.tasks.borrow();
        let entry = tasks.get(id)?;
        Some(TaskRef::new(entry.task.clone()))
    }

    /// The task being polled, if `waker` is the very waker its poll was
    /// given (see [`local_task`](crate::local_task)).
    pub(crate) fn local_task(&self, waker: &Waker) -> Option<LocalTask> {
        let key = self.current_waker.get()?;
        let id = self.current_id.get()?;
        key.is(waker)
            .then(|| LocalTask::new(id, self.shared.clone()))
    }

    /// Every task not yet done, oldest first.
    pub(crate) fn all_tasks(self: &Rc<Self>) -> Vec<TaskRef> {
        self.tasks
            .borrow()
            .iter()
            .filter(|(_, entry)| entry.task.status().outcome().is_none())
            .map(|(_, entry)| TaskRef::new(entry.task.clone()))
            .collect()
    }

    #[inline]
    fn has_ready(&self) -> bool {
        !self.ready.borrow().is_empty()
    }

    pub(crate) fn task_count(&self) -> usize {
        self.tasks.borrow().len()
    }

    #[inline]
    pub(crate) fn is_tracing(&self) -> bool {
        self.trace.borrow().is_some()
    }

    /// Records an event about the task being polled, if tracing is on.
    /// (Inlined, so that with tracing off each call is one load and a
    /// branch at the call site.)
    #[inline]
    pub(crate) fn record(&self, kind: EventKind) {
        if self.is_tracing() {
            self.record_current(kind);
        }
    }

    #[cold]
    fn record_current(&self, kind: EventKind) {
        let current = self.current.borrow().clone();
        self.record_for(current, kind);
    }

    fn record_for(&self, task: Option<Rc<str>>, kind: EventKind) {
        if let Some(events) = self.trace.borrow_mut().as_mut() {
            events.push(TraceEvent {
                at: self.clock.as_ref().map(|clock| clock()),
                task: task.map(|name| name.to_string()),
                kind,
            });
        }
    }

    pub(crate) fn report(&self, context: ExceptionContext) {
        let handler = self.exception_handler.borrow().clone();
        match handler {
            Some(handler) => handler(&context),
            None => default_exception_handler(&context),
        }
    }

    fn report_slow(&self, slow: SlowPoll) {
        self.record(EventKind::SlowPoll {
            threshold: slow.threshold,
        });
        let handler = self.slow_poll_handler.borrow().clone();
        match handler {
            Some(handler) => handler(&slow),
            None => eprintln!(
                "Executing <Task name='{}'> took {:.3} seconds",
                slow.task,
                slow.took.as_secs_f64()
            ),
        }
    }
}

pub(crate) fn default_exception_handler(context: &ExceptionContext) {
    match &context.task {
        Some(task) => eprintln!("{}\ntask: {task}\n{}", context.message, context.panic),
        None => eprintln!("{}\n{}", context.message, context.panic),
    }
}

/// A single-threaded event loop: tasks over a [`Driver`].
///
/// Most programs call [`run`](crate::run), which makes a loop, runs one
/// future to completion on it and closes it, as `asyncio.run` does. Make an
/// `EventLoop` yourself to choose its driver, to trace it, or to call
/// [`run_until_complete`](EventLoop::run_until_complete) more than once.
// ANCHOR: event_loop
pub struct EventLoop<D: Driver = ParkDriver> {
    core: Rc<Core>,
    driver: RefCell<D>,
}
// ANCHOR_END: event_loop

impl EventLoop<ParkDriver> {
    /// A loop whose driver parks the thread: tasks, wakers, no I/O, no timers.
    pub fn new() -> Self {
        EventLoop::with_driver(ParkDriver::new())
    }
}

impl Default for EventLoop<ParkDriver> {
    fn default() -> Self {
        Self::new()
    }
}

// ANCHOR: impl_event_loop
impl<D: Driver> EventLoop<D> {
    // ANCHOR_END: impl_event_loop
    /// A loop over `driver` (a reactor, a timer layer, …).
    pub fn with_driver(driver: D) -> Self {
        EventLoop {
            core: Rc::new(Core::new(driver.unparker(), driver.clock())),
            driver: RefCell::new(driver),
        }
    }

    /// Turns tracing on (it is off by default); read it with
    /// [`take_trace`](EventLoop::take_trace).
    pub fn with_trace(self) -> Self {
        self.core.trace.replace(Some(Vec::new()));
        self
    }

    /// The events recorded so far, leaving an empty trace behind.
    pub fn take_trace(&self) -> Trace {
        let events = self
            .core
            .trace
            .borrow_mut()
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default();
        Trace { events }
    }

    /// Replaces the default exception handler, which prints to stderr
    /// (asyncio's `loop.set_exception_handler`).
    pub fn set_exception_handler(&self, handler: impl Fn(&ExceptionContext) + 'static) {
        self.core.exception_handler.replace(Some(Rc::new(handler)));
    }

    /// Reports every poll that holds the loop longer than `threshold`
    /// (`None` turns the check off, the default): asyncio's debug mode with
    /// `loop.slow_callback_duration`. Reports go to stderr unless
    /// [`set_slow_poll_handler`](EventLoop::set_slow_poll_handler) chose
    /// otherwise, and into the trace.
    pub fn set_slow_poll_threshold(&self, threshold: Option<Duration>) {
        self.core.slow_poll.set(threshold);
    }

    /// Sends slow-poll reports to `handler` instead of stderr.
    pub fn set_slow_poll_handler(&self, handler: impl Fn(&SlowPoll) + 'static) {
        self.core.slow_poll_handler.replace(Some(Rc::new(handler)));
    }

    /// A handle other threads can use to schedule callbacks on this loop
    /// (asyncio's `loop.call_soon_threadsafe`).
    pub fn handle(&self) -> crate::LoopHandle {
        crate::LoopHandle::new(self.core.shared.clone())
    }

    /// The driver, for layers that need to reach it from outside the loop.
    pub fn driver(&self) -> std::cell::Ref<'_, D> {
        self.driver.borrow()
    }

    /// How many tasks are alive (spawned and not finished).
    pub fn task_count(&self) -> usize {
        self.core.task_count()
    }

    /// Test support: how many tasks the task table has room for.
    #[doc(hidden)]
    pub fn task_table_capacity(&self) -> usize {
        self.core.tasks.borrow().capacity()
    }

    /// Test support: moves the task table's vacant places (and the places
    /// it will make anew) `by` generations on, as if that many tasks had
    /// come and gone in each, so a test can reach a generation's wrap.
    #[doc(hidden)]
    pub fn skip_task_generations(&self, by: u32) {
        self.core.tasks.borrow_mut().skip_generations(by);
    }

    /// Test support: how many tasks keep a waker of their own (a poll of
    /// theirs left a clone of its waker somewhere).
    #[doc(hidden)]
    pub fn own_waker_count(&self) -> usize {
        let tasks = self.core.tasks.borrow();
        tasks
            .iter()
            .filter(|(_, entry)| entry.waker.is_some())
            .count()
    }

    /// Test support: how many items the ready queue has room for.
    #[doc(hidden)]
    pub fn ready_queue_capacity(&self) -> usize {
        self.core.ready.borrow().capacity()
    }

    /// Test support: a function that tells how many wakes from other
    /// threads wait in this loop's remote queue. It goes on answering after
    /// the loop is dropped, as a waker kept by another thread goes on
    /// existing.
    #[doc(hidden)]
    pub fn remote_queue_len_probe(&self) -> impl Fn() -> usize + Send + Sync + 'static {
        let shared = Arc::clone(&self.core.shared);
        move || shared.remote_len()
    }

    /// Creates a task on this loop (asyncio's `loop.create_task`). It runs
    /// once the loop runs.
    pub fn spawn<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.core.spawn(None, future)
    }

    /// Python's name for [`spawn`](EventLoop::spawn): `loop.create_task`.
    pub fn create_task<F>(&self, future: F) -> JoinHandle<F::Output>
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        self.spawn(future)
    }

    /// Runs the loop until `future` is done, and returns its value
    /// (asyncio's `loop.run_until_complete`).
    ///
    /// The future becomes a task like any other (`Task-1` in a fresh loop).
    /// Other tasks run too. When `future` is done, the loop takes one more
    /// turn that does not wait, so the work already ready gets its step, as
    /// in asyncio; the tasks still alive after it stay in the loop for the
    /// next call.
    ///
    /// # Panics
    ///
    /// If `future` panics, the panic continues here. Calling this while a
    /// loop is running on this thread panics with asyncio's message.
    // ANCHOR: run_until_complete
    pub fn run_until_complete<F>(&self, future: F) -> F::Output
    where
        F: Future + 'static,
        F::Output: 'static,
    {
        let _running = self.enter();
        let main = self.core.spawn(None, future);
        self.run_until_done(main)
    }

    /// The rest of `run_until_complete`, generic over the output only (it
    /// is compiled once for all the futures that return `()`, say).
    fn run_until_done<T: 'static>(&self, mut main: JoinHandle<T>) -> T {
        while !main.done() {
            self.turn(true);
        }
        // asyncio stops the loop from a done-callback of the main task, and
        // `call_soon` puts that callback *behind* the work that is already
        // ready. So that work gets one more turn before the loop stops (the
        // first step of a task `main` created just before returning, say).
        self.turn(false);
        let waker = Waker::noop();
        match Pin::new(&mut main).poll(&mut Context::from_waker(waker)) {
            Poll::Ready(Ok(value)) => value,
            Poll::Ready(Err(JoinError::Panicked(payload))) => panic::resume_unwind(payload),
            Poll::Ready(Err(JoinError::Cancelled)) => panic!("the main task was cancelled"),
            Poll::Pending => unreachable!("the loop ran until the main task was done"),
        }
    }

    /// One turn of the loop, as asyncio's `_run_once`: take in wakes from
    /// other threads, let the driver wait (only look, if work is ready),
    /// then run the batch of ready work.
    ///
    /// # Panics
    ///
    /// When a loop is already running on this thread, like
    /// [`run_until_complete`](EventLoop::run_until_complete).
    pub fn run_once(&self) {
        // The tasks it polls find their loop, as in any other turn.
        let _running = self.enter();
        self.turn(true);
    }

    /// A turn that may wait for the driver (`wait`), or only look.
    fn turn(&self, wait: bool) {
        let core = &self.core;
        core.drain_remote();
        let timeout = if core.has_ready() || !wait {
            Some(Duration::ZERO)
        } else {
            core.record(EventKind::Park { timeout: None });
            None
        };
        self.driver.borrow_mut().park(timeout);
        core.drain_remote();
        core.run_ready();
        core.give_back_room();
    }
    // ANCHOR_END: run_until_complete

    fn enter(&self) -> EnterGuard<'_, D> {
        EnterGuard::new(self.core.clone(), &self.driver)
    }
}

// ANCHOR: close
impl<D: Driver> Drop for EventLoop<D> {
    /// Closing the loop cancels the tasks still alive: their futures are
    /// dropped, inside the loop's context so their `Drop` can reach it.
    fn drop(&mut self) {
        // From now on a wake from another thread stops at once.
        self.core.shared.close();
        if self.core.task_count() == 0 {
            return;
        }
        // Be the running loop while the futures drop. Dropped inside
        // another running loop, or at the exit of a thread whose running-
        // loop slot is gone, it cannot be: the futures go all the same.
        let _running = context::try_enter(self.core.clone(), &self.driver);
        self.core.shutdown();
    }
}
// ANCHOR_END: close

impl<D: Driver + fmt::Debug> fmt::Debug for EventLoop<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("EventLoop")
            .field("tasks", &self.core.task_count())
            .field("ready", &self.core.ready.borrow().len())
            .field("driver", &self.driver)
            .finish()
    }
}
