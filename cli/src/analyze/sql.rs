//! `paysel analyze --sql`: the same analysis as SQL over the event schema,
//! for the warehouses merchants run (DuckDB, Spark SQL, BigQuery).
//!
//! It sticks to what the three share: CTEs, CASE, SUM, SQRT, CEIL,
//! GREATEST and LEAST, ROW_NUMBER, struct field access and integer `/`
//! giving a float. Two things differ and are said in the text: Spark SQL
//! unnests an array with `LATERAL VIEW explode(...)` where DuckDB and
//! BigQuery write `CROSS JOIN UNNEST(...)`, and SQL has no normal or
//! chi-square distribution, so the policy's weights and the critical values
//! (from statrs, for the policy's experiments) are written into the query,
//! which reports a z statistic and a significance flag instead of p-values.

use super::statistics::{z, ALPHA, MIN_EFFECT, POWER, SRM_ALPHA};
use paysel_core::Policy;
use statrs::distribution::{ChiSquared, ContinuousCDF};
use std::fmt::Write;

/// The two statements (experiments, then launch cells), or why the policy's
/// ids cannot be written as portable SQL literals.
pub fn analysis(policy: &Policy, threshold: f64) -> Result<String, String> {
    let z_alpha = z(1.0 - ALPHA / 2.0).ok_or("no normal distribution")?;
    let z_beta = z(POWER).ok_or("no normal distribution")?;
    let variants = policy_variants(policy)?;
    Ok(TEMPLATE
        .replace("{policy_variants}", &variants)
        .replace("{z}", &float(z_alpha))
        .replace("{z_beta}", &float(z_beta))
        .replace("{effect}", &float(MIN_EFFECT))
        .replace("{threshold}", &float(threshold))
        .replace("{unnest}", UNNEST))
}

/// A float literal in exponent form, which all three dialects read as a
/// double (a plain `0.01` is a DECIMAL in DuckDB and Spark SQL).
fn float(v: f64) -> String {
    format!("{v:e}")
}

/// The one dialect line.
const UNNEST: &str = "CROSS JOIN UNNEST(ev.experiments) AS e  -- Spark SQL: LATERAL VIEW explode(ev.experiments) exploded AS e";

/// A string literal, for ids without quotes, backslashes or control
/// characters (the three dialects escape those differently).
fn literal(id: &str) -> Result<String, String> {
    if id.chars().any(|c| c == '\'' || c == '\\' || c.is_control()) {
        return Err(format!(
            "the id `{}` has a quote, a backslash or a control character, which the SQL dialects escape differently",
            id.escape_debug()
        ));
    }
    Ok(format!("'{id}'"))
}

/// The policy's variants with their order, weight and the chi-square
/// critical value of their experiment, as a CTE body.
fn policy_variants(policy: &Policy) -> Result<String, String> {
    let mut rows = Vec::new();
    for e in &policy.experiments {
        let weighted = e.variants.iter().filter(|v| v.weight > 0).count();
        let critical = match weighted.checked_sub(1).filter(|&df| df > 0) {
            Some(df) => ChiSquared::new(df as f64)
                .map_err(|e| e.to_string())?
                .inverse_cdf(1.0 - SRM_ALPHA),
            None => f64::INFINITY,
        };
        // No test with fewer than two weighted variants: a bound never reached.
        let critical = float(if critical.is_finite() { critical } else { 1e300 });
        for (rank, v) in e.variants.iter().enumerate() {
            rows.push(format!(
                "SELECT {} AS experiment, {} AS variant, {} AS variant_rank, {} AS weight, {critical} AS srm_critical FROM (SELECT 1 AS one) AS row_source",
                literal(&e.id)?,
                literal(&v.id)?,
                rank + 1,
                v.weight
            ));
        }
    }
    if rows.is_empty() {
        rows.push(
            "SELECT CAST(NULL AS STRING) AS experiment, CAST(NULL AS STRING) AS variant, 0 AS variant_rank, 0 AS weight, 0e0 AS srm_critical FROM (SELECT 1 AS one) AS row_source WHERE 1 = 0"
                .to_owned(),
        );
    }
    let mut out = String::new();
    for (i, row) in rows.iter().enumerate() {
        let _ = write!(out, "{}  {row}", if i == 0 { "" } else { "\n  UNION ALL\n" });
    }
    Ok(out)
}

