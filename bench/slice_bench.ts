/**
 * First benchmarks of the Linux slice: `deno bench -A bench/`. The full
 * suites, the Bun runner and the comparison with psutil are in the
 * performance work; these keep the basic calls measured meanwhile.
 *
 * @module
 */
import * as psutil from "../mod.ts";

Deno.bench("pids()", () => {
  psutil.pids();
});

Deno.bench("virtualMemory()", () => {
  psutil.virtualMemory();
});

Deno.bench("cpuTimes({ percpu: true })", () => {
  psutil.cpuTimes({ percpu: true });
});

const ATTRS: psutil.ProcessAttr[] = [
  "pid",
  "name",
  "ppid",
  "status",
  "cpuTimes",
  "memoryInfo",
  "username",
  "createTime",
  "cmdline",
];

Deno.bench("every process: asDict of the common attrs", () => {
  for (const pid of psutil.pids()) {
    try {
      new psutil.Process(pid).asDict({ attrs: ATTRS });
    } catch (e) {
      if (!(e instanceof psutil.NoSuchProcess)) throw e;
    }
  }
});

Deno.bench("one process: oneshot + asDict of the common attrs", () => {
  const p = new psutil.Process();
  p.oneshot(() => p.asDict({ attrs: ATTRS }));
});
