//! The trace as data: the turns of a run, for the book's step-through
//! viewer and `cargo lab trace`.
//!
//! A recorded [`Trace`] is a flat list of events. This module replays it
//! by the loop's own rules (a spawn or a wake goes to the back of the ready
//! queue, a poll takes the front, a batch is what was ready when it began)
//! and gives back **turns**: one thing the loop did, with the loop's state
//! when it began. Nothing here runs while a loop runs: the export reads a
//! finished trace, so tracing costs the loop no more than it did.
//!
//! # The JSON schema, version 1
//!
//! ```text
//! {
//!   "schema": "aio-trace", "version": 1,
//!   "demo": "count_timers", "chapter": 6, "about": "…",
//!   "programs": [{                       // a demo may run several programs
//!     "title": "…",
//!     "clock": true,                     // false: times are null
//!     "text": ["   0.000s  Task-1   spawn", …],   // the text trace, a line an event
//!     "turns": [{
//!       "n": 1,                          // 1, 2, 3, … in the order they ran
//!       "iteration": 1,                  // the loop iteration (asyncio's _run_once)
//!       "time": 0.0,                     // the clock when it began, in seconds, or null
//!       "kind": "poll",                  // poll | callback | park | close
//!       "task": "Task-2",                // poll: the task polled; else null
//!       "outcome": "pending",            // poll: pending | done | panicked | cancelled
//!                                        //   (ch. 1: yielded | returned); else null
//!       "park": null,                    // park: {"timeout": 1.0 or null (until woken),
//!                                        //        "until": 1.0, "ended_by": [ON, …]}
//!       "ready": ["Task-2", "Task-3"],   // the ready queue when it began, front first
//!       "waiting": [{"task": "Task-1", "on": ON}],  // suspended tasks, oldest first
//!       "timers": [{"due": 1.0, "task": "Task-3"}], // pending sleeps, earliest first
//!       "sources": [{"source": 5, "event": "readable", "task": "echo"}],
//!       "notes": ["One"],                // what the tasks noted during the turn
//!       "lines": [3, 5]                  // first and last line of `text` it covers
//!     }, …]
//!   }]
//! }
//! ON = {"kind": "timer", "due": 1.0}
//!    | {"kind": "socket", "source": 5, "event": "readable"}
//!    | {"kind": "task", "task": "Task-2", "finished": true}
//!    | {"kind": "thread"} | {"kind": "yield"} | {"kind": "callback"}
//!    | {"kind": "unknown"}             // not woken before the trace ends
//! ```
//!
//! What a task waits on is read from the wake that ends its wait: a wake
//! right after "timer fired (due 1.000s)" ends a wait on that timer; one
//! while task B runs, a wait on B (`finished` when B's step ended it); one
//! from another thread, a wait on a thread. The pending timers and armed
//! sources of a turn are the waits on timers and sockets open at that turn.
//! `call_soon` callbacks are not traced when queued, only when they run,
//! so they are missing from `ready` (none of the book's demos uses one).
//! Any change to these fields bumps [`VERSION`].

use std::collections::VecDeque;
use std::fmt::{self, Write as _};
use std::io::{self, BufRead, IsTerminal, Write};
use std::time::Duration;

use super::{EventKind, Outcome, Trace};

/// The `schema` field of every export.
pub const SCHEMA: &str = "aio-trace";
/// The schema's version; it changes whenever a field does.
pub const VERSION: u32 = 1;
/// The environment variable an example reads to print its export instead
/// of its usual output: `json` for the export, `turns` for the terminal.
pub const ENV: &str = "AIO_TRACE";

/// One demo's export: its runs, each turned into turns.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    /// The demo's name, as `cargo lab demo` knows it.
    pub demo: String,
    /// The chapter it belongs to.
    pub chapter: u32,
    /// One line on what it shows.
    pub about: String,
    /// Its programs, in the order the demo runs them.
    pub programs: Vec<Program>,
}

/// One traced run.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    /// What the run is, in a line.
    pub title: String,
    /// Whether the loop had a clock (else every `time` is `None`).
    pub clock: bool,
    /// The text trace, one line per event, as the demos print it.
    pub text: Vec<String>,
    /// The turns, in the order they ran.
    pub turns: Vec<Turn>,
}

