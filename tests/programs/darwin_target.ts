// The macOS backend run here, on the stand-in libSystem (tests/darwin/standin): the OS and the library's file are
// chosen before the library's first import, then the public API is called as a macOS user calls it. Prints one
// JSON object of answers (errors as their class, code and message). Run by tests/darwin/standin_test.ts:
//   <runtime> tests/programs/darwin_target.ts <stand-in libSystem.so>
import process from "node:process";

const lib = process.argv.at(-1)!;
(globalThis as { __psutilTarget?: unknown }).__psutilTarget = {
  os: "darwin",
  libraries: { "/usr/lib/libSystem.B.dylib": lib },
};
const psutil = await import("../../mod.ts");
const { cString, ffi } = await import("../../ffi/mod.ts");

const control = ffi().open(lib, {
  standin_fail: { parameters: ["buffer", "i32", "i32"], result: "void" },
  standin_add_ticks: { parameters: ["i32", "i32", "u32"], result: "void" },
  standin_outstanding: { parameters: [], result: "i32" },
});

function answer(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    const err = e as Error & { code?: string; errno?: number };
    return { error: err.constructor.name, code: err.code ?? null, errno: err.errno ?? null, message: err.message };
  }
}

const out: Record<string, unknown> = {
  cpuCount: answer(() => psutil.cpuCount()),
  cpuCountPhysical: answer(() => psutil.cpuCount({ logical: false })),
  cpuTimes: answer(() => psutil.cpuTimes()),
  perCpuTimes: answer(() => psutil.cpuTimes({ percpu: true })),
  bootTime: answer(() => psutil.bootTime()),
  getloadavg: answer(() => psutil.getloadavg()),
  virtualMemory: answer(() => psutil.virtualMemory()),
  swapMemory: answer(() => psutil.swapMemory()),
  notYet: answer(() => psutil.diskPartitions()),
};

// CPU percentages: a first call, then ticks (user 30, system 10, idle 60 on CPU 0; idle 100 on CPU 1), then again.
psutil.cpuPercent();
psutil.cpuPercent({ percpu: true });
psutil.cpuTimesPercent();
control.standin_add_ticks(0, 0, 30);
control.standin_add_ticks(0, 1, 10);
control.standin_add_ticks(0, 2, 60);
control.standin_add_ticks(1, 2, 100);
out.cpuPercent = psutil.cpuPercent();
out.cpuPercentPercpu = psutil.cpuPercent({ percpu: true });
out.cpuTimesPercent = psutil.cpuTimesPercent();

// Failures: a sysctl the kernel refuses, a Mach call that fails, the count sysctls missing.
control.standin_fail(cString("hw.logicalcpu"), 2, 1);
out.cpuCountMissing = answer(() => psutil.cpuCount());
control.standin_fail(cString("host_statistics"), 5, 1);
out.hostStatisticsFails = answer(() => psutil.virtualMemory());
control.standin_fail(cString("host_processor_info"), 4, 1);
out.hostProcessorInfoFails = answer(() => psutil.cpuTimes({ percpu: true }));
control.standin_fail(cString("vm.swapusage"), 1, 1);
out.swapRefused = answer(() => psutil.swapMemory());
control.standin_fail(cString("kern.boottime"), 12, 100);
out.bootTimeAlwaysShort = answer(() => psutil.bootTime());
control.standin_fail(cString("kern.boottime"), 0, 0);

// Many calls: no host port and no out-of-line array kept.
for (let i = 0; i < 200; i++) {
  psutil.cpuTimes({ percpu: true });
  psutil.virtualMemory();
}
out.outstanding = control.standin_outstanding();
console.log(JSON.stringify(out));
