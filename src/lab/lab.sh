#!/usr/bin/env bash
# Vireo test lab: a private libvirtd with tiny real busybox guests.
#
#   lab.sh deps [PKG...]     install the lab's Debian packages (plus PKG...) if missing
#   lab.sh assets            build/cache the guest kernel + initramfs (both flavours)
#   lab.sh gfx-assets        build/cache the virtio-gpu guest's kernel + initramfs, print its dir
#   lab.sh start [DIR]       isolated libvirtd + guests lab-alpha, lab-beta (running), lab-gamma (off)
#   lab.sh stop [DIR]        tear everything down (idempotent)
#   lab.sh kill-daemon [DIR] kill -9 the lab libvirtd (guests keep running)
#   lab.sh start-daemon [DIR] start it again and wait until it answers
#   lab.sh uri [DIR]         print the libvirt URI of the lab
#   lab.sh status [DIR]      show what is running (exit 0 if the daemon answers, 3 if not)
#
# The lab's daemons live in their own mount namespace where DIR/run, DIR/etc, DIR/lib,
# DIR/log and DIR/cache are bind-mounted over /run, /etc/libvirt, /var/lib/libvirt,
# /var/log/libvirt and /var/cache/libvirt, so the machine's own libvirt (if any) is never
# seen or touched. The socket stays reachable from outside by its DIR path.
# DIR defaults to $VIREO_LAB_DIR, then /tmp/vireo-lab.
set -euo pipefail

CACHE=/var/cache/vireo-lab
# versioned: a guest image change gets its own dir, so labs of other checkouts keep theirs
ASSETS=$CACHE/assets-v3
CAPS=$CACHE/qemu-caps
# The guest of the console resize tests: Debian's generic kernel (the cloud kernel has no DRM,
# so no virtio-gpu driver) and the same initramfs plus virtio-gpu, for a scratch domain with
# <video><model type='virtio'/></video>. The default guests keep the small cloud kernel.
GFX_ASSETS=$CACHE/gfx-v1
GFX_MODULES=(virtio_gpu)
GUESTS_RUNNING=(lab-alpha lab-beta)
GUESTS_OFF=(lab-gamma)
LAB_PKGS=(libvirt-daemon libvirt-daemon-driver-qemu libvirt-clients qemu-system-x86 qemu-utils
          busybox-static cpio iproute2 iptables xvfb libgtk-3-0 openssh-server
          # the create-VM tests: a bootable ISO of the lab guest, the osinfo database
          xorriso isolinux syslinux-common osinfo-db)
# Kernel drivers the guest needs; whichever are modules get loaded (with their deps) by /init.
# evdev: busybox acpid reads the ACPI power button through /dev/input/event*.
# virtio_console: the virtio-serial port the guest agent (qemu-ga) talks on.
GUEST_MODULES=(virtio_pci virtio_blk virtio_net virtio_balloon button evdev virtio_console)
# Guest NIC: 'ethernet' = a tap device per guest, so domstats has net.0.* counters
# (libvirt 9.0 reports only net.count for 'user' networking: no host-side device).
# The taps are named vl<dir hash><guest>, live in the machine's network namespace (no
# address, no bridge) and vanish with their qemu. VIREO_LAB_NET=user for slirp instead.
LAB_NET=${VIREO_LAB_NET:-ethernet}

# cgroup v1 controllers the lab's libvirtd manages (qemu.conf cgroup_controllers): the
# scheduler (cpu), CPU accounting (cpuacct), pinning (cpuset), memtune (memory) and blkiotune
# (blkio) setters need them. Off, and why:
#  - devices: libvirt would then fence each qemu to its device ACL; none of Vireo's setters
#    uses it and the lab's taps and ptys would need their nodes on the ACL.
#  - freezer, pids, net_cls, perf_event: the qemu driver has no setter on them.
# Each lab gets its own cgroup per controller (vireo-lab-<dir hash>, under the caller's own
# cgroup) and a cgroup namespace rooted there, so libvirt's /machine partition of one lab never
# meets another lab's (guest names and ids repeat across labs). 'stop' removes them.
LAB_CGROUP_CONTROLLERS=(cpu cpuacct cpuset memory blkio)

LAB_TAG=lab
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