/// One thing the loop did, with its state when it began.
#[derive(Debug, Clone, PartialEq)]
pub struct Turn {
    /// 1, 2, 3, … in the order the turns ran.
    pub n: usize,
    /// Which loop iteration (asyncio's `_run_once`) it belongs to.
    pub iteration: usize,
    /// The clock when the turn began.
    pub time: Option<Duration>,
    /// What the loop did.
    pub kind: TurnKind,
    /// The ready queue when the turn began, front first: for a poll, its
    /// first entry is the task polled.
    pub ready: Vec<String>,
    /// The suspended tasks when the turn began, and what each waits on.
    pub waiting: Vec<Waiting>,
    /// What the tasks noted during the turn.
    pub notes: Vec<String>,
    /// The first and last line of the program's text trace it covers.
    pub lines: Option<(usize, usize)>,
}

/// What a turn did.
#[derive(Debug, Clone, PartialEq)]
pub enum TurnKind {
    /// Polled (resumed) a task once.
    Poll {
        /// The task.
        task: String,
        /// How the poll ended: `pending`, `done`, `panicked`, `cancelled`
        /// (chapter 1's generators: `yielded`, `returned`).
        outcome: String,
    },
    /// Ran a `call_soon` callback.
    Callback,
    /// Waited for the driver (or only looked, when `timeout` is zero).
    Park {
        /// The longest it would wait; `None`: until woken.
        timeout: Option<Duration>,
        /// The clock when the wait ended.
        until: Option<Duration>,
        /// What ended it: the waits it ended, in order.
        ended_by: Vec<On>,
    },
    /// The loop closed: the tasks still alive were cancelled.
    Close,
}

/// A suspended task and what it waits on.
#[derive(Debug, Clone, PartialEq)]
pub struct Waiting {
    /// The task.
    pub task: String,
    /// What will wake it.
    pub on: On,
}

/// What a task waits on: what ended its wait, read from the trace.
#[derive(Debug, Clone, PartialEq)]
pub enum On {
    /// A timer due at this time.
    Timer(Duration),
    /// A socket (a reactor source) becoming ready.
    Socket {
        /// The source's key.
        source: u64,
        /// What the reactor reported ("readable", "writable", …).
        event: String,
    },
    /// Another task: its step woke this one.
    Task {
        /// The task that woke it.
        task: String,
        /// Whether that step finished it (so this was an await of it).
        finished: bool,
    },
    /// Another thread (a remote wake).
    Thread,
    /// Itself: it woke itself and yielded (`yield_now`).
    Yield,
    /// A `call_soon` callback.
    Callback,
    /// Nothing woke it before the trace ended.
    Unknown,
}

impl Program {
    /// Replays `trace` into turns.
    pub fn from_trace(title: impl Into<String>, trace: &Trace) -> Self {
        Program {
            title: title.into(),
            clock: trace.events.iter().any(|e| e.at.is_some()),
            text: trace.events.iter().map(|e| e.to_string()).collect(),
            turns: replay(trace),
        }
    }
}

/// An open wait: who, since when, and (once known) what ended it.
struct Wait {
    task: String,
    on: Option<On>,
}

/// The replay's state, and the turns so far.
#[derive(Default)]
struct Replay {
    turns: Vec<Turn>,
    /// For each turn, the indices of the waits open when it began.
    open_at: Vec<Vec<usize>>,
    /// Every wait, in the order it began.
    waits: Vec<Wait>,
    /// The waits not yet ended.
    open: Vec<usize>,
    /// The tasks in the ready queue, front first.
    ready: VecDeque<String>,
    /// The loop iteration the replay is in.
    iteration: usize,
    /// Lines seen before the turn they belong to exists.
    loose: Option<(usize, usize)>,
}

