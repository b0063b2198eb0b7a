// Every labelled User-Agent in tests/ua/*.jsonl through the built package's
// detect(): platform and host always, form_factor and webview where labelled.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { detect } from "paysel";

const dir = new URL("../../../tests/ua/", import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith(".jsonl")).sort();

test("the User-Agent corpus has files", () => {
  assert.ok(files.length > 0, `no .jsonl files in ${dir.pathname}`);
});

for (const file of files) {
  test(file, () => {
    const lines = readFileSync(new URL(file, dir), "utf8").split("\n");
    const wrong = [];
    let count = 0;
    lines.forEach((line, i) => {
      if (line.trim() === "") return;
      count += 1;
      const c = JSON.parse(line);
      const got = detect(c.ua, c.hints);
      const want = { platform: c.platform, host: c.host };
      const seen = { platform: got.platform, host: got.host };
      for (const key of ["form_factor", "webview"]) {
        if (c[key] !== undefined) {
          want[key] = c[key];
          seen[key] = got[key];
        }
      }
      try {
        assert.deepStrictEqual(seen, want);
      } catch {
        wrong.push(`${file}:${i + 1}: got ${JSON.stringify(seen)}, want ${JSON.stringify(want)}\n    ${c.ua}`);
      }
    });
    assert.ok(count > 0, `${file} is empty`);
    assert.equal(wrong.length, 0, `${wrong.length} of ${count} lines mismatch:\n${wrong.join("\n")}`);
  });
}
