//! Chapter 8's claims (C42's Queue and Lock snippets, C43, C44 in the
//! project's claim list), checked under CPython by our scripts in
//! `python/claims/`: each script asserts what it finds and prints the
//! evidence, which is snapshotted here for the chapter to include; then the
//! same facts against our rebuild. (C42's streams snippet is chapter 5's.)

use std::time::Duration;

use aio_executor::{run, spawn};
use aio_queues::{Lock, Queue};
use aio_testkit::python::{run_script_until, snapshot_holds};
use aio_timers::{Clock, Elapsed, sleep, timeout, timer_loop};

/// Runs one claim script and snapshots its evidence (skips without python3).
fn python_claim(name: &str, script: &str) {
    let Some(out) = run_script_until(script, &[], |out| {
        snapshot_holds(env!("CARGO_MANIFEST_DIR"), "claims", name, out)
    }) else {
        return;
    };
    insta::assert_snapshot!(name, out);
}

#[test]
fn c42_python_the_queue_snippet_works_in_one_loop_and_get_waits_on_empty() {
    python_claim("c42_queue_python", "claims/c42_queue_snippet.py");
}

#[test]
fn c42_python_the_lock_snippet_keeps_a_section_whole_but_is_not_reentrant() {
    python_claim("c42_lock_python", "claims/c42_lock_snippet.py");
}

#[test]
fn c43_python_consumers_without_a_stop_signal_wait_until_cancelled() {
    python_claim("c43_python", "claims/c43_consumers_wait_forever.py");
}

#[test]
fn c44_python_join_waits_for_task_done_not_for_the_consumers() {
    python_claim("c44_python", "claims/c44_join_waits_for_task_done.py");
}

// --- Our rebuild's side ----------------------------------------------------

const SECOND: Duration = Duration::from_secs(1);

/// Runs `main` on a fresh loop with a virtual clock.
fn on_virtual_clock<T: 'static>(main: impl Future<Output = T> + 'static) -> T {
    timer_loop(&Clock::new_virtual()).run_until_complete(main)
}

// C42: asyncio's Queue and Lock are bound to the first loop that waits on
// them, and fail in a second `asyncio.run`. Ours belong to a thread, not to
// a loop: the same queue and lock serve two runs one after the other.
#[test]
fn c42_rust_a_queue_and_a_lock_serve_two_runs_in_sequence() {
    let queue: Queue<&str> = Queue::new(1);
    let lock = Lock::new();
    for round in ["first run", "second run"] {
        let (q, l) = (queue.clone(), lock.clone());
        let got = run(async move {
            let _held = l.acquire().await;
            let getter = spawn({
                let q = q.clone();
                async move { q.get().await.unwrap() }
            });
            q.put(round).await.unwrap();
            getter.await.unwrap()
        });
        assert_eq!(got, round);
        assert!(!lock.locked());
    }
}

// C42: the Lock is not re-entrant, in asyncio and here: a task that asks
// for a lock it holds waits for ever (bounded here by a timeout).
#[test]
fn c42_rust_taking_a_lock_you_hold_waits_for_ever() {
    let result = on_virtual_clock(async {
        let lock = Lock::new();
        let _held = lock.acquire().await;
        timeout(3600 * SECOND, lock.acquire()).await.map(drop)
    });
    assert_eq!(result, Err(Elapsed));
}

// C44: `join` waits for one `task_done` per item, not for the consumer
// tasks: they are still alive, waiting in `get`, when it returns. A
// consumer that forgets `task_done` leaves `join` waiting for ever.
#[test]
fn c44_rust_join_waits_for_task_done_and_not_for_the_consumers() {
    let (consumer_alive, forgotten) = on_virtual_clock(async {
        let queue: Queue<u32> = Queue::new(0);
        let q = queue.clone();
        let consumer = spawn(async move {
            loop {
                let _item = q.get().await.unwrap();
                sleep(SECOND).await;
                q.task_done().unwrap();
            }
        });
        for item in 0..3 {
            queue.put_nowait(item).unwrap();
        }
        queue.join().await;
        let alive = !consumer.done();
        consumer.cancel();

        let careless: Queue<u32> = Queue::new(0);
        let c = careless.clone();
        let forgetful = spawn(async move {
            loop {
                let _item = c.get().await.unwrap(); // and no task_done
            }
        });
        careless.put_nowait(1).unwrap();
        let forgotten = timeout(3600 * SECOND, careless.join()).await;
        forgetful.cancel();
        (alive, forgotten)
    });
    assert!(
        consumer_alive,
        "join returned, the consumer still waits in get"
    );
    assert_eq!(forgotten, Err(Elapsed));
}
