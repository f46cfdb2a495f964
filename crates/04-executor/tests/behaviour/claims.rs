//! Chapter 4's claims (C08, C09, C15, C16, C17, C20, C21, C22, C23, C29,
//! C30, C38, C39, C40 in the project's claim list), checked twice: under
//! CPython by our scripts in `python/claims/`, and, where the rebuild has
//! the concept, against this crate. The book shows both snapshots.
//!
//! C22 and C23 are checked against the rebuild by the `create_task_order`
//! demo (`tests/demos.rs`) and its Python twin (`tests/twins.rs`).

use std::cell::{Cell, RefCell};
use std::fmt::Write as _;
use std::future::Future;
use std::panic;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::rc::Rc;
use std::time::SystemTime;

use aio_executor::trace::{EventKind, Trace, note};
use aio_executor::{
    EventLoop, ExceptionContext, JoinError, JoinHandle, call_soon, create_task, is_running, run,
    spawn_named, yield_now,
};
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

/// Runs `main` on a fresh loop with tracing on; returns its value and trace.
fn traced<T: 'static>(main: impl Future<Output = T> + 'static) -> (T, Trace) {
    let event_loop = EventLoop::new().with_trace();
    let value = event_loop.run_until_complete(main);
    (value, event_loop.take_trace())
}

/// The notes of a trace as `task | text` lines.
fn notes_with_tasks(trace: &Trace) -> String {
    let mut out = String::new();
    for event in &trace.events {
        if let EventKind::Note(text) = &event.kind {
            let task = event.task.as_deref().unwrap_or("loop");
            writeln!(out, "{task:<8} | {text}").unwrap();
        }
    }
    out
}

fn spawns(trace: &Trace) -> usize {
    trace
        .events
        .iter()
        .filter(|event| event.kind == EventKind::Spawn)
        .count()
}

// --- Compiling snippets with rustc ------------------------------------------

/// What rustc said about one snippet.
struct Compiled {
    ok: bool,
    messages: String,
}

