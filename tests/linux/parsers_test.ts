// The pure parsers of the Linux backend on fixed inputs with known answers (and psutil's own
// parse_environ_block): stat, cmdline, status, environ, smaps, file modes, /proc/stat, cpuinfo,
// loadavg, meminfo.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as psutil from "../../mod.ts";
import {
  fileFlagsToMode,
  parseCmdline,
  parseEnviron,
  parseSmaps,
  parseSmapsTotals,
  parseStat,
  parseStatBytes,
  StatusView,
} from "../../platform/linux/parsers.ts";

import { HAVE_PSUTIL, psutilEval } from "../helpers.ts";
import {
  countCpuinfoCores,
  countCpuinfoProcessors,
  cpuTimesFromTicks,
  parseLoadavg,
  parseProcStat,
} from "../../platform/linux/cpu.ts";

import { estimateAvailable, parseMeminfo, usagePercent, virtualMemoryFrom } from "../../platform/linux/memory.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/linux/${name}`, import.meta.url), "utf8");

test("parseSmaps answers what the line regexes it replaced did, on real and mutated smaps", () => {
  const FIELDS: Record<string, string> = {
    Rss: "rss",
    Size: "size",
    Pss: "pss",
    Shared_Clean: "sharedClean",
    Shared_Dirty: "sharedDirty",
    Private_Clean: "privateClean",
    Private_Dirty: "privateDirty",
    Referenced: "referenced",
    Anonymous: "anonymous",
    Swap: "swap",
  };
  const reference = (text: string) => {
    const out: Record<string, unknown>[] = [];
    let cur: Record<string, unknown> | null = null;
    for (const line of text.split("\n")) {
      if (line === "") continue;
      const head = /^([0-9a-f]+-[0-9a-f]+)[ \t]+(\S+)[ \t]+\S+[ \t]+\S+[ \t]+\S+[ \t]*(.*)$/.exec(line);
      if (head) {
        const path = head[3].trim() || "[anon]";
        cur = { addr: head[1], perms: head[2], path, rss: 0 };
        for (const k of Object.values(FIELDS)) cur[k] = 0;
        out.push(cur);
        continue;
      }
      const m = /^(\w+): +(\d+) kB/.exec(line);
      if (m && cur && m[1] in FIELDS) cur[FIELDS[m[1]]] = Number(m[2]) * 1024;
    }
    return out;
  };
  const real = readFileSync("/proc/self/smaps", "utf8");
  const lines = real.split("\n");
  const pieces = [" ", "  ", "\t", "x", "0", "kB", ":", "-", "Rss:", "Swap: 12 kB", "7f00-7f10 r-xp 0 0:0 0 /a b", ""];
  let seed = 5;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const inputs = [real, "", "\n\n", "0-1 r 0 0 0\nRss: 4 kB\n", "00400000-00452000 r-xp 00000000 08:02 173521"];
  for (let k = 0; k < 500; k++) {
    const l = lines.slice(0, 40 + rand(40));
    for (let j = rand(4); j >= 0; j--) {
      const at = rand(l.length), pos = rand(l[at].length + 1);
      l[at] = l[at].slice(0, pos) + pieces[rand(pieces.length)] + l[at].slice(pos + rand(3));
    }
    inputs.push(l.join("\n"));
  }
  for (const text of inputs) {
    assert.deepEqual(parseSmaps(text).map((m) => ({ ...m })), reference(text), JSON.stringify(text.slice(0, 300)));
  }
});

