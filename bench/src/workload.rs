//! The workloads of DESIGN §9, their sizes, and the result each must
//! produce: every runtime computes the same checkable answer, so a broken
//! runtime fails loudly instead of looking fast.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

/// One thing to measure.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Workload {
    /// Create `n` tasks that return their index, await them in order.
    Spawn,
    /// `n` tasks each sleep a pseudo-random 0–100 ms, gathered.
    Timers,
    /// One producer puts `n` integers through a queue of maxsize 100, one
    /// consumer gets them.
    Queue,
    /// A token makes `n` hops around a ring of `m` tasks, each woken by an
    /// event of its own.
    Ring,
    /// `n` TCP clients each make `m` round trips of 64 bytes to an echo
    /// server on 127.0.0.1, in one loop.
    Echo,
    /// `n` tasks that wait forever: live heap bytes per task.
    Idle,
}

impl Workload {
    /// Every workload, in the order of the tables.
    pub const ALL: [Workload; 6] = [
        Workload::Spawn,
        Workload::Timers,
        Workload::Queue,
        Workload::Ring,
        Workload::Echo,
        Workload::Idle,
    ];

    /// The name on the command line and in the Python script.
    pub fn name(self) -> &'static str {
        match self {
            Workload::Spawn => "spawn",
            Workload::Timers => "timers",
            Workload::Queue => "queue",
            Workload::Ring => "ring",
            Workload::Echo => "echo",
            Workload::Idle => "idle",
        }
    }

    /// Whether the figure is a size in bytes per task, not a time.
    pub fn measures_bytes(self) -> bool {
        self == Workload::Idle
    }
}

impl fmt::Display for Workload {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Workload {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Workload::ALL
            .into_iter()
            .find(|w| w.name() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Workload::ALL.iter().map(|w| w.name()).collect();
                format!("no workload `{s}` (the workloads: {})", names.join(", "))
            })
    }
}

/// A workload with its sizes: what one child process runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Job {
    /// What to run.
    pub workload: Workload,
    /// The main size: tasks, items, hops, clients.
    pub n: u64,
    /// The second size: the ring's tasks, each echo client's round trips
    /// (unused by the others).
    pub m: u64,
}

impl Job {
    /// The sizes of DESIGN §9 (and 100,000 idle tasks).
    pub fn full(workload: Workload) -> Job {
        let (n, m) = match workload {
            Workload::Spawn => (200_000, 0),
            Workload::Timers => (100_000, 0),
            Workload::Queue => (200_000, 0),
            Workload::Ring => (200_000, 1_000),
            Workload::Echo => (100, 1_000),
            Workload::Idle => (100_000, 0),
        };
        Job { workload, n, m }
    }

    /// Tiny sizes for CI's smoke run: every runtime, every check, in
    /// seconds.
    pub fn smoke(workload: Workload) -> Job {
        let (n, m) = match workload {
            Workload::Spawn => (1_000, 0),
            Workload::Timers => (1_000, 0),
            Workload::Queue => (1_000, 0),
            Workload::Ring => (1_000, 100),
            Workload::Echo => (4, 20),
            Workload::Idle => (1_000, 0),
        };
        Job { workload, n, m }
    }

    /// How the tables name it: `spawn 200k`, `echo 100×1,000`.
    pub fn label(&self) -> String {
        match self.workload {
            Workload::Ring => format!("ring {} / {}", short(self.n), short(self.m)),
            Workload::Echo => format!("echo {}×{}", short(self.n), short(self.m)),
            w => format!("{w} {}", short(self.n)),
        }
    }

    /// The answer every runtime must compute: a sum, a count, or bytes
    /// echoed. `None` for the idle tasks, which only hold memory.
    pub fn expected(&self) -> Option<u64> {
        let n = self.n;
        match self.workload {
            // 0 + 1 + … + (n − 1)
            Workload::Spawn | Workload::Queue => Some(n * (n - 1) / 2),
            // The delays slept, in microseconds, added up.
            Workload::Timers => Some(delays_us(n).iter().sum()),
            // Every hop counted once, by the task that took it.
            Workload::Ring => Some(n),
            Workload::Echo => Some(n * self.m * ECHO_MESSAGE as u64),
            Workload::Idle => None,
        }
    }

    /// The arguments a child process gets: `WORKLOAD N M`.
    pub fn args(&self) -> [String; 3] {
        [
            self.workload.name().to_owned(),
            self.n.to_string(),
            self.m.to_string(),
        ]
    }
}

/// `200000` as `200k`, `1000000` as `1M`.
pub fn short(n: u64) -> String {
    if n >= 1_000_000 && n % 1_000_000 == 0 {
        format!("{}M", n / 1_000_000)
    } else if n >= 1_000 && n % 1_000 == 0 {
        format!("{}k", n / 1_000)
    } else {
        n.to_string()
    }
}

/// Bytes in one echo message.
pub const ECHO_MESSAGE: usize = 64;

/// The seed of the timers' delays; bench.py uses the same.
const SEED: u64 = 0x5EED_2024;

/// The longest delay the timers workload may draw.
pub const MAX_DELAY_US: u64 = 100_000;

/// `n` delays in 0..=100,000 µs from a fixed seed, with the same generator
/// bench.py implements (splitmix64), so every runtime sleeps the same
/// delays in the same order.
pub fn delays_us(n: u64) -> Vec<u64> {
    let mut state = SEED;
    (0..n)
        .map(|_| {
            state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = state;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            z % (MAX_DELAY_US + 1)
        })
        .collect()
}

/// The delays as durations, ready to sleep.
pub fn delays(n: u64) -> Vec<Duration> {
    delays_us(n)
        .into_iter()
        .map(Duration::from_micros)
        .collect()
}

/// The message client `client` sends on round trip `trip`: different
/// bytes each time, so an echo that returned stale data would be caught.
pub fn echo_message(client: u64, trip: u64) -> [u8; ECHO_MESSAGE] {
    let mut message = [0u8; ECHO_MESSAGE];
    for (i, byte) in message.iter_mut().enumerate() {
        *byte = (client as usize * 31 + trip as usize * 7 + i) as u8;
    }
    message
}
