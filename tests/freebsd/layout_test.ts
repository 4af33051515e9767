// The FreeBSD backend's struct layouts pinned to the numbers measured from FreeBSD 14's headers
// (../shared/reference/layouts/freebsd-x86_64.json): every size and every named field offset the table has. No
// FreeBSD headers or compiler target exist here to probe them again; what the table lacks is listed, with its source.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Struct } from "../../ffi/struct.ts";
import {
  freebsdStructs,
  if_data,
  if_msghdr,
  kevent,
  kinfo_file,
  kinfo_file_sock,
  kinfo_proc,
  kinfo_vmentry,
  kvm_swap,
  rusage,
  statfs,
  timeval,
  vmtotal,
  xinpgen,
  xtcpcb,
} from "../../ffi/freebsd/structs.ts";
import { FREEBSD } from "../../ffi/freebsd/libc.ts";
import { freebsdLayouts, layoutsMissing } from "./standin.ts";

/** The structs, their C names, and the prefix their fields have in the table when they are embedded. */
const PINNED: Array<[Struct, string, Record<string, string>?]> = [
  [kinfo_proc, "struct kinfo_proc"],
  [statfs, "struct statfs"],
  [kinfo_file, "struct kinfo_file", { kf_vnode_type: "kf_un.kf_file.kf_file_type" }],
  [if_data, "struct if_data"],
  [if_msghdr, "struct if_msghdr"],
  [kinfo_vmentry, "struct kinfo_vmentry"],
  [kinfo_file_sock, "struct kinfo_file"],
  [xinpgen, "struct xinpgen"],
  [xtcpcb, "struct xtcpcb"],
  [kvm_swap, "struct kvm_swap"],
  [timeval, "struct timeval"],
  [rusage, "struct rusage"],
];

/**
 * Fields the table does not measure, and why their offsets hold: `ki_structsize` is kinfo_proc's first member
 * (sys/user.h); vmtotal is not in the table (sys/vmmeter.h, nine uint64_t then five int16_t and three uint16_t: 88).
 */
const NOT_MEASURED = new Set([
  "struct kinfo_proc.ki_structsize",
  "struct kinfo_file.kf_structsize",
  "struct kinfo_vmentry.kve_structsize",
  "struct kinfo_vmentry.kve_type",
  "struct xinpgen.xig_len",
  "struct xtcpcb.xt_len",
  "struct kvm_swap.ksw_devname",
]);

test("FreeBSD: every declared size and field offset is the one measured from the FreeBSD 14 headers", {
  skip: layoutsMissing(),
}, () => {
  const m = freebsdLayouts();
  let compared = 0;
  for (const [s, c, cName = {}] of PINNED) {
    assert.equal(s.size, m[`S ${c}`], `sizeof(${c})`);
    for (const f of s.fields.filter((f) => !f.startsWith("_"))) {
      const key = `O ${c}.${cName[f] ?? f}`;
      if (NOT_MEASURED.has(`${c}.${f}`)) continue;
      if (!(key in m) && c === "struct rusage") {
        // rusage is measured where kinfo_proc embeds it.
        const embedded = m[`O struct kinfo_proc.ki_rusage.${f}`];
        if (embedded === undefined) continue;
        assert.equal(kinfo_proc.offset("ki_rusage") + s.offset(f), embedded, `ki_rusage.${f}`);
        compared++;
        continue;
      }
      if (!(key in m)) continue;
      assert.equal(s.offset(f), m[key], `offsetof(${c}, ${f})`);
      compared++;
    }
  }
  // Every kinfo_proc field the backend names is measured (but ki_structsize, at 0).
  for (const f of kinfo_proc.fields.filter((f) => !f.startsWith("_") && f !== "ki_structsize")) {
    assert.ok(`O struct kinfo_proc.${f}` in m, `kinfo_proc.${f} is not in the measured table`);
  }
  assert.equal(kinfo_proc.offset("ki_structsize"), 0);
  assert.equal(FREEBSD.KINFO_PROC_SIZE, m["V KINFO_PROC_SIZE"]);
  assert.equal(FREEBSD.KINFO_FILE_SIZE, m["S struct kinfo_file"]);
  assert.equal(kinfo_file.offset("kf_structsize"), 0);
  for (const f of ["f_flags", "f_bsize", "f_blocks", "f_bfree", "f_bavail", "f_fstypename", "f_mntonname"]) {
    assert.ok(`O struct statfs.${f}` in m, `statfs.${f} is not in the measured table`);
  }
  assert.equal(vmtotal.size, 88);
  assert.deepEqual([vmtotal.offset("t_vmshr"), vmtotal.offset("t_rmshr")], [32, 48]);
  assert.equal(freebsdStructs.statvfs.size, 88);
  // What the table lacks of the interface message: the header before ifm_index (net/if.h: a 16-bit length, two
  // bytes of version and type, then the 32-bit ifm_addrs and ifm_flags), pinned by ifm_index at 12.
  assert.deepEqual([if_msghdr.offset("ifm_type"), if_msghdr.offset("ifm_flags"), if_msghdr.offset("ifm_index")], [
    3,
    8,
    12,
  ]);
  // kinfo_vmentry: kve_structsize and kve_type are the two ints before kve_start (at 8).
  assert.deepEqual([kinfo_vmentry.offset("kve_type"), kinfo_vmentry.offset("kve_start")], [4, 8]);
  assert.equal(FREEBSD.KINFO_VMENTRY_SIZE, m["S struct kinfo_vmentry"]);
  // xtcpcb's xinpcb fields are measured in struct xinpcb, which sits at xt_inp; the lengths come first (ksize_t).
  const inp = m["O struct xtcpcb.xt_inp"];
  for (
    const [f, c] of [
      ["ie_fport", "inp_inc.inc_ie.ie_fport"],
      ["ie_lport", "inp_inc.inc_ie.ie_lport"],
      ["ie_dependfaddr", "inp_inc.inc_ie.ie_dependfaddr"],
      ["ie_dependladdr", "inp_inc.inc_ie.ie_dependladdr"],
      ["inp_vflag", "inp_vflag"],
    ]
  ) {
    assert.equal(xtcpcb.offset(f), inp + m[`O struct xinpcb.${c}`], `xtcpcb.xt_inp.${c}`);
    compared++;
  }
  assert.equal(
    m["O struct xinpcb.inp_inc.inc_ie.ie_dependfaddr.id46_addr.ia46_addr4"] -
      m["O struct xinpcb.inp_inc.inc_ie.ie_dependfaddr"],
    12,
  );
  assert.deepEqual([xinpgen.offset("xig_len"), xtcpcb.offset("xt_len")], [0, 0]);
  // Transcribed from the headers (not in the table): FreeBSD 12+'s struct kevent (its first 32 bytes are macOS's,
  // which is probed) and struct utmpx.
  assert.deepEqual([kevent.size, kevent.offset("data"), kevent.offset("udata"), kevent.offset("ext")], [
    64,
    16,
    24,
    32,
  ]);
  const u = freebsdStructs.utmpx!;
  assert.deepEqual(
    [u.size, u.offset("tv_sec"), u.offset("ut_pid"), u.offset("ut_user"), u.offset("ut_line"), u.offset("ut_host")],
    [280, 8, 32, 36, 68, 84],
  );
  assert.ok(compared >= 90, `compared ${compared}`);
});
