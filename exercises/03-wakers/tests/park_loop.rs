use ex03_wakers::park_loop as subject;
include!("../../../tests/03-wakers/park_loop.rs");
