// The FreeBSD pins against a second source: the types `cgo -godefs` generated on real FreeBSD, as Debian ships them
// (gopsutil's KinfoProc and KinfoVmentry, golang.org/x/sys's Statfs_t). Those were generated on an older FreeBSD than
// 14: where FreeBSD has changed a struct since (kinfo_proc's 64-bit ki_tdev and int ki_oncpu/ki_lastcpu, added in
// 12), the fields are listed with that reason; everything else must agree.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import process from "node:process";
import type { Struct } from "../../ffi/struct.ts";
import { kinfo_proc, kinfo_vmentry, rusage, statfs } from "../../ffi/freebsd/structs.ts";
import { goStructs } from "./gotypes.ts";

const GOPSUTIL = "/usr/share/gocode/src/github.com/shirou/gopsutil/process/process_freebsd_amd64.go";
const XSYS = "/usr/share/gocode/src/golang.org/x/sys/unix/ztypes_freebsd_amd64.go";

/** Why the cross-check cannot run: the Debian packages are missing (CI installs them). */
function missing(): string | false {
  if (existsSync(GOPSUTIL) && existsSync(XSYS)) return false;
  if (process.env.CI === "true") throw new Error(`no ${GOPSUTIL} or ${XSYS}: CI installs the Go packages`);
  return "no golang-github-shirou-gopsutil-dev / golang-golang-x-sys-dev";
}

/** Our field `ki_comm` / `kve_start` / `f_bsize` as cgo names it: `Comm`, `Start`, `Bsize`. */
const goName = (f: string) => {
  const base = f.replace(/^(ki|kve|f|ru)_/, "");
  return base[0].toUpperCase() + base.slice(1);
};

/** Fields FreeBSD changed after the Go types were generated: ki_tdev became 64-bit at 560, the CPUs ints at 568. */
const CHANGED = new Set([
  "kinfo_proc.ki_tdev",
  "kinfo_proc.ki_oncpu",
  "kinfo_proc.ki_lastcpu",
  "kinfo_proc.ki_moretdname",
]);

function compare(s: Struct, c: string, go: Map<string, { offset: number; size: number }>): number {
  let compared = 0;
  for (const f of s.fields.filter((f) => !f.startsWith("_"))) {
    if (CHANGED.has(`${c}.${f}`)) continue;
    const g = go.get(goName(f)) ?? go.get(f === "ki_tdev_freebsd11" ? "Tdev" : "");
    if (!g) continue;
    assert.equal(s.offset(f), g.offset, `${c}.${f} vs Go ${goName(f)}`);
    compared++;
  }
  return compared;
}

test("FreeBSD layouts agree with the cgo -godefs types Debian's Go packages carry", { skip: missing() }, () => {
  const gops = goStructs(readFileSync(GOPSUTIL, "utf8"));
  const xsys = goStructs(readFileSync(XSYS, "utf8"));
  const kp = gops.get("KinfoProc")!, kv = gops.get("KinfoVmentry")!, sf = xsys.get("Statfs_t")!;
  assert.equal(kp.get("<size>")!.offset, kinfo_proc.size, "sizeof(kinfo_proc)");
  assert.equal(kv.get("<size>")!.offset, kinfo_vmentry.size, "sizeof(kinfo_vmentry)");
  assert.equal(sf.get("<size>")!.offset, statfs.size, "sizeof(statfs)");
  const ru = gops.get("Rusage")!;
  assert.equal(ru.get("<size>")!.offset, rusage.size, "sizeof(rusage)");
  const n = compare(kinfo_proc, "kinfo_proc", kp) + compare(kinfo_vmentry, "kinfo_vmentry", kv) +
    compare(statfs, "statfs", sf) + compare(rusage, "rusage", ru);
  assert.ok(n >= 40, `compared ${n}`);
});
