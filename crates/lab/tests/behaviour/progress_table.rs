//! The progress table is a pure function of the statuses: pinned with a
//! snapshot, and remembered across checks without forgetting other chapters.

use lab::progress::{Progress, Row, Status, render_table};

fn row(id: &str, name: &str, status: Status) -> Row {
    Row {
        id: id.to_owned(),
        name: name.to_owned(),
        status,
    }
}

fn fixture_rows() -> Vec<Row> {
    vec![
        row("1.1", "countdown", Status::Done),
        row("1.2", "echo", Status::Failing),
        row("1.3", "delegate_with_yield_from", Status::NotStarted),
        row("2.1", "poll", Status::NotStarted),
    ]
}

/// What the learner sees with colour off.
fn plain(text: &str) -> String {
    anstream::adapter::strip_str(text).to_string()
}

#[test]
fn table_of_mixed_statuses() {
    insta::assert_snapshot!(plain(&render_table(&fixture_rows())));
}

#[test]
fn table_when_all_done() {
    let rows = vec![
        row("1.1", "countdown", Status::Done),
        row("1.2", "echo", Status::Done),
    ];
    insta::assert_snapshot!(plain(&render_table(&rows)));
}

#[test]
fn statuses_are_coloured_when_colour_is_on() {
    let styled = render_table(&fixture_rows());
    assert_ne!(styled, plain(&styled), "the raw table carries styles");
}

#[test]
fn merging_a_chapter_keeps_the_other_chapters() {
    let mut saved = Progress {
        rows: fixture_rows(),
    };
    saved.merge(&[row("1.2", "echo", Status::Done)]);
    assert_eq!(saved.status_of("1.2"), Some(Status::Done));
    assert_eq!(saved.status_of("2.1"), Some(Status::NotStarted));
    assert_eq!(saved.rows.len(), 4);

    let text = saved.render();
    let back = Progress::parse(&text).unwrap();
    assert_eq!(back, saved, "the progress file round-trips:\n{text}");
    assert!(text.contains("status = \"not-started\""), "{text}");
}
