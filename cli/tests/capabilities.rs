//! `paysel capabilities`: every cell of the built-in table with its answer,
//! evidence and citation, filtered, as JSON, Markdown and text.

mod common;

use common::{paysel, stderr, stdout};
use paysel_core::capability::table_view;
use serde_json::Value;

fn json(args: &[&str]) -> Value {
    let mut all = vec!["capabilities", "--json"];
    all.extend_from_slice(args);
    let out = paysel(&all);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    serde_json::from_slice(&out.stdout).unwrap()
}

fn rows(v: &Value) -> &Vec<Value> {
    v["cells"].as_array().unwrap()
}

#[test]
fn json_lists_every_cell_with_its_level_and_a_source_that_resolves() {
    let v = json(&[]);
    let cells = rows(&v);
    assert_eq!(cells.len(), table_view().cells.len());
    assert!(cells.len() >= 50, "{} cells", cells.len());
    let sources = v["sources"].as_array().unwrap();
    for c in cells {
        let level = c["level"].as_str().unwrap();
        assert!(["documented", "reported", "assumed"].contains(&level), "{c}");
        let source = sources.iter().find(|s| s["key"] == c["source"]);
        let source = source.unwrap_or_else(|| panic!("{c}: source not listed"));
        for field in ["strength", "section", "citation", "origin"] {
            assert!(!source[field].as_str().unwrap().is_empty(), "{source}");
        }
        for field in [
            "rail",
            "hosts",
            "platforms",
            "form_factors",
            "browsers",
            "answer",
            "note",
        ] {
            assert!(!c[field].is_null(), "{c}: {field}");
        }
    }
}

#[test]
fn filters_keep_only_matching_rows_and_the_sources_they_cite() {
    let v = json(&["--host", "wechat", "--rail", "alipay"]);
    let cells = rows(&v);
    assert!(!cells.is_empty());
    for c in cells {
        assert_eq!(c["rail"], "alipay");
        assert!(c["hosts"].as_array().unwrap().contains(&Value::from("wechat")));
    }
    // Alipay inside WeChat: WeChat intercepts its links, documented.
    assert!(cells
        .iter()
        .any(|c| c["answer"] == "blocked" && c["level"] == "documented"));
    let keys: Vec<&Value> = cells.iter().map(|c| &c["source"]).collect();
    for s in v["sources"].as_array().unwrap() {
        assert!(keys.contains(&&s["key"]), "{s} is not cited by the rows kept");
    }

    let assumed = json(&["--level", "assumed"]);
    assert!(!rows(&assumed).is_empty());
    assert!(rows(&assumed).iter().all(|c| c["level"] == "assumed"));

    let ios = json(&["--platform", "ios"]);
    for c in rows(&ios) {
        let p = c["platforms"].as_array().unwrap();
        assert!(p.is_empty() || p.contains(&Value::from("ios")), "{c}");
    }
    assert!(rows(&ios).len() < rows(&json(&[])).len());
}

#[test]
fn an_unknown_value_is_refused_with_the_values_it_could_be() {
    let out = paysel(&["capabilities", "--host", "wechta"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("expected one of browser, native, wechat"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn markdown_and_text_carry_every_row_and_citation() {
    let view = table_view();
    let md = stdout(&paysel(&["capabilities", "--markdown"]));
    let text = stdout(&paysel(&["capabilities"]));
    let rows = md
        .lines()
        .filter(|l| l.starts_with("| ") && l.contains("(#source-"))
        .count();
    assert_eq!(rows, view.cells.len());
    for s in &view.sources {
        assert!(
            md.contains(&format!("<a id=\"source-{}\"></a>", s.key)),
            "{}",
            s.key
        );
        assert!(text.contains(s.citation), "{}", s.key);
    }
}
