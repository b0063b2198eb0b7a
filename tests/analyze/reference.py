"""Checks `paysel analyze --json` against libraries no one here wrote.

    python reference.py MANIFEST.json

The manifest (written by `cli/tests/analyze_findings.rs`, which
`cargo xtask test analyze` runs) lists fixtures, each
`{"name", "events": JSONL path, "report": the CLI's --json output path,
"sql": bool}`, plus `"policy"` (the policy file) and `"sql"` (the text of
`paysel analyze --sql`). For every fixture this script

1. counts the events itself (Python's json module) and compares every
   count of the report;
2. recomputes every interval, p-value and sample size with statsmodels
   and scipy: Wilson (`proportion_confint(method="wilson")`), Newcombe
   (`confint_proportions_2indep(method="newcomb")`), the pooled z-test
   (`proportions_ztest`), the sample size for one point at 80% power
   (`samplesize_proportions_2indep_onetail`), the sample-ratio chi-square
   (`scipy.stats.chisquare`);
3. where `sql` is set, runs the SQL on DuckDB over the same events and
   compares its counts, rates, intervals and flags with the report.

Prints one line per failed check and exits 1 if any failed.
"""

import json
import math
import sys
from collections import defaultdict

import duckdb
import scipy.stats
from statsmodels.stats.proportion import (
    confint_proportions_2indep,
    proportion_confint,
    proportions_ztest,
    samplesize_proportions_2indep_onetail,
)

MAX_LINE = 65_536
THRESHOLD = 0.20
failures = []
checks = 0


def check(ok, what):
    global checks
    checks += 1
    if not ok:
        failures.append(what)


def close(a, b, tol=1e-9):
    if a is None or b is None:
        return a is None and b is None
    if isinstance(b, float) and math.isnan(b):
        return False
    return abs(a - b) <= tol * max(1.0, abs(b))


def events(path):
    """The valid events of a file, by the documented schema."""
    out = []
    with open(path, "rb") as f:
        for raw in f:
            line = raw.rstrip(b"\n").rstrip(b"\r")
            if len(line) > MAX_LINE:
                continue
            try:
                e = json.loads(line)
            except ValueError:
                continue
            if not isinstance(e, dict) or e.get("type") not in ("exposure", "selection", "outcome"):
                continue
            if not all(k in e for k in ("policy_version", "environment", "experiments")):
                continue
            if e["type"] != "exposure" and not ("rail" in e and "launch" in e):
                continue
            if e["type"] == "outcome" and "result" not in e:
                continue
            out.append(e)
    return out


def counts(evs):
    arms = defaultdict(lambda: [0, 0])
    cells = defaultdict(lambda: [0, 0])
    for e in evs:
        paid = e["type"] == "outcome" and e["result"] == "paid"
        if e["type"] == "exposure" or paid:
            for a in e["experiments"]:
                arms[(a["experiment"], a["variant"])][1 if paid else 0] += 1
        failed = e["type"] == "outcome" and e["result"] == "launch_failed"
        if e["type"] == "selection" or failed:
            cells[(e["environment"]["host"], e["rail"], e["launch"])][1 if failed else 0] += 1
    return arms, cells


