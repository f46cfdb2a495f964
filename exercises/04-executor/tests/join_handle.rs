use ex04_executor::join_handle as subject;
include!("../../../tests/04-executor/join_handle.rs");
