//! The chess exhibition of note 001, played on the virtual clock: 24 tables,
//! the master moves in 5 s, each opponent replies in 55 s, 30 move pairs a
//! game. One game at a time takes 12 hours; table to table, about one. Both
//! run in milliseconds, and every time below is exact.
//!
//! Run: cargo lab demo 6 chess

use std::fmt::Write as _;
use std::io::{self, Write};
use std::time::Duration;

use aio_executor::trace::export::{Export, Program};
use aio_executor::{spawn, spawn_named};
use aio_timers::{Clock, blocking_sleep, now, sleep, timer_loop};

const TABLES: usize = 24;
const PAIRS: usize = 30;
const MASTER_MOVE: Duration = Duration::from_secs(5);
const OPPONENT_MOVE: Duration = Duration::from_secs(55);

/// The master sat down at `table` for move pair `pair` at time `at`.
#[derive(Debug, Clone, Copy)]
pub struct Move {
    pub table: usize,
    pub pair: usize,
    pub at: Duration,
}

/// What one way of running the exhibition looked like.
#[derive(Debug)]
pub struct Exhibition {
    /// Every master move, in the order she made them.
    pub moves: Vec<Move>,
    /// When each table's game ended (the opponent's last reply).
    pub ends: Vec<Duration>,
}

/// One game, from the master's first move to the opponent's last reply.
///
/// The master's move is work: while she thinks, she is at this table and
/// nowhere else, so it holds the loop (on the virtual clock,
/// `blocking_sleep` moves the clock by 5 s and lets nobody run). The
/// opponent's move is waiting: `sleep` hands the loop back, and the master
/// can go to another table.
// ANCHOR: game
async fn game(table: usize, log: std::rc::Rc<std::cell::RefCell<Vec<Move>>>) -> Duration {
    for pair in 0..PAIRS {
        log.borrow_mut().push(Move {
            table,
            pair,
            at: now(),
        });
        blocking_sleep(MASTER_MOVE);
        sleep(OPPONENT_MOVE).await;
    }
    now()
}

/// One game after another: the next table waits until this game is over.
async fn one_game_at_a_time(log: std::rc::Rc<std::cell::RefCell<Vec<Move>>>) -> Vec<Duration> {
    let mut ends = Vec::new();
    for table in 0..TABLES {
        ends.push(game(table, log.clone()).await);
    }
    ends
}

/// Every game is a task; the loop takes the master wherever a reply is in.
async fn table_to_table(log: std::rc::Rc<std::cell::RefCell<Vec<Move>>>) -> Vec<Duration> {
    let games: Vec<_> = (0..TABLES).map(|t| spawn(game(t, log.clone()))).collect();
    let mut ends = Vec::new();
    for game in games {
        ends.push(game.await.unwrap());
    }
    ends
}
// ANCHOR_END: game

/// Plays the exhibition one way (`sync`: one game at a time) or the other.
pub fn play(sync: bool) -> Exhibition {
    let event_loop = timer_loop(&Clock::new_virtual());
    let log = std::rc::Rc::new(std::cell::RefCell::new(Vec::new()));
    let ends = if sync {
        event_loop.run_until_complete(one_game_at_a_time(log.clone()))
    } else {
        event_loop.run_until_complete(table_to_table(log.clone()))
    };
    let moves = log.borrow().clone();
    Exhibition { moves, ends }
}

impl Exhibition {
    fn end(&self) -> Duration {
        self.ends.iter().copied().max().unwrap_or_default()
    }

    /// When `table`'s game began.
    fn start(&self, table: usize) -> Duration {
        self.moves
            .iter()
            .find(|m| m.table == table)
            .map_or(Duration::ZERO, |m| m.at)
    }

    /// A row of `columns` cells of `cell` each: `#` while the game runs.
    fn coarse_row(&self, table: usize, cell: Duration, columns: usize) -> String {
        let (start, end) = (self.start(table), self.ends[table]);
        (0..columns)
            .map(|c| {
                let (from, to) = (cell * c as u32, cell * (c as u32 + 1));
                if start < to && end > from { '#' } else { ' ' }
            })
            .collect()
    }

