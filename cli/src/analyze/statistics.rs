//! The statistics of `paysel analyze`, on counts only. Distributions come
//! from statrs; the formulas are the textbook ones, named below, and the
//! `analyze` lane checks every figure against statsmodels and scipy.
//!
//! - Rates get a 95% Wilson score interval (no continuity correction).
//! - A variant against the control gets the difference `variant - control`
//!   with Newcombe's hybrid score interval (his method 10, built from the
//!   two Wilson intervals), and the two-sided p-value of the pooled
//!   two-proportion z-test.
//! - Power: the exposures per arm that detect a difference of one
//!   percentage point from the control's rate (control + 1 pp, or - 1 pp
//!   above 99%) with 80% power in a two-sided test at 5%, with the pooled
//!   variance under the null and the unpooled one under the alternative
//!   (Fleiss, without continuity correction; statsmodels'
//!   `samplesize_proportions_2indep_onetail`), rounded up.
//! - Sample-ratio mismatch: Pearson's chi-square test of the observed
//!   exposures per variant against the policy's weights.
//!
//! Undefined figures (no exposures, a pooled rate of 0 or 1) are `None`.

use statrs::distribution::{ChiSquared, ContinuousCDF, Normal};

/// The two-sided significance level of the tests and intervals.
pub const ALPHA: f64 = 0.05;
/// The power the sample-size figure is computed for.
pub const POWER: f64 = 0.80;
/// The difference the sample-size figure is computed for: one point.
pub const MIN_EFFECT: f64 = 0.01;
/// The p-value below which a split is a sample-ratio mismatch.
pub const SRM_ALPHA: f64 = 0.001;

fn normal() -> Option<Normal> {
    Normal::new(0.0, 1.0).ok()
}

/// The standard normal quantile of `p`.
pub fn z(p: f64) -> Option<f64> {
    normal().map(|n| n.inverse_cdf(p))
}

/// The 95% Wilson score interval of `x` successes in `n` trials.
pub fn wilson(x: u64, n: u64) -> Option<(f64, f64)> {
    if n == 0 || x > n {
        return None;
    }
    let z = z(1.0 - ALPHA / 2.0)?;
    let (x, n) = (x as f64, n as f64);
    let p = x / n;
    let z2 = z * z;
    let centre = (p + z2 / (2.0 * n)) / (1.0 + z2 / n);
    let half = z / (1.0 + z2 / n) * (p * (1.0 - p) / n + z2 / (4.0 * n * n)).sqrt();
    Some(((centre - half).max(0.0), (centre + half).min(1.0)))
}

/// Newcombe's 95% interval of `x1/n1 - x0/n0`.
pub fn newcombe(x1: u64, n1: u64, x0: u64, n0: u64) -> Option<(f64, f64)> {
    let (l1, u1) = wilson(x1, n1)?;
    let (l0, u0) = wilson(x0, n0)?;
    let (p1, p0) = (x1 as f64 / n1 as f64, x0 as f64 / n0 as f64);
    let d = p1 - p0;
    let low = d - ((p1 - l1).powi(2) + (u0 - p0).powi(2)).sqrt();
    let high = d + ((u1 - p1).powi(2) + (p0 - l0).powi(2)).sqrt();
    Some((low, high))
}

/// The two-sided p-value of the pooled two-proportion z-test.
pub fn two_proportion_p(x1: u64, n1: u64, x0: u64, n0: u64) -> Option<f64> {
    if n1 == 0 || n0 == 0 || x1 > n1 || x0 > n0 {
        return None;
    }
    let (p1, p0) = (x1 as f64 / n1 as f64, x0 as f64 / n0 as f64);
    let pooled = (x1 + x0) as f64 / (n1 + n0) as f64;
    let se = (pooled * (1.0 - pooled) * (1.0 / n1 as f64 + 1.0 / n0 as f64)).sqrt();
    if se <= 0.0 || !se.is_finite() {
        return None;
    }
    let statistic = (p1 - p0) / se;
    Some(2.0 * normal()?.sf(statistic.abs()))
}

