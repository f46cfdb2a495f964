//! Stress: a small queue, many getters and putters, tasks cancelled at
//! random, over thousands of seeded schedules. After each: every put that
//! completed was got exactly once or is still in the queue (nothing lost,
//! nothing duplicated), no task slept through an item or a free slot (no
//! lost wake), and no waiter was left behind in the queue's lines.
//!
//! `cargo test -p aio-queues --test behaviour stress:: -- --nocapture`
//! prints the figures; the `#[ignore]`d big run takes 100,000 schedules:
//! `cargo test -p aio-queues --release --test behaviour stress:: -- --ignored --nocapture`.

use std::cell::{Cell, RefCell};
use std::collections::HashSet;
use std::rc::Rc;

use aio_executor::{EventLoop, JoinHandle, spawn, yield_now};
use aio_queues::Queue;

/// SplitMix64: a tiny, well-mixed generator; the seed makes a schedule.
struct SplitMix(u64);

impl SplitMix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// What one schedule did, summed over many.
#[derive(Debug, Default, Clone, Copy)]
struct Figures {
    schedules: u64,
    puts_completed: u64,
    items_got: u64,
    left_in_queue: u64,
    cancellations: u64,
    cancelled_while_waiting: u64,
}

/// The state the tasks of one schedule share.
struct World {
    q: Queue<u64>,
    rng: RefCell<SplitMix>,
    next_id: Cell<u64>,
    completed: RefCell<Vec<u64>>,
    got: RefCell<Vec<u64>>,
    /// Set at the end: workers finish what they are doing and return, so
    /// the loop comes to rest and the lost-wake check means something.
    stop: Cell<bool>,
}

/// A worker and whether it is inside `get`/`put` right now.
struct Worker {
    handle: JoinHandle<()>,
    waiting: Rc<Cell<bool>>,
    is_getter: bool,
}

impl World {
    fn roll(&self, n: u64) -> u64 {
        self.rng.borrow_mut().below(n)
    }

    fn fresh_id(&self) -> u64 {
        let id = self.next_id.get();
        self.next_id.set(id + 1);
        id
    }
}

async fn random_yields(world: &World) {
    for _ in 0..world.roll(3) {
        yield_now().await;
    }
}

fn spawn_worker(world: &Rc<World>, is_getter: bool) -> Worker {
    let waiting = Rc::new(Cell::new(false));
    let (w, flag) = (world.clone(), waiting.clone());
    let handle = if is_getter {
        spawn(async move {
            while !w.stop.get() {
                random_yields(&w).await;
                flag.set(true);
                let item = w.q.get().await.expect("never shut down");
                flag.set(false);
                // Same poll as the get's completion: a cancel cannot fall
                // between getting the item and recording it.
                w.got.borrow_mut().push(item);
            }
        })
    } else {
        spawn(async move {
            while !w.stop.get() {
                random_yields(&w).await;
                let id = w.fresh_id();
                flag.set(true);
                w.q.put(id).await.expect("never shut down");
                flag.set(false);
                w.completed.borrow_mut().push(id);
            }
        })
    };
    Worker {
        handle,
        waiting,
        is_getter,
    }
}

