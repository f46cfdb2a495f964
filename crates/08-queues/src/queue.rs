//! `Queue`, `LifoQueue` and `PriorityQueue`: one implementation,
//! [`BaseQueue`], generic over where the items are kept.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use crate::errors::{GetNowaitError, PutNowaitError, QueueShutDown, TaskDoneError};
use crate::event::{Event, EventWait};
use crate::storage::{Fifo, Lifo, Priority, Storage};
use crate::waiters::{WaiterId, WaiterList};

/// A first in, first out queue: asyncio's `Queue`.
///
/// A name for [`BaseQueue`] over [`Fifo`] storage, so compiler messages
/// say `BaseQueue<Fifo<T>>`; every method is [`BaseQueue`]'s.
pub type Queue<T> = BaseQueue<Fifo<T>>;

/// A last in, first out queue: asyncio's `LifoQueue`.
pub type LifoQueue<T> = BaseQueue<Lifo<T>>;

/// A queue that hands out its smallest item first: asyncio's
/// `PriorityQueue`. Items are typically `(priority, data)` tuples.
pub type PriorityQueue<T> = BaseQueue<Priority<T>>;

/// The queue behind [`Queue`], [`LifoQueue`] and [`PriorityQueue`]: all the
/// waiting, counting and cancel-safety, over a [`Storage`] that decides the
/// order.
///
/// A `BaseQueue` is a handle: cloning it is cheap (a reference count) and
/// every clone is the same queue. Python passes the queue object to each
/// worker (`create_task(worker(q))`); here a task must own what it uses,
/// because `spawn` takes `'static` futures, so each worker gets a clone:
/// `spawn(worker(q.clone()))`. A borrowed `&Queue` would not outlive the
/// function that spawned the worker.
///
/// Like asyncio's, the queue belongs to one thread: it is not `Send`.
///
/// ```compile_fail
/// let q = aio_queues::Queue::<u32>::new(0);
/// std::thread::spawn(move || q.put_nowait(1)); // `Rc` cannot cross threads
/// ```
pub struct BaseQueue<S: Storage> {
    shared: Rc<Shared<S>>,
}

struct Shared<S: Storage> {
    state: RefCell<State<S>>,
    /// Set while no item is unfinished; what `join` waits on.
    finished: Event,
}

// ANCHOR: state
struct State<S> {
    items: S,
    /// 0 means unbounded.
    maxsize: usize,
    /// Futures waiting in `get` for an item.
    getters: WaiterList,
    /// Futures waiting in `put` for room.
    putters: WaiterList,
    /// Items put and not yet marked done with `task_done`.
    unfinished: usize,
    /// Set by `shutdown`, never cleared.
    shut_down: bool,
}
// ANCHOR_END: state

// ANCHOR: store_take
impl<S: Storage> State<S> {
    fn full(&self) -> bool {
        self.maxsize > 0 && self.items.len() >= self.maxsize
    }

    /// Stores an item that fits, counts it as unfinished and wakes a getter.
    fn store(&mut self, item: S::Item, finished: &Event) {
        self.items.push(item);
        self.unfinished += 1;
        finished.clear();
        self.getters.wake_one();
    }

    /// Takes the next item, if any, and wakes a putter for the room it left.
    fn take(&mut self) -> Option<S::Item> {
        let item = self.items.pop()?;
        self.putters.wake_one();
        Some(item)
    }
}
// ANCHOR_END: store_take

impl<S: Storage> BaseQueue<S> {
    /// A queue that holds at most `maxsize` items; `0` means no limit (as
    /// asyncio's `maxsize=0`).
    pub fn new(maxsize: usize) -> Self {
        let finished = Event::new();
        finished.set();
        BaseQueue {
            shared: Rc::new(Shared {
                state: RefCell::new(State {
                    items: S::default(),
                    maxsize,
                    getters: WaiterList::default(),
                    putters: WaiterList::default(),
                    unfinished: 0,
                    shut_down: false,
                }),
                finished,
            }),
        }
    }

    /// How many items the queue may hold (`0`: no limit).
    pub fn maxsize(&self) -> usize {
        self.state().maxsize
    }

    /// How many items are in the queue now.
    pub fn qsize(&self) -> usize {
        self.state().items.len()
    }

    /// Whether the queue holds no item.
    pub fn empty(&self) -> bool {
        self.state().items.is_empty()
    }

    /// Whether the queue holds `maxsize` items (never, when unbounded).
    pub fn full(&self) -> bool {
        self.state().full()
    }