test("parseStatBytes gives parseStat's record or its error, on real, hostile and broken lines", () => {
  const enc = new TextEncoder();
  const outcome = (f: () => unknown) => {
    try {
      return f();
    } catch (e) {
      return e instanceof psutil.OsError ? `${e.code}: ${e.message}` : `other: ${e}`;
    }
  };
  const real = readFileSync("/proc/self/stat", "utf8");
  const tail = real.slice(real.lastIndexOf(")") + 2);
  const inputs = [real, real.trimEnd(), `1 (a) b) ${tail}`, `1 (é ✓) ${tail}`, "", "1 (x) R 1 2", `1 (x)  ${tail}`];
  const pieces = [" ", "  ", "-", "7", "12", "x", "é", "(", ")", "\n", "\t", "R "];
  let seed = 3;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const fields = tail.trimEnd().split(" ");
  for (let k = 0; k < 3000; k++) {
    // A real line with a few fields or bytes changed.
    const f = [...fields];
    for (let j = rand(3); j >= 0; j--) f[rand(f.length)] = pieces[rand(pieces.length)];
    inputs.push(`${k} (${pieces[rand(pieces.length)]}n) ${f.slice(0, 36 + rand(f.length - 35)).join(" ")}\n`);
  }
  for (const text of inputs) {
    const b = enc.encode(text + "garbage after the read");
    assert.deepEqual(
      outcome(() => ({ ...parseStatBytes(b, b.length - 22) })),
      outcome(() => ({ ...parseStat(text) })),
      JSON.stringify(text),
    );
  }
});

test("parseStat takes the name up to the last parenthesis (hostile names)", () => {
  const line = "1234 (a) (b\nc) Z 1 ) S 77 1234 1234 34816 1234 4194304 100 0 0 0 250 150 3 4 20 5 3 0 " +
    "98765 10000000 500 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 42 0 0\n";
  const s = parseStat(line);
  assert.equal(s.name, "a) (b\nc) Z 1 ");
  assert.equal(s.state, "S");
  assert.equal(s.ppid, 77);
  assert.equal(s.ttyNr, 34816);
  assert.equal(s.utime, 250);
  assert.equal(s.stime, 150);
  assert.equal(s.cutime, 3);
  assert.equal(s.cstime, 4);
  assert.equal(s.nice, 5);
  assert.equal(s.numThreads, 3);
  assert.equal(s.starttime, 98765);
  assert.equal(s.vsize, 10000000);
  assert.equal(s.rss, 500);
  assert.equal(s.processor, 1);
  assert.equal(s.blkioTicks, 42);
  assert.throws(() => parseStat("garbage", "/proc/9/stat"), (e: unknown) => {
    assert.ok(e instanceof psutil.OsError);
    assert.equal(e.code, "EINVAL");
    assert.equal(e.path, "/proc/9/stat");
    assert.match(e.message, /malformed/);
    return true;
  });
});

test("parseCmdline: NUL-separated, empty and spaced arguments, setproctitle form", () => {
  assert.deepEqual(parseCmdline("sleep\x001000\0"), ["sleep", "1000"]);
  assert.deepEqual(parseCmdline("a\0\0b c\0"), ["a", "", "b c"]);
  assert.deepEqual(parseCmdline("postgres: writer process   "), ["postgres:", "writer", "process"]);
  assert.deepEqual(parseCmdline(""), []);
});

test("StatusView finds Key: value lines, first line and last included, and only whole keys", () => {
  const m = new StatusView("Name:\tbash\nUid:\t1000\t1001\t1002\t1003\nNoUid:\t7\nTgid:\t42");
  assert.equal(m.get("Name"), "bash");
  assert.equal(m.get("Uid"), "1000\t1001\t1002\t1003");
  assert.equal(m.get("Tgid"), "42");
  assert.equal(m.get("Gid"), undefined);
  assert.equal(new StatusView("NoUid:\t7\n").get("Uid"), undefined, "a key that ends another key is not it");
});

test("fileFlagsToMode is psutil's table", () => {
  assert.equal(fileFlagsToMode(0o0), "r");
  assert.equal(fileFlagsToMode(0o1), "w");
  assert.equal(fileFlagsToMode(0o2), "r+");
  assert.equal(fileFlagsToMode(0o2001), "a");
  assert.equal(fileFlagsToMode(0o2002), "a+");
  assert.equal(fileFlagsToMode(0o100000 | 0o1), "w", "other flags (O_LARGEFILE) are ignored");
});

