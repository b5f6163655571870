#!/usr/bin/env bash
# A private libvirtd without guests, for serving libvirt's test driver over RPC: a client
# opening test+unix:///ABS/PATH/host.xml?socket=SOCK gets the test driver opened inside
# this daemon (libvirtd parses the file), so the client process holds only the RPC side.
# Used by the monitoring benchmark (src/scripts/bench --daemon) and the event storm benchmark.
#
#   testd.sh start [DIR]   start it; prints the socket path
#   testd.sh stop [DIR]    stop it (idempotent)
#
# Like lab.sh: its own mount namespace with DIR/{run,etc,lib,log,cache} over libvirt's
# paths, so the machine's own libvirtd and files are never seen or touched.
# DIR defaults to ${VIREO_LAB_DIR:-/tmp/vireo-lab}-testd.
set -euo pipefail
LAB_TAG=testd
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DIR=${2:-${VIREO_LAB_DIR:-/tmp/vireo-lab}-testd}
[[ $DIR == /* ]] || DIR=$PWD/$DIR
DIR=$(realpath -m "$DIR")
[[ $DIR =~ ^/[A-Za-z0-9._/-]+$ ]] || die "dir must be a plain absolute path: $DIR"
[[ $DIR != /run && $DIR != /run/* && $DIR != /var/run/* && $DIR != / ]] || die "dir must not be / or under /run"
SOCK=$DIR/run/libvirt/libvirt-sock

alive() {
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  s=${s##*) }
  [[ ${s%% *} != Z ]]
}
# the daemon's pid, when it is alive and ours (it sees DIR/run as its /run)
daemon_pid() {
  local p
  p=$(cat "$DIR/daemon.pid" 2>/dev/null) || return 1
  alive "$p" && [[ /proc/$p/root/run -ef $DIR/run ]] && echo "$p"
}
answers() { timeout 5 virsh -q -c "test+unix:///default?socket=$SOCK" uri >/dev/null 2>&1; }

cmd_start() {
  need_root
  cmd_stop 2>/dev/null
  private_dir "$DIR"
  rm -rf "$DIR"/{run,etc,lib,log,cache}
  mkdir -p "$DIR"/{run/libvirt,etc,lib,log,cache}
  cat >"$DIR/etc/libvirtd.conf" <<EOF
# Vireo test-driver daemon: unix socket only, no auth (root-only socket)
auth_unix_rw = "none"
unix_sock_rw_perms = "0700"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
  # libvirt's qemu driver, loaded by libvirtd, insists on its build-time user and group
  cp /etc/passwd "$DIR/passwd"
  cp /etc/group "$DIR/group"
  getent group kvm >/dev/null || echo "kvm:x:64054:" >>"$DIR/group"
  getent group libvirt-qemu >/dev/null || echo "libvirt-qemu:x:64055:" >>"$DIR/group"
  getent passwd libvirt-qemu >/dev/null ||
    echo "libvirt-qemu:x:64055:64055:Libvirt Qemu:/var/lib/libvirt:/usr/sbin/nologin" >>"$DIR/passwd"
  cat >"$DIR/init.sh" <<'EOF'
#!/bin/bash
# mounts the daemon's directories over libvirt's paths, then becomes libvirtd
set -eu
D=$1
mkdir -p /etc/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt
mount --bind "$D/etc" /etc/libvirt
mount --bind "$D/lib" /var/lib/libvirt
mount --bind "$D/log" /var/log/libvirt
mount --bind "$D/cache" /var/cache/libvirt
mount --bind "$D/passwd" /etc/passwd
mount --bind "$D/group" /etc/group
mount --bind "$D/run" /run
exec libvirtd
EOF
  # unshare and bash exec: the pid started here is libvirtd's
  setsid "${DAEMON_ENV[@]}" unshare -m --propagation private -- bash "$DIR/init.sh" "$DIR" \
    </dev/null >>"$DIR/log/daemon.out" 2>&1 &
  echo $! >"$DIR/daemon.pid"
  wait_for 30 "libvirtd to answer on $SOCK" answers ||
    { tail -n 5 "$DIR/log/libvirtd.log" "$DIR/log/daemon.out" >&2 || true; cmd_stop; exit 1; }
  echo "$SOCK"
}

cmd_stop() {
  local p
  if p=$(daemon_pid); then
    kill -TERM "$p"
    wait_for 10 "libvirtd to exit" bash -c "! kill -0 $p 2>/dev/null" || kill -KILL "$p" 2>/dev/null || true
  fi
  rm -f "$DIR/daemon.pid"
}

case ${1:-} in
  start) cmd_start ;;
  stop) cmd_stop ;;
  *) die "usage: testd.sh start|stop [DIR]" ;;
esac