def check_fixture(fixture, policy):
    name = fixture["name"]
    report = json.load(open(fixture["report"]))
    evs = events(fixture["events"])
    arms, cells = counts(evs)

    # 1. Counts.
    by_type = defaultdict(int)
    for e in evs:
        by_type[e["type"]] += 1
    check(report["events"]["exposures"] == by_type["exposure"], f"{name}: exposures {report['events']['exposures']} != {by_type['exposure']}")
    check(report["events"]["selections"] == by_type["selection"], f"{name}: selections")
    check(report["events"]["outcomes"] == by_type["outcome"], f"{name}: outcomes")
    rows = {(r["experiment"], r["variant"]): r for r in report["experiments"]}
    check(set(rows) == set(arms), f"{name}: arms {sorted(rows)} != {sorted(arms)}")
    for key, (n, x) in arms.items():
        r = rows.get(key)
        if r is None:
            continue
        check((r["exposures"], r["conversions"]) == (n, x), f"{name} {key}: counts {(r['exposures'], r['conversions'])} != {(n, x)}")
    launch = {(c["host"], c["rail"], c["launch"]): c for c in report["launch"]}
    check(set(launch) == set(cells), f"{name}: launch cells {sorted(launch)} != {sorted(cells)}")
    for key, (n, x) in cells.items():
        c = launch.get(key)
        if c is not None:
            check((c["attempts"], c["failures"]) == (n, x), f"{name} {key}: attempts/failures")

    # 2. Statistics.
    experiments = {e["id"]: e for e in policy.get("experiments", [])}
    for (experiment, variant), r in rows.items():
        n, x = r["exposures"], r["conversions"]
        lo, hi = proportion_confint(x, n, alpha=0.05, method="wilson")
        check(close(r["ci_low"], lo) and close(r["ci_high"], hi), f"{name} {experiment}/{variant}: Wilson {r['ci_low']},{r['ci_high']} != {lo},{hi}")
        check(close(r["rate"], x / n), f"{name} {experiment}/{variant}: rate")
        order = [v["id"] for v in experiments[experiment]["variants"]] if experiment in experiments else []
        control = order[0] if order else ("control" if (experiment, "control") in rows else min(v for (e, v) in rows if e == experiment))
        c = rows.get((experiment, control))
        if c is None:
            continue
        cn, cx = c["exposures"], c["conversions"]
        p0 = cx / cn
        diff = 0.01 if p0 + 0.01 <= 1 else -0.01
        needed = math.ceil(samplesize_proportions_2indep_onetail(diff=diff, prop2=p0, power=0.8, alpha=0.05))
        check(r["needed_per_arm"] == needed, f"{name} {experiment}/{variant}: needed_per_arm {r['needed_per_arm']} != {needed}")
        if variant == control:
            check(r["diff_pp"] is None and r["p_value"] is None, f"{name} {experiment}: the control compares with itself")
            continue
        check(close(r["diff_pp"], 100 * (x / n - p0), 1e-9), f"{name} {experiment}/{variant}: diff_pp")
        ci = confint_proportions_2indep(x, n, cx, cn, method="newcomb", compare="diff", alpha=0.05)
        check(close(r["diff_ci_low"], 100 * ci[0], 1e-9) and close(r["diff_ci_high"], 100 * ci[1], 1e-9),
              f"{name} {experiment}/{variant}: Newcombe {r['diff_ci_low']},{r['diff_ci_high']} != {100 * ci[0]},{100 * ci[1]}")
        pooled = (x + cx) / (n + cn)
        if 0 < pooled < 1:
            _, p = proportions_ztest([x, cx], [n, cn])
            check(close(r["p_value"], p, 1e-9), f"{name} {experiment}/{variant}: p-value {r['p_value']} != {p}")
        else:
            check(r["p_value"] is None, f"{name} {experiment}/{variant}: p-value {r['p_value']} should be null (no variance)")
    for s in report["sample_ratio"]:
        e = experiments.get(s["experiment"])
        check(s["in_policy"] == (e is not None), f"{name} {s['experiment']}: in_policy")
        if e is None:
            continue
        weighted = [v for v in e["variants"] if v["weight"] > 0]
        observed = [rows[(s["experiment"], v["id"])]["exposures"] if (s["experiment"], v["id"]) in rows else 0 for v in weighted]
        total = sum(observed)
        expected = [total * v["weight"] / sum(w["weight"] for w in weighted) for v in weighted]
        chi, p = scipy.stats.chisquare(observed, expected)
        check(close(s["chi_square"], float(chi), 1e-9) and close(s["p_value"], float(p), 1e-9),
              f"{name} {s['experiment']}: chi-square {s['chi_square']},{s['p_value']} != {chi},{p}")
        check(s["mismatch"] == bool(p < 0.001 or s["unknown_variants"]), f"{name} {s['experiment']}: mismatch flag")
    for key, c in launch.items():
        lo, hi = proportion_confint(c["failures"], c["attempts"], alpha=0.05, method="wilson")
        check(close(c["ci_low"], lo) and close(c["ci_high"], hi), f"{name} {key}: launch Wilson")
        check(c["flagged"] == bool(lo > THRESHOLD), f"{name} {key}: flagged")

    # 3. The SQL on DuckDB.
    if fixture.get("sql"):
        check_sql(name, fixture["events"], rows, launch, report)


