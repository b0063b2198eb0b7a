//! The capability table as data for people and tools: every row that
//! decides somewhere, with its answer, its evidence and the citation of its
//! source. `paysel capabilities` prints it (`--json` as it is serialized
//! here), the READMEs' capability section is generated from it, the QA page
//! reads it, and `paysel analyze` looks up the evidence of a launch in it.

use super::{listing, situations, sources, BuiltinRail, Cell, EvidenceLevel, Hosts, Row};
use crate::context::{FormFactor, Host, Platform};
use crate::wire::WireEnum;
use serde::Serialize;

/// The whole table: its rows and the sources they cite.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableView {
    /// Every row that decides somewhere, rail by rail, in table order.
    pub cells: Vec<CellView>,
    /// The sources, in the sources table's order.
    pub sources: Vec<SourceView>,
}

/// One row of the table and where it decides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CellView {
    /// The built-in rail.
    pub rail: BuiltinRail,
    /// The hosts where this row decides at least one situation, in `Host`
    /// order.
    pub hosts: Vec<Host>,
    /// The platforms the row applies to; empty means any.
    pub platforms: Vec<Platform>,
    /// The form factors the row applies to; empty means any.
    pub form_factors: Vec<FormFactor>,
    /// The browser families the row applies to, `unknown` for a family not
    /// known; empty means any.
    pub browsers: Vec<&'static str>,
    /// Whether the row needs the country to be mainland China (`true`),
    /// anywhere else (`false`), or either (`null`).
    pub mainland_china: Option<bool>,
    /// Whether the row needs the policy's `apple_pay_js_sdk` on, off, or
    /// either (`null`).
    pub apple_pay_js_sdk: Option<bool>,
    /// A launch mode's wire name, `blocked` (the host blocks the rail; it
    /// works in a system browser) or `unsupported`.
    pub answer: &'static str,
    /// How strong the evidence is; never `policy` here.
    pub level: EvidenceLevel,
    /// The key of its source in `sources`.
    pub source: &'static str,
    /// The answer in a few words, as `explain` and hidden rails' details
    /// give it.
    pub note: &'static str,
}

/// One citation of the sources table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceView {
    /// The key cells name.
    pub key: &'static str,
    /// Its strength, as the evidence file labels it, e.g. `[DOC]`.
    pub strength: &'static str,
    /// The evidence file's section (A1, B7, ...), or where it was found.
    pub section: &'static str,
    /// What it says.
    pub citation: &'static str,
    /// Where it comes from.
    pub origin: &'static str,
}

/// The answer of a cell as `TableView` names it.
pub fn answer_name(cell: Cell) -> &'static str {
    match cell {
        Cell::Works(launch) => launch.as_str(),
        Cell::Blocked => "blocked",
        Cell::Unsupported => "unsupported",
    }
}

impl CellView {
    fn new(rail: BuiltinRail, row: &'static Row, hosts: Vec<Host>) -> CellView {
        let when = &row.when;
        CellView {
            rail,
            hosts,
            platforms: when.platforms.to_vec(),
            form_factors: when.form_factors.to_vec(),
            browsers: when
                .browsers
                .iter()
                .map(|b| b.map_or("unknown", WireEnum::as_str))
                .collect(),
            mainland_china: when.mainland_china,
            apple_pay_js_sdk: when.apple_pay_js_sdk,
            answer: answer_name(row.cell),
            level: row.evidence.level,
            source: row.evidence.source,
            note: row.note,
        }
    }
}

impl From<&'static super::Source> for SourceView {
    fn from(s: &'static super::Source) -> SourceView {
        SourceView {
            key: s.key,
            strength: s.strength.label(),
            section: s.section,
            citation: s.citation,
            origin: s.origin,
        }
    }
}

/// The table as data: every row of [`listing`], and every source.
pub fn table_view() -> TableView {
    TableView {
        cells: listing()
            .into_iter()
            .map(|l| CellView::new(l.rail, l.row, l.hosts))
            .collect(),
        sources: sources().iter().map(SourceView::from).collect(),
    }
}

/// The rows of `rail`'s table that decide somewhere in `host` on
/// `platform`, in table order, each once: the cells a field report about
/// that rail there can be about.
pub fn deciding_rows(rail: BuiltinRail, host: Host, platform: Platform) -> Vec<CellView> {
    let table = super::rows(rail);
    let mut found: Vec<&'static Row> = Vec::new();
    for s in situations().filter(|s| s.env.host == host && s.env.platform == platform) {
        let row = table.decide(&s);
        if !found.iter().any(|r| std::ptr::eq(*r, row)) {
            found.push(row);
        }
    }
    let order = |row: &&'static Row| table.all().position(|r| std::ptr::eq(r, *row));
    found.sort_by_key(order);
    found
        .into_iter()
        .map(|row| {
            let hosts = match row.hosts {
                Hosts::Any => Vec::new(),
                Hosts::Only(hosts) => hosts.to_vec(),
            };
            CellView::new(rail, row, hosts)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_row_that_decides_is_listed_with_a_source_that_resolves() {
        let view = table_view();
        assert_eq!(view.cells.len(), listing().len());
        assert!(view.cells.len() >= 50, "{} cells", view.cells.len());
        for cell in &view.cells {
            assert!(!cell.hosts.is_empty(), "{cell:?}");
            assert_ne!(cell.level, EvidenceLevel::Policy);
            assert!(
                view.sources.iter().any(|s| s.key == cell.source),
                "{}",
                cell.source
            );
        }
    }

    #[test]
    fn the_rows_deciding_a_host_on_a_platform_are_the_table_s() {
        // Alipay inside WeChat on Android: blocked, whatever the rest.
        let rows = deciding_rows(BuiltinRail::Alipay, Host::Wechat, Platform::Android);
        assert!(!rows.is_empty());
        assert!(rows.iter().all(|r| r.answer == "blocked"), "{rows:?}");
        // Apple Pay on Android: unsupported only.
        let rows = deciding_rows(BuiltinRail::ApplePay, Host::Browser, Platform::Android);
        assert!(rows.iter().all(|r| r.answer == "unsupported"), "{rows:?}");
    }
}
