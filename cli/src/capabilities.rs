//! `paysel capabilities`: the built-in host × rail table, every row with
//! its answer, evidence level, source key and the source's citation. The
//! data is the core's [`table_view`]; `--json` prints it as serialized,
//! `--markdown` as the READMEs' capability section.

use crate::io::{pretty, print, wire_value};
use crate::CmdResult;
use clap::Args;
use paysel_core::capability::{table_view, BuiltinRail, CellView, TableView};
use paysel_core::{EvidenceLevel, Host, Platform, WireEnum};
use std::fmt::Write;
use std::process::ExitCode;

/// Arguments of `paysel capabilities`.
#[derive(Args)]
pub struct CapabilitiesArgs {
    /// The table as JSON: `cells` and the `sources` they cite.
    #[arg(long, conflicts_with = "markdown")]
    json: bool,
    /// The table as Markdown, as the README's capability section has it.
    #[arg(long)]
    markdown: bool,
    /// Only rows that decide somewhere in this host.
    #[arg(long, value_name = "HOST", value_parser = wire_value::<Host>)]
    host: Option<Host>,
    /// Only this built-in rail's rows.
    #[arg(long, value_name = "RAIL", value_parser = wire_value::<BuiltinRail>)]
    rail: Option<BuiltinRail>,
    /// Only rows that apply on this platform (including rows for any
    /// platform).
    #[arg(long, value_name = "PLATFORM", value_parser = wire_value::<Platform>)]
    platform: Option<Platform>,
    /// Only rows with this evidence level: documented, reported or assumed.
    #[arg(long, value_name = "LEVEL", value_parser = wire_value::<EvidenceLevel>)]
    level: Option<EvidenceLevel>,
}

/// Prints the table.
pub fn run(args: CapabilitiesArgs) -> CmdResult {
    let view = filtered(&args);
    let out = if args.json {
        pretty(&view)?
    } else if args.markdown {
        markdown(&view)
    } else {
        text(&view)
    };
    print(out.trim_end())?;
    Ok(ExitCode::SUCCESS)
}

/// The rows the filters keep, and only the sources those rows cite (all of
/// them when nothing is filtered).
fn filtered(args: &CapabilitiesArgs) -> TableView {
    let mut view = table_view();
    let unfiltered =
        args.host.is_none() && args.rail.is_none() && args.platform.is_none() && args.level.is_none();
    view.cells.retain(|c| {
        args.host.is_none_or(|h| c.hosts.contains(&h))
            && args.rail.is_none_or(|r| c.rail == r)
            && args
                .platform
                .is_none_or(|p| c.platforms.is_empty() || c.platforms.contains(&p))
            && args.level.is_none_or(|l| c.level == l)
    });
    if !unfiltered {
        let cells = &view.cells;
        view.sources.retain(|s| cells.iter().any(|c| c.source == s.key));
    }
    view
}

/// `a, b, c`; for most of the hosts, `every host but x, y`.
fn hosts(list: &[Host]) -> String {
    let all = Host::ALL;
    if list.len() == all.len() {
        return "every host".to_owned();
    }
    if 2 * list.len() > all.len() {
        let missing: Vec<&str> = all
            .iter()
            .filter(|h| !list.contains(h))
            .map(|h| h.as_str())
            .collect();
        return format!("every host but {}", missing.join(", "));
    }
    names(list.iter().map(|h| h.as_str()))
}

fn names<'a>(list: impl Iterator<Item = &'a str>) -> String {
    list.collect::<Vec<_>>().join(", ")
}

/// The row's conditions besides its hosts, e.g. `ios; mobile, tablet;
/// browser safari, unknown; in mainland China`, or `any` when it has none.
fn conditions(c: &CellView) -> String {
    let mut parts = Vec::new();
    if !c.platforms.is_empty() {
        parts.push(names(c.platforms.iter().map(|p| p.as_str())));
    }
    if !c.form_factors.is_empty() {
        parts.push(names(c.form_factors.iter().map(|f| f.as_str())));
    }
    if !c.browsers.is_empty() {
        parts.push(format!("browser {}", names(c.browsers.iter().copied())));
    }
    match c.mainland_china {
        Some(true) => parts.push("in mainland China".to_owned()),
        Some(false) => parts.push("outside mainland China".to_owned()),
        None => {}
    }
    match c.apple_pay_js_sdk {
        Some(true) => parts.push("with apple_pay_js_sdk".to_owned()),
        Some(false) => parts.push("without apple_pay_js_sdk".to_owned()),
        None => {}
    }
    if parts.is_empty() {
        "any".to_owned()
    } else {
        parts.join("; ")
    }
}

/// For a terminal: rail by rail, one row per line with its note, then the
/// sources cited.
fn text(view: &TableView) -> String {
    let mut out = String::new();
    let mut rail = None;
    for c in &view.cells {
        if rail != Some(c.rail) {
            rail = Some(c.rail);
            let _ = writeln!(out, "{}", c.rail.as_str());
        }
        let _ = writeln!(
            out,
            "  {:<17} {:<10} {}\n    in {}; conditions: {}\n    {}",
            c.answer,
            c.level.as_str(),
            c.source,
            hosts(&c.hosts),
            conditions(c),
            c.note
        );
    }
    if view.cells.is_empty() {
        out.push_str("no row matches\n");
        return out;
    }
    let _ = writeln!(out, "\nsources");
    for s in &view.sources {
        let _ = writeln!(
            out,
            "  {} {} ({}): {}\n    {}",
            s.key, s.strength, s.section, s.citation, s.origin
        );
    }
    out
}

/// Text safe inside a Markdown table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// The README's capability section: a table per rail, then the sources.
pub fn markdown(view: &TableView) -> String {
    let mut out = String::new();
    let count = |level: EvidenceLevel| view.cells.iter().filter(|c| c.level == level).count();
    let _ = writeln!(
        out,
        "{} rows: {} documented, {} reported, {} assumed. Within a rail the first row that applies decides.\n",
        view.cells.len(),
        count(EvidenceLevel::Documented),
        count(EvidenceLevel::Reported),
        count(EvidenceLevel::Assumed)
    );
    let mut rail = None;
    for c in &view.cells {
        if rail != Some(c.rail) {
            rail = Some(c.rail);
            let _ = writeln!(
                out,
                "\n#### `{}`\n\n| hosts | where | answer | evidence | note |\n|---|---|---|---|---|",
                c.rail.as_str()
            );
        }
        let _ = writeln!(
            out,
            "| {} | {} | `{}` | {} [`{}`](#source-{}) | {} |",
            cell(&hosts(&c.hosts)),
            cell(&conditions(c)),
            c.answer,
            c.level.as_str(),
            c.source,
            c.source,
            cell(c.note)
        );
    }
    let _ = writeln!(
        out,
        "\n#### Sources\n\n| key | strength | section | what it says | where |\n|---|---|---|---|---|"
    );
    for s in &view.sources {
        let _ = writeln!(
            out,
            "| <a id=\"source-{}\"></a>`{}` | {} | {} | {} | {} |",
            s.key,
            s.key,
            s.strength,
            s.section,
            cell(s.citation),
            cell(s.origin)
        );
    }
    out
}