TMPDIRS=()
START_INCOMPLETE=
on_exit() {
  local rc=$?
  if ((${#TMPDIRS[@]})); then rm -rf "${TMPDIRS[@]}"; fi
  # a failed or interrupted 'start' leaves nothing running behind (logs stay)
  if [[ -n $START_INCOMPLETE ]]; then
    START_INCOMPLETE=
    log "start failed (status $rc): tearing the lab down"
    stop_lab || true
  fi
  exit "$rc"
}
trap on_exit EXIT
# so that Ctrl-C / kill also run on_exit
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- packages

# apt-get update at most once, also across nested lab.sh calls (exported flag).
apt_update_once() {
  [[ ${VIREO_APT_UPDATED:-} == 1 ]] && return 0
  log "apt-get update"
  apt-get update -qq >&2
  export VIREO_APT_UPDATED=1
}

installed() { dpkg-query -W -f='${db:Status-Abbrev}' "$1" 2>/dev/null | grep -q '^ii'; }

ensure_pkgs() {
  local p missing=()
  for p in "$@"; do installed "$p" || missing+=("$p"); done
  ((${#missing[@]})) || return 0
  need_root
  apt_update_once
  log "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    -o DPkg::Lock::Timeout=120 "${missing[@]}" >&2
}

cmd_deps() { timed "packages" ensure_pkgs "${LAB_PKGS[@]}" "$@"; }

# ---------------------------------------------------------------- guest assets

# add_module MODDIR ROOT NAME: copy NAME.ko and its dependencies into ROOT/lib/modules
# and append them to ROOT/etc/modules in load order (dependencies first).
add_module() {
  local moddir=$1 root=$2 m=${3//-/_} f out dep
  grep -qx "$m" "$root/etc/modules" 2>/dev/null && return 0
  # Built into the kernel: nothing to load.
  if sed 's|.*/||; s|\.ko.*||; s|-|_|g' "$moddir/modules.builtin" | grep -qx "$m"; then
    log "  $m: built in"; return 0
  fi
  f=$(find "$moddir/kernel" -name "${m//_/[-_]}.ko*" | head -n1)
  [[ -n $f ]] || die "kernel module $m not found in $moddir"
  out=$root/lib/modules/$m.ko
  # busybox insmod may not read compressed modules: store them plain.
  case $f in
    *.ko) cp "$f" "$out" ;;
    *.ko.xz) xz -dc "$f" >"$out" 2>/dev/null || "$root/bin/busybox" xzcat "$f" >"$out" ;;
    *.ko.gz) gzip -dc "$f" >"$out" ;;
    *.ko.zst) zstd -qdc "$f" >"$out" ;;
    *) die "unknown module format: $f" ;;
  esac
  # Dependencies are in the module's .modinfo section as a "depends=a,b" string.
  for dep in $(tr '\0' '\n' <"$out" | sed -n 's/^depends=//p' | head -n1 | tr ',' ' '); do
    add_module "$moddir" "$root" "$dep"
  done
  echo "$m" >>"$root/etc/modules"
}

write_init() {
  cat >"$1/init" <<'EOF'
#!/bin/sh
# PID 1 of the Vireo lab guest: busybox only, no real init.
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# virtio disk/nic/balloon drivers and the ACPI power button, dependencies first
for m in $(cat /etc/modules); do
  insmod /lib/modules/$m.ko || echo "insmod $m failed"
done
ip link set lo up
ip link set eth0 up 2>/dev/null
hostname vireo-lab-guest
# the virtio disk carries an ext4 filesystem made at asset build time: the guest agent's
# filesystem freeze/thaw and fsinfo need a real mounted filesystem (a blank disk just stays unmounted)
mount -t ext4 /dev/vda /mnt 2>/dev/null || echo "no filesystem on /dev/vda"
# The guest agent on its virtio-serial port. No udev here, so no /dev/virtio-ports/ links:
# find the port by its name in sysfs.
for p in /sys/class/virtio-ports/*; do
  if [ "$(cat $p/name 2>/dev/null)" = org.qemu.guest_agent.0 ]; then
    qemu-ga -d -m virtio-serial -p /dev/${p##*/} -t /run -f /run/qemu-ga.pid -l /tmp/qemu-ga.log
  fi
done
# virsh shutdown/reboot press the ACPI power button; acpid (reading /dev/input/event*)
# runs /etc/acpi/PWRF/00000080 which powers off. Started before READY so that a
# shutdown sent right after READY is not lost.
acpid -c /etc/acpi -l /tmp/acpid.log
echo "GUEST READY"
# a second shell on the VGA text console (tty1), for the graphical console: setsid makes
# the shell a session leader, so opening tty1 makes it its controlling terminal
(while :; do setsid sh -c 'exec sh -i </dev/tty1 >/dev/tty1 2>&1'; done) &
while :; do setsid cttyhack sh; done
EOF
  chmod 755 "$1/init"
  # accounts for the guest agent's set-user-password (busybox chpasswd edits /etc/shadow)
  printf 'root:x:0:0:root:/root:/bin/sh\n' >"$1/etc/passwd"
  printf 'root:*:19000:0:99999:7:::\n' >"$1/etc/shadow"
  printf 'root:x:0:\n' >"$1/etc/group"
  chmod 600 "$1/etc/shadow"
  # busybox-static has no chpasswd, which qemu-ga runs for set-user-password ("user:password"
  # lines on stdin, -e when already hashed): this one hashes with busybox mkpasswd
  cat >"$1/bin/chpasswd" <<'EOF'
#!/bin/sh
enc=; [ "$1" = -e ] && enc=1
while IFS=: read -r u p; do
  [ -n "$enc" ] || p=$(mkpasswd -m sha512 "$p") || exit 1
  grep -q "^$u:" /etc/shadow || { echo "chpasswd: no user $u" >&2; exit 1; }
  sed -i "s|^$u:[^:]*:|$u:$p:|" /etc/shadow
done
EOF
  chmod 755 "$1/bin/chpasswd"
  # nor shutdown, which qemu-ga runs as /sbin/shutdown -h -P|-H|-r +0 MESSAGE for libvirt's agent
  # shutdown and reboot (libvirt's default mode once an agent is connected)
  cat >"$1/bin/shutdown" <<'EOF'
#!/bin/sh
echo "guest agent: shutdown $*" >/dev/console
sync
case " $* " in *" -r "*) reboot -f ;; *" -H "*) halt -f ;; *) poweroff -f ;; esac
EOF
  chmod 755 "$1/bin/shutdown"
  mkdir -p "$1/etc/acpi/PWRF"
  printf '#!/bin/sh\necho "ACPI power button: powering off" >/dev/console\npoweroff -f\n' >"$1/etc/acpi/PWRF/00000080"
  chmod 755 "$1/etc/acpi/PWRF/00000080"
}

