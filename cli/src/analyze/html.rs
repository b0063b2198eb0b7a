//! `paysel analyze --html FILE`: the report as one self-contained page:
//! inline CSS and SVG charts, no script, and a Content-Security-Policy that
//! forbids loading anything, so the page opens the same offline.

use super::report::{p_text, ArmRow, CellRow, Report};
use super::statistics::ALPHA;
use crate::io::count;
use paysel_core::WireEnum;
use std::fmt::Write;

/// Launch cells charted, worst lower bound first.
const CHARTED_CELLS: usize = 12;

const STYLE: &str = "body{font:14px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:64rem;padding:0 1rem;color:#1b1f24}\
h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;margin:.5rem 0}\
th,td{padding:.2rem .6rem;border-bottom:1px solid #d0d7de;text-align:right}th:first-child,td:first-child{text-align:left}\
.bad{color:#b3261e;font-weight:600}.ok{color:#1a7f37}pre{background:#f6f8fa;padding:.6rem;overflow:auto}\
svg text{font:12px system-ui,sans-serif}";

/// The page.
pub fn page(report: &Report) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
<title>paysel analyze</title><style>{STYLE}</style></head><body><h1>paysel analyze</h1>"
    );
    let e = &report.events;
    let _ = write!(
        out,
        "<p>{} lines: {} exposures, {} selections, {} outcomes, <span class=\"{}\">{} malformed</span>.</p>",
        count(e.lines),
        count(e.exposures),
        count(e.selections),
        count(e.outcomes),
        if e.malformed > 0 { "bad" } else { "ok" },
        count(e.malformed)
    );
    if !report.malformed.is_empty() {
        out.push_str("<details><summary>Malformed lines</summary><ul>");
        for m in &report.malformed {
            let _ = write!(out, "<li>{}:{}: {}</li>", esc(&m.source), m.line, esc(&m.error));
        }
        out.push_str("</ul></details>");
    }
    for w in &report.warnings {
        let _ = write!(out, "<p class=\"bad\">Warning: {}</p>", esc(w));
    }
    experiments(&mut out, report);
    launch(&mut out, report);
    out.push_str("</body></html>\n");
    out
}

fn experiments(out: &mut String, report: &Report) {
    out.push_str("<h2>Experiments</h2>");
    if report.sample_ratio.is_empty() {
        out.push_str("<p>No experiment exposures.</p>");
    }
    for srm in &report.sample_ratio {
        let rows: Vec<&ArmRow> = report
            .experiments
            .iter()
            .filter(|r| r.experiment == srm.experiment)
            .collect();
        let _ = write!(out, "<h3>{}</h3>", esc(&srm.experiment));
        out.push_str(&rate_chart(&rows));
        out.push_str(
            "<table><tr><th>variant</th><th>exposures</th><th>conversions</th><th>rate</th><th>95% CI</th>\
<th>diff (pp)</th><th>95% CI (pp)</th><th>p-value</th><th></th></tr>",
        );
        for r in &rows {
            let verdict = match r.p_value {
                Some(p) if p < ALPHA => "<span class=\"ok\">significant</span>",
                Some(_) => "not significant",
                None if r.diff_pp.is_some() => "no test",
                None => "control",
            };
            let _ = write!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} – {}</td><td>{}</td><td>{}</td><td>{}</td><td>{verdict}</td></tr>",
                esc(&r.variant),
                count(r.exposures),
                count(r.conversions),
                pct(r.rate),
                pct(r.ci_low),
                pct(r.ci_high),
                pp(r.diff_pp),
                if r.diff_pp.is_some() {
                    format!("{} – {}", pp(r.diff_ci_low), pp(r.diff_ci_high))
                } else {
                    String::new()
                },
                r.p_value.map(p_text).unwrap_or_default()
            );
        }
        out.push_str("</table>");
        if let Some(n) = rows.first().and_then(|r| r.needed_per_arm) {
            let _ = write!(
                out,
                "<p>To detect one point from the control's rate (80% power, two-sided 5%): {} exposures per arm.</p>",
                count(n)
            );
        }
        let srm_line = match (srm.in_policy, srm.mismatch, srm.p_value) {
            (false, _, _) => "<p>Sample ratio not checked: this experiment is not in the policy.</p>".to_owned(),
            (true, true, p) => format!(
                "<p class=\"bad\">Sample-ratio mismatch (p = {}): the split does not follow the policy's weights.</p>",
                p.map(p_text).unwrap_or_else(|| "-".to_owned())
            ),
            (true, false, Some(p)) => format!("<p>Sample ratio follows the policy's weights (p = {}).</p>", p_text(p)),
            (true, false, None) => "<p>Sample ratio: nothing to test.</p>".to_owned(),
        };
        out.push_str(&srm_line);
    }
}

