use sol09_whole_runtime::thread_wake as subject;
include!("../../../tests/09-whole-runtime/thread_wake.rs");
