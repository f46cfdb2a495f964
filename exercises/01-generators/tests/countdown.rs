use ex01_generators::countdown as subject;
include!("../../../tests/01-generators/countdown.rs");
