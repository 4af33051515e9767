// The package as JSR serves it to npm users: every published TypeScript file transpiled to a JavaScript file of the
// same name ending in .js, relative import and export specifiers (static and dynamic) rewritten from .ts to .js, and
// strings given to `new URL` left as written; a package.json of an ES module package. Run by Bun (its transpiler is
// a real one, not the type stripping Node does on the sources): bun tests/programs/transpile.ts <out-dir>
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import process from "node:process";

const ROOT = join(dirname(new URL(import.meta.url).pathname), "..", "..");
const out = process.argv[2];
if (!out) throw new TypeError("usage: bun tests/programs/transpile.ts <out-dir>");

const config = JSON.parse(readFileSync(join(ROOT, "deno.json"), "utf8")) as {
  name: string;
  version: string;
  description: string;
  exports: Record<string, string>;
  publish: { include: string[] };
};

/** The files an include entry names: a file, or `dir/**\/*.ts`. */
function expand(entry: string): string[] {
  const m = /^(.+)\/\*\*\/\*\.ts$/.exec(entry);
  if (!m) return [entry];
  const walk = (dir: string): string[] =>
    readdirSync(join(ROOT, dir)).flatMap((name) => {
      const rel = `${dir}/${name}`;
      if (statSync(join(ROOT, rel)).isDirectory()) return walk(rel);
      return rel.endsWith(".ts") ? [rel] : [];
    });
  return walk(m[1]);
}

const transpiler = new (globalThis as unknown as {
  Bun: { Transpiler: new (o: object) => { transformSync(code: string): string } };
}).Bun.Transpiler({ loader: "ts", target: "node" });
const SPECIFIER = /(\b(?:from|import)\s*\(?\s*)(["'])(\.\.?\/[^"'\n]+)\.ts\2/g;
const toJs = (p: string) => p.replace(/\.ts$/, ".js");

let files = 0;
for (const rel of config.publish.include.flatMap(expand)) {
  const dest = join(out, rel.endsWith(".ts") ? toJs(rel) : rel);
  mkdirSync(dirname(dest), { recursive: true });
  if (!rel.endsWith(".ts")) {
    copyFileSync(join(ROOT, rel), dest);
    continue;
  }
  const js = transpiler.transformSync(readFileSync(join(ROOT, rel), "utf8"))
    .replace(SPECIFIER, (_all, head: string, q: string, path: string) => `${head}${q}${path}.js${q}`);
  writeFileSync(dest, js);
  files++;
}
writeFileSync(
  join(out, "package.json"),
  JSON.stringify(
    {
      name: `@jsr/${config.name.slice(1).replace("/", "__")}`,
      version: config.version,
      description: config.description,
      type: "module",
      exports: Object.fromEntries(Object.entries(config.exports).map(([k, v]) => [k, toJs(v)])),
    },
    null,
    2,
  ),
);
console.log(`${files} files transpiled into ${relative(process.cwd(), out) || "."}`);
