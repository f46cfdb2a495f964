//! The watchdog turns a hang into a failure that says why, and lets the
//! code's own panics through unchanged.

use std::time::Duration;

use aio_testkit::watchdog::within;

#[test]
#[should_panic(expected = "not finished after 50ms: nobody unparks this thread")]
fn code_that_never_returns_fails_with_the_hint() {
    within(
        Duration::from_millis(50),
        "nobody unparks this thread",
        || loop {
            std::thread::park();
        },
    );
}

#[test]
#[should_panic(expected = "the code's own assertion")]
fn a_panic_inside_comes_out_as_it_was() {
    within(Duration::from_secs(10), "unused", || {
        panic!("the code's own assertion")
    });
}
