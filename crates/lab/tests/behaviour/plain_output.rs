//! Colours only on a terminal: piped output is plain, `NO_COLOR` wins even
//! over a forced colour, and forcing colour shows that there are colours to
//! remove at all.

use crate::common;

use common::{fixture_root, lab, lab_with_env, scratch_copy};

const ESCAPE: char = '\u{1b}';

#[test]
fn piped_output_has_no_colour_codes() {
    // `hint` records what it showed, so it runs on a copy.
    let root = scratch_copy("plain_output");
    for args in [&[][..], &["demo", "1"], &["demo", "9"], &["hint", "1.1"]] {
        let run = lab(&root, args);
        assert!(
            !run.stdout.contains(ESCAPE),
            "{args:?} stdout: {:?}",
            run.stdout
        );
        assert!(
            !run.stderr.contains(ESCAPE),
            "{args:?} stderr: {:?}",
            run.stderr
        );
    }
}

#[test]
fn forced_colour_is_coloured_unless_no_color_is_set() {
    let forced = lab_with_env(&fixture_root(), &[], &[("CLICOLOR_FORCE", "1")]);
    assert!(
        forced.stdout.contains(ESCAPE),
        "forced: {:?}",
        forced.stdout
    );

    let refused = lab_with_env(
        &fixture_root(),
        &[],
        &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")],
    );
    assert!(
        !refused.stdout.contains(ESCAPE),
        "NO_COLOR: {:?}",
        refused.stdout
    );
    assert_eq!(
        refused.stdout,
        lab(&fixture_root(), &[]).stdout,
        "without colour the text is the same as piped"
    );
}