COLUMNS = {
    "type": "VARCHAR", "checkout_id": "VARCHAR", "policy_version": "BIGINT",
    "environment": "STRUCT(platform VARCHAR, form_factor VARCHAR, host VARCHAR)",
    "experiments": "STRUCT(experiment VARCHAR, variant VARCHAR)[]",
    "rail": "VARCHAR", "launch": "VARCHAR", "result": "VARCHAR", "position": "BIGINT", "preselected": "VARCHAR",
}


def check_sql(name, path, rows, launch, report):
    con = duckdb.connect()
    columns = ", ".join(f"'{k}': '{v}'" for k, v in COLUMNS.items())
    con.execute(f"CREATE TABLE paysel_events AS SELECT * FROM read_json('{path}', format = 'newline_delimited', columns = {{{columns}}})")
    statements = [s for s in SQL.split(";") if s.strip()]
    check(len(statements) == 2, f"SQL: {len(statements)} statements, expected 2 (experiments, launch cells)")
    experiments_sql, launch_sql = statements[0], statements[-1]
    got = con.execute(experiments_sql).fetchall()
    cols = [d[0] for d in con.description]
    check(len(got) == len(rows), f"{name} SQL: {len(got)} experiment rows != {len(rows)}")
    srm = {s["experiment"]: s for s in report["sample_ratio"]}
    for values in got:
        g = dict(zip(cols, values))
        r = rows.get((g["experiment"], g["variant"]))
        if r is None:
            check(False, f"{name} SQL: unexpected row {g['experiment']}/{g['variant']}")
            continue
        label = f"{name} SQL {g['experiment']}/{g['variant']}"
        check((g["exposures"], g["conversions"]) == (r["exposures"], r["conversions"]), f"{label}: counts")
        for field in ("rate", "ci_low", "ci_high", "diff_pp", "diff_ci_low", "diff_ci_high"):
            check(close(g[field], r[field], 1e-9), f"{label}: {field} {g[field]} != {r[field]}")
        significant = None if r["p_value"] is None else int(r["p_value"] < 0.05)
        check(g["significant"] == significant, f"{label}: significant {g['significant']} != {significant}")
        check(g["needed_per_arm"] == r["needed_per_arm"], f"{label}: needed_per_arm {g['needed_per_arm']} != {r['needed_per_arm']}")
        s = srm[g["experiment"]]
        if s["in_policy"]:
            check(g["srm_mismatch"] == int(s["mismatch"]), f"{label}: srm_mismatch")
            if s["chi_square"] is not None:
                check(close(g["srm_chi_square"], s["chi_square"], 1e-9), f"{label}: srm_chi_square")
    got = con.execute(launch_sql).fetchall()
    cols = [d[0] for d in con.description]
    check(len(got) == len(launch), f"{name} SQL: {len(got)} launch rows != {len(launch)}")
    for values in got:
        g = dict(zip(cols, values))
        c = launch.get((g["host"], g["rail"], g["launch"]))
        label = f"{name} SQL {g['host']}/{g['rail']}/{g['launch']}"
        if c is None:
            check(False, f"{label}: unexpected row")
            continue
        check((g["attempts"], g["failures"]) == (c["attempts"], c["failures"]), f"{label}: counts")
        for field in ("failure_rate", "ci_low", "ci_high"):
            check(close(g[field], c[field], 1e-9), f"{label}: {field}")
        check(g["flagged"] == int(c["flagged"]), f"{label}: flagged")


if __name__ == "__main__":
    manifest = json.load(open(sys.argv[1]))
    policy = json.load(open(manifest["policy"]))
    SQL = open(manifest["sql"]).read()
    for fixture in manifest["fixtures"]:
        check_fixture(fixture, policy)
    for f in failures:
        print("FAIL", f)
    print(f"reference checks: {checks - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)
