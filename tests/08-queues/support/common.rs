// What every suite of chapter 8 shares, pulled into each one with
// `include!("support/common.rs");`: `SECOND`, `run` (the virtual-clock
// runner under its one-hour guard), `settle`, the `Log` of names, and the
// seeded `Rng` of the random runs. Its items name their paths in full, so a
// suite imports only what it uses itself; those that some suites never use
// are marked `#[allow(dead_code)]`.

#[allow(dead_code)]
const SECOND: std::time::Duration = std::time::Duration::from_secs(1);

/// Runs `main` on a virtual clock; after an hour of virtual time with
/// `main` still waiting, fails with `hang`, which says what was lost.
fn run<T: 'static>(hang: &str, main: impl std::future::Future<Output = T> + 'static) -> T {
    use aio_timers::{Clock, timeout, timer_loop};
    use std::time::Duration;
    let event_loop = timer_loop(&Clock::new_virtual());
    match event_loop.run_until_complete(timeout(Duration::from_secs(3600), main)) {
        Ok(value) => value,
        Err(_) => panic!("still waiting after an hour of virtual time: {hang}"),
    }
}

/// Lets every task that is ready run until none is (the virtual clock only
/// moves when the loop has nothing else to do).
#[allow(dead_code)]
async fn settle() {
    aio_timers::sleep(std::time::Duration::from_millis(1)).await;
}

/// The names the tasks noted, in the order they noted them.
#[allow(dead_code)]
type Log = std::rc::Rc<std::cell::RefCell<Vec<&'static str>>>;

/// A tiny xorshift generator: the same seed gives the same run.
#[allow(dead_code)]
struct Rng(u64);

#[allow(dead_code)]
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}