test("parseEnviron follows psutil's rules: '=' inside values, stop at an empty entry, drop an unterminated last one", () => {
  assert.deepEqual(parseEnviron("A=1\0B=x=y\0\0C=\0"), { A: "1", B: "x=y" });
  assert.deepEqual(parseEnviron("A=1\0B=2"), { A: "1" });
  assert.deepEqual(parseEnviron("=x\0noeq\0A=\0"), { A: "" });
  assert.deepEqual(parseEnviron(""), {});
});

test("parseEnviron agrees with psutil's parse_environ_block on random blocks", { skip: !HAVE_PSUTIL }, () => {
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const blocks = Array.from({ length: 200 }, () => {
    let b = "";
    for (let i = rnd(12); i > 0; i--) b += "AB=\0x"[rnd(6)];
    return b;
  });
  const want = psutilEval<Record<string, string>[]>(
    `[parse_environ_block(b) for b in json.loads(sys.stdin.read())]`,
    "from psutil._common import parse_environ_block",
    JSON.stringify(blocks),
  );
  blocks.forEach((b, i) => assert.deepEqual(parseEnviron(b), want[i], JSON.stringify(b)));
});

test("parseSmaps and parseSmapsTotals on a fixture with anonymous, deleted and VmFlags lines", () => {
  const text = [
    "00400000-00452000 r-xp 00000000 08:02 173521      /usr/bin/dbus-daemon",
    "Size:                328 kB",
    "Rss:                 300 kB",
    "Pss:                 150 kB",
    "Shared_Clean:        300 kB",
    "Private_Dirty:         0 kB",
    "VmFlags: rd ex mr mw me dw",
    "7f0000000000-7f0000021000 rw-p 00000000 00:00 0 ",
    "Size:                132 kB",
    "Rss:                   8 kB",
    "Private_Dirty:         8 kB",
    "Swap:                  4 kB",
    "7f1000000000-7f1000001000 rw-s 00000000 00:05 99 /memfd:x (deleted)",
    "Rss:                   4 kB",
  ].join("\n");
  const maps = parseSmaps(text);
  assert.equal(maps.length, 3);
  assert.deepEqual(
    [maps[0].path, maps[0].addr, maps[0].perms, maps[0].rss, maps[0].size, maps[0].pss, maps[0].sharedClean],
    ["/usr/bin/dbus-daemon", "00400000-00452000", "r-xp", 300 * 1024, 328 * 1024, 150 * 1024, 300 * 1024],
  );
  assert.equal(maps[1].path, "[anon]");
  assert.equal(maps[1].swap, 4096);
  assert.equal(maps[2].path, "/memfd:x", "a deleted file loses ' (deleted)'");
  assert.deepEqual(
    parseSmapsTotals(
      "Rss: 10 kB\nPss: 7 kB\nPrivate_Clean: 1 kB\nPrivate_Dirty: 2 kB\nPrivate_Hugetlb: 3 kB\nSwap: 5 kB\n",
    ),
    {
      uss: 6 * 1024,
      pss: 7 * 1024,
      swap: 5 * 1024,
    },
  );
});

