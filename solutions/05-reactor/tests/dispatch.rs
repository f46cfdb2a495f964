use sol05_reactor::dispatch as subject;
include!("../../../tests/05-reactor/dispatch.rs");
