use sol04_executor::yield_now as subject;
include!("../../../tests/04-executor/yield_now.rs");