test("parseProcStat's byte parser answers what the split-and-regex parser it replaced did", () => {
  const reference = (text: string) => {
    const out = {
      total: [] as number[],
      perCpu: [] as number[][],
      btime: null,
      ctxt: null,
      intr: null,
      softirq: null,
    } as Record<string, unknown> & { perCpu: number[][] };
    const first = (line: string) => {
      const m = /^\S+ +(\d+)(?: |$)/.exec(line);
      return m ? Number(m[1]) : null;
    };
    for (const line of text.split("\n")) {
      if (line.startsWith("cpu")) {
        const parts = line.split(" ").filter((p) => p !== "");
        const nums = parts.slice(1).map((p) => /^\d+$/.test(p) ? Number(p) : NaN);
        if (nums.some(Number.isNaN) || !/^cpu\d*$/.test(parts[0])) return "malformed";
        if (parts[0] === "cpu") out.total = nums;
        else out.perCpu.push(nums);
      } else if (line.startsWith("btime ")) out.btime = first(line);
      else if (line.startsWith("ctxt ")) out.ctxt = first(line);
      else if (line.startsWith("intr ")) out.intr = first(line);
      else if (line.startsWith("softirq ")) out.softirq = first(line);
    }
    return out;
  };
  const ours = (text: string) => {
    try {
      return { ...parseProcStat(text) };
    } catch (e) {
      assert.ok(e instanceof psutil.OsError && e.code === "EINVAL", String(e));
      return "malformed";
    }
  };
  const pieces = ["cpu", "cpu0", "cpu12", "btime", "ctxt", "intr", "softirq", " ", "  ", "\n", "7", "42", "x", "\t"];
  let seed = 11;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const inputs = [fixture("stat"), "cpu 1 2 3\ncpu0 4 5 6\nintr 9 1 2\nbtime 77\n", "cpux 1\n", "cpu 1 a\n"];
  for (let k = 0; k < 3000; k++) {
    inputs.push(Array.from({ length: rand(24) }, () => pieces[rand(pieces.length)]).join(""));
  }
  for (const text of inputs) assert.deepEqual(ours(text), reference(text), JSON.stringify(text));
});

test("parseProcStat reads cpu lines, btime, ctxt, intr and softirq", () => {
  const s = parseProcStat(fixture("stat"));
  assert.deepEqual(s.total, [10132153, 290696, 3084719, 46828483, 16683, 0, 25195, 0, 0, 0]);
  assert.equal(s.perCpu.length, 2);
  assert.equal(s.btime, 1700000000);
  assert.equal(s.ctxt, 1990473);
  assert.equal(s.intr, 114930548);
  assert.equal(s.softirq, 9245);
});

test("cpuTimesFromTicks: ten fields on a modern kernel, seven on an old one", () => {
  const modern = cpuTimesFromTicks([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], 100);
  assert.deepEqual(modern, {
    user: 1,
    nice: 2,
    system: 3,
    idle: 4,
    iowait: 5,
    irq: 6,
    softirq: 7,
    steal: 8,
    guest: 9,
    guestNice: 10,
  });
  // Linux 2.6.0-2.6.10: four fields only; psutil pads the first seven with 0 and omits the rest.
  const old = cpuTimesFromTicks([100, 200, 300, 400], 100);
  assert.deepEqual(old, { user: 1, nice: 2, system: 3, idle: 4, iowait: 0, irq: 0, softirq: 0 });
  assert.equal("steal" in old, false);
  const eight = cpuTimesFromTicks([1, 1, 1, 1, 1, 1, 1, 1], 1);
  assert.equal(eight.steal, 1);
  assert.equal("guest" in eight, false);
});

test("parseProcStat on an old kernel's stat without btime-era fields", () => {
  const s = parseProcStat("cpu  1 2 3 4\ncpu0 1 2 3 4\nbtime 5\n");
  assert.deepEqual(s.total, [1, 2, 3, 4]);
  assert.equal(s.ctxt, null);
  assert.equal(s.btime, 5);
});

test("cpuinfo counting: processors and (physical id, core id) pairs", () => {
  const text = fixture("cpuinfo");
  assert.equal(countCpuinfoProcessors(text), 4);
  assert.equal(countCpuinfoCores(text), 2);
  assert.equal(countCpuinfoCores("processor : 0\nprocessor : 1\n"), 0);
});

test("parseLoadavg reads three numbers and rejects garbage", () => {
  assert.deepEqual(parseLoadavg("0.52 0.58 0.59 1/467 12345\n"), [0.52, 0.58, 0.59]);
  assert.throws(() => parseLoadavg("garbage"));
});

