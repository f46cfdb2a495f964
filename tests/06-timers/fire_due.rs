// Suite for exercise 6.2, firing due timers. Written once, run against the
// stub (`ex06-timers`) and the solution (`sol06-timers`) through a wrapper
// that names the code under test `subject`.

use std::sync::{Arc, Mutex};
use std::task::{Wake, Waker};
use std::time::Duration;

use subject::TimerQueue;

/// A waker that writes its name into a shared log when woken.
struct Named {
    name: &'static str,
    log: Arc<Mutex<Vec<&'static str>>>,
}

impl Wake for Named {
    fn wake(self: Arc<Self>) {
        self.log.lock().unwrap().push(self.name);
    }
}

fn queue_of(timers: &[(u64, &'static str)]) -> (TimerQueue, Arc<Mutex<Vec<&'static str>>>) {
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut queue = TimerQueue::new();
    for &(ms, name) in timers {
        let waker = Waker::from(Arc::new(Named {
            name,
            log: log.clone(),
        }));
        queue.insert(Duration::from_millis(ms), waker);
    }
    (queue, log)
}

#[test]
fn only_due_timers_fire_and_the_rest_stay() {
    let (mut queue, log) = queue_of(&[(300, "c"), (100, "a"), (200, "b")]);
    assert_eq!(
        queue.fire_due(Duration::from_millis(150)),
        1,
        "at 150 ms only the timer due at 100 ms is due: fire_due must fire it alone and return 1"
    );
    assert_eq!(
        *log.lock().unwrap(),
        ["a"],
        "only the timer due at 100 ms may have run by 150 ms"
    );
    assert_eq!(
        queue.len(),
        2,
        "the two timers not yet due must stay in the queue"
    );
}

#[test]
fn due_timers_fire_earliest_first_whatever_order_they_were_set() {
    let (mut queue, log) = queue_of(&[(300, "c"), (100, "a"), (200, "b"), (900, "later")]);
    assert_eq!(
        queue.fire_due(Duration::from_millis(500)),
        3,
        "at 500 ms three timers are due: fire_due must fire all three and return 3"
    );
    assert_eq!(
        *log.lock().unwrap(),
        ["a", "b", "c"],
        "due timers must fire earliest first, whatever order they were set in: take the earliest \
         timer while it is due"
    );
    assert_eq!(
        queue.len(),
        1,
        "the timer due at 900 ms is not due at 500 ms and must stay in the queue"
    );
}

#[test]
fn a_timer_due_exactly_now_fires() {
    let (mut queue, log) = queue_of(&[(100, "on the dot")]);
    assert_eq!(
        queue.fire_due(Duration::from_millis(100)),
        1,
        "a timer due exactly now is due (deadline <= now): fire_due must fire it and return 1"
    );
    assert_eq!(
        *log.lock().unwrap(),
        ["on the dot"],
        "a timer due exactly now must fire"
    );
    assert!(queue.is_empty(), "a fired timer must leave the queue");
}

#[test]
fn equal_deadlines_fire_in_the_order_they_were_set() {
    let (mut queue, log) = queue_of(&[
        (100, "first"),
        (100, "second"),
        (50, "early"),
        (100, "third"),
    ]);
    assert_eq!(
        queue.fire_due(Duration::from_millis(100)),
        4,
        "at 100 ms all four timers are due: fire_due must fire them all and return 4"
    );
    assert_eq!(
        *log.lock().unwrap(),
        ["early", "first", "second", "third"],
        "timers with the same deadline must fire in the order they were set (the sequence number \
         breaks the tie), after the earlier one"
    );
}

#[test]
fn nothing_due_fires_nothing() {
    let (mut queue, log) = queue_of(&[(100, "a")]);
    assert_eq!(
        queue.fire_due(Duration::from_millis(99)),
        0,
        "at 99 ms the timer due at 100 ms is not due: fire_due must fire nothing and return 0"
    );
    assert!(
        log.lock().unwrap().is_empty(),
        "no callback may run before its deadline"
    );
    assert_eq!(queue.len(), 1, "a timer not yet due must stay in the queue");
    let (mut empty, _) = queue_of(&[]);
    assert_eq!(
        empty.fire_due(Duration::from_secs(1)),
        0,
        "an empty queue has nothing to fire: fire_due must return 0"
    );
}
