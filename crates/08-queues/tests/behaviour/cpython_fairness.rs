//! Who goes first, a waiter already woken or a newcomer who asks before it
//! ran: the same four cases as `python/claims/fairness_newcomer_vs_woken_waiter.py`,
//! built from our primitives, must print what CPython printed. (Without
//! `python3` the comparison is skipped; our lines are still checked.)

use std::cell::RefCell;
use std::rc::Rc;

use aio_executor::{spawn, yield_now};
use aio_queues::{Lock, Queue, Semaphore};
use aio_testkit::python::run_script;

use crate::support::run;

type Order = Rc<RefCell<Vec<String>>>;

async fn lock_case() -> String {
    let lock = Lock::new();
    let order: Order = Rc::default();
    let held = lock.acquire().await;
    let (l, o) = (lock.clone(), order.clone());
    let task = spawn(async move {
        let _g = l.acquire().await;
        o.borrow_mut().push("waiter".into());
        yield_now().await;
    });
    yield_now().await;
    held.release(); // wakes the waiter; it has not run yet
    let locked_in_window = lock.locked();
    {
        let _g = lock.acquire().await; // the releaser asks again at once
        order.borrow_mut().push("releaser".into());
    }
    task.await.unwrap();
    let order = order.take().join(", ");
    format!(
        "lock: {order} (locked() in between: {})",
        py(locked_in_window)
    )
}

async fn semaphore_case(releases: usize) -> String {
    let sem = Semaphore::new(0);
    let order: Order = Rc::default();
    let (s, o) = (sem.clone(), order.clone());
    let task = spawn(async move {
        let _permit = s.acquire().await;
        o.borrow_mut().push("waiter".into());
    });
    yield_now().await;
    for _ in 0..releases {
        sem.release();
    }
    let locked_in_window = sem.locked();
    sem.acquire().await.forget();
    order.borrow_mut().push("releaser".into());
    task.await.unwrap();
    let order = order.take().join(", ");
    format!(
        "semaphore, {releases} release(s): {order} (locked() in between: {})",
        py(locked_in_window)
    )
}

async fn queue_case() -> String {
    let q = Queue::new(0);
    let order: Order = Rc::default();
    let tasks: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|name| {
            let (q, o) = (q.clone(), order.clone());
            spawn(async move {
                let item = q.get().await.unwrap();
                o.borrow_mut().push(format!("{name} got {item}"));
            })
        })
        .collect();
    yield_now().await;
    q.put_nowait(1).unwrap(); // wakes a
    let taken = q.get_nowait().unwrap(); // before a runs
    order.borrow_mut().push(format!("main got {taken}"));
    yield_now().await; // a finds the queue empty and waits again
    q.put_nowait(2).unwrap();
    q.put_nowait(3).unwrap();
    for t in tasks {
        t.await.unwrap();
    }
    format!("queue: {}", order.take().join(", "))
}

/// Python's spelling of a bool, for lines compared with CPython's.
fn py(b: bool) -> &'static str {
    if b { "True" } else { "False" }
}

#[test]
fn newcomers_and_woken_waiters_are_ordered_as_in_cpython() {
    let ours = run(|| async {
        vec![
            lock_case().await,
            semaphore_case(1).await,
            semaphore_case(2).await,
            queue_case().await,
        ]
    });
    // ANCHOR: cpython_lines
    assert_eq!(
        ours,
        [
            "lock: waiter, releaser (locked() in between: False)",
            "semaphore, 1 release(s): waiter, releaser (locked() in between: True)",
            "semaphore, 2 release(s): waiter, releaser (locked() in between: True)",
            "queue: main got 1, b got 2, a got 3",
        ]
    );
    // ANCHOR_END: cpython_lines
    let Some(python) = run_script("claims/fairness_newcomer_vs_woken_waiter.py", &[]) else {
        return;
    };
    let python: Vec<_> = python.lines().collect();
    assert_eq!(ours, python);
}