const TEMPLATE: &str = r#"-- paysel analyze --sql: experiments and launch cells over the event schema.
--
-- Input: a table or view `paysel_events` with one row per event line and the
-- columns of the documented schema (README, "Analytics events"):
--   type STRING, checkout_id STRING, policy_version BIGINT,
--   environment STRUCT<platform STRING, form_factor STRING, host STRING>,
--   experiments ARRAY<STRUCT<experiment STRING, variant STRING>>,
--   rail STRING, launch STRING, result STRING, position BIGINT,
--   preselected STRING (a rail id in exposures, true or false in selections)
-- (`shown` and `hidden` are not needed). Log each event once: every row counts.
--
-- Runs on DuckDB, Spark SQL and BigQuery. Dialect note: Spark SQL unnests
-- with the LATERAL VIEW form given next to CROSS JOIN UNNEST below.
-- SQL has no normal distribution: comparisons report the z statistic and
-- `significant` (|z| above the two-sided 5% critical value), and `paysel
-- analyze` gives the p-values. Rates are proportions, differences are in
-- percentage points. Sample-ratio weights come from the policy this text was
-- generated with.

-- 1. Experiments: one row per variant, the control first.
WITH policy_variants AS (
{policy_variants}
),
policy_experiments AS (
  SELECT DISTINCT experiment, srm_critical FROM policy_variants
),
assignments AS (
  SELECT e.experiment AS experiment, e.variant AS variant, ev.type AS event_type, ev.result AS event_result
  FROM paysel_events AS ev
  {unnest}
  WHERE ev.type = 'exposure' OR (ev.type = 'outcome' AND ev.result = 'paid')
),
arms AS (
  SELECT experiment, variant,
    SUM(CASE WHEN event_type = 'exposure' THEN 1 ELSE 0 END) AS exposures,
    SUM(CASE WHEN event_type = 'outcome' THEN 1 ELSE 0 END) AS conversions
  FROM assignments
  GROUP BY experiment, variant
),
ranked AS (
  SELECT a.experiment, a.variant, a.exposures, a.conversions,
    CASE WHEN pv.variant_rank IS NOT NULL THEN pv.variant_rank
         WHEN pe.experiment IS NULL AND a.variant = 'control' THEN 0
         ELSE 1000 END AS variant_rank,
    CASE WHEN pe.experiment IS NULL THEN 0 ELSE 1 END AS in_policy,
    pv.weight AS weight
  FROM arms AS a
  LEFT JOIN policy_variants AS pv ON pv.experiment = a.experiment AND pv.variant = a.variant
  LEFT JOIN policy_experiments AS pe ON pe.experiment = a.experiment
),
rates AS (
  SELECT experiment, variant, exposures, conversions, variant_rank, in_policy, weight,
    CASE WHEN exposures > 0 AND conversions <= exposures THEN conversions / exposures END AS rate
  FROM ranked
),
wilson AS (
  SELECT experiment, variant, exposures, conversions, variant_rank, in_policy, weight, rate,
    CASE WHEN rate IS NOT NULL THEN
      GREATEST(0, (rate + {z} * {z} / (2 * exposures)) / (1 + {z} * {z} / exposures)
        - {z} / (1 + {z} * {z} / exposures) * SQRT(rate * (1 - rate) / exposures + {z} * {z} / (4 * exposures) / exposures)) END AS ci_low,
    CASE WHEN rate IS NOT NULL THEN
      LEAST(1, (rate + {z} * {z} / (2 * exposures)) / (1 + {z} * {z} / exposures)
        + {z} / (1 + {z} * {z} / exposures) * SQRT(rate * (1 - rate) / exposures + {z} * {z} / (4 * exposures) / exposures)) END AS ci_high
  FROM rates
),
controls AS (
  SELECT experiment, variant FROM policy_variants WHERE variant_rank = 1
  UNION ALL
  SELECT experiment, variant FROM (
    SELECT experiment, variant, ROW_NUMBER() OVER (PARTITION BY experiment ORDER BY variant_rank, variant) AS rn
    FROM ranked WHERE in_policy = 0
  ) AS firsts WHERE rn = 1
),
control_arms AS (
  SELECT w.* FROM wilson AS w JOIN controls AS c ON c.experiment = w.experiment AND c.variant = w.variant
),
compared AS (
  SELECT w.experiment, w.variant, w.exposures, w.conversions, w.variant_rank, w.in_policy, w.weight,
    w.rate, w.ci_low, w.ci_high,
    CASE WHEN w.variant <> c.variant THEN 100 * (w.rate - c.rate) END AS diff_pp,
    CASE WHEN w.variant <> c.variant THEN 100 * (w.rate - c.rate
      - SQRT((w.rate - w.ci_low) * (w.rate - w.ci_low) + (c.ci_high - c.rate) * (c.ci_high - c.rate))) END AS diff_ci_low,
    CASE WHEN w.variant <> c.variant THEN 100 * (w.rate - c.rate
      + SQRT((w.ci_high - w.rate) * (w.ci_high - w.rate) + (c.rate - c.ci_low) * (c.rate - c.ci_low))) END AS diff_ci_high,
    CASE WHEN w.variant <> c.variant THEN (w.conversions + c.conversions) / (w.exposures + c.exposures) END AS pooled,
    c.exposures AS control_exposures,
    c.rate AS control_rate
  FROM wilson AS w
  LEFT JOIN control_arms AS c ON c.experiment = w.experiment
),
tested AS (
  SELECT compared.*,
    CASE WHEN pooled > 0 AND pooled < 1 THEN (diff_pp / 100)
      / SQRT(pooled * (1 - pooled) * (1 / exposures + 1 / control_exposures)) END AS z_statistic,
    CASE WHEN control_rate + {effect} <= 1 THEN control_rate + {effect} ELSE control_rate - {effect} END AS target_rate
  FROM compared
),
srm AS (
  SELECT r.experiment,
    SUM(CASE WHEN pv.weight > 0 AND t.total > 0 THEN
      (r.exposures - t.total * pv.weight / t.weights) * (r.exposures - t.total * pv.weight / t.weights)
        / (t.total * pv.weight / t.weights) END) AS chi_square,
    SUM(CASE WHEN pv.weight IS NULL THEN 1 WHEN pv.weight = 0 THEN r.exposures ELSE 0 END) AS off_weight
  FROM ranked AS r
  JOIN (
    SELECT a.experiment, SUM(a.exposures) AS total, MAX(w.weights) AS weights
    FROM ranked AS a
    JOIN (SELECT experiment, SUM(weight) AS weights FROM policy_variants GROUP BY experiment) AS w
      ON w.experiment = a.experiment
    GROUP BY a.experiment
  ) AS t ON t.experiment = r.experiment
  LEFT JOIN policy_variants AS pv ON pv.experiment = r.experiment AND pv.variant = r.variant
  GROUP BY r.experiment
)
SELECT t.experiment, t.variant, t.exposures, t.conversions, t.rate, t.ci_low, t.ci_high,
  t.diff_pp, t.diff_ci_low, t.diff_ci_high, t.z_statistic,
  CASE WHEN t.z_statistic IS NULL THEN NULL
       WHEN ABS(t.z_statistic) > {z} THEN 1 ELSE 0 END AS significant,
  CEIL((({z} * SQRT(2 * ((t.control_rate + t.target_rate) / 2) * (1 - (t.control_rate + t.target_rate) / 2))
    + {z_beta} * SQRT(t.control_rate * (1 - t.control_rate) + t.target_rate * (1 - t.target_rate))) / {effect})
    * (({z} * SQRT(2 * ((t.control_rate + t.target_rate) / 2) * (1 - (t.control_rate + t.target_rate) / 2))
    + {z_beta} * SQRT(t.control_rate * (1 - t.control_rate) + t.target_rate * (1 - t.target_rate))) / {effect})) AS needed_per_arm,
  t.in_policy,
  s.chi_square AS srm_chi_square,
  CASE WHEN s.experiment IS NULL THEN NULL
       WHEN s.chi_square > pe.srm_critical OR s.off_weight > 0 THEN 1 ELSE 0 END AS srm_mismatch
