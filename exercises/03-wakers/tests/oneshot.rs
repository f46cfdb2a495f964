use ex03_wakers::oneshot as subject;
include!("../../../tests/03-wakers/oneshot.rs");