    /// A row of `columns` cells of `cell` each from time zero: `M` where the
    /// master moves at this table, `-` where the opponent thinks, `.` where
    /// the opponent has replied and waits for the master to come back.
    fn fine_row(&self, table: usize, cell: Duration, columns: usize) -> String {
        let (start, end) = (self.start(table), self.ends[table]);
        let mut row: Vec<char> = (0..columns)
            .map(|c| {
                let from = cell * c as u32;
                if from >= start && from < end {
                    '.'
                } else {
                    ' '
                }
            })
            .collect();
        for m in self.moves.iter().filter(|m| m.table == table) {
            let thinking_until = m.at + MASTER_MOVE;
            let replied = thinking_until + OPPONENT_MOVE;
            for (c, slot) in row.iter_mut().enumerate() {
                let from = cell * c as u32;
                if from >= m.at && from < thinking_until {
                    *slot = 'M';
                } else if from >= thinking_until && from < replied {
                    *slot = '-';
                }
            }
        }
        row.into_iter().collect()
    }
}

fn hms(t: Duration) -> String {
    let s = t.as_secs();
    format!("{}:{:02}:{:02}", s / 3600, s % 3600 / 60, s % 60)
}

/// The tables the text charts show: the first four and the last.
const SHOWN: [usize; 5] = [0, 1, 2, 3, TABLES - 1];

fn chart(
    out: &mut dyn Write,
    title: &str,
    exhibitions: &[(&str, &Exhibition)],
    row: impl Fn(&Exhibition, usize) -> String,
) -> io::Result<()> {
    writeln!(out, "{title}")?;
    for (name, exhibition) in exhibitions {
        writeln!(out, "  {name}")?;
        for table in SHOWN {
            if table == TABLES - 1 {
                writeln!(out, "    {:>9}", "...")?;
            }
            writeln!(
                out,
                "    table {:>2} |{}|",
                table + 1,
                row(exhibition, table)
            )?;
        }
    }
    Ok(())
}

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    let sync = play(true);
    let asynchronous = play(false);
    writeln!(
        out,
        "{TABLES} tables; the master moves in {} s, each opponent replies in {} s; \
         {PAIRS} move pairs a game",
        MASTER_MOVE.as_secs(),
        OPPONENT_MOVE.as_secs()
    )?;
    writeln!(
        out,
        "  one game at a time: last game over at {}",
        hms(sync.end())
    )?;
    writeln!(
        out,
        "  table to table:     last game over at {}",
        hms(asynchronous.end())
    )?;
    let last_move = asynchronous.moves.last().map_or(Duration::ZERO, |m| m.at) + MASTER_MOVE;
    writeln!(
        out,
        "  table to table:     master's last move done at {}",
        hms(last_move)
    )?;
    writeln!(
        out,
        "  {:.1} times faster; the master made {} moves either way",
        sync.end().as_secs_f64() / asynchronous.end().as_secs_f64(),
        sync.moves.len()
    )?;
    writeln!(out)?;

    let both = [
        ("one game at a time", &sync),
        ("table to table", &asynchronous),
    ];
    let half_hour = Duration::from_secs(1800);
    chart(
        out,
        "whole exhibition, one column = 30 min (# = game in progress)",
        &both,
        |e, t| e.coarse_row(t, half_hour, 25),
    )?;
    writeln!(out)?;
    chart(
        out,
        "first 4 minutes, one column = 5 s\n(M = the master moves here, - = the opponent thinks, . = the opponent waits for her)",
        &both,
        |e, t| e.fine_row(t, MASTER_MOVE, 48),
    )
}