impl Replay {
    /// Starts a turn at event `i`; returns its index.
    fn begin(&mut self, kind: TurnKind, i: usize, at: Option<Duration>) -> usize {
        let lines = self
            .loose
            .take()
            .map(|(first, _)| (first, i))
            .or(Some((i, i)));
        self.turns.push(Turn {
            n: self.turns.len() + 1,
            iteration: self.iteration,
            time: at,
            kind,
            ready: self.ready.iter().cloned().collect(),
            waiting: Vec::new(),
            notes: Vec::new(),
            lines,
        });
        self.open_at.push(self.open.clone());
        self.turns.len() - 1
    }
}

fn widen(lines: &mut Option<(usize, usize)>, i: usize) {
    *lines = Some(lines.map_or((i, i), |(first, _)| (first, i)));
}

/// Where the replay stands between two events.
enum Phase {
    /// Between batches: wakes and driver events come from the park.
    Between,
    /// Inside a batch, `left` runs to go after `step`, the latest run;
    /// `running` while that run has not ended. Wakes that follow the end
    /// of a run still come from it (a finished task wakes its awaiter).
    Batch {
        left: usize,
        step: usize,
        running: bool,
    },
}

/// Replays the loop's rules over the events; see the module docs.
fn replay(trace: &Trace) -> Vec<Turn> {
    let mut r = Replay::default();
    let mut phase = Phase::Between;
    // The park in progress (an index into `turns`), and the last thing the
    // driver reported in it: what the wakes that follow are blamed on.
    let mut park: Option<usize> = None;
    let mut cause: Option<On> = None;

    for (i, event) in trace.events.iter().enumerate() {
        let task = event.task.clone().unwrap_or_default();
        let created = r.turns.len();
        let current = match phase {
            Phase::Batch { step, .. } => Some(step),
            Phase::Between => park,
        };
        match &event.kind {
            EventKind::Spawn => r.ready.push_back(task),
            EventKind::Wake { remote } => {
                let on = match (&phase, remote) {
                    (_, true) => On::Thread,
                    (Phase::Batch { step, .. }, false) => match &r.turns[*step].kind {
                        TurnKind::Poll { task: by, .. } if *by == task => On::Yield,
                        TurnKind::Poll { task: by, outcome } => On::Task {
                            task: by.clone(),
                            finished: outcome != "pending",
                        },
                        _ => On::Callback,
                    },
                    (Phase::Between, false) => cause.clone().unwrap_or(On::Unknown),
                };
                if let Some(at) = r.open.iter().position(|&w| r.waits[w].task == task) {
                    let w = r.open.remove(at);
                    r.waits[w].on = Some(on.clone());
                    if let Some(p) = park
                        && let TurnKind::Park { ended_by, .. } = &mut r.turns[p].kind
                    {
                        ended_by.push(on);
                    }
                }
                r.ready.push_back(task);
            }
            EventKind::Park { timeout } => {
                r.iteration += 1;
                phase = Phase::Between;
                let kind = TurnKind::Park {
                    timeout: *timeout,
                    until: None,
                    ended_by: Vec::new(),
                };
                park = Some(r.begin(kind, i, event.at));
                cause = None;
            }
            EventKind::Driver(text) => {
                if let Phase::Batch {
                    left: 0,
                    running: false,
                    ..
                } = phase
                {
                    phase = Phase::Between;
                }
                if let Some(rest) = text.strip_prefix("wait at most ") {
                    set_park_timeout(&mut r.turns, park, seconds(rest));
                } else if let Some(rest) = text.strip_prefix("virtual clock jumps to ") {
                    let wait = seconds(rest)
                        .zip(event.at)
                        .map(|(to, now)| to.saturating_sub(now));
                    set_park_timeout(&mut r.turns, park, wait);
                } else if let Some(rest) = text.strip_prefix("timer fired (due ") {
                    cause = seconds(rest.trim_end_matches(')')).map(On::Timer);
                } else if let Some(rest) = text.strip_prefix("io: source #") {
                    let (key, what) = rest.split_once(' ').unwrap_or((rest, ""));
                    cause = key.parse().ok().map(|source| On::Socket {
                        source,
                        event: what.to_owned(),
                    });
                }
                if park.is_none() && matches!(phase, Phase::Between) {
                    // The driver reported something while the loop only
                    // looked (work was ready): a park of zero.
                    r.iteration += 1;
                    let kind = TurnKind::Park {
                        timeout: Some(Duration::ZERO),
                        until: None,
                        ended_by: Vec::new(),
                    };
                    park = Some(r.begin(kind, i, event.at));
                }
            }
            EventKind::Poll | EventKind::Callback | EventKind::Done(_)
                if !matches!(phase, Phase::Batch { running: true, .. }) =>
            {
                // The start of a run: a poll, a callback, or a cancelled
                // task dropped in its turn. A `Done` for a task not in the
                // queue is the loop closing.
                let is_close =
                    matches!(event.kind, EventKind::Done(_)) && !r.ready.iter().any(|t| *t == task);
                if is_close {
                    let closing = r
                        .turns
                        .last()
                        .is_some_and(|t| matches!(t.kind, TurnKind::Close));
                    if !closing {
                        phase = Phase::Between;
                        park = None;
                        r.begin(TurnKind::Close, i, event.at);
                    }
                    if let Some(at) = r.open.iter().position(|&w| r.waits[w].task == task) {
                        r.open.remove(at);
                    }
                } else {
                    let parked = park.take();
                    if let Some(p) = parked
                        && let TurnKind::Park { until, .. } = &mut r.turns[p].kind
                    {
                        *until = event.at;
                    }
                    let left = match phase {
                        Phase::Batch { left, .. } if left > 0 => left,
                        _ => {
                            // A new batch: a new iteration, unless it
                            // follows this iteration's park.
                            if parked.is_none() {
                                r.iteration += 1;
                            }
                            r.ready.len().max(1)
                        }
                    };
                    let kind = match event.kind {
                        EventKind::Callback => TurnKind::Callback,
                        _ => TurnKind::Poll {
                            task: task.clone(),
                            outcome: "pending".to_owned(),
                        },
                    };
                    let step = r.begin(kind, i, event.at);
                    if !matches!(event.kind, EventKind::Callback)
                        && let Some(at) = r.ready.iter().position(|t| *t == task)
                    {
                        r.ready.remove(at);
                    }
                    phase = Phase::Batch {
                        left: left - 1,
                        step,
                        running: matches!(event.kind, EventKind::Poll),
                    };
                    if let EventKind::Done(outcome) = event.kind {
                        set_outcome(&mut r.turns[step], outcome_name(outcome));
                    }
                }
            }
            EventKind::Suspend | EventKind::Done(_) => {
                if let Phase::Batch {
                    left,
                    step: s,
                    running: true,
                } = phase
                {
                    let outcome = match event.kind {
                        EventKind::Done(outcome) => outcome_name(outcome),
                        // Woken during its own poll (it yielded): back in
                        // the queue already, it waits on nothing.
                        _ if r.ready.contains(&task) => "pending",
                        _ => {
                            r.waits.push(Wait {
                                task: task.clone(),
                                on: None,
                            });
                            r.open.push(r.waits.len() - 1);
                            "pending"
                        }
                    };
                    set_outcome(&mut r.turns[s], outcome);
                    phase = Phase::Batch {
                        left,
                        step: s,
                        running: false,
                    };
                }
            }
            EventKind::Note(text) => {
                if let Some(t) = current {
                    r.turns[t].notes.push(text.clone());
                }
            }
            EventKind::SlowPoll { .. } | EventKind::Poll | EventKind::Callback => {}
        }
        // An event that began no turn belongs to the turn in progress, or
        // else to the next one.
        if r.turns.len() == created {
            match current {
                Some(t) => widen(&mut r.turns[t].lines, i),
                None => widen(&mut r.loose, i),
            }
        }
    }
    let waits_on = |w: &Wait| w.on.clone().unwrap_or(On::Unknown);
    let Replay {
        mut turns,
        open_at,
        waits,
        ..
    } = r;
    for (turn, open) in turns.iter_mut().zip(open_at) {
        turn.waiting = open
            .iter()
            .map(|&w| Waiting {
                task: waits[w].task.clone(),
                on: waits_on(&waits[w]),
            })
            .collect();
    }
    turns
}

