//! `get_running_loop()` and its methods, against asyncio's behaviour.

use std::cell::RefCell;
use std::panic;
use std::rc::Rc;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use asyncio::prelude::*;

fn panic_text(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| payload.downcast_ref::<&str>().map(|s| (*s).to_owned()))
        .unwrap_or_default()
}

/// asyncio: `get_running_loop()` outside a loop raises
/// `RuntimeError('no running event loop')`.
#[test]
fn get_running_loop_outside_a_loop_says_no_running_event_loop() {
    assert!(
        try_get_running_loop().is_err(),
        "no loop runs here, yet one was found"
    );
    let payload =
        panic::catch_unwind(get_running_loop).expect_err("it should panic outside a loop");
    assert!(
        panic_text(payload).contains("no running event loop"),
        "the panic should use asyncio's words"
    );
    let payload = panic::catch_unwind(current_task).expect_err("current_task outside a loop");
    assert!(panic_text(payload).contains("no running event loop"));
    let payload = panic::catch_unwind(all_tasks).expect_err("all_tasks outside a loop");
    assert!(panic_text(payload).contains("no running event loop"));
}

/// asyncio: `call_soon` callbacks run in FIFO order, after the work already
/// ready; `call_later`/`call_at` by deadline; `time()` moves with the clock
/// (here a virtual one, so the times are exact).
#[test]
fn callbacks_run_in_asyncio_order_and_time_is_the_loops_clock() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let runner = Runner::with_virtual_clock();
    runner.run({
        let log = log.clone();
        async move {
            let event_loop = get_running_loop();
            assert!(event_loop.is_running());
            let start = event_loop.time();
            let at = |what: &'static str| {
                let log = log.clone();
                let event_loop = event_loop.clone();
                move || log.borrow_mut().push((what, event_loop.time() - start))
            };
            event_loop.call_later(Duration::from_secs(2), at("later 2 s"));
            event_loop.call_at(start + Duration::from_secs(1), at("at 1 s"));
            event_loop.call_soon(at("soon 1"));
            let cancelled = event_loop.call_soon(at("soon cancelled"));
            event_loop.call_soon(at("soon 2"));
            cancelled.cancel();
            let timer = event_loop.call_later(Duration::from_millis(1500), at("timer cancelled"));
            timer.cancel();
            sleep(Duration::from_secs(3)).await;
        }
    });
    assert_eq!(
        *log.borrow(),
        [
            ("soon 1", Duration::ZERO),
            ("soon 2", Duration::ZERO),
            ("at 1 s", Duration::from_secs(1)),
            ("later 2 s", Duration::from_secs(2)),
        ],
        "callbacks ran out of asyncio's order, or a cancelled one ran"
    );
}

thread_local! {
    /// The loop thread's event; a callback from another thread finds it
    /// here only if it runs on the loop's thread.
    static WOKEN: RefCell<Option<Rc<Event>>> = const { RefCell::new(None) };
}

/// asyncio: `loop.call_soon_threadsafe` from another thread wakes a loop
/// that is asleep in its selector, and the callback runs on the loop's
/// thread. Here nothing else could wake the loop (no timer, no socket): if
/// the call did not interrupt the park, the test would hang.
#[test]
fn call_soon_threadsafe_wakes_a_parked_loop_and_runs_on_its_thread() {
    let loop_thread = std::thread::current().id();
    let ran_on = Runner::new().run(async {
        let event = Rc::new(Event::new());
        WOKEN.with(|woken| *woken.borrow_mut() = Some(event.clone()));
        let handle = get_running_loop().handle();
        let ran_on = Arc::new(Mutex::new(None));
        let theirs = ran_on.clone();
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            handle
                .call_soon_threadsafe(move || {
                    *theirs.lock().unwrap() = Some(std::thread::current().id());
                    WOKEN.with(|woken| woken.borrow().as_ref().map(|event| event.set()));
                })
                .expect("the loop is alive");
        });
        event.wait().await;
        *ran_on.lock().unwrap()
    });
    assert_eq!(
        ran_on,
        Some(loop_thread),
        "the callback did not run on the loop's thread"
    );
}

/// asyncio: `call_soon_threadsafe` on a closed loop raises
/// `RuntimeError('Event loop is closed')`.
#[test]
fn call_soon_threadsafe_after_the_loop_closed_is_an_error() {
    let runner = Runner::with_virtual_clock();
    let handle = runner.run(async { get_running_loop().handle() });
    runner.close();
    let err = handle.call_soon_threadsafe(|| {}).unwrap_err();
    assert_eq!(err, LoopClosed);
    assert_eq!(err.to_string(), "Event loop is closed");
}
