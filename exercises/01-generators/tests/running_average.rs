use ex01_generators::running_average as subject;
include!("../../../tests/01-generators/running_average.rs");
