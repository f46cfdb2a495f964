//! # Solution 2.4: the placeholder's results and errors
//!
//! Goal: complete [`Placeholder`], a small asyncio `Future`: it starts
//! pending and is completed at most once, by `set_result`,
//! `set_exception` or `cancel`. Then:
//!
//! - `result()` is the value, or an error that says why there is none:
//!   [`PlaceholderError::NotDone`] while pending (asyncio's
//!   `InvalidStateError`), [`PlaceholderError::Cancelled`] when cancelled,
//!   [`PlaceholderError::Failed`] with the message it failed with;
//! - completing it a second time is [`PlaceholderError::AlreadyDone`] and
//!   changes nothing; `cancel()` reports with a `bool` whether it cancelled;
//! - done-callbacks run once each, in the order they were added, when it
//!   completes; one added after completion runs at once.
//!
//! Read first: `book/src/ch02-futures.md`, section "The placeholder future"
//! (`ch02-futures.md#the-placeholder-future`).
//!
//! Stuck? `cargo lab hint 2.4` shows one hint at a time.
//!
//! Check: `cargo lab check 2` or `cargo test -p sol02-futures --test placeholder_result`.

/// Where a placeholder stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State<T> {
    /// Not completed yet.
    Pending,
    /// Completed with a result.
    Finished(T),
    /// Completed with a failure, described by its message.
    Failed(String),
    /// Cancelled.
    Cancelled,
}

/// Why an operation on a placeholder gave no value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PlaceholderError {
    /// The result was asked for too early (asyncio: `InvalidStateError`).
    NotDone,
    /// A second completion was refused (asyncio: `InvalidStateError`).
    AlreadyDone,
    /// The placeholder was cancelled (asyncio: `CancelledError`).
    Cancelled,
    /// The placeholder failed with this message.
    Failed(String),
}

/// A function run once the placeholder is done; it sees the final state.
pub type DoneCallback<T> = Box<dyn FnOnce(&State<T>)>;

/// A placeholder for a value that someone will set later.
pub struct Placeholder<T> {
    state: State<T>,
    /// Waiting to run, in the order they were added.
    callbacks: Vec<DoneCallback<T>>,
}

impl<T: Clone> Placeholder<T> {
    /// A pending placeholder with no callbacks.
    pub fn new() -> Self {
        Placeholder {
            state: State::Pending,
            callbacks: Vec::new(),
        }
    }

    /// The current state.
    pub fn state(&self) -> &State<T> {
        &self.state
    }

    /// Whether it has been completed in any of the three ways.
    pub fn done(&self) -> bool {
        !matches!(self.state, State::Pending)
    }

    /// Completes it with `value`.
    pub fn set_result(&mut self, value: T) -> Result<(), PlaceholderError> {
        self.complete(State::Finished(value))
    }

    /// Completes it with a failure described by `message`.
    pub fn set_exception(&mut self, message: &str) -> Result<(), PlaceholderError> {
        self.complete(State::Failed(message.to_owned()))
    }

    /// Cancels it if it is pending; reports whether it did.
    pub fn cancel(&mut self) -> bool {
        // asyncio's cancel() answers with a bool, not an error: "did this
        // call cancel it?" A done placeholder is simply not cancelled again.
        self.complete(State::Cancelled).is_ok()
    }

    /// The value, or why there is none.
    pub fn result(&self) -> Result<T, PlaceholderError> {
        // Never waits: asking too early is an error, as in asyncio.
        match &self.state {
            State::Pending => Err(PlaceholderError::NotDone),
            State::Finished(value) => Ok(value.clone()),
            State::Failed(message) => Err(PlaceholderError::Failed(message.clone())),
            State::Cancelled => Err(PlaceholderError::Cancelled),
        }
    }

    /// Runs `callback` with the final state once done (at once if it is
    /// done already).
    pub fn add_done_callback(&mut self, callback: impl FnOnce(&State<T>) + 'static) {
        if self.done() {
            // Too late to wait in line: run it now (asyncio would schedule
            // it with call_soon instead).
            callback(&self.state);
        } else {
            self.callbacks.push(Box::new(callback));
        }
    }

    /// The one way out of `Pending`, shared by all three completions, so
    /// "at most once" and "callbacks run once, in order" hold for each.
    fn complete(&mut self, state: State<T>) -> Result<(), PlaceholderError> {
        if self.done() {
            return Err(PlaceholderError::AlreadyDone);
        }
        self.state = state;
        // `take` leaves an empty Vec behind, so no callback can run twice.
        for callback in std::mem::take(&mut self.callbacks) {
            callback(&self.state);
        }
        Ok(())
    }
}

impl<T: Clone> Default for Placeholder<T> {
    fn default() -> Self {
        Placeholder::new()
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for Placeholder<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Placeholder")
            .field("state", &self.state)
            .field("callbacks", &self.callbacks.len())
            .finish()
    }
}