FROM tested AS t
LEFT JOIN srm AS s ON s.experiment = t.experiment
LEFT JOIN policy_experiments AS pe ON pe.experiment = t.experiment
ORDER BY t.experiment, t.variant_rank, t.variant;

-- 2. Launch cells: one row per host, rail and launch, flagged when the lower
-- bound of the failure rate's 95% Wilson interval is above {threshold}.
WITH cells AS (
  SELECT ev.environment.host AS host, ev.rail AS rail, ev.launch AS launch,
    SUM(CASE WHEN ev.type = 'selection' THEN 1 ELSE 0 END) AS attempts,
    SUM(CASE WHEN ev.type = 'outcome' THEN 1 ELSE 0 END) AS failures
  FROM paysel_events AS ev
  WHERE ev.type = 'selection' OR (ev.type = 'outcome' AND ev.result = 'launch_failed')
  GROUP BY ev.environment.host, ev.rail, ev.launch
),
rates AS (
  SELECT host, rail, launch, attempts, failures,
    CASE WHEN attempts > 0 AND failures <= attempts THEN failures / attempts END AS failure_rate
  FROM cells
),
wilson AS (
  SELECT host, rail, launch, attempts, failures, failure_rate,
    CASE WHEN failure_rate IS NOT NULL THEN
      GREATEST(0, (failure_rate + {z} * {z} / (2 * attempts)) / (1 + {z} * {z} / attempts)
        - {z} / (1 + {z} * {z} / attempts) * SQRT(failure_rate * (1 - failure_rate) / attempts + {z} * {z} / (4 * attempts) / attempts)) END AS ci_low,
    CASE WHEN failure_rate IS NOT NULL THEN
      LEAST(1, (failure_rate + {z} * {z} / (2 * attempts)) / (1 + {z} * {z} / attempts)
        + {z} / (1 + {z} * {z} / attempts) * SQRT(failure_rate * (1 - failure_rate) / attempts + {z} * {z} / (4 * attempts) / attempts)) END AS ci_high
  FROM rates
)
SELECT host, rail, launch, attempts, failures, failure_rate, ci_low, ci_high,
  CASE WHEN ci_low > {threshold} THEN 1 ELSE 0 END AS flagged
FROM wilson
ORDER BY rail, host, launch;
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn two_statements_with_the_policy_written_in() {
        let engine = paysel_core::Engine::from_policy_json(
            r#"{"schema":"paysel.policy/1","version":1,"rails":[{"id":"card"}],
            "experiments":[{"id":"e1","salt":"s","variants":[{"id":"a","weight":50},{"id":"b","weight":50}]}]}"#,
        )
        .unwrap();
        let sql = analysis(engine.policy(), 0.2).unwrap();
        // Statements split on `;`: comments must not hold one.
        assert_eq!(sql.matches(';').count(), 2, "{sql}");
        assert!(sql.contains("SELECT 'e1' AS experiment, 'b' AS variant, 2 AS variant_rank, 50 AS weight"));
        assert!(!sql.contains('{'), "a placeholder is left: {sql}");
        let none = analysis(paysel_core::Engine::with_default_policy().policy(), 0.2).unwrap();
        assert!(none.contains("WHERE 1 = 0"));
    }

    #[test]
    fn refuses_ids_it_cannot_quote_portably() {
        assert!(literal("it's").is_err());
        assert!(literal("a\\b").is_err());
        assert_eq!(literal("card_first").unwrap(), "'card_first'");
    }
}
