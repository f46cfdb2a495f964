//! `cargo lab verify`'s table is a pure function of what each suite did on
//! each side; only "fails on the stub, passes on the solution" bites.

use lab::commands::{BiteRow, Outcome, render_bite_table};

fn row(id: &str, name: &str, stub: Outcome, solution: Outcome) -> BiteRow {
    BiteRow {
        id: id.to_owned(),
        name: name.to_owned(),
        stub,
        solution,
    }
}

#[test]
fn only_fail_then_pass_bites() {
    let rows = [
        row("1.1", "countdown", Outcome::Fails, Outcome::Passes),
        row("1.2", "echo", Outcome::Passes, Outcome::Passes),
        row("1.3", "delegate", Outcome::Fails, Outcome::Fails),
        row("1.4", "close", Outcome::DoesNotCompile, Outcome::Passes),
        row("1.5", "missing_files", Outcome::NotRun, Outcome::NotRun),
    ];
    let verdicts: Vec<bool> = rows.iter().map(BiteRow::bites).collect();
    assert_eq!(verdicts, [true, false, false, false, false]);
    insta::assert_snapshot!(anstream::adapter::strip_str(&render_bite_table(&rows)).to_string());
}
