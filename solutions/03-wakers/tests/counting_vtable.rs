use sol03_wakers::counting_vtable as subject;
include!("../../../tests/03-wakers/counting_vtable.rs");