# add_guest_agent WORK ROOT: Debian's qemu-guest-agent (downloaded, not installed, like the
# kernel) and the shared libraries it needs (ldd, from this machine: the same Debian release)
# into the initramfs.
add_guest_agent() {
  local work=$1 root=$2 lib
  (cd "$work" && apt-get download -qq -o APT::Sandbox::User=root qemu-guest-agent >&2) ||
    { apt_update_once; (cd "$work" && apt-get download -qq -o APT::Sandbox::User=root qemu-guest-agent >&2); }
  dpkg-deb -x "$work"/qemu-guest-agent_*.deb "$work/qga"
  cp "$work/qga/usr/sbin/qemu-ga" "$root/bin/qemu-ga"
  for lib in $(ldd "$root/bin/qemu-ga" | awk '$2 == "=>" && $3 ~ /^\// { print $3 } $1 ~ /^\// { print $1 }'); do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  ldd "$root/bin/qemu-ga" | grep -q 'not found' && die "qemu-ga: missing libraries: $(ldd "$root/bin/qemu-ga" | grep 'not found')"
  # qemu-ga runs helpers by absolute path (/sbin/hwclock for set-time) or from PATH (chpasswd)
  ln -s bin "$root/sbin"
  mkdir -p "$root/usr" "$root/run" "$root/mnt" "$root/var"
  ln -s ../bin "$root/usr/bin"; ln -s ../bin "$root/usr/sbin"; ln -s ../run "$root/var/run"
  log "guest agent: qemu-ga $(dpkg-deb -f "$work"/qemu-guest-agent_*.deb Version) with $(find "$root/lib" "$root/lib64" "$root/usr/lib" -name '*.so*' 2>/dev/null | wc -l) libraries"
}