    /// Puts `item` in the queue if there is room, without waiting.
    ///
    /// On a full queue it fails with [`PutNowaitError::QueueFull`], after
    /// [`shutdown`](BaseQueue::shutdown) with
    /// [`PutNowaitError::QueueShutDown`]; both hand the item back. Like
    /// asyncio's, it does not wait its turn behind `put`s that are waiting:
    /// if there is room, the item goes in.
    pub fn put_nowait(&self, item: S::Item) -> Result<(), PutNowaitError<S::Item>> {
        let mut state = self.state_mut();
        if state.shut_down {
            return Err(PutNowaitError::QueueShutDown(item));
        }
        if state.full() {
            return Err(PutNowaitError::QueueFull(item));
        }
        state.store(item, &self.shared.finished);
        Ok(())
    }

    /// Takes the next item if there is one, without waiting.
    ///
    /// On an empty queue it fails with [`GetNowaitError::QueueEmpty`], or
    /// [`GetNowaitError::QueueShutDown`] once the queue is shut down. Like
    /// asyncio's, it may take an item a woken `get` was about to take; that
    /// `get` then waits again.
    pub fn get_nowait(&self) -> Result<S::Item, GetNowaitError> {
        let mut state = self.state_mut();
        match state.take() {
            Some(item) => Ok(item),
            None if state.shut_down => Err(GetNowaitError::QueueShutDown),
            None => Err(GetNowaitError::QueueEmpty),
        }
    }

    /// Puts `item` in the queue, waiting for room if the queue is full.
    ///
    /// Fails with [`QueueShutDown`] (handing the item back) if the queue is
    /// shut down before the item went in. Dropping the future before it
    /// finishes drops the item unsent.
    pub fn put(&self, item: S::Item) -> Put<S> {
        Put {
            queue: self.clone(),
            item: Some(item),
            waiter: None,
        }
    }

    /// Takes the next item, waiting for one if the queue is empty.
    ///
    /// Fails with [`QueueShutDown`] once the queue is shut down and empty.
    /// Dropping the future before it finishes loses no item.
    pub fn get(&self) -> Get<S> {
        Get {
            queue: self.clone(),
            waiter: None,
        }
    }

    // ANCHOR: task_done
    /// Marks one item that was got as processed.
    ///
    /// Every `put` counts an unfinished item; every `task_done` settles one.
    /// When none is left, [`join`](BaseQueue::join) returns. Called more
    /// times than items were put, it fails as asyncio's raises `ValueError`.
    pub fn task_done(&self) -> Result<(), TaskDoneError> {
        let mut state = self.state_mut();
        if state.unfinished == 0 {
            return Err(TaskDoneError);
        }
        state.unfinished -= 1;
        if state.unfinished == 0 {
            self.shared.finished.set();
        }
        Ok(())
    }
    // ANCHOR_END: task_done

    /// Waits until every item put has been marked done with
    /// [`task_done`](BaseQueue::task_done): got *and* processed. Returns at
    /// once if nothing is unfinished.
    pub fn join(&self) -> Join<S> {
        Join {
            queue: self.clone(),
            wait: None,
        }
    }

    /// Shuts the queue down (asyncio 3.13's `Queue.shutdown`).
    ///
    /// From now on `put` and `put_nowait` fail with [`QueueShutDown`], and
    /// every `put` waiting for room is woken to fail. `get` still hands out
    /// what is left, then fails once the queue is empty; the `get`s waiting
    /// on an empty queue are woken to fail.
    ///
    /// With `immediate`, the items left are dropped at once and counted as
    /// done for [`join`](BaseQueue::join), so a `join` with nothing else
    /// unfinished returns.
    pub fn shutdown(&self, immediate: bool) {
        let mut dropped = Vec::new();
        {
            let mut state = self.state_mut();
            state.shut_down = true;
            if immediate {
                while let Some(item) = state.items.pop() {
                    dropped.push(item);
                    state.unfinished = state.unfinished.saturating_sub(1);
                }
                if state.unfinished == 0 {
                    self.shared.finished.set();
                }
            }
            state.getters.wake_all();
            state.putters.wake_all();
        }
        // The items drop after the borrow ends: an item's own `Drop` may
        // look at this queue.
        drop(dropped);
    }

    fn state(&self) -> std::cell::Ref<'_, State<S>> {
        self.shared.state.borrow()
    }

    fn state_mut(&self) -> std::cell::RefMut<'_, State<S>> {
        self.shared.state.borrow_mut()
    }
}

impl<S: Storage> Clone for BaseQueue<S> {
    /// Another handle to the same queue.
    fn clone(&self) -> Self {
        BaseQueue {
            shared: Rc::clone(&self.shared),
        }
    }
}

impl<S: Storage + fmt::Debug> fmt::Debug for BaseQueue<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state();
        f.debug_struct("Queue")
            .field("maxsize", &state.maxsize)
            .field("items", &state.items)
            .field("getters", &state.getters.len())
            .field("putters", &state.putters.len())
            .field("unfinished", &state.unfinished)
            .field("shut_down", &state.shut_down)
            .finish()
    }
}

