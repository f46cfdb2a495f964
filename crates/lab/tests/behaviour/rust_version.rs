//! The Rust a learner needs is stated in one place, the workspace's
//! `rust-version` (which cargo enforces, and clippy's `incompatible_msrv`
//! lint holds the code's use of std to); the README and the book's how-to
//! page say the same number. (mdBook, which only the book needs, asks for a
//! newer Rust to install; both pages say so.)

use crate::common;

use std::fs;

/// The workspace's `rust-version`, from the top `Cargo.toml`.
fn workspace_rust_version() -> String {
    let manifest = fs::read_to_string(common::workspace_root().join("Cargo.toml"))
        .expect("the workspace has a Cargo.toml");
    let table = lab::toml_subset::parse(&manifest).expect("Cargo.toml parses");
    table
        .get_path(&["workspace", "package", "rust-version"])
        .and_then(|item| item.value.as_str())
        .expect("[workspace.package] sets rust-version")
        .to_owned()
}

#[test]
fn the_readme_and_the_book_state_the_workspace_rust_version() {
    let version = workspace_rust_version();
    for page in ["README.md", "book/src/how-to-use.md"] {
        let text = fs::read_to_string(common::workspace_root().join(page)).unwrap();
        let stated = format!("{version} or ");
        assert!(
            text.contains(&stated),
            "{page} should say the Rust it needs is {version} or newer (the workspace's \
             rust-version); it does not contain {stated:?}"
        );
    }
}