test("parseMeminfo's byte parser answers what the line regex it replaced did (blanks being spaces and tabs)", () => {
  const reference = (text: string) => {
    const out = new Map<string, number>();
    for (const line of text.split("\n")) {
      const m = /^([^:\s]+)[ \t]*:\s*(\d+)[ \t]*(kB)?/.exec(line);
      if (m) out.set(m[1], Number(m[2]) * (m[3] ? 1024 : 1));
    }
    return out;
  };
  const pieces = [
    "MemTotal",
    "Active(anon)",
    "Hugepagesize",
    "Zé",
    ":",
    " ",
    "\t",
    "\n",
    "12",
    "0",
    " kB",
    "kB",
    "B",
    "x",
  ];
  let seed = 7;
  const rand = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const inputs = [fixture("meminfo"), "MemTotal:       1000 kB\nMemTotal: 5\n", "A:1\nA :2 kB\n:3\n a:4\n"];
  for (let k = 0; k < 2000; k++) {
    inputs.push(Array.from({ length: rand(30) }, () => pieces[rand(pieces.length)]).join(""));
  }
  for (const text of inputs) assert.deepEqual(parseMeminfo(text), reference(text), JSON.stringify(text));
});

test("parseMeminfo handles odd spacing and lines without a unit", () => {
  const m = parseMeminfo("MemTotal:       1000 kB\nHugePages_Total:      3\nMemFree:1 kB\n  Bad line\n");
  assert.equal(m.get("MemTotal"), 1024000);
  assert.equal(m.get("HugePages_Total"), 3);
  assert.equal(m.get("MemFree"), 1024);
});

test("virtualMemoryFrom applies psutil 5.9's formulas to a fixture", () => {
  const vm = virtualMemoryFrom(parseMeminfo(fixture("meminfo")), () => null);
  const kb = 1024;
  assert.equal(vm.total, 16303376 * kb);
  assert.equal(vm.free, 7347356 * kb);
  assert.equal(vm.buffers, 310676 * kb);
  assert.equal(vm.cached, (5212384 + 264268) * kb);
  assert.equal(vm.shared, 639840 * kb);
  assert.equal(vm.slab, 412600 * kb);
  assert.equal(vm.active, 4542604 * kb);
  assert.equal(vm.inactive, 3533200 * kb);
  assert.equal(vm.available, 8683212 * kb);
  assert.equal(vm.used, (16303376 - 7347356 - 5212384 - 264268 - 310676) * kb);
  assert.equal(vm.percent, usagePercent(vm.total - vm.available, vm.total));
  assert.equal(vm.percent, 46.7);
});

test("virtualMemoryFrom without MemAvailable falls back to zoneinfo, then free + cached", () => {
  const text = fixture("meminfo").replace(/^MemAvailable:.*\n/m, "");
  const mems = parseMeminfo(text);
  const noZone = virtualMemoryFrom(mems, () => null);
  assert.equal(noZone.available, (7347356 + 5212384 + 264268) * 1024);
  const zoneinfo =
    "Node 0, zone DMA\n  pages free 3\n        min      10\n        low      100\n        high     20\n" +
    "Node 0, zone Normal\n        low      900\n";
  const withZone = virtualMemoryFrom(mems, () => zoneinfo);
  assert.equal(withZone.available, estimateAvailable(mems, zoneinfo, 4096));
  // free - low + pagecache - min(pagecache/2, low) + sreclaimable - min(sreclaimable/2, low), low = 1000 pages
  const low = 1000 * 4096;
  const pagecache = (2109636 + 2937228) * 1024;
  const sr = 264268 * 1024;
  assert.equal(withZone.available, Math.trunc(7347356 * 1024 - low + pagecache - low + sr - low));
});

test("usagePercent rounds to one decimal and survives a zero total", () => {
  assert.equal(usagePercent(1, 3), 33.3);
  assert.equal(usagePercent(5, 0), 0);
});
