//! The trace exports the book's viewer plays are what the demos trace now
//! (the check never writes them; `cargo lab trace --book` does).

use crate::demos::echo;

use aio_testkit::generated::assert_current;

#[test]
fn echo_export_is_current() -> std::io::Result<()> {
    assert_current(
        "book/src/generated/traces/echo.json",
        &echo::export()?.to_json(),
        "cargo lab trace echo --json --out book/src/generated/traces/echo.json",
    );
    Ok(())
}
