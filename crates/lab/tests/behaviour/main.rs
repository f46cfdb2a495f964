//! The lab tool's tests: one module per behaviour of `cargo lab`, all
//! linked into one test binary. (A binary per file cost two seconds of
//! linking each, more than the tests take to run on a small machine.) Run
//! one behaviour with `cargo test -p lab --test behaviour <module>::`.

mod common;

mod closed_output;

mod bite_table;
mod book_includes;
mod book_pictures;
mod build_break;
mod chapter_names;
mod course_data;
mod crashes;
mod demo_list;
mod diagrams;
mod failure_excerpt;
mod help;
mod hints;
mod lab_state;
mod plain_output;
mod progress_table;
mod reset;
mod rust_version;
mod suite_messages;
mod time_limit;
mod toml_files;
mod tour;
mod trace_command;
mod unknown_names;
mod watch_files;
mod wrong_fixtures;
