/**
 * The parser fuzzer for longer than the test suite runs it:
 * `deno run -A bench/fuzz.ts [--seconds 60] [--seed N]` or `bun bench/fuzz.ts ...`.
 * Splits the time over every parser of tests/fuzz.ts; prints the inputs
 * tried per parser and every finding (exit 1 when there is one).
 *
 * @module
 */
import process from "node:process";
import { fuzz, targets } from "../tests/linux/fuzz.ts";

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg("--seconds", 60);
const seed = arg("--seed", Date.now() % 2 ** 31);
const all = targets();
let findings = 0;
console.log(`seed ${seed}, ${seconds} s over ${all.length} parsers`);
for (const t of all) {
  const { finding, runs } = fuzz(t, seed, (seconds * 1000) / all.length);
  console.log(`${t.name.padEnd(16)} ${String(runs).padStart(9)} inputs  ${finding ? "FINDING" : "ok"}`);
  if (finding) {
    findings++;
    console.log(
      `  ${finding.problem}\n  input: ${JSON.stringify(new TextDecoder().decode(finding.input).slice(0, 500))}`,
    );
  }
}
process.exit(findings ? 1 : 0);