/// Type-checks `source` as a library with the rustc of the toolchain that
/// built this test, after the given extra arguments.
fn rustc(name: &str, source: &str, extra: &[&str]) -> Compiled {
    let dir = std::env::temp_dir().join(format!("aio-claims-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join(format!("{name}.rs"));
    std::fs::write(&file, source).unwrap();
    // Cargo tells every crate it builds where cargo is; rustc sits next to it.
    let beside_cargo = Path::new(env!("CARGO")).with_file_name("rustc");
    let rustc = if beside_cargo.is_file() {
        beside_cargo
    } else {
        PathBuf::from("rustc")
    };
    let out = Command::new(rustc)
        .args([
            "--edition",
            "2024",
            "--crate-type",
            "lib",
            "--emit",
            "metadata",
        ])
        .args(["--color", "never", "--out-dir"])
        .arg(&dir)
        .args(extra)
        .arg(&file)
        .output()
        .expect("rustc starts");
    let _ = std::fs::remove_dir_all(&dir);
    Compiled {
        ok: out.status.success(),
        messages: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The `--extern` and `-L` arguments that let a snippet use this crate: the
/// newest `aio_executor` library among the test's own dependencies.
fn extern_aio_executor() -> Vec<String> {
    let exe = std::env::current_exe().unwrap();
    let deps = exe.parent().unwrap();
    let newest = std::fs::read_dir(deps)
        .unwrap()
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            name.starts_with("libaio_executor-") && name.ends_with(".rlib")
        })
        .max_by_key(|path| {
            path.metadata()
                .and_then(|m| m.modified())
                .unwrap_or(SystemTime::UNIX_EPOCH)
        })
        .expect("this test links aio_executor, so its library is among the deps");
    vec![
        "--extern".to_owned(),
        format!("aio_executor={}", newest.display()),
        "-L".to_owned(),
        format!("dependency={}", deps.display()),
    ]
}

// --- C08: `await` outside `async` --------------------------------------------

#[test]
fn c08_python_await_needs_an_async_def_except_under_the_repl_flag() {
    python_claim!("c08_python", "claims/c08_await_outside_async.py");
}

#[test]
fn c08_rust_await_outside_async_is_error_e0728() {
    let cases = [
        (
            "`.await` in a plain fn",
            "pub fn f() { let _ = async { 1 }.await; }",
        ),
        (
            "`.await` in a plain closure inside an async fn",
            "pub async fn f() { let g = || async { 1 }.await; g(); }",
        ),
        (
            "`.await` in an async fn",
            "pub async fn f() -> u32 { async { 1 }.await }",
        ),
        (
            "`.await` in an async block inside a plain fn",
            "pub fn f() -> impl Future<Output = u32> { async { async { 1 }.await } }",
        ),
    ];
    let mut out = String::new();
    let mut verdicts = Vec::new();
    for (i, (label, source)) in cases.iter().enumerate() {
        let compiled = rustc(&format!("c08_{i}"), source, &[]);
        let verdict = if compiled.ok {
            "compiles".to_owned()
        } else {
            assert!(
                compiled.messages.contains("error[E0728]"),
                "{}",
                compiled.messages
            );
            "error[E0728]: `await` is only allowed inside `async` functions and blocks".to_owned()
        };
        writeln!(out, "{label}: {verdict}").unwrap();
        verdicts.push(compiled.ok);
    }
    assert_eq!(verdicts, [false, false, true, true]);
    insta::assert_snapshot!("c08_rust", out);
}

// --- C09: asyncio.run makes a loop, runs, closes ------------------------------

#[test]
fn c09_python_each_run_makes_and_closes_a_fresh_loop() {
    python_claim!("c09_python", "claims/c09_run_new_loop.py");
}

#[test]
fn c09_rust_each_run_makes_a_fresh_loop_and_cancels_leftovers() {
    let mut out = String::new();
    for round in ["a", "b"] {
        let (main_name, left_behind) = run(async {
            let left_behind = create_task(std::future::pending::<()>());
            yield_now().await; // let it start waiting
            // A fresh loop numbers its tasks from 1 again, and main is first.
            let main_name = create_task(async {}).name().to_owned();
            (main_name, left_behind)
        });
        writeln!(
            out,
            "run {round}: main's tasks are {} and {main_name} (a fresh loop counts from \
             Task-1, main); after run: a loop running = {}, {} cancelled = {}",
            left_behind.name(),
            is_running(),
            left_behind.name(),
            left_behind.cancelled()
        )
        .unwrap();
        assert_eq!(main_name, "Task-3");
        assert!(!is_running());
        assert!(left_behind.cancelled());
    }
    insta::assert_snapshot!("c09_rust", out);
}

// --- C15: get_event_loop() + run_until_complete --------------------------------

#[test]
fn c15_python_get_event_loop_makes_a_loop_only_in_a_fresh_main_thread() {
    python_claim!("c15_python", "claims/c15_get_event_loop.py");
}

#[test]
fn c15_rust_a_loop_is_made_explicitly_and_runs_more_than_once() {
    let mut out = String::new();
    // No implicit loop to get: a loop is a value the program makes.
    let event_loop = EventLoop::new();
    let first = event_loop.run_until_complete(async { 42 });
    let second = event_loop.run_until_complete(async { 43 });
    writeln!(
        out,
        "EventLoop::new(), then run_until_complete twice on it: {first}, {second}"
    )
    .unwrap();
    drop(event_loop);
    let outside = aio_executor::try_spawn(async {}).map(drop);
    writeln!(
        out,
        "create a task with no loop running: {}",
        match outside {
            Ok(()) => "accepted".to_owned(),
            Err(err) => format!("error: {err}"),
        }
    )
    .unwrap();
    assert_eq!((first, second), (42, 43));
    assert!(outside.is_err());
    insta::assert_snapshot!("c15_rust", out);
}

// --- C16: `await coro` makes no task ------------------------------------------

async fn helper() {
    note("inside `helper().await`");
    yield_now().await;
}

#[test]
fn c16_python_awaiting_a_coroutine_makes_no_task() {
    python_claim!("c16_python", "claims/c16_await_coro_no_task.py");
}

#[test]
fn c16_rust_awaiting_a_future_spawns_nothing() {
    let ((), awaited) = traced(async {
        note("main");
        helper().await;
    });
    let ((), with_task) = traced(async {
        note("main");
        create_task(helper()).await.unwrap();
    });
    let mut out = String::new();
    writeln!(out, "main awaits helper() directly:").unwrap();
    out.push_str(&notes_with_tasks(&awaited));
    writeln!(out, "  tasks spawned: {}", spawns(&awaited)).unwrap();
    writeln!(out, "main awaits create_task(helper()):").unwrap();
    out.push_str(&notes_with_tasks(&with_task));
    writeln!(out, "  tasks spawned: {}", spawns(&with_task)).unwrap();
    assert_eq!(spawns(&awaited), 1);
    assert_eq!(spawns(&with_task), 2);
    insta::assert_snapshot!("c16_rust", out);
}

// --- C17: not every await yields -----------------------------------------------

#[test]
fn c17_python_awaiting_finished_work_does_not_yield() {
    python_claim!("c17_python", "claims/c17_not_every_await_yields.py");
}

async fn returns_at_once() -> u32 {
    1
}

#[test]
fn c17_rust_only_a_pending_poll_returns_to_the_loop() {
    let results = run(async {
        let turns = Rc::new(Cell::new(0u32));
        let counted = turns.clone();
        let ticker = create_task(async move {
            loop {
                counted.set(counted.get() + 1);
                yield_now().await;
            }
        });
        yield_now().await; // let the ticker start
        let finished = create_task(returns_at_once());
        yield_now().await; // let it finish

        let mut results = Vec::new();
        let before = turns.get();
        returns_at_once().await;
        results.push(("an async fn that never suspends", turns.get() - before));
        let before = turns.get();
        std::future::ready(()).await;
        results.push(("std::future::ready(())", turns.get() - before));
        let before = turns.get();
        finished.await.unwrap();
        results.push(("a JoinHandle of a finished task", turns.get() - before));
        let before = turns.get();
        yield_now().await;
        results.push(("yield_now()", turns.get() - before));
        let before = turns.get();
        create_task(async {}).await.unwrap();
        results.push(("a JoinHandle of a new task", turns.get() - before));
        ticker.cancel();
        results
    });
    let mut out = String::new();
    for (label, others) in &results {
        let yielded = if *others > 0 {
            "yielded to the loop"
        } else {
            "did NOT yield"
        };
        writeln!(
            out,
            "await {label}: {yielded} (ticker turns meanwhile: {others})"
        )
        .unwrap();
    }
    let yielded: Vec<bool> = results.iter().map(|(_, others)| *others > 0).collect();
    assert_eq!(yielded, [false, false, false, true, true]);
    insta::assert_snapshot!("c17_rust", out);
}

// --- C20: create_task schedules ----------------------------------------------

#[test]
fn c20_python_create_task_schedules_and_the_task_starts_at_the_next_yield() {
    python_claim!("c20_python", "claims/c20_create_task_schedules.py");
}

#[test]
fn c20_rust_spawn_schedules_and_the_task_starts_at_the_next_yield() {
    let (handle_state, trace) = traced(async {
        let child = create_task(async {
            note("child: first line runs");
            yield_now().await;
            note("child: second line runs");
        });
        let state = format!("{child:?}");
        note(format!("main: create_task returned {state}"));
        let total: u64 = (0..100_000).sum();
        note(format!(
            "main: still running without yielding (sum = {total})"
        ));
        yield_now().await;
        note("main: back after one yield");
        child.await.unwrap();
        state
    });
    let out = notes_with_tasks(&trace);
    let notes = trace.notes();
    let position = |text: &str| notes.iter().position(|n| n.starts_with(text)).unwrap();
    assert_eq!(handle_state, "<Task pending name='Task-2'>");
    assert!(position("child: first line runs") > position("main: still running"));
    assert!(position("child: first line runs") < position("main: back after one yield"));
    insta::assert_snapshot!("c20_rust", out);
}

// --- C21: tasks never awaited --------------------------------------------------

#[test]
fn c21_python_unawaited_tasks_get_one_step_after_main_then_are_cancelled() {
    python_claim!("c21_python", "claims/c21_tasks_never_awaited.py");
}

#[test]
fn c21_rust_unawaited_tasks_get_one_step_then_are_cancelled() {
    let log: Rc<RefCell<Vec<&str>>> = Rc::default();
    let main_log = log.clone();
    let [first, second] = run(async move {
        let in_task = main_log.clone();
        let first = create_task(async move {
            in_task.borrow_mut().push("task 1 starts");
            yield_now().await;
            in_task.borrow_mut().push("task 1 finishes");
        });
        let in_task = main_log.clone();
        let second = create_task(async move {
            in_task.borrow_mut().push("task 2 starts");
            yield_now().await;
            in_task.borrow_mut().push("task 2 finishes");
        });
        main_log
            .borrow_mut()
            .push("main prints its total and returns");
        [first, second]
    });
    // The main line comes first, and no task finishes. As in asyncio, the
    // loop stops one turn after main is done, so each task takes its first
    // step before `run` cancels it.
    assert_eq!(
        *log.borrow(),
        [
            "main prints its total and returns",
            "task 1 starts",
            "task 2 starts"
        ]
    );
    assert!(first.cancelled() && second.cancelled());
}

// --- C22, C23: the two orderings ---------------------------------------------

#[test]
fn c22_python_task_two_is_created_only_after_task_one_finished() {
    python_claim!("c22_python", "claims/c22_await_then_create_order.py");
}

#[test]
fn c23_python_both_tasks_wait_at_once() {
    python_claim!("c23_python", "claims/c23_create_then_await.py");
}

// --- C29: the forgotten await ---------------------------------------------------

#[test]
fn c29_python_a_forgotten_await_warns_never_awaited() {
    python_claim!("c29_python", "claims/c29_never_awaited.py");
}

#[test]
fn c29_rust_a_forgotten_future_or_handle_draws_unused_must_use() {
    let mut out = String::new();

    let forgotten = rustc(
        "c29_future",
        "async fn load_report() {}\npub async fn main_task() { load_report(); }\n",
        &[],
    );
    assert!(
        forgotten.ok,
        "a warning, not an error: {}",
        forgotten.messages
    );
    assert!(forgotten.messages.contains("unused_must_use"));
    assert!(forgotten.messages.contains("futures do nothing unless"));
    writeln!(
        out,
        "`load_report();` in an async fn: compiles, with an unused_must_use warning: \
         \"futures do nothing unless you `.await` or poll them\""
    )
    .unwrap();

    let dropped_handle = rustc(
        "c29_handle",
        "pub async fn main_task() { aio_executor::create_task(async {}); }\n",
        &extern_aio_executor()
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    assert!(dropped_handle.ok, "{}", dropped_handle.messages);
    assert!(
        dropped_handle
            .messages
            .contains("JoinHandle` that must be used"),
        "{}",
        dropped_handle.messages
    );
    assert!(
        dropped_handle
            .messages
            .contains("a task runs without its handle"),
        "{}",
        dropped_handle.messages
    );
    writeln!(
        out,
        "`create_task(...);` with the handle dropped: compiles, with an unused_must_use \
         warning: unused `aio_executor::JoinHandle` that must be used"
    )
    .unwrap();

    let denied = rustc(
        "c29_denied",
        "async fn load_report() {}\npub async fn main_task() { load_report(); }\n",
        &["-D", "unused_must_use"],
    );
    assert!(!denied.ok);
    writeln!(
        out,
        "the same with `-D unused_must_use`: {}",
        if denied.ok { "compiles" } else { "an error" }
    )
    .unwrap();
    insta::assert_snapshot!("c29_rust", out);
}

// --- C30: run more than once ----------------------------------------------------

#[test]
fn c30_python_asyncio_run_runs_again_but_refuses_to_nest() {
    python_claim!("c30_python", "claims/c30_run_many_times.py");
}

#[test]
fn c30_rust_run_runs_again_but_refuses_to_nest() {
    let results: Vec<u32> = (1..=3)
        .map(|n| {
            run(async move {
                yield_now().await;
                2 * n
            })
        })
        .collect();
    let nested = panic::catch_unwind(|| run(async { run(async {}) })).unwrap_err();
    let message = nested
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| nested.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let mut out = String::new();
    writeln!(out, "three run() calls in a row: {results:?}").unwrap();
    writeln!(out, "run() inside a running loop: panics: {message}").unwrap();
    assert_eq!(results, [2, 4, 6]);
    assert_eq!(message, "run() cannot be called from a running event loop");
    insta::assert_snapshot!("c30_rust", out);
}

// --- C38: a task is a future ------------------------------------------------------

#[test]
fn c38_python_a_task_is_an_asyncio_future_of_class_asyncio_task() {
    python_claim!("c38_python", "claims/c38_task_is_a_future.py");
}

/// Compiles only if `F` is a future with that output.
fn is_future_of<F: Future<Output = O>, O>(_: &F) {}

#[test]
fn c38_rust_a_join_handle_is_a_future() {
    let mut out = String::new();
    let result = run(async {
        let handle: JoinHandle<&str> = create_task(async { "result" });
        is_future_of::<_, Result<&str, JoinError>>(&handle);
        let done_before = handle.done();
        let result = handle.await.unwrap();
        (done_before, result)
    });
    writeln!(
        out,
        "the handle's type: {}",
        std::any::type_name::<JoinHandle<&str>>()
    )
    .unwrap();
    writeln!(
        out,
        "it is a Future with Output = Result<&str, JoinError> (checked when this test compiled)"
    )
    .unwrap();
    writeln!(
        out,
        "done() before the first turn: {}; awaited: {:?}",
        result.0, result.1
    )
    .unwrap();
    assert_eq!(result, (false, "result"));
    insta::assert_snapshot!("c38_rust", out);
}

// --- C39: a new loop becomes current ----------------------------------------------

#[test]
fn c39_python_a_new_loop_is_not_current_until_set() {
    python_claim!("c39_python", "claims/c39_new_loop_is_current.py");
}

#[test]
fn c39_rust_a_loop_is_running_here_only_while_it_runs() {
    let mut out = String::new();
    let event_loop = EventLoop::new();
    let after_new = is_running();
    let inside = event_loop.run_until_complete(async { is_running() });
    let after_run = is_running();
    writeln!(
        out,
        "after EventLoop::new(): a loop is running here: {after_new}"
    )
    .unwrap();
    writeln!(out, "inside run_until_complete: {inside}").unwrap();
    writeln!(out, "after run_until_complete returned: {after_run}").unwrap();
    assert_eq!((after_new, inside, after_run), (false, true, false));
    insta::assert_snapshot!("c39_rust", out);
}

// --- C40: errors do not stop the loop ------------------------------------------------

#[test]
fn c40_python_errors_in_tasks_and_callbacks_are_logged_and_the_loop_goes_on() {
    python_claim!("c40_python", "claims/c40_errors_do_not_stop_the_loop.py");
}

#[test]
fn c40_rust_panics_in_tasks_and_callbacks_are_reported_and_the_loop_goes_on() {
    let reports: Rc<RefCell<Vec<ExceptionContext>>> = Rc::default();
    let event_loop = EventLoop::new();
    let sink = reports.clone();
    event_loop.set_exception_handler(move |context| sink.borrow_mut().push(context.clone()));
    let lines = event_loop.run_until_complete(async {
        let turns = Rc::new(Cell::new(0u32));
        let counted = turns.clone();
        let bystander = spawn_named("bystander", async move {
            loop {
                counted.set(counted.get() + 1);
                yield_now().await;
            }
        });
        let mut lines = Vec::new();

        drop(spawn_named("ignored", async {
            yield_now().await;
            panic!("boom");
        }));
        for _ in 0..3 {
            yield_now().await;
        }
        lines.push(format!(
            "a task panicked and nobody awaited it: loop still running = {}",
            is_running()
        ));

        call_soon(|| panic!("oops"));
        let before = turns.get();
        for _ in 0..3 {
            yield_now().await;
        }
        lines.push(format!(
            "a call_soon callback panicked: the bystander had {} more turns",
            turns.get() - before
        ));

        let err = create_task(async { panic!("boom") }).await.unwrap_err();
        lines.push(format!(
            "an awaited task panicked: the awaiting task gets {err:?}"
        ));
        bystander.cancel();
        lines
    });
    let mut out = String::new();
    for line in &lines {
        writeln!(out, "{line}").unwrap();
    }
    for report in reports.borrow().iter() {
        writeln!(
            out,
            "reported to the exception handler: {:?} (task: {:?}, panic: {:?})",
            report.message, report.task, report.panic
        )
        .unwrap();
    }
    let messages: Vec<&str> = reports.borrow().iter().map(|r| r.message).collect();
    assert_eq!(
        messages,
        [
            "Task exception was never retrieved",
            "Exception in callback"
        ]
    );
    insta::assert_snapshot!("c40_rust", out);
}
