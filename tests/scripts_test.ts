// Every script in scripts/, run under the runtime that runs the tests, with
// its output checked against the API (and the API's own tests check the API).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import * as psutil from "../mod.ts";
import { mountedOnce } from "../scripts/df.ts";
import { have, listen, RUNTIME_ARGS, startChild, stopChild, waitExec, waitFor } from "./helpers.ts";

const LINUX = psutil.LINUX;
const ROOT_DIR = new URL("..", import.meta.url).pathname;

const SCRIPTS = readdirSync(join(ROOT_DIR, "scripts")).filter((f) => f.endsWith(".ts") && !f.startsWith("_")).map((f) =>
  f.slice(0, -3)
);

/** Runs a script; returns its exit status and output. */
function script(name: string, ...args: string[]): { status: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...RUNTIME_ARGS, join(ROOT_DIR, "scripts", `${name}.ts`), ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", COLUMNS: "200" },
    timeout: 60_000,
  });
  return { status: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

test("every tool of the issue is there, and each has --help and refuses an unknown option", () => {
  const wanted = [
    "ps",
    "top",
    "free",
    "df",
    "netstat",
    "ifconfig",
    "iotop",
    "pmap",
    "who",
    "sensors",
    "battery",
    "pstree",
    "procinfo",
    "killall",
    "meminfo",
    "nettop",
    "disk_usage",
    "cpu_distribution",
    "fans",
    "temperatures",
    "winservices",
  ];
  assert.deepEqual([...SCRIPTS].sort(), [...wanted].sort());
  for (const name of SCRIPTS) {
    const help = script(name, "--help");
    assert.equal(help.status, 0, `${name} --help: ${help.stderr}`);
    assert.match(help.stdout, new RegExp(`^usage: ${name} `), name);
    const bad = script(name, "--no-such-option");
    assert.equal(bad.status, 2, `${name} --no-such-option`);
    assert.match(bad.stderr, /unknown option --no-such-option/);
  }
});

test("ps lists as many processes as pids(), one line each, and free and meminfo show the memory total", {
  skip: !LINUX,
}, async () => {
  // A command line with newlines and a tab (a multi-line `sh -c` script) stays on one row, as ps(1) shows it.
  const sh = startChild("sh", ["-c", "sleep 1000\n\t: second line"]);
  let ps;
  try {
    await waitFor(() => new psutil.Process(sh.pid!).children().length === 1);
    ps = script("ps");
  } finally {
    for (const k of new psutil.Process(sh.pid!).children()) k.kill();
    await stopChild(sh);
  }
  assert.equal(ps.status, 0, ps.stderr);
  const rows = ps.stdout.trimEnd().split("\n").slice(1);
  assert.ok(Math.abs(rows.length - psutil.pids().length) <= 5, `${rows.length} rows for ${psutil.pids().length} pids`);
  const row = rows.find((r) => r.trim().split(/\s+/)[1] === String(sh.pid));
  assert.ok(row?.endsWith("sh -c sleep 1000??: second line"), String(row));
  const free = script("free", "--bytes");
  assert.equal(free.status, 0, free.stderr);
  const mem = free.stdout.split("\n").find((l) => l.startsWith("Mem:"))!.trim().split(/\s+/);
  assert.equal(Number(mem[1]), psutil.virtualMemory().total);
  const swap = free.stdout.split("\n").find((l) => l.startsWith("Swap:"))!.trim().split(/\s+/);
  assert.equal(Number(swap[1]), psutil.swapMemory().total);
  const meminfo = script("meminfo");
  assert.match(
    meminfo.stdout,
    new RegExp(`total\\s+: ${psutil.bytes2human(psutil.virtualMemory().total).replace(".", "\\.")}`),
  );
});

test("df and disk_usage show every partition with diskUsage's numbers", { skip: !LINUX }, () => {
  const df = script("df", "--bytes");
  assert.equal(df.status, 0, df.stderr);
  const rowAt = (mountpoint: string) => df.stdout.split("\n").find((l) => l.trim().split(/\s+/).at(-1) === mountpoint);
  // As df(1): a device mounted in several places (a bind mount) has one row, at its shortest mount point.
  const shortest = new Map<string, string>();
  for (const p of psutil.diskPartitions()) {
    const seen = shortest.get(p.device);
    if (p.device.startsWith("/") && (seen === undefined || p.mountpoint.length < seen.length)) {
      shortest.set(p.device, p.mountpoint);
    }
  }
  for (const p of psutil.diskPartitions()) {
    const at = shortest.get(p.device) ?? p.mountpoint;
    const row = rowAt(at);
    assert.ok(row, `no row for ${at} (${p.device} at ${p.mountpoint})`);
    assert.equal(Number(row.trim().split(/\s+/)[1]), psutil.diskUsage(at).total);
    if (at !== p.mountpoint) assert.equal(rowAt(p.mountpoint), undefined, `${p.mountpoint} twice`);
  }
  const du = script("disk_usage", "/");
  assert.match(du.stdout, new RegExp(`of ${psutil.bytes2human(psutil.diskUsage("/").total).replace(".", "\\.")}`));
});

test("df lists a device once, at its shortest mount point; pseudo file systems each time; all with --all", () => {
  const part = (device: string, mountpoint: string) => ({
    device,
    mountpoint,
    fstype: "ext4",
    opts: "rw",
    maxfile: 255,
    maxpath: 4096,
  });
  const parts = [
    part("/dev/sda1", "/srv/data"),
    part("tmpfs", "/run"),
    part("/dev/sda1", "/"),
    part("tmpfs", "/tmp"),
    part("/dev/sda1", "/tmp/chroot/repo"),
    part("/dev/sdb1", "/home"),
  ];
  assert.deepEqual(mountedOnce(parts, false).map((p) => p.mountpoint), ["/", "/run", "/tmp", "/home"]);
  assert.deepEqual(mountedOnce(parts, true), parts);
});

test(
  "netstat shows a socket this process listens on, with our pid; ifconfig every interface",
  { skip: !LINUX },
  async () => {
    const server = createServer();
    await listen(server, 0, "127.0.0.1");
    try {
      const port = (server.address() as { port: number }).port;
      const out = script("netstat", "--kind", "tcp4");
      assert.equal(out.status, 0, out.stderr);
      const row = out.stdout.split("\n").find((l) => l.includes(`127.0.0.1:${port} `));
      assert.ok(row, `no row for port ${port}`);
      assert.match(row, new RegExp(`LISTEN\\s+${process.pid} `));
      assert.equal(script("netstat", "--kind", "nope").status, 2);
    } finally {
      await new Promise((r) => server.close(r));
    }
    const ifc = script("ifconfig");
    for (const nic of Object.keys(psutil.netIfAddrs())) assert.match(ifc.stdout, new RegExp(`^${nic}:$`, "m"));
  },
);

test("pstree, procinfo and pmap describe a child we started", { skip: !LINUX }, async () => {
  const sh = startChild("sh", ["-c", "sleep 1000 & sleep 1001 & wait"]);
  try {
    const shp = new psutil.Process(sh.pid!);
    await waitFor(() => shp.children().length === 2);
    const kids = shp.children();
    await Promise.all(kids.map((k) => waitExec(k.pid, "sleep")));
    const tree = script("pstree", String(sh.pid));
    assert.equal(tree.status, 0, tree.stderr);
    assert.equal(tree.stdout.split("\n")[0], `sh(${sh.pid})`);
    for (const k of kids) assert.match(tree.stdout, new RegExp(`[├└]─sleep\\(${k.pid}\\)`));
    const info = script("procinfo", String(kids[0].pid));
    assert.equal(info.status, 0, info.stderr);
    assert.match(info.stdout, /^name\s+sleep$/m);
    assert.match(info.stdout, new RegExp(`^cmdline\\s+${kids[0].cmdline().join(" ")}$`, "m"));
    assert.match(info.stdout, new RegExp(`^parent\\s+${sh.pid} \\(sh\\)$`, "m"));
    const pmap = script("pmap", String(kids[0].pid));
    assert.equal(pmap.status, 0, pmap.stderr);
    assert.ok(pmap.stdout.includes(kids[0].exe()), "the executable is mapped");
    assert.match(pmap.stdout, /^Total\s+\S+/m);
    for (const k of kids) k.kill();
  } finally {
    await stopChild(sh);
  }
  const missing = script("pmap", "999999999");
  assert.equal(missing.status, 1);
  // One clean sentence, not the library's message after "no such process".
  assert.equal(missing.stderr.trim(), "pmap: no such process (pid=999999999)");
  assert.equal(script("procinfo", "999999").stderr.trim(), "procinfo: no such process (pid=999999)");
  assert.equal(script("pmap", "abc").status, 2);
});

test("killall signals every process of a name and fails for a name nobody has", { skip: !LINUX }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "psutil-killall-"));
  const exe = join(dir, "psk-sleeper");
  copyFileSync("/bin/sleep", exe);
  chmodSync(exe, 0o755);
  const kids = [startChild(exe, ["1000"]), startChild(exe, ["1000"])];
  try {
    await Promise.all(kids.map((k) => waitExec(k.pid!, "psk-sleeper")));
    const out = script("killall", "psk-sleeper", "--signal", "KILL");
    assert.equal(out.status, 0, out.stderr);
    for (const k of kids) assert.match(out.stdout, new RegExp(`^${k.pid} psk-sleeper: signalled$`, "m"));
    assert.equal(await waitFor(() => kids.every((k) => k.exitCode !== null || k.signalCode !== null)), true);
    const none = script("killall", "psk-sleeper");
    assert.equal(none.status, 1);
    assert.match(none.stderr, /no process named psk-sleeper/);
    assert.equal(script("killall", "x", "--signal", "BOGUS").status, 2);
  } finally {
    for (const k of kids) await stopChild(k);
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  "who matches users(); sensors, battery, fans, temperatures and winservices say what is missing",
  { skip: !LINUX },
  () => {
    const who = script("who");
    assert.equal(who.status, 0);
    assert.equal(who.stdout.split("\n").filter(Boolean).length, psutil.users().length);
    const sensors = script("sensors");
    assert.equal(sensors.status, 0);
    const temps = psutil.sensorsTemperatures();
    if (Object.keys(temps).length === 0) assert.match(sensors.stdout, /Temperatures:\n {2}none/);
    else for (const dev of Object.keys(temps)) assert.ok(sensors.stdout.includes(dev));
    for (
      const [name, has, message] of [
        ["battery", psutil.sensorsBattery() !== null, /no battery found/],
        ["fans", Object.keys(psutil.sensorsFans()).length > 0, /no fans found/],
        ["temperatures", Object.keys(temps).length > 0, /no temperature sensors found/],
      ] as const
    ) {
      const r = script(name);
      assert.equal(r.status, has ? 0 : 1, name);
      if (!has) assert.match(r.stderr, message);
    }
    const win = script("winservices");
    assert.equal(win.status, 1);
    assert.match(win.stderr, /not available on this platform/);
  },
);