fn set_park_timeout(turns: &mut [Turn], park: Option<usize>, wait: Option<Duration>) {
    if let Some(p) = park
        && let TurnKind::Park { timeout, .. } = &mut turns[p].kind
    {
        *timeout = wait;
    }
}

fn set_outcome(turn: &mut Turn, name: &str) {
    if let TurnKind::Poll { outcome, .. } = &mut turn.kind {
        *outcome = name.to_owned();
    }
}

fn outcome_name(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Returned => "done",
        Outcome::Panicked => "panicked",
        Outcome::Cancelled => "cancelled",
    }
}

/// `"1.000s"` (and what follows it) as a duration.
fn seconds(text: &str) -> Option<Duration> {
    let number = text.split('s').next()?;
    number.parse::<f64>().ok().map(Duration::from_secs_f64)
}

impl Turn {
    /// The sleeps pending when the turn began, earliest first.
    pub fn timers(&self) -> Vec<(Duration, &str)> {
        let mut timers: Vec<(Duration, &str)> = self
            .waiting
            .iter()
            .filter_map(|w| match w.on {
                On::Timer(due) => Some((due, w.task.as_str())),
                _ => None,
            })
            .collect();
        timers.sort();
        timers
    }

    /// The sockets armed when the turn began: key, event, task.
    pub fn sources(&self) -> Vec<(u64, &str, &str)> {
        self.waiting
            .iter()
            .filter_map(|w| match &w.on {
                On::Socket { source, event } => Some((*source, event.as_str(), w.task.as_str())),
                _ => None,
            })
            .collect()
    }
}