/// One schedule; panics on the first broken promise.
fn schedule(seed: u64, steps: u32) -> Figures {
    let event_loop = EventLoop::new();
    event_loop.run_until_complete(async move {
        let mut rng = SplitMix(seed);
        let maxsize = 1 + rng.below(3) as usize;
        let world = Rc::new(World {
            q: Queue::new(maxsize),
            rng: RefCell::new(rng),
            next_id: Cell::new(0),
            completed: RefCell::new(Vec::new()),
            got: RefCell::new(Vec::new()),
            stop: Cell::new(false),
        });
        let mut figures = Figures {
            schedules: 1,
            ..Figures::default()
        };
        let mut workers: Vec<Worker> = (0..4).map(|i| spawn_worker(&world, i % 2 == 0)).collect();

        for _ in 0..steps {
            match world.roll(12) {
                0..=3 => yield_now().await,
                4 | 5 => {
                    let live: Vec<_> = workers.iter().filter(|w| !w.handle.done()).collect();
                    if !live.is_empty() {
                        let victim = live[world.roll(live.len() as u64) as usize];
                        if victim.handle.cancel() {
                            figures.cancellations += 1;
                            if victim.waiting.get() {
                                figures.cancelled_while_waiting += 1;
                            }
                        }
                    }
                }
                6 => workers.push(spawn_worker(&world, true)),
                7 => workers.push(spawn_worker(&world, false)),
                8 => {
                    let id = world.fresh_id();
                    if world.q.put_nowait(id).is_ok() {
                        world.completed.borrow_mut().push(id);
                    }
                }
                9 => {
                    if let Ok(item) = world.q.get_nowait() {
                        world.got.borrow_mut().push(item);
                    }
                }
                _ => {
                    for _ in 0..world.roll(4) {
                        yield_now().await;
                    }
                }
            }
        }

        // Let everyone finish and come to rest. Then a live getter inside
        // `get` while items are queued, or a live putter inside `put`
        // while there is room, slept through its wake-up: a lost wake.
        world.stop.set(true);
        for _ in 0..20 {
            yield_now().await;
        }
        for w in workers
            .iter()
            .filter(|w| !w.handle.done() && w.waiting.get())
        {
            if w.is_getter {
                assert!(
                    world.q.empty(),
                    "seed {seed}: a getter waits on a queue holding items"
                );
            } else {
                assert!(
                    world.q.full(),
                    "seed {seed}: a putter waits on a queue with room: {:?}",
                    world.q
                );
            }
        }

        for w in &workers {
            w.handle.cancel();
        }
        yield_now().await;
        yield_now().await;
        let lines = format!("{:?}", world.q);
        assert!(
            lines.contains("getters: 0, putters: 0"),
            "seed {seed}: cancelled waiters left behind: {lines}"
        );

        let mut left = Vec::new();
        while let Ok(item) = world.q.get_nowait() {
            left.push(item);
        }
        let completed = world.completed.borrow();
        let got = world.got.borrow();
        let mut seen = HashSet::new();
        for item in got.iter().chain(&left) {
            assert!(
                seen.insert(*item),
                "seed {seed}: item {item} came out twice"
            );
        }
        let put: HashSet<_> = completed.iter().copied().collect();
        assert_eq!(
            seen, put,
            "seed {seed}: what came out differs from what went in"
        );
        figures.puts_completed = completed.len() as u64;
        figures.items_got = got.len() as u64;
        figures.left_in_queue = left.len() as u64;
        figures
    })
}

fn many(schedules: u64, steps: u32) -> Figures {
    let mut total = Figures::default();
    for seed in 0..schedules {
        let f = schedule(seed, steps);
        total.schedules += f.schedules;
        total.puts_completed += f.puts_completed;
        total.items_got += f.items_got;
        total.left_in_queue += f.left_in_queue;
        total.cancellations += f.cancellations;
        total.cancelled_while_waiting += f.cancelled_while_waiting;
    }
    println!("{total:#?}");
    total
}

#[test]
fn no_item_is_lost_or_duplicated_over_ten_thousand_random_schedules() {
    let figures = aio_testkit::watchdog::within(
        std::time::Duration::from_secs(120),
        "a schedule hung: a wake-up was lost",
        || many(10_000, 20),
    );
    assert_eq!(figures.schedules, 10_000);
    assert!(figures.cancelled_while_waiting > 5_000, "{figures:?}");
}

#[test]
#[ignore = "the big run: 100,000 schedules of 200 steps (use --release)"]
fn no_item_is_lost_or_duplicated_over_a_hundred_thousand_long_schedules() {
    let figures = many(100_000, 200);
    assert_eq!(figures.schedules, 100_000);
}