fn launch(out: &mut String, report: &Report) {
    let _ = write!(
        out,
        "<h2>Launch cells</h2><p>Failure rate = launch_failed outcomes per selection; flagged when the lower bound of its 95% interval is above {:.0}%.</p>",
        100.0 * report.launch_threshold
    );
    let mut worst: Vec<&CellRow> = report.launch.iter().filter(|c| c.ci_low.is_some()).collect();
    worst.sort_by(|a, b| {
        b.ci_low
            .partial_cmp(&a.ci_low)
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    worst.truncate(CHARTED_CELLS);
    if !worst.is_empty() {
        out.push_str(&cell_chart(&worst, report.launch_threshold));
    }
    out.push_str(
        "<table><tr><th>host</th><th>rail</th><th>launch</th><th>attempts</th><th>failures</th><th>rate</th><th>95% CI</th><th></th></tr>",
    );
    for c in &report.launch {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{} – {}</td><td>{}</td></tr>",
            c.host.as_str(),
            esc(&c.rail),
            c.launch.as_str(),
            count(c.attempts),
            count(c.failures),
            pct(c.failure_rate),
            pct(c.ci_low),
            pct(c.ci_high),
            if c.flagged { "<span class=\"bad\">flagged</span>" } else { "" }
        );
    }
    out.push_str("</table>");
    for s in &report.overrides {
        let _ = write!(
            out,
            "<p>{} as {} in {} fails in the field.{} To hide it there, add to the policy's <code>capabilities</code>:</p><pre>{}</pre>",
            esc(&s.rail),
            s.launch.as_str(),
            s.host.as_str(),
            s.evidence
                .iter()
                .map(|e| format!(" It launches so on this evidence: {}.", esc(&super::evidence::text(e))))
                .collect::<String>(),
            esc(&serde_json::to_string(&s.hide).unwrap_or_default())
        );
        if let Some(g) = &s.guide {
            let _ = write!(
                out,
                "<p>or show a guide to open the page in the browser:</p><pre>{}</pre>",
                esc(&serde_json::to_string(g).unwrap_or_default())
            );
        }
    }
}

/// Horizontal bars with interval whiskers, on a 0 to `max` scale.
struct Bars {
    label_width: f64,
    width: f64,
    row: f64,
    max: f64,
}

impl Bars {
    fn x(&self, v: f64) -> f64 {
        self.label_width + (self.width - self.label_width - 70.0) * (v / self.max).clamp(0.0, 1.0)
    }

    fn svg(&self, title: &str, rows: &[(String, f64, f64, f64, bool)], marker: Option<f64>) -> String {
        let height = self.row * rows.len() as f64 + 30.0;
        let mut s = format!(
            "<svg role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{height}\" viewBox=\"0 0 {} {height}\" xmlns=\"http://www.w3.org/2000/svg\"><title>{}</title>",
            esc(title),
            self.width,
            self.width,
            esc(title)
        );
        for (i, (label, v, low, high, bad)) in rows.iter().enumerate() {
            let y = 10.0 + self.row * i as f64;
            let colour = if *bad { "#b3261e" } else { "#0969da" };
            let _ = write!(
                s,
                "<text x=\"0\" y=\"{:.1}\">{}</text><rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"{colour}\" opacity=\"0.35\"/>\
<line x1=\"{:.1}\" x2=\"{:.1}\" y1=\"{:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"2\"/>\
<text x=\"{:.1}\" y=\"{:.1}\">{:.2}%</text>",
                y + self.row * 0.55,
                esc(label),
                self.label_width,
                y + 3.0,
                self.x(*v) - self.label_width,
                self.row - 8.0,
                self.x(*low),
                self.x(*high),
                y + self.row / 2.0,
                y + self.row / 2.0,
                self.x(*high) + 4.0,
                y + self.row * 0.55,
                100.0 * v
            );
        }
        if let Some(m) = marker {
            let _ = write!(
                s,
                "<line x1=\"{0:.1}\" x2=\"{0:.1}\" y1=\"5\" y2=\"{1:.1}\" stroke=\"#57606a\" stroke-dasharray=\"4 3\"/>",
                self.x(m),
                height - 20.0
            );
        }
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\">0%</text><text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{:.0}%</text></svg>",
            self.label_width,
            height - 5.0,
            self.x(self.max),
            height - 5.0,
            100.0 * self.max
        );
        s
    }
}

fn rate_chart(rows: &[&ArmRow]) -> String {
    let data: Vec<(String, f64, f64, f64, bool)> = rows
        .iter()
        .filter_map(|r| Some((r.variant.clone(), r.rate?, r.ci_low?, r.ci_high?, false)))
        .collect();
    if data.is_empty() {
        return String::new();
    }
    let top = data.iter().map(|d| d.3).fold(0.0, f64::max);
    Bars {
        label_width: 160.0,
        width: 720.0,
        row: 28.0,
        max: nice_max(top),
    }
    .svg("Conversion rate by variant, with 95% intervals", &data, None)
}

fn cell_chart(cells: &[&CellRow], threshold: f64) -> String {
    let data: Vec<(String, f64, f64, f64, bool)> = cells
        .iter()
        .filter_map(|c| {
            Some((
                format!("{} · {} · {}", c.host.as_str(), c.rail, c.launch.as_str()),
                c.failure_rate?,
                c.ci_low?,
                c.ci_high?,
                c.flagged,
            ))
        })
        .collect();
    let top = data.iter().map(|d| d.3).fold(threshold, f64::max);
    Bars {
        label_width: 300.0,
        width: 860.0,
        row: 24.0,
        max: nice_max(top),
    }
    .svg(
        "Worst launch cells: failure rate with 95% intervals",
        &data,
        Some(threshold),
    )
}

/// A round upper end for a scale: the next 5% step, at most 100%.
fn nice_max(v: f64) -> f64 {
    ((v * 20.0).ceil() / 20.0).clamp(0.05, 1.0)
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{:.2}%", 100.0 * v))
}

fn pp(v: Option<f64>) -> String {
    v.map_or_else(String::new, |v| format!("{v:+.2}"))
}

/// Text escaped for HTML content and attributes.
fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