test("the live tools run a given number of refreshes and exit 0", { skip: !LINUX }, () => {
  const top = script("top", "--iterations", "2", "--interval", "0.2");
  assert.equal(top.status, 0, top.stderr);
  assert.equal(top.stdout.split("Load average:").length - 1, 2, "two frames");
  assert.match(top.stdout, new RegExp(`^Processes: \\d+ `, "m"));
  assert.match(top.stdout, /^\s+PID USER\s+%CPU\s+%MEM/m);
  for (const name of ["iotop", "nettop", "cpu_distribution"]) {
    const r = script(name, "--iterations", "1", "--interval", "0.1");
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
  }
  assert.match(
    script("nettop", "--iterations", "1", "--interval", "0.1").stdout,
    new RegExp(`^${Object.keys(psutil.netIoCounters({ pernic: true }))[0]} `, "m"),
  );
  const cpus = script("cpu_distribution", "--iterations", "1", "--interval", "0.1").stdout.split("\n").filter((l) =>
    l.startsWith("CPU ")
  );
  assert.equal(cpus.length, psutil.cpuCount());
  assert.equal(script("top", "--iterations", "0").status, 2);
  assert.equal(script("top", "--interval", "-1").status, 2);
});

/** Runs a script on a terminal (util-linux `script` gives it a pty of `cols` columns), typing `key` after `delayMs`. */
function onTerminal(
  name: string,
  args: string[],
  cols: number,
  key: string,
  delayMs: number,
): Promise<{ status: number | null; out: string }> {
  const cmd = [process.execPath, ...RUNTIME_ARGS, join(ROOT_DIR, "scripts", `${name}.ts`), ...args]
    .map((a) => `'${a}'`).join(" ");
  const child = spawn("script", ["-qfec", `stty cols ${cols} rows 30; exec ${cmd}`, "/dev/null"], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, NO_COLOR: "1" },
  });
  let out = "";
  child.stdout.on("data", (d: Uint8Array) => out += new TextDecoder().decode(d));
  return new Promise((resolve) => {
    // The key goes in once the first frame is out (the tool is reading its keys by then).
    const typing = setInterval(() => {
      if (out.includes("PID")) {
        clearInterval(typing);
        setTimeout(() => child.stdin.write(key), delayMs);
      }
    }, 20);
    const killer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.on("exit", (status) => {
      clearInterval(typing);
      clearTimeout(killer);
      resolve({ status, out });
    });
  });
}

