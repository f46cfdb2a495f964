use sol01_generators::round_robin as subject;
include!("../../../tests/01-generators/round_robin.rs");
