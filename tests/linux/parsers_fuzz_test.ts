// Every pure parser of the Linux backend, fuzzed with random and mutated
// inputs from a fixed seed for a bounded time (tests/fuzz.ts): the only
// outcomes are a value without NaN or a library error. `deno run -A
// bench/fuzz.ts --seconds 60` runs the same for longer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { fuzz, targets } from "./fuzz.ts";

const SEED = 20261202;

for (const target of targets()) {
  test(`fuzz: ${target.name} gives a value or a library error`, () => {
    const { finding, runs } = fuzz(target, SEED, 150, 20_000);
    if (finding) {
      assert.fail(
        `${finding.problem} after ${runs} inputs, on ${
          JSON.stringify(new TextDecoder().decode(finding.input).slice(0, 300))
        }`,
      );
    }
    assert.ok(runs > target.seeds.length, "mutated inputs were tried");
  });
}
