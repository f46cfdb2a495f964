use sol07_gather_wait::cancel_on_drop as subject;
include!("../../../tests/07-gather-wait/cancel_on_drop.rs");