# build_assets [METAPACKAGE DEST EXTRA_MODULE...]: the kernel METAPACKAGE names and the initramfs
# with GUEST_MODULES and EXTRA_MODULE... into DEST (default: the cloud kernel into $ASSETS).
# With virtio_gpu among them the initramfs also gets drm-follow (see write_drm_follow).
build_assets() {
  local meta=${1:-linux-image-cloud-amd64} dest=${2:-$ASSETS}
  local extra=("${@:3}")
  local work pkg kver moddir root a m out
  work=$(mktemp -d /tmp/vireo-assets.XXXXXX); TMPDIRS+=("$work")
  # The metapackage names the current kernel; its version changes over time.
  pkg=$(apt-cache depends "$meta" 2>/dev/null |
        awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }') || true
  if [[ -z $pkg ]]; then apt_update_once; pkg=$(apt-cache depends "$meta" |
        awk '$1 == "Depends:" && $2 ~ /^linux-image-/ { print $2; exit }'); fi
  [[ -n $pkg ]] || die "cannot resolve $meta"
  kver=${pkg#linux-image-}
  log "kernel package $pkg"
  # Sandbox user root: _apt could not write into our mktemp dir.
  if ! (cd "$work" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >&2); then
    apt_update_once   # stale package lists point at a version the mirror dropped
    (cd "$work" && apt-get download -qq -o APT::Sandbox::User=root "$pkg" >&2)
  fi
  dpkg-deb -x "$work"/"$pkg"_*.deb "$work/k"
  moddir=$work/k/lib/modules/$kver
  [[ -f $work/k/boot/vmlinuz-$kver ]] || die "no vmlinuz in $pkg"

  root=$work/root
  mkdir -p "$root"/{bin,dev,proc,sys,tmp,etc,lib/modules}
  cp /bin/busybox "$root/bin/busybox"
  for a in $(/bin/busybox --list); do
    [[ $a == busybox ]] || ln -s busybox "$root/bin/$a"
  done
  : >"$root/etc/modules"
  for m in "${GUEST_MODULES[@]}" "${extra[@]}"; do add_module "$moddir" "$root" "$m"; done
  log "guest modules (load order): $(tr '\n' ' ' <"$root/etc/modules")"
  write_init "$root"
  if grep -qx virtio_gpu "$root/etc/modules"; then write_drm_follow "$root"; fi
  add_guest_agent "$work" "$root"

  out=$work/out
  mkdir -p "$out"
  # the guests' virtio disk: 64 MiB with an ext4 filesystem (mounted on /mnt by /init)
  truncate -s 64M "$work/data.raw"
  mkfs.ext4 -q -F -L vireo-data "$work/data.raw"
  qemu-img convert -O qcow2 "$work/data.raw" "$out/data.qcow2"
  cp "$work/k/boot/vmlinuz-$kver" "$out/vmlinuz"
  (cd "$root" && find . | cpio -o -H newc -R 0:0 --quiet | gzip -9) >"$out/initrd.img"
  echo "$kver" >"$out/kernel-version"
  cp "$root/etc/modules" "$out/modules"
  # Replace the cache in one step so a half-built cache never looks complete.
  mkdir -p "$CACHE"
  rm -rf "$dest"
  mv "$out" "$dest"
}

# write_drm_follow ROOT: the virtio-gpu guest's text console follows the display's mode.
# A resize asked through VNC (SetDesktopSize) reaches the guest as a connector hotplug with a
# new preferred mode; the kernel's fbdev emulation sets that mode (if it fits the framebuffer
# allocated at boot, 1280x800 by default) but keeps the console's rows and columns, so text
# would run past the visible edge. drm-follow, run by busybox uevent on each drm uevent, reads
# the mode the CRTC shows (debugfs) and gives tty1 that mode's rows and columns (8x16 font).
write_drm_follow() {
  cat >"$1/bin/drm-follow" <<'EOF'
#!/bin/sh
[ "$SUBSYSTEM" = drm ] || exit 0
# the kernel sends the uevent before its fbdev client sets the new mode: watch for 2 s
last=
for _ in 1 2 3 4 5 6 7 8 9 10; do
  m=$(sed -n 's/.*mode: "\([0-9]*\)x\([0-9]*\)".*/\1 \2/p' /sys/kernel/debug/dri/0/state | head -n1)
  if [ -n "$m" ] && [ "$m" != "$last" ]; then
    last=$m
    set -- $m
    stty -F /dev/tty1 cols $(($1 / 8)) rows $(($2 / 16))
    echo "drm-follow: mode $1x$2" >/dev/console
  fi
  usleep 200000
done
EOF
  chmod 755 "$1/bin/drm-follow"
  # started before GUEST READY, so a resize asked right after boot is not lost
  sed -i '/^echo "GUEST READY"/i\
# virtio-gpu: the text console follows the display mode a VNC client asks for (drm-follow)\
mount -t debugfs debugfs /sys/kernel/debug\
uevent drm-follow \&' "$1/init"
}

assets_cached() { [[ -s $ASSETS/vmlinuz && -s $ASSETS/initrd.img && -s $ASSETS/data.qcow2 && -s $ASSETS/lab.iso && -s $ASSETS/disk.qcow2 ]]; }

# The lab guest as install media (create-VM tests): a hybrid ISO (isolinux; boots from a CD
# and, written to a disk, from the disk) with the same kernel and initramfs, volume id
# VIREO_LAB, and disk.qcow2, that ISO as a bootable disk image to import.
build_media() {
  local work root
  work=$(mktemp -d /tmp/vireo-media.XXXXXX); TMPDIRS+=("$work")
  root=$work/root
  mkdir -p "$root/isolinux"
  cp "$ASSETS/vmlinuz" "$ASSETS/initrd.img" "$root/"
  cp /usr/lib/ISOLINUX/isolinux.bin /usr/lib/syslinux/modules/bios/ldlinux.c32 "$root/isolinux/"
  printf 'DEFAULT lab\nPROMPT 0\nTIMEOUT 0\nLABEL lab\n  KERNEL /vmlinuz\n  APPEND initrd=/initrd.img console=ttyS0 quiet\n' \
    >"$root/isolinux/isolinux.cfg"
  xorriso -as mkisofs -quiet -V VIREO_LAB -o "$work/lab.iso" -isohybrid-mbr /usr/lib/ISOLINUX/isohdpfx.bin \
    -b isolinux/isolinux.bin -c isolinux/boot.cat -no-emul-boot -boot-load-size 4 -boot-info-table "$root" >&2
  qemu-img convert -O qcow2 "$work/lab.iso" "$work/disk.qcow2"
  mv "$work/lab.iso" "$work/disk.qcow2" "$ASSETS/"
}

cmd_assets() {
  if ! assets_cached; then
    need_root
    mkdir -p "$CACHE"
    # two test runs (different lab dirs) may want to build at the same time
    exec 8>"$CACHE/assets.lock"
    flock 8
    if ! [[ -s $ASSETS/vmlinuz && -s $ASSETS/initrd.img && -s $ASSETS/data.qcow2 ]]; then
      ensure_pkgs busybox-static cpio e2fsprogs qemu-utils
      timed "assets (kernel + initramfs)" build_assets
    fi
    if ! assets_cached; then
      ensure_pkgs xorriso isolinux syslinux-common qemu-utils
      timed "assets (ISO + bootable disk)" build_media
    fi
    exec 8>&-   # the lock must not leak into the daemons that 'start' spawns next
  fi
  log "assets in $ASSETS (kernel $(cat "$ASSETS/kernel-version" 2>/dev/null || echo '?'))"
  gfx_assets >/dev/null
}

gfx_assets_cached() { [[ -s $GFX_ASSETS/vmlinuz && -s $GFX_ASSETS/initrd.img ]]; }

# gfx_assets: build the virtio-gpu guest's assets if missing; print their dir.
gfx_assets() {
  if ! gfx_assets_cached; then
    need_root
    mkdir -p "$CACHE"
    exec 8>"$CACHE/assets.lock"
    flock 8
    if ! gfx_assets_cached; then
      ensure_pkgs busybox-static cpio e2fsprogs qemu-utils
      timed "assets (virtio-gpu guest)" build_assets linux-image-amd64 "$GFX_ASSETS" "${GFX_MODULES[@]}"
    fi
    exec 8>&-
  fi
  log "virtio-gpu guest assets in $GFX_ASSETS (kernel $(cat "$GFX_ASSETS/kernel-version" 2>/dev/null || echo '?'))"
  echo "$GFX_ASSETS"
}

# ---------------------------------------------------------------- lab host

set_dir() {
  DIR=${1:-${VIREO_LAB_DIR:-/tmp/vireo-lab}}
  [[ $DIR == /* ]] || DIR=$PWD/$DIR
  DIR=$(realpath -m "$DIR")
  # It ends up inside a URI and gets /run mounted over it: keep it plain and out of /run.
  [[ $DIR =~ ^/[A-Za-z0-9._/-]+$ ]] || die "lab dir must be a plain absolute path: $DIR"
  [[ $DIR != /run && $DIR != /run/* && $DIR != /var/run/* && $DIR != / ]] ||
    die "lab dir must not be / or under /run: $DIR"
  SOCK=$DIR/run/libvirt/libvirt-sock
  HASH=$(printf '%s' "$DIR" | md5sum)
  URI="qemu+unix:///system?socket=$SOCK"
}

vsh() { virsh -q -c "$URI" "$@"; }
daemon_answers() { timeout 5 virsh -q -c "$URI" uri >/dev/null 2>&1; }
daemon_gone() { ! daemon_answers; }

# alive PID: exists and is not a zombie (stopped daemons linger as <defunct> here).
alive() {
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  s=${s##*) }
  [[ ${s%% *} != Z ]]
}

# in_this_lab PID: the process sees DIR/run as its /run, i.e. it lives in this lab's mount
# namespace (qemu too, even in a child namespace of libvirt's). Namespace ids are no proof:
# the kernel hands the same id to the next new namespace right after one dies.
in_this_lab() { [[ -d $DIR/run && /proc/$1/root/run -ef $DIR/run ]]; }

# every live process of this lab: holder, virtlogd, libvirtd, qemu
lab_pids() {
  local p
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    in_this_lab "$p" && alive "$p" && echo "$p"
  done
  return 0
}

# lab_pidfile_pid FILE: the pid in FILE, if that process is alive and part of this lab.
lab_pidfile_pid() {
  local p
  p=$(cat "$1" 2>/dev/null) || return 1
  alive "$p" && in_this_lab "$p" && echo "$p"
}

holder_pid() { lab_pidfile_pid "$DIR/holder.pid"; }

# setup_cgroups: make this lab's cgroup under the caller's own one for each controller of
# LAB_CGROUP_CONTROLLERS that is mounted here as cgroup v1; list them in DIR/cgroups and the
# controllers in CGROUP_CONTROLLERS. A controller that is not mounted is left off (logged).
CGROUP_CONTROLLERS=()
setup_cgroups() {
  local c mp opts placement d
  : >"$DIR/cgroups"
  CGROUP_CONTROLLERS=()
  for c in "${LAB_CGROUP_CONTROLLERS[@]}"; do
    # the v1 hierarchy that has this controller (options hold it, e.g. rw,relatime,cpu)
    mp=$(awk -v c="$c" '$3 == "cgroup" { n = split($4, o, ","); for (i = 1; i <= n; i++) if (o[i] == c) { print $2; exit } }' /proc/self/mounts)
    if [[ -z $mp || ! -w $mp ]]; then log "cgroup controller $c: not mounted read-write as cgroup v1 here, left off"; continue; fi
    placement=$(awk -F: -v c="$c" '{ n = split($2, o, ","); for (i = 1; i <= n; i++) if (o[i] == c) { print $3; exit } }' /proc/self/cgroup)
    d=$mp${placement%/}/vireo-lab-${HASH:0:12}
    mkdir -p "$d" || { log "cgroup controller $c: cannot create $d, left off"; continue; }
    if [[ $c == cpuset ]]; then
      cat "$(dirname "$d")/cpuset.cpus" >"$d/cpuset.cpus"
      cat "$(dirname "$d")/cpuset.mems" >"$d/cpuset.mems"
      echo 1 >"$d/cgroup.clone_children"
    fi
    grep -qx "$d" "$DIR/cgroups" || echo "$d" >>"$DIR/cgroups"   # cpu and cpuacct may share one
    CGROUP_CONTROLLERS+=("$c")
  done
  log "cgroup controllers: ${CGROUP_CONTROLLERS[*]:-none}"
}

# join_lab_cgroups: put the calling (sub)shell into this lab's cgroups.
join_lab_cgroups() {
  local d
  [[ -s $DIR/cgroups ]] || return 0
  while read -r d; do echo "$BASHPID" >"$d/cgroup.procs"; done <"$DIR/cgroups"
}

# remove_cgroups: the lab's cgroup dirs, deepest first (libvirt's machine groups inside).
# Only once its processes are gone: a cgroup with tasks cannot be removed.
remove_cgroups() {
  local d
  [[ -f $DIR/cgroups ]] || return 0
  while read -r d; do
    [[ -d $d && $d == */vireo-lab-* ]] || continue
    find "$d" -depth -type d -exec rmdir {} + 2>/dev/null ||
      wait_for 5 "cgroup $d to empty" rmdir_tree "$d" || log "could not remove $d"
  done <"$DIR/cgroups"
  rm -f "$DIR/cgroups"
}
rmdir_tree() { find "$1" -depth -type d -exec rmdir {} + 2>/dev/null; [[ ! -d $1 ]]; }

cgroup_conf() {
  local c out=
  for c in "${CGROUP_CONTROLLERS[@]}"; do out+="${out:+, }\"$c\""; done
  printf '[ %s ]' "$out"
}

write_configs() {
  local uuid vnc
  # A stable host UUID per lab dir: there is no SMBIOS here, without it it changes every start.
  uuid=$(sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/' <<<"$HASH")
  # VNC ports: libvirtd only knows its own allocations, so two labs started at the same
  # moment would race for 5900. The default lab keeps 5900+, others get a range of
  # their own from the dir's hash.
  vnc=5900
  [[ $DIR == /tmp/vireo-lab ]] || vnc=$((5920 + (16#${HASH:0:4} % 60) * 16))
  cat >"$DIR/etc/libvirtd.conf" <<EOF
# Vireo lab: unix socket only, no auth (root-only 0700 socket)
auth_unix_rw = "none"
host_uuid = "$uuid"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
  cat >"$DIR/etc/virtlogd.conf" <<EOF
log_outputs = "3:file:/var/log/libvirt/virtlogd.log"
EOF
  cat >"$DIR/etc/qemu.conf" <<EOF
# Vireo lab: qemu as root, no confinement; cgroups managed by libvirt itself (no systemd):
# /machine inside the lab's cgroup namespace (see LAB_CGROUP_CONTROLLERS in lab.sh)
user = "root"
group = "root"
security_driver = "none"
cgroup_controllers = $(cgroup_conf)
remote_display_port_min = $vnc
remote_display_port_max = $((vnc + 15))
EOF
  # libvirt's qemu driver insists on its build-time default user and group (Debian:
  # libvirt-qemu, plus group kvm) existing even when qemu.conf says root. Rather than
  # adding them to the machine, the namespace gets its own copy of passwd/group.
  cp /etc/passwd "$DIR/passwd"
  cp /etc/group "$DIR/group"
  getent group kvm >/dev/null || echo "kvm:x:64054:" >>"$DIR/group"
  getent group libvirt-qemu >/dev/null || echo "libvirt-qemu:x:64055:" >>"$DIR/group"
  getent passwd libvirt-qemu >/dev/null ||
    echo "libvirt-qemu:x:64055:64055:Libvirt Qemu:/var/lib/libvirt:/usr/sbin/nologin" >>"$DIR/passwd"
}

write_ns_init() {
  cat >"$DIR/ns-init.sh" <<'EOF'
#!/bin/bash
# First (and long-lived) process of the lab's private mount namespace: mount the lab's
# directories over libvirt's well-known paths, then just hold the namespace open.
set -eu
D=$1
# mount points must exist (they do once libvirt's packages created them)
mkdir -p /etc/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt
mount --bind "$D/etc" /etc/libvirt
mount --bind "$D/lib" /var/lib/libvirt
mount --bind "$D/log" /var/log/libvirt
mount --bind "$D/cache" /var/cache/libvirt
mount --bind "$D/passwd" /etc/passwd
mount --bind "$D/group" /etc/group
# all of /run: every pidfile and socket of the lab stays in DIR/run
mount --bind "$D/run" /run
# We run in a cgroup namespace rooted at the lab's cgroups: fresh cgroup mounts show that
# root as their top, so libvirt's /machine lands inside the lab's cgroup, and the paths in
# /proc/PID/cgroup match the mounts. (The old mount goes first: the kernel refuses the same
# hierarchy mounted onto its own root.)
grep -E '^[^ ]+ [^ ]+ cgroup2? ' /proc/self/mounts >"$D/run/cgroup-mounts"
# The cgroup v2 mount of a hybrid host goes away: libvirt would take cpuacct from it (v2 has no
# per-CPU usage) and make its /machine there, outside the lab's cgroups.
while read -r _ mp type opts _; do
  umount -l "$mp"
  [[ $type == cgroup ]] && mount -t cgroup -o "$opts" cgroup "$mp"
done <"$D/run/cgroup-mounts"
echo $$ >"$D/holder.pid"
exec sleep infinity
EOF
}

start_holder() {
  # setsid: not in the caller's process group, so a Ctrl-C reaches only the caller,
  # whose trap runs 'stop'. All fds redirected so $(lab.sh start) does not hang.
  # The holder joins the lab's cgroups first: its cgroup namespace is rooted there.
  # shellcheck disable=SC2016
  setsid bash -c 'while read -r d; do echo $$ >"$d/cgroup.procs"; done <"$1/cgroups"
    exec unshare -m -C --propagation private -- bash "$1/ns-init.sh" "$1"' _ "$DIR" \
    </dev/null >>"$DIR/log/holder.log" 2>&1 &
  wait_for 10 "namespace holder" test -s "$DIR/holder.pid"
  holder_pid >/dev/null || die "namespace holder did not come up (see $DIR/log/holder.log)"
}

# in_lab CMD...: run CMD inside the lab's mount namespace with a clean environment.
in_lab() {
  local p
  p=$(holder_pid) || die "lab namespace holder is not running (lab.sh start first)"
  # in the lab's cgroups and its cgroup namespace, like the holder
  ( join_lab_cgroups; exec nsenter -t "$p" -m -C -- "${DAEMON_ENV[@]}" "$@" )
}

start_virtlogd() { in_lab virtlogd -d; }
# libvirtd_up: answers, or fail fast (status 2 via die) once its process is gone.
libvirtd_up() {
  daemon_answers && return 0
  lab_pidfile_pid "$DIR/run/libvirtd.pid" >/dev/null && return 1
  tail -n 5 "$DIR/log/libvirtd.log" >&2 || true
  die "lab libvirtd exited (see $DIR/log/libvirtd.log)"
}

start_libvirtd() {
  local cpu pid
  # libvirtd fingerprints the host with the CPUID instruction at start, and a field of it
  # (the APIC id) depends on the CPU the thread runs on; a different fingerprint throws
  # the saved QEMU caps cache away (a 4 s re-probe, "host cpuid changed"). So start it
  # pinned to our first CPU, then give all its threads our full CPU set back.
  cpu=$(taskset -cp $$ | sed 's/.*: //; s/[-,].*//')
  # -d returns once the daemon wrote its pidfile; driver init continues in the background
  in_lab taskset -c "$cpu" libvirtd -d
  wait_for 30 "libvirtd to answer on $SOCK" libvirtd_up
  # (libvirt gives qemu all CPUs by itself; this is for libvirtd's own threads. -a fails
  # when one of them exits meanwhile: retry, and never fail the start over it.)
  pid=$(lab_pidfile_pid "$DIR/run/libvirtd.pid")
  for _ in 1 2 3; do
    if taskset -a -p "$(taskset -p $$ | sed 's/.*: //')" "$pid" >/dev/null 2>&1; then break; fi
  done
}

seed_caps() {
  # A saved QEMU capabilities cache turns the 2-3 s probe on the first call into ~0.2 s.
  # libvirt validates it (qemu/libvirt binaries, kernel) and re-probes if stale.
  if compgen -G "$CAPS/*.xml" >/dev/null; then
    cp "$CAPS"/*.xml "$DIR/cache/qemu/capabilities/"
    log "seeded QEMU capabilities cache from $CAPS"
  fi
}

save_caps() {
  compgen -G "$DIR/cache/qemu/capabilities/*.xml" >/dev/null || return 0
  mkdir -p "$CAPS"
  cp "$DIR"/cache/qemu/capabilities/*.xml "$CAPS/"
}

net_xml() {
  case $LAB_NET in
    user) printf "    <interface type='user'>\n" ;;
    ethernet) printf "    <interface type='ethernet'>\n      <target dev='vl%s%s'/>\n" \
                "${HASH:0:4}" "${1#lab-}" ;;
    *) die "VIREO_LAB_NET must be ethernet or user, not $LAB_NET" ;;
  esac
  printf "      <model type='virtio'/>\n    </interface>"
}

domain_xml() {
  local name=$1
  cat <<EOF
<domain type='qemu'>
  <name>$name</name>
  <memory unit='MiB'>128</memory>
  <vcpu>1</vcpu>
  <os>
    <type arch='x86_64' machine='pc'>hvm</type>
    <kernel>$ASSETS/vmlinuz</kernel>
    <initrd>$ASSETS/initrd.img</initrd>
    <cmdline>console=ttyS0 quiet</cmdline>
  </os>
  <!-- without <acpi/> libvirt passes -no-acpi: no power button, no virsh shutdown -->
  <features><acpi/></features>
  <on_poweroff>destroy</on_poweroff>
  <on_reboot>restart</on_reboot>
  <on_crash>destroy</on_crash>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$DIR/images/$name.qcow2'/>
      <target dev='vda' bus='virtio'/>
    </disk>
$(net_xml "$name")
    <serial type='pty'>
      <log file='$DIR/log/$name-serial.log' append='on'/>
      <target port='0'/>
    </serial>
    <console type='pty'>
      <target type='serial' port='0'/>
    </console>
    <channel type='unix'>
      <target type='virtio' name='org.qemu.guest_agent.0'/>
    </channel>
    <graphics type='vnc' port='-1' listen='127.0.0.1'/>
    <video>
      <model type='vga'/>
    </video>
    <memballoon model='virtio'>
      <stats period='2'/>
    </memballoon>
  </devices>
</domain>
EOF
}

define_guests() {
  local name
  for name in "${GUESTS_RUNNING[@]}" "${GUESTS_OFF[@]}"; do
    cp "$ASSETS/data.qcow2" "$DIR/images/$name.qcow2"
    domain_xml "$name" >"$DIR/xml/$name.xml"
    vsh define "$DIR/xml/$name.xml" >/dev/null
  done
}

guest_ready() { grep -qs 'GUEST READY' "$DIR/log/$1-serial.log"; }

start_guests() {
  local name
  for name in "${GUESTS_RUNNING[@]}"; do vsh start "$name" >/dev/null; done
  for name in "${GUESTS_RUNNING[@]}"; do
    wait_for 60 "$name to print GUEST READY" guest_ready "$name" ||
      { tail -n 20 "$DIR/log/$name-serial.log" >&2 || true; return 1; }
  done
}

cmd_start() {
  need_root
  local t0; t0=$(now_us)
  ensure_pkgs "${LAB_PKGS[@]}"
  assets_cached || cmd_assets
  # leftovers of an earlier run in the same DIR (crashed test, killed script)
  timed "cleanup of previous lab" stop_lab
  START_INCOMPLETE=1
  private_dir "$DIR"
  rm -rf "$DIR/log"
  # run/lock: /var/lock -> /run/lock, where libvirtd locks a pty when a console is opened
  mkdir -p "$DIR"/{run/libvirt,run/lock,etc,lib,log,cache/qemu/capabilities,images,xml}
  setup_cgroups
  write_configs
  write_ns_init
  seed_caps
  timed "namespace holder" start_holder
  timed "virtlogd" start_virtlogd
  timed "libvirtd (until it answers)" start_libvirtd
  timed "define guests" define_guests
  save_caps
  timed "start guests (GUEST READY)" start_guests
  echo "$URI" >"$DIR/uri"
  START_INCOMPLETE=
  log "$(printf '%-32s %s' "lab started" "$(fmt_s $(($(now_us) - t0)))")"
  log "URI: $URI"
  echo "$URI"
}

# stop_lab: kill every process of the lab (SIGTERM to qemu is what 'virsh destroy' does,
# without waiting for each guest in turn), remove runtime state.
# Safe on a lab that never started, half started, or is already gone.
stop_lab() {
  local pids=()
  [[ -d $DIR ]] || return 0
  ! in_this_lab $$ || die "refusing to stop the lab from inside it"
  mapfile -t pids < <(lab_pids)
  if ((${#pids[@]})); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    if ! wait_for 5 "lab processes to exit" none_alive "${pids[@]}" 2>/dev/null; then
      kill -KILL "${pids[@]}" 2>/dev/null || true
      wait_for 10 "lab processes to die" none_alive "${pids[@]}"
    fi
  fi
  remove_cgroups
  # The bind mounts died with the namespace: these are plain directories again.
  rm -rf "$DIR"/{run,etc,lib,cache,images,xml} "$DIR"/{holder.pid,uri,ns-init.sh,passwd,group}
}

none_alive() { local p; for p in "$@"; do alive "$p" && return 1; done; return 0; }

cmd_stop() {
  need_root
  timed "stop" stop_lab
  log "lab in $DIR stopped (logs kept in $DIR/log)"
}

cmd_kill_daemon() {
  need_root
  local p
  p=$(lab_pidfile_pid "$DIR/run/libvirtd.pid") || die "lab libvirtd is not running"
  [[ $(readlink "/proc/$p/exe") == */libvirtd ]] || die "pid $p is not libvirtd"
  kill -KILL "$p"
  timed "libvirtd killed (socket dead)" wait_for 15 "libvirtd socket to stop answering" daemon_gone
}

cmd_start_daemon() {
  need_root
  if daemon_answers; then log "lab libvirtd already answers"; return 0; fi
  [[ -S $DIR/run/libvirt/virtlogd-sock ]] && lab_pidfile_pid "$DIR/run/virtlogd.pid" >/dev/null ||
    start_virtlogd
  timed "libvirtd restarted (answers)" start_libvirtd
}

cmd_status() {
  local p name rc=0
  echo "dir:      $DIR"
  echo "uri:      $URI"
  if p=$(holder_pid); then echo "holder:   $p"; else echo "holder:   not running"; fi
  for name in virtlogd libvirtd; do
    if p=$(lab_pidfile_pid "$DIR/run/$name.pid"); then
      echo "$name: $p"
    else
      echo "$name: not running"
    fi
  done
  if daemon_answers; then
    vsh list --all
  else
    echo "daemon:   not answering"; rc=3
  fi
  return "$rc"
}

main() {
  local cmd=${1:-}
  shift || true
  case $cmd in
    deps) cmd_deps "$@" ;;
    assets) cmd_assets ;;
    gfx-assets) gfx_assets ;;
    start) set_dir "${1:-}"; cmd_start ;;
    stop) set_dir "${1:-}"; cmd_stop ;;
    kill-daemon) set_dir "${1:-}"; cmd_kill_daemon ;;
    start-daemon) set_dir "${1:-}"; cmd_start_daemon ;;
    uri) set_dir "${1:-}"; echo "$URI" ;;
    status) set_dir "${1:-}"; cmd_status ;;
    *) sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
