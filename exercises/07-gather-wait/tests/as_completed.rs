use ex07_gather_wait::as_completed as subject;
include!("../../../tests/07-gather-wait/as_completed.rs");
