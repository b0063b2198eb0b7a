//! How the sweep's findings are reported: groups of contexts that share an
//! outcome, with their hosts and the narrower conditions where it happens.

use super::space::{describe, Point, Space, DIMENSIONS, HOSTS};
use crate::io::count;
use paysel_core::{CheckoutContext, WireEnum};
use serde_json::{json, Map, Value};

/// A context as `paysel decide --context` reads it, without the `unknown`
/// wallet apps and probes.
pub fn context_json(ctx: &CheckoutContext) -> Value {
    let mut value = serde_json::to_value(ctx).unwrap_or(Value::Null);
    if let Some(obj) = value.as_object_mut() {
        for key in ["installed_wallets", "probes"] {
            let empty = match obj.get_mut(key).and_then(Value::as_object_mut) {
                Some(inner) => {
                    inner.retain(|_, v| v != "unknown");
                    inner.is_empty()
                }
                None => false,
            };
            if empty {
                obj.remove(key);
            }
        }
    }
    value
}

/// Which values of each dimension some contexts cover.
#[derive(Clone)]
struct Where {
    seen: Vec<Vec<bool>>,
}

impl Where {
    fn new(space: &Space) -> Where {
        Where {
            seen: (0..DIMENSIONS.len())
                .map(|d| vec![false; space.values(d)])
                .collect(),
        }
    }

    fn mark(&mut self, point: &Point) {
        for (seen, &v) in self.seen.iter_mut().zip(point) {
            if let Some(slot) = seen.get_mut(v) {
                *slot = true;
            }
        }
    }

    fn union(&mut self, other: &Where) {
        for (mine, theirs) in self.seen.iter_mut().zip(&other.seen) {
            for (m, t) in mine.iter_mut().zip(theirs) {
                *m |= *t;
            }
        }
    }
}

/// Every value swept, per host: what a group of contexts is compared with.
pub struct Coverage {
    by_host: Vec<Where>,
}

impl Coverage {
    /// Nothing swept yet.
    pub fn new(space: &Space) -> Coverage {
        Coverage {
            by_host: vec![Where::new(space); HOSTS.len()],
        }
    }

    /// Records one swept context.
    pub fn mark(&mut self, point: &Point) {
        if let Some(w) = self.by_host.get_mut(Space::host(point)) {
            w.mark(point);
        }
    }
}

