//! The loop's built-in trace: what ran, when, and why.
//!
//! Off by default. A loop built with [`EventLoop::with_trace`] records every
//! spawn, poll, wake and park, plus notes that tasks add with [`note`]. Demos
//! print it; tests snapshot it; the book draws it as a timeline.
//!
//! [`EventLoop::with_trace`]: crate::EventLoop::with_trace

use std::fmt;
use std::time::Duration;

use crate::context;

pub mod export;

/// One thing the loop did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceEvent {
    /// The loop's clock when it happened, if the driver has a clock (the
    /// timer layer of stage 6 does; the plain stage-4 loop does not).
    pub at: Option<Duration>,
    /// The task that was running, or that the event is about.
    pub task: Option<String>,
    /// What happened.
    pub kind: EventKind,
}

/// The kinds of [`TraceEvent`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EventKind {
    /// A task was created and put at the back of the ready queue.
    Spawn,
    /// The loop polled (resumed) the task.
    Poll,
    /// The poll returned `Pending`: the task is suspended.
    Suspend,
    /// The task finished (returned, panicked or was cancelled).
    Done(Outcome),
    /// A waker put the task back in the ready queue; `remote` when the wake
    /// came from another thread through the remote queue.
    Wake {
        /// Whether the wake came from another thread.
        remote: bool,
    },
    /// A `call_soon` callback ran.
    Callback,
    /// Nothing was ready: the loop asked its driver to wait.
    Park {
        /// The longest it would wait (`None`: until woken).
        timeout: Option<Duration>,
    },
    /// A poll held the loop longer than the slow-poll threshold.
    SlowPoll {
        /// The threshold it went over.
        threshold: Duration,
    },
    /// Something a driver layer reports (a timer fired, a socket is ready).
    Driver(String),
    /// A line a task wrote with [`note`].
    Note(String),
}

/// How a task ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Its future returned a value.
    Returned,
    /// Its future panicked; the handle holds the panic.
    Panicked,
    /// It was cancelled and its future dropped.
    Cancelled,
}

/// A recorded trace: the events in the order they happened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    /// Every event, oldest first.
    pub events: Vec<TraceEvent>,
}

impl Trace {
    /// Only the notes' text, in order, without the task that wrote each:
    /// the part of a trace that a Python twin of the same program can print
    /// too.
    pub fn notes(&self) -> Vec<String> {
        self.events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Note(text) => Some(text.clone()),
                _ => None,
            })
            .collect()
    }

    /// The notes with the loop's clock when each was written (`None` on a
    /// loop without a clock): what a twin that also prints its times can
    /// be compared with.
    pub fn timed_notes(&self) -> Vec<(Option<Duration>, &str)> {
        self.events
            .iter()
            .filter_map(|e| match &e.kind {
                EventKind::Note(text) => Some((e.at, text.as_str())),
                _ => None,
            })
            .collect()
    }
}

impl fmt::Display for Trace {
    /// One line per event: time (when the loop has a clock), task, event.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for event in &self.events {
            writeln!(f, "{event}")?;
        }
        Ok(())
    }
}

impl fmt::Display for TraceEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(at) = self.at {
            write!(f, "{:>8.3}s  ", at.as_secs_f64())?;
        }
        write!(f, "{:<8} ", self.task.as_deref().unwrap_or("loop"))?;
        match &self.kind {
            EventKind::Spawn => write!(f, "spawn"),
            EventKind::Poll => write!(f, "poll"),
            EventKind::Suspend => write!(f, "  ...pending"),
            EventKind::Done(Outcome::Returned) => write!(f, "  ...done"),
            EventKind::Done(Outcome::Panicked) => write!(f, "  ...panicked"),
            EventKind::Done(Outcome::Cancelled) => write!(f, "cancelled (future dropped)"),
            EventKind::Wake { remote: false } => write!(f, "wake"),
            EventKind::Wake { remote: true } => write!(f, "wake (from another thread)"),
            EventKind::Callback => write!(f, "callback"),
            EventKind::Park { timeout: None } => write!(f, "park (nothing ready)"),
            EventKind::Park { timeout: Some(t) } => {
                write!(f, "park (nothing ready, at most {:.3}s)", t.as_secs_f64())
            }
            EventKind::SlowPoll { threshold } => write!(
                f,
                "  ...slow poll: blocked the loop for more than {:.3}s",
                threshold.as_secs_f64()
            ),
            EventKind::Driver(what) => write!(f, "{what}"),
            EventKind::Note(text) => write!(f, "| {text}"),
        }
    }
}

// ANCHOR: note
/// Adds a line to the running loop's trace, attributed to the current task.
///
/// Does nothing when tracing is off or no loop is running, so library code
/// can leave its notes in.
pub fn note(text: impl Into<String>) {
    context::with_core(|core| core.record(EventKind::Note(text.into())));
}
// ANCHOR_END: note

/// Whether the running loop records a trace. Driver layers check it before
/// they format an event, so a loop without tracing pays nothing for it.
pub fn is_enabled() -> bool {
    context::with_core(|core| core.is_tracing()).unwrap_or(false)
}

/// Adds a driver-layer event (a timer fired, a socket became ready) to the
/// running loop's trace. For the driver layers of later stages.
pub fn driver_event(what: impl Into<String>) {
    context::with_core(|core| core.record(EventKind::Driver(what.into())));
}
