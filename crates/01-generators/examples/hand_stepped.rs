//! Steps two generators by hand and prints each one's state between
//! resumes: the enum variant is where the generator paused, its fields are
//! the frame that survives the pause.
//!
//! Run: cargo lab demo 1 hand_stepped

use std::io::{self, Write};

use aio_generators::{Generator, running_total, two_values};

pub fn run(out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "# two_values(\"ping\", \"pong\"): calling it runs nothing"
    )?;
    let mut pair = two_values("ping", "pong");
    writeln!(out, "{:<9}{pair:?}", "state")?;
    // Three resumes: two yields, then the end of the body.
    for _ in 0..3 {
        let step = pair.resume(());
        writeln!(out, "{:<9}-> {step:?}", "next()")?;
        writeln!(out, "{:<9}{pair:?}", "state")?;
    }

    writeln!(out)?;
    writeln!(out, "# running_total(): values go in through send")?;
    let mut total = running_total();
    writeln!(out, "{:<9}{total:?}", "state")?;
    // `None` is Python's next(); it must come first.
    for sent in [None, Some(5), Some(10), None, Some(-3)] {
        let step = total.resume(sent);
        let call = match sent {
            None => "next()".to_owned(),
            Some(value) => format!("send({value})"),
        };
        writeln!(out, "{call:<9}-> {step:?}")?;
        writeln!(out, "{:<9}{total:?}", "state")?;
    }
    Ok(())
}

fn main() -> io::Result<()> {
    run(&mut io::stdout().lock())
}