/// A dimension where a group covers fewer values than the sweep does in
/// the same hosts: (field, values covered, values not covered).
pub type Narrower = Vec<(&'static str, Vec<Value>, Vec<Value>)>;

/// Contexts that share one outcome: how many, in which hosts, under which
/// narrower conditions, and the first few (or all) of them.
pub struct Group {
    /// Number of contexts.
    pub count: u64,
    hosts: Vec<u64>,
    at: Where,
    /// The first contexts, up to the number kept.
    pub contexts: Vec<CheckoutContext>,
    keep: usize,
}

impl Group {
    /// An empty group that keeps up to `keep` contexts.
    pub fn new(space: &Space, keep: usize) -> Group {
        Group {
            count: 0,
            hosts: vec![0; HOSTS.len()],
            at: Where::new(space),
            contexts: Vec::new(),
            keep,
        }
    }

    /// Adds one context.
    pub fn add(&mut self, ctx: &CheckoutContext, point: &Point) {
        self.count += 1;
        if let Some(h) = self.hosts.get_mut(Space::host(point)) {
            *h += 1;
        }
        self.at.mark(point);
        if self.contexts.len() < self.keep {
            self.contexts.push(ctx.clone());
        }
    }

    /// Hosts with their counts, most contexts first.
    pub fn hosts(&self) -> Vec<(String, u64)> {
        let mut h: Vec<(String, u64)> = HOSTS
            .iter()
            .zip(&self.hosts)
            .filter(|(_, n)| **n > 0)
            .map(|(h, n)| (h.as_str().to_owned(), *n))
            .collect();
        h.sort_by_key(|x| std::cmp::Reverse(x.1));
        h
    }

    /// The dimensions (other than the host) where this group covers fewer
    /// values than the sweep does in the same hosts.
    pub fn narrower(&self, all: &Coverage, space: &Space) -> Narrower {
        let mut base = Where::new(space);
        for (w, n) in all.by_host.iter().zip(&self.hosts) {
            if *n > 0 {
                base.union(w);
            }
        }
        let mut out = Vec::new();
        for (d, (mine, every)) in self.at.seen.iter().zip(&base.seen).enumerate() {
            if d == 2 || mine == every {
                continue;
            }
            let values = |want: bool| -> Vec<Value> {
                mine.iter()
                    .zip(every)
                    .enumerate()
                    .filter(|(_, (m, e))| **e && **m == want)
                    .map(|(i, _)| space.value(d, i))
                    .collect()
            };
            out.push((
                DIMENSIONS.get(d).copied().unwrap_or("?"),
                values(true),
                values(false),
            ));
        }
        out
    }

    /// The group as JSON: `count`, `hosts`, `where` and the contexts kept
    /// under `key`.
    pub fn json(&self, all: &Coverage, space: &Space, key: &str) -> Map<String, Value> {
        let hosts: Map<String, Value> = self.hosts().into_iter().map(|(h, n)| (h, json!(n))).collect();
        let at: Map<String, Value> = self
            .narrower(all, space)
            .into_iter()
            .map(|(k, v, _)| (k.to_owned(), Value::Array(v)))
            .collect();
        let mut out = Map::new();
        out.insert("count".into(), json!(self.count));
        out.insert("hosts".into(), Value::Object(hosts));
        out.insert("where".into(), Value::Object(at));
        out.insert(
            key.into(),
            json!(self.contexts.iter().map(context_json).collect::<Vec<_>>()),
        );
        out
    }

    /// Indented lines: hosts, narrower conditions and up to `list` contexts.
    pub fn text(&self, all: &Coverage, space: &Space, list: usize) -> String {
        let h: Vec<String> = self
            .hosts()
            .iter()
            .map(|(h, n)| format!("{h} {}", count(*n)))
            .collect();
        let mut out = format!(
            "    hosts: {}",
            h.iter().take(6).cloned().collect::<Vec<_>>().join(", ")
        );
        if h.len() > 6 {
            out.push_str(&format!(" and {} more", h.len() - 6));
        }
        out.push('\n');
        let narrower = self.narrower(all, space);
        if !narrower.is_empty() {
            out.push_str(&format!("    only where {}\n", where_text(&narrower)));
        }
        // Contexts that differ only in money come one after the other: list
        // each device once, with how many contexts it stands for.
        let mut devices: Vec<(String, String, u64)> = Vec::new();
        for ctx in &self.contexts {
            let (device, money) = describe(ctx);
            match devices.last_mut() {
                Some((last, _, n)) if *last == device => *n += 1,
                _ => devices.push((device, money, 1)),
            }
        }
        for (device, money, n) in devices.iter().take(list) {
            match n {
                _ if list == 1 || *n == 1 => out.push_str(&format!("    e.g. {device}, {money}\n")),
                _ => out.push_str(&format!("    {device} ({n} contexts)\n")),
            }
        }
        if list > 1 && devices.len() > list {
            let more = devices.len() - list;
            out.push_str(&format!(
                "    ... and {more} more devices (--json lists every context)\n"
            ));
        }
        out
    }
}

/// Narrower conditions as text: `currency CNY; platform not ios, macos`.
fn where_text(narrower: &Narrower) -> String {
    let one = |v: &Value| match v {
        Value::Null => "none".to_owned(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let list = |vs: &[Value]| vs.iter().map(one).collect::<Vec<_>>().join(", ");
    narrower
        .iter()
        .map(|(k, yes, no)| {
            if yes.len() > 3 && no.len() < yes.len() {
                format!("{k} not {}", list(no))
            } else {
                format!("{k} {}", list(yes))
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}
