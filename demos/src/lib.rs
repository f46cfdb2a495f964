//! The demos' package. It has no code of its own: its examples are the
//! demo programs of every stage, which live beside that stage's code in
//! `crates/NN-slug/examples/`. Run one with `cargo lab demo CHAPTER NAME`,
//! or `cargo run -p aio-demos --example NAME`.
//!
//! Why a package apart: see the comment in its `Cargo.toml`.