test("tools reject stray arguments and missing ones with exit 2 and the usage", () => {
  for (
    const [name, args, message] of [
      ["free", ["extra"], /unexpected argument "extra" \(it takes none\)/],
      ["pmap", ["1", "2"], /unexpected argument "2"/],
      ["pmap", [], /missing PID/],
      ["procinfo", ["1", "2"], /unexpected argument "2"/],
      ["killall", [], /missing NAME/],
      ["top", ["now"], /unexpected argument "now"/],
    ] as const
  ) {
    const r = script(name, ...args);
    assert.equal(r.status, 2, `${name} ${args.join(" ")}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.match(r.stderr, new RegExp(`usage: ${name} `));
  }
  // disk_usage takes any number of paths.
  assert.equal(script("disk_usage", "/", "/").status, 0);
});

test("--help aligns its descriptions in one column", () => {
  for (const name of SCRIPTS) {
    const lines = script(name, "--help").stdout.split("\n");
    const opts = lines.slice(lines.indexOf("options:") + 1).filter((l) => l.startsWith("  -"));
    assert.ok(opts.length >= 1, name);
    const starts = opts.map((l) => l.match(/^\s+\S.*?\s{2,}(?=\S)/)![0].length);
    assert.equal(new Set(starts).size, 1, `${name}:\n${opts.join("\n")}`);
  }
});

test("killall checks the signal before it looks at any process", { skip: !LINUX }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "psutil-killall-"));
  const exe = join(dir, "psk-keeper");
  copyFileSync("/bin/sleep", exe);
  chmodSync(exe, 0o755);
  const kid = startChild(exe, ["1000"]);
  try {
    await waitExec(kid.pid!, "psk-keeper");
    for (const sig of ["99", "0", "SIGBOGUS"]) {
      const r = script("killall", "psk-keeper", "--signal", sig);
      assert.equal(r.status, 2, `--signal ${sig}: ${r.stderr}`);
      assert.match(r.stderr, /unknown signal/);
      assert.equal(r.stdout, "", "no process was reported signalled");
    }
    assert.ok(new psutil.Process(kid.pid!).isRunning(), "the process was left alone");
  } finally {
    await stopChild(kid);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("top on a 60-column terminal: alternate screen, every line fits, q quits 0, Ctrl-C 130", {
  skip: !LINUX || !have("script"),
}, async () => {
  const q = await onTerminal("top", ["--interval", "0.2"], 60, "q", 300);
  assert.equal(q.status, 0, q.out.slice(-300));
  assert.ok(q.out.includes("\x1b[?1049h"), "enters the alternate screen");
  assert.ok(q.out.trimEnd().endsWith("\x1b[?1049l"), "and leaves it last, restoring the scrollback");
  // Each frame starts with "clear"; its lines, without escapes, fit 60 columns.
  const frames = q.out.split("\x1b[H\x1b[2J").slice(1);
  assert.ok(frames.length >= 1);
  // deno-lint-ignore no-control-regex -- terminal escapes are what is stripped
  for (const line of frames.at(-1)!.replace(/\x1b\[[?0-9;]*[a-zA-Z]/g, "").split(/\r?\n/)) {
    assert.ok(line.length <= 60, `${line.length} columns: ${JSON.stringify(line)}`);
  }
  assert.match(frames.at(-1)!, /Load average: /);
  const c = await onTerminal("top", ["--interval", "0.2"], 60, "\x03", 300);
  assert.equal(c.status, 130, c.out.slice(-300));
  assert.ok(c.out.trimEnd().endsWith("\x1b[?1049l"), "the terminal is restored on Ctrl-C too");
});

test("pmap keeps long mapped names whole when piped; procinfo shows sizes in one style, percents rounded", {
  skip: !LINUX,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), `psutil-${"long-directory-name-".repeat(10)}`));
  const exe = join(dir, "psutil-pmap-sleeper");
  copyFileSync("/bin/sleep", exe);
  chmodSync(exe, 0o755);
  const kid = startChild(exe, ["1000"]);
  try {
    await waitExec(kid.pid!, "psutil-pmap-slee");
    const r = spawnSync(process.execPath, [...RUNTIME_ARGS, join(ROOT_DIR, "scripts", "pmap.ts"), String(kid.pid)], {
      encoding: "utf8",
      env: { ...process.env, NO_COLOR: "1", COLUMNS: "80" },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.ok(exe.length > 200);
    assert.ok(r.stdout.split("\n").some((l) => l.endsWith(exe)), "the whole path, past 80 columns");
    const info = script("procinfo", String(kid.pid)).stdout;
    const mem = info.split("\n").find((l) => l.startsWith("memoryInfo "))!;
    const fields = mem.replace(/^memoryInfo\s+/, "").split(", ");
    assert.ok(fields.length >= 2, mem);
    for (const f of fields) assert.match(f, /^\w+=\d+(\.\d)?[BKMGTPEZY]$/, mem);
    assert.match(info, /^memoryPercent\s+\d+\.\d%$/m);
    assert.match(info, /^cpuPercent\s+\d+\.\d%$/m);
  } finally {
    await stopChild(kid);
    rmSync(dir, { recursive: true, force: true });
  }
});

test("disk_usage keeps its columns with a long path", { skip: !LINUX }, () => {
  const long = mkdtempSync(join(tmpdir(), `psutil-${"x".repeat(60)}-`));
  try {
    const r = script("disk_usage", "/", long);
    assert.equal(r.status, 0, r.stderr);
    const rows = r.stdout.split("\n").filter(Boolean);
    assert.equal(rows.length, 2);
    assert.equal(rows[0].indexOf("["), rows[1].indexOf("["), r.stdout);
    assert.equal(rows[0].indexOf("%"), rows[1].indexOf("%"), r.stdout);
  } finally {
    rmSync(long, { recursive: true, force: true });
  }
});

test("df lists a device mounted twice once, as df(1) does; --all lists both", {
  skip: !LINUX || !have("unshare") || process.getuid?.() !== 0,
}, () => {
  const dir = mkdtempSync(join(tmpdir(), "psutil-bind-"));
  try {
    // A bind mount in a private mount namespace: the same device at a second, longer mount point.
    const cmd = [process.execPath, ...RUNTIME_ARGS, join(ROOT_DIR, "scripts", "df.ts")].map((a) => `'${a}'`).join(" ");
    const inside = (args: string) =>
      spawnSync("unshare", [
        "-m",
        "sh",
        "-c",
        `mount --bind / '${dir}' && ${cmd} ${args}; echo ---; df --output=source,target`,
      ], {
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      });
    const r = inside("");
    assert.equal(r.status, 0, r.stderr);
    const [ours, theirs] = r.stdout.split("---\n");
    const rootDev = psutil.diskPartitions().find((p) => p.mountpoint === "/")!.device;
    const count = (text: string) => text.split("\n").filter((l) => l.split(/\s+/)[0] === rootDev).length;
    assert.equal(count(theirs), 1, `df(1) itself lists it once:\n${theirs}`);
    assert.equal(count(ours), 1, ours);
    assert.ok(!ours.includes(dir), "the shorter mount point is the one kept");
    const all = inside("--all").stdout.split("---\n")[0];
    assert.ok(all.includes(dir), "--all shows every mount");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