// ---- JSON ----------------------------------------------------------------

/// A JSON value, just enough to write the export by hand (no dependency).
enum Json {
    Null,
    Bool(bool),
    /// A number, already formatted.
    Num(String),
    Str(String),
    Arr(Vec<Json>),
    Obj(Vec<(&'static str, Json)>),
}

fn secs(d: Option<Duration>) -> Json {
    d.map_or(Json::Null, |d| Json::Num(format!("{:.3}", d.as_secs_f64())))
}

fn string(s: &str) -> Json {
    Json::Str(s.to_owned())
}

fn opt_string(s: Option<&str>) -> Json {
    s.map_or(Json::Null, string)
}

impl Json {
    /// Short arrays and objects of scalars go on one line; the rest one
    /// item a line, so a diff of two exports reads turn by turn.
    fn write(&self, out: &mut String, indent: usize) {
        match self {
            Json::Null => out.push_str("null"),
            Json::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Json::Num(n) => out.push_str(n),
            Json::Str(s) => escape(s, out),
            Json::Arr(items) if items.is_empty() => out.push_str("[]"),
            Json::Arr(items) if self.is_flat() => {
                out.push('[');
                for (k, item) in items.iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    item.write(out, indent);
                }
                out.push(']');
            }
            Json::Obj(fields) if self.is_flat() => {
                out.push('{');
                for (k, (name, value)) in fields.iter().enumerate() {
                    if k > 0 {
                        out.push_str(", ");
                    }
                    escape(name, out);
                    out.push_str(": ");
                    value.write(out, indent);
                }
                out.push('}');
            }
            Json::Arr(items) => {
                out.push_str("[\n");
                for (k, item) in items.iter().enumerate() {
                    push_indent(out, indent + 1);
                    item.write(out, indent + 1);
                    out.push_str(if k + 1 < items.len() { ",\n" } else { "\n" });
                }
                push_indent(out, indent);
                out.push(']');
            }
            Json::Obj(fields) => {
                out.push_str("{\n");
                for (k, (name, value)) in fields.iter().enumerate() {
                    push_indent(out, indent + 1);
                    escape(name, out);
                    out.push_str(": ");
                    value.write(out, indent + 1);
                    out.push_str(if k + 1 < fields.len() { ",\n" } else { "\n" });
                }
                push_indent(out, indent);
                out.push('}');
            }
        }
    }

    /// Whether it fits on one line: no nested array or object inside
    /// (except flat objects in a short array), and not too long.
    fn is_flat(&self) -> bool {
        let scalar = |j: &Json| !matches!(j, Json::Arr(_) | Json::Obj(_));
        match self {
            Json::Arr(items) => {
                items.len() <= 12
                    && items.iter().all(|j| {
                        scalar(j) || matches!(j, Json::Obj(f) if f.iter().all(|(_, v)| scalar(v)))
                    })
            }
            Json::Obj(fields) => fields.iter().all(|(_, v)| scalar(v)),
            _ => true,
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    for _ in 0..indent {
        out.push_str("  ");
    }
}

fn escape(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

impl On {
    fn json(&self) -> Json {
        let kind = |k: &str| ("kind", string(k));
        Json::Obj(match self {
            On::Timer(due) => vec![kind("timer"), ("due", secs(Some(*due)))],
            On::Socket { source, event } => vec![
                kind("socket"),
                ("source", Json::Num(source.to_string())),
                ("event", string(event)),
            ],
            On::Task { task, finished } => vec![
                kind("task"),
                ("task", string(task)),
                ("finished", Json::Bool(*finished)),
            ],
            On::Thread => vec![kind("thread")],
            On::Yield => vec![kind("yield")],
            On::Callback => vec![kind("callback")],
            On::Unknown => vec![kind("unknown")],
        })
    }
}

impl Turn {
    fn json(&self) -> Json {
        let (kind, task, outcome, park) = match &self.kind {
            TurnKind::Poll { task, outcome } => (
                "poll",
                Some(task.as_str()),
                Some(outcome.as_str()),
                Json::Null,
            ),
            TurnKind::Callback => ("callback", None, None, Json::Null),
            TurnKind::Close => ("close", None, None, Json::Null),
            TurnKind::Park {
                timeout,
                until,
                ended_by,
            } => (
                "park",
                None,
                None,
                Json::Obj(vec![
                    ("timeout", secs(*timeout)),
                    ("until", secs(*until)),
                    (
                        "ended_by",
                        Json::Arr(ended_by.iter().map(On::json).collect()),
                    ),
                ]),
            ),
        };
        let strings = |v: &[String]| Json::Arr(v.iter().map(|s| string(s)).collect());
        Json::Obj(vec![
            ("n", Json::Num(self.n.to_string())),
            ("iteration", Json::Num(self.iteration.to_string())),
            ("time", secs(self.time)),
            ("kind", string(kind)),
            ("task", opt_string(task)),
            ("outcome", opt_string(outcome)),
            ("park", park),
            ("ready", strings(&self.ready)),
            (
                "waiting",
                Json::Arr(
                    self.waiting
                        .iter()
                        .map(|w| Json::Obj(vec![("task", string(&w.task)), ("on", w.on.json())]))
                        .collect(),
                ),
            ),
            (
                "timers",
                Json::Arr(
                    self.timers()
                        .into_iter()
                        .map(|(due, task)| {
                            Json::Obj(vec![("due", secs(Some(due))), ("task", string(task))])
                        })
                        .collect(),
                ),
            ),
            (
                "sources",
                Json::Arr(
                    self.sources()
                        .into_iter()
                        .map(|(source, event, task)| {
                            Json::Obj(vec![
                                ("source", Json::Num(source.to_string())),
                                ("event", string(event)),
                                ("task", string(task)),
                            ])
                        })
                        .collect(),
                ),
            ),
            ("notes", strings(&self.notes)),
            (
                "lines",
                self.lines.map_or(Json::Null, |(a, b)| {
                    Json::Arr(vec![Json::Num(a.to_string()), Json::Num(b.to_string())])
                }),
            ),
        ])
    }
}

impl Export {
    /// The export as JSON (schema [`SCHEMA`], version [`VERSION`]), with a
    /// final newline.
    pub fn to_json(&self) -> String {
        let programs = self
            .programs
            .iter()
            .map(|p| {
                Json::Obj(vec![
                    ("title", string(&p.title)),
                    ("clock", Json::Bool(p.clock)),
                    (
                        "text",
                        Json::Arr(p.text.iter().map(|s| string(s)).collect()),
                    ),
                    ("turns", Json::Arr(p.turns.iter().map(Turn::json).collect())),
                ])
            })
            .collect();
        let root = Json::Obj(vec![
            ("schema", string(SCHEMA)),
            ("version", Json::Num(VERSION.to_string())),
            ("demo", string(&self.demo)),
            ("chapter", Json::Num(self.chapter.to_string())),
            ("about", string(&self.about)),
            ("programs", Json::Arr(programs)),
        ]);
        let mut out = String::new();
        root.write(&mut out, 0);
        out.push('\n');
        out
    }

    /// What an example's `main` calls first: when [`ENV`] asks for the
    /// export, prints it (`json`) or steps through it in the terminal
    /// (`turns`) and returns `true`; otherwise does nothing and returns
    /// `false`, and the demo runs as usual.
    pub fn present_if_asked(make: impl FnOnce() -> Export) -> io::Result<bool> {
        match std::env::var(ENV).as_deref() {
            Ok("json") => {
                io::stdout().lock().write_all(make().to_json().as_bytes())?;
                Ok(true)
            }
            Ok("turns") => {
                make().step_through()?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Prints the turns one at a time, waiting for Enter between them when
    /// both ends are a terminal (`q` then Enter stops); all at once when not.
    pub fn step_through(&self) -> io::Result<()> {
        let interactive = io::stdout().is_terminal() && io::stdin().is_terminal();
        let mut out = io::stdout().lock();
        let mut input = io::stdin().lock();
        writeln!(
            out,
            "{} (chapter {}): {}",
            self.demo, self.chapter, self.about
        )?;
        for program in &self.programs {
            writeln!(
                out,
                "\n== {} ({} turns)",
                program.title,
                program.turns.len()
            )?;
            for turn in &program.turns {
                write!(out, "{turn}")?;
                if interactive {
                    write!(out, "  [Enter: next turn, q: quit] ")?;
                    out.flush()?;
                    let mut line = String::new();
                    input.read_line(&mut line)?;
                    if line.trim() == "q" {
                        return Ok(());
                    }
                }
            }
        }
        Ok(())
    }
}

impl fmt::Display for On {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            On::Timer(due) => write!(f, "timer due {:.3}s", due.as_secs_f64()),
            On::Socket { source, event } => write!(f, "socket #{source} {event}"),
            On::Task {
                task,
                finished: true,
            } => write!(f, "task {task} to finish"),
            On::Task { task, .. } => write!(f, "task {task}"),
            On::Thread => write!(f, "another thread"),
            On::Yield => write!(f, "nothing (it yielded)"),
            On::Callback => write!(f, "a callback"),
            On::Unknown => write!(f, "(not woken before the trace ends)"),
        }
    }
}

impl fmt::Display for Turn {
    /// The turn as a few lines for the terminal.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "\nturn {} (iteration {})", self.n, self.iteration)?;
        if let Some(time) = self.time {
            write!(f, "  clock {:.3}s", time.as_secs_f64())?;
        }
        writeln!(f)?;
        writeln!(f, "  ready:   [{}]", self.ready.join(", "))?;
        match &self.kind {
            TurnKind::Poll { task, outcome } => writeln!(f, "  runs:    {task} -> {outcome}")?,
            TurnKind::Callback => writeln!(f, "  runs:    a callback")?,
            TurnKind::Close => writeln!(f, "  closes:  the tasks left are cancelled")?,
            TurnKind::Park {
                timeout, ended_by, ..
            } => {
                let timeout = timeout.map_or("until woken".to_owned(), |t| {
                    format!("at most {:.3}s", t.as_secs_f64())
                });
                let ended: Vec<String> = ended_by.iter().map(On::to_string).collect();
                writeln!(f, "  parks:   {timeout}; ended by: {}", ended.join(", "))?;
            }
        }
        for w in &self.waiting {
            writeln!(f, "  waiting: {} on {}", w.task, w.on)?;
        }
        for note in &self.notes {
            writeln!(f, "  note:    {note}")?;
        }
        Ok(())
    }
}
