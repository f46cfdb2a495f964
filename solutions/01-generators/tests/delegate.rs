use sol01_generators::delegate as subject;
include!("../../../tests/01-generators/delegate.rs");
