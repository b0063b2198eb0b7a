//! What `lint` and `simulate` share: the context space they sweep and how
//! its findings are reported, and `simulate`'s other two inputs.
//!
//! - `space`: every kind of shopper a policy tells apart; `money` its
//!   currencies, amounts, countries and region tiers.
//! - `report`: groups of swept contexts that share an outcome.
//! - `diff`: two policies over the same space (`simulate --diff`).
//! - `population`: a weighted traffic file instead of the space
//!   (`simulate --population`).
//! - `assumed`: the share of decisions that rest on an assumed cell.

pub mod assumed;
pub mod diff;
pub mod money;
pub mod population;
pub mod report;
pub mod space;
