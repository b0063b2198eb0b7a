//! The test lanes, one module per platform.

pub mod analyze;
pub mod bench;
pub mod core;
pub mod demo;
pub mod fuzz;
pub mod mobile;
pub mod wasm;