// ANCHOR: svg
/// The timeline of both exhibitions as an SVG picture, for the book. A test
/// checks that `book/src/generated/chess.svg` is exactly this.
pub fn svg() -> String {
    let sync = play(true);
    let asynchronous = play(false);
    let (left, width, row_h) = (70.0, 820.0, 9.0);
    let panel_h = TABLES as f64 * row_h + 50.0;
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="920" height="{h}" viewBox="0 0 920 {h}" font-family="sans-serif" font-size="11">"#,
        h = 2.0 * panel_h + 10.0
    );
    // The picture's title and description, for screen readers.
    let _ = writeln!(
        s,
        "<title>The chess exhibition, one game at a time and table to table</title>\n\
         <desc>Two timelines of the {TABLES} games. Played one at a time, the games follow each \
         other for 12 hours. Played table to table, all of them run at once and end after about \
         an hour; the dark marks are the master's 5-second moves.</desc>"
    );
    let _ = writeln!(
        s,
        r##"<rect width="920" height="{}" fill="#ffffff"/>"##,
        2.0 * panel_h + 10.0
    );
    for (panel, (title, e, span, tick, unit)) in [
        ("one game at a time: 12 hours", &sync, 43_200.0, 3600.0, "h"),
        (
            "table to table: about 1 hour",
            &asynchronous,
            3_660.0,
            600.0,
            "min",
        ),
    ]
    .into_iter()
    .enumerate()
    {
        let top = panel as f64 * panel_h + 20.0;
        let x = |secs: f64| left + secs / span * width;
        let _ = writeln!(
            s,
            r#"<text x="{left}" y="{}" font-weight="bold">{title}</text>"#,
            top - 6.0
        );
        let mut t = 0.0;
        while t <= span {
            let label = if unit == "h" { t / 3600.0 } else { t / 60.0 };
            let _ = writeln!(
                s,
                r##"<line x1="{x:.1}" y1="{top}" x2="{x:.1}" y2="{y2}" stroke="#dddddd"/><text x="{x:.1}" y="{ty}" text-anchor="middle">{label}{unit}</text>"##,
                x = x(t),
                y2 = top + TABLES as f64 * row_h,
                ty = top + TABLES as f64 * row_h + 14.0
            );
            t += tick;
        }
        for table in 0..TABLES {
            let y = top + table as f64 * row_h;
            let (start, end) = (e.start(table).as_secs_f64(), e.ends[table].as_secs_f64());
            let _ = writeln!(
                s,
                r##"<text x="{}" y="{}" text-anchor="end">table {}</text><rect x="{:.1}" y="{y}" width="{:.1}" height="{}" fill="#9ecae1"/>"##,
                left - 6.0,
                y + row_h - 1.0,
                table + 1,
                x(start),
                x(end) - x(start),
                row_h - 2.0
            );
            if panel == 1 {
                for m in e.moves.iter().filter(|m| m.table == table) {
                    let _ = writeln!(
                        s,
                        r##"<rect x="{:.1}" y="{y}" width="{:.1}" height="{}" fill="#08519c"/>"##,
                        x(m.at.as_secs_f64()),
                        x(MASTER_MOVE.as_secs_f64()) - left,
                        row_h - 2.0
                    );
                }
            }
        }
    }
    s.push_str("</svg>\n");
    s
}
// ANCHOR_END: svg

/// The exhibition at a scale a reader can step through (4 tables, 3 move
/// pairs a game: the same moves, fewer of them), both ways, as turns: for
/// `cargo lab trace chess` and the book's viewer.
pub fn export() -> Export {
    const TABLES: usize = 4;
    const PAIRS: usize = 3;
    async fn small_game() {
        for _ in 0..PAIRS {
            blocking_sleep(MASTER_MOVE);
            sleep(OPPONENT_MOVE).await;
        }
    }
    let traced = |sync: bool| {
        let event_loop = timer_loop(&Clock::new_virtual()).with_trace();
        event_loop.run_until_complete(async move {
            let mut games = Vec::new();
            for table in 1..=TABLES {
                let game = spawn_named(format!("table-{table}"), small_game());
                if sync {
                    game.await.unwrap(); // the next table waits
                } else {
                    games.push(game);
                }
            }
            for game in games {
                game.await.unwrap();
            }
        });
        event_loop.take_trace()
    };
    Export {
        demo: "chess".to_owned(),
        chapter: 6,
        about: "the chess exhibition at small scale: 4 tables, 3 move pairs a game".to_owned(),
        programs: vec![
            Program::from_trace("one game at a time", &traced(true)),
            Program::from_trace("table to table", &traced(false)),
        ],
    }
}

fn main() -> io::Result<()> {
    if Export::present_if_asked(export)? {
        return Ok(());
    }
    run(&mut io::stdout().lock())
}
