use ex07_gather_wait::gather_vec as subject;
include!("../../../tests/07-gather-wait/gather_vec.rs");