/// Exposures per arm to detect one point from `control_rate` (see the
/// module text).
pub fn needed_per_arm(control_rate: f64) -> Option<u64> {
    if !(0.0..=1.0).contains(&control_rate) {
        return None;
    }
    let p0 = control_rate;
    let p1 = if p0 + MIN_EFFECT <= 1.0 {
        p0 + MIN_EFFECT
    } else {
        p0 - MIN_EFFECT
    };
    let pooled = (p0 + p1) / 2.0;
    let z_alpha = z(1.0 - ALPHA / 2.0)?;
    let z_beta = z(POWER)?;
    let null = (2.0 * pooled * (1.0 - pooled)).sqrt();
    let alternative = (p0 * (1.0 - p0) + p1 * (1.0 - p1)).sqrt();
    let n = ((z_alpha * null + z_beta * alternative) / MIN_EFFECT).powi(2);
    // Finite and positive for every rate in [0, 1].
    Some(n.ceil() as u64)
}

/// Pearson's chi-square statistic, its degrees of freedom and p-value, for
/// `observed` counts against expected `shares` (any positive scale). A
/// category with share 0 and no observations is left out; one with share 0
/// and observations makes the p-value 0.
pub fn chi_square(observed: &[u64], shares: &[f64]) -> Option<(f64, u64, f64)> {
    let total: u64 = observed.iter().sum();
    let share_sum: f64 = shares.iter().sum();
    if total == 0 || share_sum <= 0.0 || observed.len() != shares.len() {
        return None;
    }
    let mut statistic = 0.0;
    let mut categories = 0u64;
    let mut impossible = false;
    for (&o, &share) in observed.iter().zip(shares) {
        let expected = total as f64 * share / share_sum;
        if expected <= 0.0 {
            impossible |= o > 0;
            continue;
        }
        categories += 1;
        statistic += (o as f64 - expected).powi(2) / expected;
    }
    let df = categories.checked_sub(1).filter(|&d| d > 0)?;
    if impossible {
        return Some((f64::INFINITY, df, 0.0));
    }
    let p = ChiSquared::new(df as f64).ok()?.sf(statistic);
    Some((statistic, df, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    // Textbook values (Newcombe 1998, table I and II) guard the formulas
    // here; the analyze lane compares many more with statsmodels.
    #[test]
    fn wilson_matches_newcombe_1998() {
        let (l, u) = wilson(81, 263).unwrap();
        assert!((l - 0.2553).abs() < 5e-5 && (u - 0.3662).abs() < 5e-5, "{l} {u}");
        let (l, u) = wilson(0, 10).unwrap();
        assert!(close(l, 0.0) && (u - 0.2775).abs() < 5e-5, "{l} {u}");
        assert_eq!(wilson(0, 0), None);
        assert_eq!(wilson(3, 2), None);
    }

    #[test]
    fn newcombe_matches_newcombe_1998() {
        // 56/70 - 48/80: 0.0524 to 0.3339 (method 10).
        let (l, u) = newcombe(56, 70, 48, 80).unwrap();
        assert!((l - 0.0524).abs() < 5e-5 && (u - 0.3339).abs() < 5e-5, "{l} {u}");
    }

    #[test]
    fn z_test_and_power() {
        let p = two_proportion_p(120, 1000, 100, 1000).unwrap();
        assert!((p - 0.1530).abs() < 5e-4, "{p}");
        assert_eq!(two_proportion_p(0, 10, 0, 12), None);
        // 10% control: about 14,750 per arm for one point.
        let n = needed_per_arm(0.10).unwrap();
        assert!((14_700..14_800).contains(&n), "{n}");
        assert!(needed_per_arm(0.0).unwrap() > 0);
        assert!(needed_per_arm(1.0).unwrap() > 0);
    }

    #[test]
    fn chi_square_split() {
        let (s, df, p) = chi_square(&[500, 500], &[50.0, 50.0]).unwrap();
        assert!(close(s, 0.0) && df == 1 && close(p, 1.0));
        let (_, _, p) = chi_square(&[1000, 1200], &[50.0, 50.0]).unwrap();
        assert!(p < SRM_ALPHA, "{p}");
        let (s, _, p) = chi_square(&[10, 5, 1], &[50.0, 50.0, 0.0]).unwrap();
        assert!(s.is_infinite() && p == 0.0);
        assert_eq!(chi_square(&[10], &[100.0]), None);
    }
}
