use ex04_executor::cancel as subject;
include!("../../../tests/04-executor/cancel.rs");
