//! When an exercise's tests crash (a stack overflow, an abort), `cargo lab
//! check --verbose` shows why: the runtime's own lines and the signal, not
//! only cargo's "process didn't exit successfully".

use crate::common;

use std::time::Duration;

use common::{real_workspace, spawn_lab};

const OVERFLOWING: &str = "pub fn countdown() -> u32 {
    #[allow(unconditional_recursion)]
    fn deeper(n: u64) -> u64 {
        let a = [n; 64];
        deeper(a[3] + 1) + a[5]
    }
    deeper(0) as u32
}
";

#[test]
fn a_stack_overflow_shows_its_cause_and_signal() {
    let (root, target) = real_workspace("crash_overflow", OVERFLOWING);
    let target = target.to_string_lossy().into_owned();
    let run = spawn_lab(
        &root,
        &["check", "1", "--verbose"],
        &[("CARGO_TARGET_DIR", target.as_str())],
    )
    .finish(Duration::from_secs(240))
    .expect("the check ends");
    assert_eq!(run.code, Some(1), "{run:?}");
    let said = run
        .stdout
        .split("── 1.1 countdown: what the tests said ──")
        .nth(1)
        .unwrap_or_else(|| panic!("no excerpt for 1.1:\n{}", run.stdout));
    assert!(said.contains("has overflowed its stack"), "{said}");
    assert!(said.contains("fatal runtime error"), "{said}");
    assert!(said.contains("SIGABRT"), "{said}");
    assert!(
        said.contains("recursion that never ends"),
        "says what it usually means: {said}"
    );
}
