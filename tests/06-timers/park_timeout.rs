// Suite for exercise 6.1, the park timeout. Written once, run against the
// stub (`ex06-timers`) and the solution (`sol06-timers`) through a wrapper
// that names the code under test `subject`.

use std::time::Duration;

use subject::park_timeout;

const fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[test]
fn without_timers_the_executors_wish_passes_through() {
    assert_eq!(
        park_timeout(secs(5), None, None),
        None,
        "with no timer and no wish from the executor, the loop may park without a limit (None)"
    );
    assert_eq!(
        park_timeout(secs(5), None, Some(secs(2))),
        Some(secs(2)),
        "with no timer, the executor's wish (2 s) must pass through unchanged"
    );
    assert_eq!(
        park_timeout(secs(5), None, Some(Duration::ZERO)),
        Some(Duration::ZERO),
        "with no timer, the executor's wish of zero (do not park) must pass through unchanged"
    );
}

#[test]
fn with_nothing_ready_the_loop_waits_until_the_next_deadline() {
    assert_eq!(
        park_timeout(secs(5), Some(secs(8)), None),
        Some(secs(3)),
        "with nothing ready, the loop must park until the next deadline: due at 8 s, now 5 s, so 3 \
         s"
    );
    assert_eq!(
        park_timeout(Duration::from_millis(100), Some(secs(1)), None),
        Some(Duration::from_millis(900)),
        "with nothing ready, the loop must park until the next deadline: due at 1 s, now 100 ms, \
         so 900 ms"
    );
}

#[test]
fn a_deadline_already_past_means_do_not_wait() {
    assert_eq!(
        park_timeout(secs(5), Some(secs(2)), None),
        Some(Duration::ZERO),
        "a deadline already past (2 s, now 5 s) means do not park: zero, not a negative or None"
    );
    assert_eq!(
        park_timeout(secs(5), Some(secs(5)), None),
        Some(Duration::ZERO),
        "a deadline exactly now means do not park: zero"
    );
}

#[test]
fn the_shorter_of_the_two_limits_wins() {
    assert_eq!(
        park_timeout(secs(0), Some(secs(10)), Some(secs(4))),
        Some(secs(4)),
        "the executor's wish (4 s) is shorter than the timer's 10 s, so it must win"
    );
    assert_eq!(
        park_timeout(secs(0), Some(secs(3)), Some(secs(4))),
        Some(secs(3)),
        "the timer's 3 s is shorter than the executor's wish of 4 s, so it must win"
    );
    assert_eq!(
        park_timeout(secs(0), Some(secs(3)), Some(Duration::ZERO)),
        Some(Duration::ZERO),
        "ready work means: just look"
    );
}