// ANCHOR: get
/// The future of [`BaseQueue::get`].
#[must_use = "futures do nothing unless awaited"]
pub struct Get<S: Storage> {
    queue: BaseQueue<S>,
    /// Our place in the getters' line, while we wait.
    waiter: Option<WaiterId>,
}

impl<S: Storage> Future for Get<S> {
    type Output = Result<S::Item, QueueShutDown>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let mut state = this.queue.state_mut();
        if let Some(id) = this.waiter {
            if state.getters.is_woken(id) != Some(true) {
                // Polled without our turn having come (a spurious wake):
                // keep our place, just remember the newest waker.
                state.getters.update_waker(id, cx.waker());
                return Poll::Pending;
            }
            state.getters.remove(id);
            this.waiter = None;
        }
        if let Some(item) = state.take() {
            return Poll::Ready(Ok(item));
        }
        if state.shut_down {
            return Poll::Ready(Err(QueueShutDown(())));
        }
        // Empty: wait at the back of the line. A getter that was woken and
        // found the item already taken (a `get_nowait` got there first)
        // lands here too, at the back again, as in asyncio.
        this.waiter = Some(state.getters.push(cx.waker()));
        Poll::Pending
    }
}
// ANCHOR_END: get

// ANCHOR: get_drop
impl<S: Storage> Drop for Get<S> {
    /// Cancelled while waiting. If a `put` had already chosen us and woken
    /// us (the item is in the queue, our task just had not run yet), the
    /// item must not sit there with every other getter asleep: pass the
    /// wake-up to the next getter in line. The item itself never left the
    /// queue, so nothing is lost.
    fn drop(&mut self) {
        let Some(id) = self.waiter.take() else { return };
        let mut state = self.queue.state_mut();
        let was_woken = state.getters.remove(id) == Some(true);
        if was_woken && !state.items.is_empty() {
            state.getters.wake_one();
        }
    }
}
// ANCHOR_END: get_drop

// ANCHOR: put
/// The future of [`BaseQueue::put`].
#[must_use = "futures do nothing unless awaited"]
pub struct Put<S: Storage> {
    queue: BaseQueue<S>,
    /// The item, until it is in the queue (or handed back).
    item: Option<S::Item>,
    /// Our place in the putters' line, while we wait.
    waiter: Option<WaiterId>,
}

impl<S: Storage> Future for Put<S> {
    type Output = Result<(), QueueShutDown<S::Item>>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        let mut state = this.queue.state_mut();
        if let Some(id) = this.waiter {
            if state.putters.is_woken(id) != Some(true) {
                state.putters.update_waker(id, cx.waker());
                return Poll::Pending;
            }
            state.putters.remove(id);
            this.waiter = None;
        }
        let item = this.item.take().expect("a Put polled after it finished");
        if state.shut_down {
            return Poll::Ready(Err(QueueShutDown(item)));
        }
        if !state.full() {
            state.store(item, &this.queue.shared.finished);
            return Poll::Ready(Ok(()));
        }
        this.item = Some(item);
        this.waiter = Some(state.putters.push(cx.waker()));
        Poll::Pending
    }
}
// ANCHOR_END: put

impl<S: Storage> Drop for Put<S> {
    /// Cancelled while waiting for room. If a `get` had made room and woken
    /// us, pass that wake-up on to the next putter, or the room would stay
    /// empty while putters sleep. Our item was never stored: it drops with
    /// the future, as a cancelled asyncio `put` never stores its item.
    fn drop(&mut self) {
        let Some(id) = self.waiter.take() else { return };
        let mut state = self.queue.state_mut();
        let was_woken = state.putters.remove(id) == Some(true);
        if was_woken && !state.full() {
            state.putters.wake_one();
        }
    }
}

// The item is only ever moved, never pinned in place.
impl<S: Storage> Unpin for Put<S> {}

/// The future of [`BaseQueue::join`].
#[must_use = "futures do nothing unless awaited"]
pub struct Join<S: Storage> {
    queue: BaseQueue<S>,
    /// The wait on the queue's "nothing unfinished" event, once started.
    wait: Option<EventWait>,
}

impl<S: Storage> Future for Join<S> {
    type Output = ();

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = &mut *self;
        if this.wait.is_none() {
            if this.queue.state().unfinished == 0 {
                return Poll::Ready(());
            }
            this.wait = Some(this.queue.shared.finished.wait());
        }
        let wait = this.wait.as_mut().expect("set just above");
        Pin::new(wait).poll(cx)
    }
}

impl<S: Storage> fmt::Debug for Get<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Get")
            .field("waiting", &self.waiter.is_some())
            .finish()
    }
}

impl<S: Storage> fmt::Debug for Put<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Put")
            .field("waiting", &self.waiter.is_some())
            .field("done", &self.item.is_none())
            .finish()
    }
}

impl<S: Storage> fmt::Debug for Join<S> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Join")
            .field("waiting", &self.wait.is_some())
            .finish()
    }
}
