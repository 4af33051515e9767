/**
 * Every exported function, class and method has an `@example` (which the
 * `deno test --doc` gate then runs): read from `deno doc --json mod.ts`, the
 * documentation JSR shows.
 *
 * @module
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { ROOT } from "./helpers.ts";

const DENO = `${ROOT}node_modules/.bin/deno`;

interface JsDoc {
  doc?: string;
  tags?: { kind: string }[];
}
interface Declaration {
  kind: string;
  jsDoc?: JsDoc;
  def?: { methods?: { name: string; accessibility?: string; jsDoc?: JsDoc }[] };
}

function hasExample(d: JsDoc | undefined): boolean {
  return !!d && ((d.tags ?? []).some((t) => t.kind === "example") || (d.doc ?? "").includes("```"));
}

test("every exported function, class and method has an example", { skip: !existsSync(DENO) }, () => {
  const out = JSON.parse(execFileSync(DENO, ["doc", "--json", "mod.ts"], { cwd: ROOT, encoding: "utf8" }));
  const symbols: { name: string; declarations: Declaration[] }[] = (Object.values(out.nodes)[0] as {
    symbols: { name: string; declarations: Declaration[] }[];
  }).symbols;
  // An overloaded name is covered when one of its declarations has the example.
  const covered = new Map<string, boolean>();
  const note = (name: string, doc: JsDoc | undefined) => covered.set(name, covered.get(name) || hasExample(doc));
  for (const s of symbols) {
    for (const d of s.declarations) {
      if (d.kind !== "function" && d.kind !== "class") continue;
      note(s.name, d.jsDoc);
      for (const m of d.def?.methods ?? []) {
        if (m.accessibility !== "private" && m.accessibility !== "protected") note(`${s.name}.${m.name}`, m.jsDoc);
      }
    }
  }
  assert.ok(covered.size > 100, `only ${covered.size} names: the JSON's shape changed?`);
  assert.deepEqual([...covered].filter(([, ok]) => !ok).map(([name]) => name), []);
});
