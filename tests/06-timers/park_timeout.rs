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
    assert_eq!(park_timeout(secs(5), None, None), None);
    assert_eq!(park_timeout(secs(5), None, Some(secs(2))), Some(secs(2)));
    assert_eq!(
        park_timeout(secs(5), None, Some(Duration::ZERO)),
        Some(Duration::ZERO)
    );
}

#[test]
fn with_nothing_ready_the_loop_waits_until_the_next_deadline() {
    assert_eq!(park_timeout(secs(5), Some(secs(8)), None), Some(secs(3)));
    assert_eq!(
        park_timeout(Duration::from_millis(100), Some(secs(1)), None),
        Some(Duration::from_millis(900))
    );
}

#[test]
fn a_deadline_already_past_means_do_not_wait() {
    assert_eq!(
        park_timeout(secs(5), Some(secs(2)), None),
        Some(Duration::ZERO)
    );
    assert_eq!(
        park_timeout(secs(5), Some(secs(5)), None),
        Some(Duration::ZERO)
    );
}

#[test]
fn the_shorter_of_the_two_limits_wins() {
    assert_eq!(
        park_timeout(secs(0), Some(secs(10)), Some(secs(4))),
        Some(secs(4))
    );
    assert_eq!(
        park_timeout(secs(0), Some(secs(3)), Some(secs(4))),
        Some(secs(3))
    );
    assert_eq!(
        park_timeout(secs(0), Some(secs(3)), Some(Duration::ZERO)),
        Some(Duration::ZERO),
        "ready work means: just look"
    );
}
