use sol09_whole_runtime::crawl_worker as subject;
include!("../../../tests/09-whole-runtime/crawl_worker.rs");
