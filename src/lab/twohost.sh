#!/usr/bin/env bash
# Vireo two-host lab: hostA and hostB, each in its own network + mount + UTS namespace with
# its own libvirtd (one tiny running guest each) and its own sshd, for the SSH and
# migration work.
#
#   twohost.sh start [DIR]          build and start both hosts; prints the facts file path
#   twohost.sh stop [DIR]           tear everything down (idempotent, also after a failed start)
#   twohost.sh status [DIR]         what runs (exit 3 when a host's libvirtd does not answer)
#   twohost.sh link-down HOST [DIR] cut HOST's (A or B) link: its eth0 goes down
#   twohost.sh link-up HOST [DIR]   bring it back
#   twohost.sh kill-daemon HOST [DIR]  kill -9 HOST's libvirtd (its guests keep running)
#   twohost.sh start-daemon HOST [DIR] start it again and wait until it answers
#   twohost.sh facts [DIR]          print the facts file (KEY=VALUE lines, see write_facts)
#   twohost.sh throttle-writes HOST BYTES_PER_S [DIR]
#                                   slow the host's direct disk writes (0 lifts it)
#   twohost.sh guest HOST NAME [private] [start] [DIR]
#                                   define (and start) a throwaway guest on HOST
#
# Network: a bridge namespace holds br0; hostA (10.77.N.1), hostB (10.77.N.2) and the
# machine's own namespace (10.77.N.10, a veth named vl2<hash>r) hang off it, so tests in the
# root namespace reach both hosts. N and every name derive from DIR, so labs of different
# DIRs do not collide (DIR /tmp/vireo-lab gets N=0, the documented 10.77.0.x).
# Each host bind-mounts DIR/<host>/{run,etc,lib,log,cache} over /run, /etc/libvirt,
# /var/lib/libvirt, /var/log/libvirt, /var/cache/libvirt plus its own /etc/hosts,
# /etc/passwd, /etc/group, /etc/shadow and an empty /root/.bashrc: the machine's own sshd,
# libvirtd and files are never seen or touched.
# sshd: root by key only; user 'vireo' (password in the facts) by password only, via a
# Match block; LogLevel VERBOSE to DIR/<host>/log/sshd.log (one "Connection from" per
# TCP connection, i.e. per handshake).
# DIR defaults to ${VIREO_LAB_DIR:-/tmp/vireo-lab}-2h.
set -euo pipefail

CACHE=/var/cache/vireo-lab
ASSETS=$CACHE/assets-v3   # the same versioned guest image as lab.sh
CAPS=$CACHE/qemu-caps
HOSTS=(A B)
PASSWORD_USER=vireo
PASSWORD=vireo-lab-pw
KEY_PASSPHRASE=vireo-lab-passphrase

LAB_TAG=twohost
# shellcheck source=common.sh
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

START_INCOMPLETE=
on_exit() {
  local rc=$?
  if [[ -n $START_INCOMPLETE ]]; then
    START_INCOMPLETE=
    log "start failed (status $rc): tearing the two-host lab down"
    stop_lab || true
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

set_dir() {
  DIR=${1:-${VIREO_LAB_DIR:-/tmp/vireo-lab}-2h}
  [[ $DIR == /* ]] || DIR=$PWD/$DIR
  DIR=$(realpath -m "$DIR")
  [[ $DIR =~ ^/[A-Za-z0-9._/-]+$ ]] || die "lab dir must be a plain absolute path: $DIR"
  [[ $DIR != /run && $DIR != /run/* && $DIR != /var/run/* && $DIR != / ]] || die "lab dir must not be / or under /run"
  HASH=$(printf '%s' "$DIR" | md5sum)
  H4=${HASH:0:4}
  if [[ $DIR == /tmp/vireo-lab-2h ]]; then NET=0; else NET=$((1 + 16#${HASH:4:4} % 250)); fi
  SUBNET=10.77.$NET
  NS_BR=vl2${H4}br
  ROOT_IF=vl2${H4}r
}
ns_of() { echo "vl2${H4}$1"; }        # network namespace of host A / B
ip_of() { case $1 in A) echo "$SUBNET.1" ;; B) echo "$SUBNET.2" ;; esac; }
hostname_of() { echo "host$1"; }
hdir() { echo "$DIR/$1"; }

alive() {
  local s
  s=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  s=${s##*) }
  [[ ${s%% *} != Z ]]
}
# in_host H PID: PID sees DIR/H/run as its /run (it lives in that host's mount namespace)
in_host() { [[ -d $DIR/$1/run && /proc/$2/root/run -ef $DIR/$1/run ]]; }
host_pids() {
  local p
  for p in /proc/[0-9]*; do
    p=${p#/proc/}
    in_host "$1" "$p" && alive "$p" && echo "$p"
  done
  return 0
}
holder_pid() {
  local p
  p=$(cat "$DIR/$1/holder.pid" 2>/dev/null) || return 1
  alive "$p" && in_host "$1" "$p" && echo "$p"
}
in_ns() {
  local h=$1 p; shift
  p=$(holder_pid "$h") || die "host$h is not running"
  nsenter -t "$p" -m -u -n -- "${DAEMON_ENV[@]}" "$@"
}
uri_of() { echo "qemu+unix:///system?socket=$DIR/$1/run/libvirt/libvirt-sock"; }
answers() { timeout 5 virsh -q -c "$(uri_of "$1")" uri >/dev/null 2>&1; }

# ---------------------------------------------------------------- start

write_client_files() {
  local c=$DIR/client h
  mkdir -p "$c"
  ssh-keygen -q -t ed25519 -N '' -C vireo-lab-client -f "$c/id_ed25519"
  ssh-keygen -q -t ed25519 -N "$KEY_PASSPHRASE" -C vireo-lab-client-encrypted -f "$c/id_ed25519_enc"
  # a host key that belongs to no host: tests write it into known_hosts to fake a changed key
  ssh-keygen -q -t ed25519 -N '' -C impostor -f "$c/impostor_host_key"
  : >"$c/known_hosts"
  for h in "${HOSTS[@]}"; do
    mkdir -p "$DIR/$h/ssh"
    ssh-keygen -q -t ed25519 -N '' -C "host$h" -f "$DIR/$h/ssh/ssh_host_ed25519_key"
    echo "$(hostname_of "$h"),$(ip_of "$h") $(cut -d' ' -f1-2 "$DIR/$h/ssh/ssh_host_ed25519_key.pub")" >>"$c/known_hosts"
  done
  cp "$c/known_hosts" "$c/known_hosts_hashed"
  ssh-keygen -q -H -f "$c/known_hosts_hashed" >/dev/null 2>&1
  rm -f "$c/known_hosts_hashed.old"
}

write_host_files() {
  local h=$1 d=$DIR/$1 uuid pwhash
  rm -rf "$d/log"   # old serial logs would say GUEST READY before the new guests booted
  mkdir -p "$d"/{run/libvirt,run/lock,run/sshd,etc,lib,log,cache/qemu/capabilities,images,xml,authorized_keys,home}
  chmod 700 "$d"
  uuid=$(printf '%s' "$DIR/$h" | md5sum | sed -E 's/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/\1-\2-\3-\4-\5/')
  cat >"$d/etc/libvirtd.conf" <<EOF
# Vireo two-host lab: unix socket for root and group libvirt; TCP without auth for migration
auth_unix_rw = "none"
unix_sock_group = "libvirt"
unix_sock_rw_perms = "0770"
listen_tls = 0
listen_tcp = 1
auth_tcp = "none"
host_uuid = "$uuid"
log_outputs = "3:file:/var/log/libvirt/libvirtd.log"
EOF
  echo 'log_outputs = "3:file:/var/log/libvirt/virtlogd.log"' >"$d/etc/virtlogd.conf"
  cat >"$d/etc/qemu.conf" <<EOF
user = "root"
group = "root"
security_driver = "none"
cgroup_controllers = [ ]
EOF
  cp /etc/passwd "$d/passwd"; cp /etc/group "$d/group"
  # never a copy of the machine's /etc/shadow: root (key only: '*' allows keys, no password) and the lab user
  echo "root:*:19000:0:99999:7:::" >"$d/shadow"
  grep -q '^kvm:' "$d/group" || echo "kvm:x:64054:" >>"$d/group"
  grep -q '^libvirt-qemu:' "$d/group" || echo "libvirt-qemu:x:64055:" >>"$d/group"
  grep -q '^libvirt-qemu:' "$d/passwd" ||
    echo "libvirt-qemu:x:64055:64055:Libvirt Qemu:/var/lib/libvirt:/usr/sbin/nologin" >>"$d/passwd"
  sed -i '/^libvirt:/d; /^'$PASSWORD_USER':/d' "$d/group" "$d/passwd"
  echo "libvirt:x:64060:$PASSWORD_USER" >>"$d/group"
  echo "$PASSWORD_USER:x:64061:" >>"$d/group"
  echo "$PASSWORD_USER:x:64061:64061:Vireo lab user:/home/$PASSWORD_USER:/bin/sh" >>"$d/passwd"
  pwhash=$(openssl passwd -6 "$PASSWORD")
  echo "$PASSWORD_USER:$pwhash:19000:0:99999:7:::" >>"$d/shadow"
  chmod 640 "$d/shadow"
  printf '127.0.0.1 localhost\n%s hostA\n%s hostB\n%s client\n' "$(ip_of A)" "$(ip_of B)" "$SUBNET.10" >"$d/hosts"
  : >"$d/bashrc"
  cp "$DIR/client/id_ed25519.pub" "$d/authorized_keys/root"
  cat "$DIR/client/id_ed25519_enc.pub" >>"$d/authorized_keys/root"
  cat >"$d/sshd_config" <<EOF
# Vireo two-host lab sshd for host$h
ListenAddress $(ip_of "$h")
Port 22
# port 2222: the same sshd with stream-local forwarding forbidden, as some admins set it
Port 2222
HostKey $d/ssh/ssh_host_ed25519_key
PidFile /run/sshd.pid
AuthorizedKeysFile $d/authorized_keys/%u
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowTcpForwarding yes
AllowStreamLocalForwarding yes
AllowAgentForwarding no
X11Forwarding no
PrintMotd no
LogLevel VERBOSE
MaxStartups 100
Subsystem sftp internal-sftp
Match LocalPort 2222
  AllowStreamLocalForwarding no
Match User $PASSWORD_USER
  PasswordAuthentication yes
EOF
  cat >"$d/ns-init.sh" <<'EOF'
#!/bin/bash
# First process of a lab host's mount + UTS namespace (already in its network namespace).
set -eu
D=$1 NAME=$2
hostname "$NAME"
mkdir -p /etc/libvirt /var/lib/libvirt /var/log/libvirt /var/cache/libvirt
mount --bind "$D/etc" /etc/libvirt
mount --bind "$D/lib" /var/lib/libvirt
mount --bind "$D/log" /var/log/libvirt
mount --bind "$D/cache" /var/cache/libvirt
mount --bind "$D/passwd" /etc/passwd
mount --bind "$D/group" /etc/group
mount --bind "$D/shadow" /etc/shadow
mount --bind "$D/hosts" /etc/hosts
mount --bind "$D/home" /home
[ -e /root/.bashrc ] && mount --bind "$D/bashrc" /root/.bashrc
mount --bind "$D/run" /run
echo $$ >"$D/holder.pid"
exec sleep infinity
EOF
  mkdir -p "$d/home/$PASSWORD_USER"
  chown 64061:64061 "$d/home/$PASSWORD_USER"
  if compgen -G "$CAPS/*.xml" >/dev/null; then cp "$CAPS"/*.xml "$d/cache/qemu/capabilities/"; fi
}

setup_network() {
  local h ns
  ip netns add "$NS_BR"
  ip -n "$NS_BR" link add br0 type bridge
  ip -n "$NS_BR" link set br0 up
  ip -n "$NS_BR" link set lo up
  for h in "${HOSTS[@]}"; do
    ns=$(ns_of "$h")
    ip netns add "$ns"
    ip -n "$ns" link add eth0 type veth peer name "v$h" netns "$NS_BR"
    ip -n "$NS_BR" link set "v$h" master br0 up
    ip -n "$ns" addr add "$(ip_of "$h")/24" dev eth0
    ip -n "$ns" link set lo up
    ip -n "$ns" link set eth0 up
  done
  ip link add "$ROOT_IF" type veth peer name vroot netns "$NS_BR"
  ip -n "$NS_BR" link set vroot master br0 up
  ip addr add "$SUBNET.10/24" dev "$ROOT_IF"
  ip link set "$ROOT_IF" up
}

start_host() {
  local h=$1 d=$DIR/$1 p
  setsid ip netns exec "$(ns_of "$h")" unshare -m -u --propagation private -- \
    bash "$d/ns-init.sh" "$d" "$(hostname_of "$h")" </dev/null >>"$d/log/holder.log" 2>&1 &
  wait_for 10 "host$h namespace holder" test -s "$d/holder.pid"
  holder_pid "$h" >/dev/null || die "host$h holder did not come up (see $d/log/holder.log)"
  in_ns "$h" virtlogd -d
  firewall "$h"
  in_ns "$h" libvirtd -d --listen
  in_ns "$h" /usr/sbin/sshd -f "$d/sshd_config" -E "$d/log/sshd.log"
}

# libvirtd's TCP listener (no auth, for peer-to-peer migration) and QEMU's incoming migration
# and NBD ports take connections from the other lab host and the host itself only: the
# machine's own namespace (the veth on the bridge) and anything else get a reset.
firewall() {
  local h=$1 peer
  peer=$(ip_of "$([[ $1 == A ]] && echo B || echo A)")
  for ports in 16509 49152:49215; do
    in_ns "$h" iptables -w -A INPUT -p tcp --dport "$ports" -s 127.0.0.0/8 -j ACCEPT
    in_ns "$h" iptables -w -A INPUT -p tcp --dport "$ports" -s "$peer" -j ACCEPT
    in_ns "$h" iptables -w -A INPUT -p tcp --dport "$ports" -j REJECT --reject-with tcp-reset
  done
}

wait_host() {
  local h=$1
  wait_for 30 "host$h libvirtd" answers "$h" || { tail -n 5 "$DIR/$h/log/libvirtd.log" >&2; return 1; }
  wait_for 10 "host$h sshd" bash -c "exec 3<>/dev/tcp/$(ip_of "$h")/22" 2>/dev/null
}

domain_xml() {
  local h=$1 name=$2 disk=${3:-$DIR/$1/images/$2.qcow2}
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
  <features><acpi/></features>
  <devices>
    <disk type='file' device='disk'>
      <driver name='qemu' type='qcow2'/>
      <source file='$disk'/>
      <target dev='vda' bus='virtio'/>
    </disk>
    <interface type='user'><model type='virtio'/></interface>
    <serial type='pty'>
      <log file='$DIR/$h/log/$name-serial.log' append='on'/>
      <target port='0'/>
    </serial>
    <console type='pty'><target type='serial' port='0'/></console>
    <graphics type='vnc' port='-1' listen='127.0.0.1'/>
    <video><model type='vga'/></video>
  </devices>
</domain>
EOF
}

# a 'default' dir pool at /var/lib/libvirt/images, private to each host (bind-mounted): where
# copy-storage migration makes the destination's disk, as on a stock libvirt install
define_pool() {
  local h=$1
  mkdir -p "$DIR/$h/lib/images"
  virsh -q -c "$(uri_of "$h")" pool-define-as default dir --target /var/lib/libvirt/images >/dev/null
  virsh -q -c "$(uri_of "$h")" pool-start default >/dev/null
}

guests_of() { case $1 in A) echo "twohost-a1 twohost-a2" ;; B) echo "twohost-b1" ;; esac; }

start_guests() {
  local h=$1 name first=1
  for name in $(guests_of "$h"); do
    qemu-img create -q -f qcow2 "$DIR/$h/images/$name.qcow2" 64M
    domain_xml "$h" "$name" >"$DIR/$h/xml/$name.xml"
    virsh -q -c "$(uri_of "$h")" define "$DIR/$h/xml/$name.xml" >/dev/null
    # the first guest of each host runs, any others stay shut off
    if [[ -n $first ]]; then virsh -q -c "$(uri_of "$h")" start "$name" >/dev/null; first=; fi
  done
}

guest_ready() { grep -qs 'GUEST READY' "$DIR/$1/log/$2-serial.log"; }

write_facts() {
  local f=$DIR/facts h
  {
    echo "TWOHOST_DIR=$DIR"
    for h in "${HOSTS[@]}"; do
      echo "TWOHOST_${h}_IP=$(ip_of "$h")"
      echo "TWOHOST_${h}_NETNS=$(ns_of "$h")"
      echo "TWOHOST_${h}_NAME=$(hostname_of "$h")"
      echo "TWOHOST_${h}_URI=$(uri_of "$h")"
      echo "TWOHOST_${h}_SSHD_LOG=$DIR/$h/log/sshd.log"
      echo "TWOHOST_${h}_GUESTS=$(guests_of "$h" | tr ' ' ',')"
      echo "TWOHOST_${h}_RUNNING=$(guests_of "$h" | cut -d' ' -f1)"
    done
    echo "TWOHOST_CLIENT_IP=$SUBNET.10"
    echo "TWOHOST_KEY=$DIR/client/id_ed25519"
    echo "TWOHOST_ENCRYPTED_KEY=$DIR/client/id_ed25519_enc"
    echo "TWOHOST_KEY_PASSPHRASE=$KEY_PASSPHRASE"
    echo "TWOHOST_KNOWN_HOSTS=$DIR/client/known_hosts"
    echo "TWOHOST_KNOWN_HOSTS_HASHED=$DIR/client/known_hosts_hashed"
    echo "TWOHOST_IMPOSTOR_KEY=$DIR/client/impostor_host_key.pub"
    echo "TWOHOST_PASSWORD_USER=$PASSWORD_USER"
    echo "TWOHOST_PASSWORD=$PASSWORD"
    echo "TWOHOST_SCRIPT=$(realpath "${BASH_SOURCE[0]}")"
  } >"$f"
}

cmd_start() {
  need_root
  local t0 h name
  t0=$(now_us)
  [[ -s $ASSETS/vmlinuz && -s $ASSETS/initrd.img ]] || die "no guest assets: run src/lab/lab.sh assets first"
  timed "cleanup of previous lab" stop_lab
  START_INCOMPLETE=1
  private_dir "$DIR"
  write_client_files
  for h in "${HOSTS[@]}"; do write_host_files "$h"; done
  timed "network" setup_network
  for h in "${HOSTS[@]}"; do timed "host$h daemons started" start_host "$h"; done
  for h in "${HOSTS[@]}"; do timed "host$h answers" wait_host "$h"; done
  for h in "${HOSTS[@]}"; do timed "host$h storage pool" define_pool "$h"; done
  for h in "${HOSTS[@]}"; do timed "host$h guests" start_guests "$h"; done
  for h in "${HOSTS[@]}"; do
    name=$(guests_of "$h" | cut -d' ' -f1)
    wait_for 60 "$name GUEST READY" guest_ready "$h" "$name"
  done
  write_facts
  START_INCOMPLETE=
  log "$(printf '%-30s %s' "two-host lab started" "$(fmt_s $(($(now_us) - t0)))")"
  log "hostA $(ip_of A), hostB $(ip_of B), client $SUBNET.10"
  echo "$DIR/facts"
}

# ---------------------------------------------------------------- stop

none_alive() { local p; for p in "$@"; do alive "$p" && return 1; done; return 0; }

stop_lab() {
  local h pids=()
  [[ -d $DIR ]] || return 0
  for h in "${HOSTS[@]}"; do
    [[ -d $DIR/$h/run ]] || continue
    in_host "$h" $$ && die "refusing to stop the lab from inside it"
    mapfile -t -O "${#pids[@]}" pids < <(host_pids "$h")
  done
  if ((${#pids[@]})); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    if ! wait_for 5 "lab processes to exit" none_alive "${pids[@]}" 2>/dev/null; then
      kill -KILL "${pids[@]}" 2>/dev/null || true
      wait_for 10 "lab processes to die" none_alive "${pids[@]}"
    fi
  fi
  for h in "${HOSTS[@]}"; do rmdir "$(blkio_group "$h")" 2>/dev/null || true; done
  ip link del "$ROOT_IF" 2>/dev/null || true
  for h in "${HOSTS[@]}"; do ip netns del "$(ns_of "$h")" 2>/dev/null || true; done
  ip netns del "$NS_BR" 2>/dev/null || true
  for h in "${HOSTS[@]}"; do
    rm -rf "${DIR:?}/$h"/{run,etc,lib,cache,images,xml,ssh,home,authorized_keys} \
      "$DIR/$h"/{holder.pid,ns-init.sh,passwd,group,shadow,hosts,bashrc,sshd_config}
  done
  rm -rf "$DIR/client" "$DIR/facts"
}

cmd_stop() { need_root; timed "stop" stop_lab; }

cmd_link() {
  local h=${1:-} state=$2
  [[ $h == A || $h == B ]] || die "link-$state needs a host: A or B"
  ip -n "$(ns_of "$h")" link set eth0 "$state"
  log "host$h link $state"
}

cmd_kill_daemon() {
  local h=${1:-} p
  [[ $h == A || $h == B ]] || die "kill-daemon needs a host: A or B"
  p=$(cat "$DIR/$h/run/libvirtd.pid" 2>/dev/null) || die "host$h libvirtd is not running"
  alive "$p" && in_host "$h" "$p" && [[ $(readlink "/proc/$p/exe") == */libvirtd ]] || die "pid $p is not host$h's libvirtd"
  kill -KILL "$p"
  wait_for 15 "host$h libvirtd to stop answering" bash -c "! timeout 5 virsh -q -c '$(uri_of "$h")' uri >/dev/null 2>&1"
  log "host$h libvirtd killed"
}

cmd_start_daemon() {
  local h=${1:-}
  [[ $h == A || $h == B ]] || die "start-daemon needs a host: A or B"
  if answers "$h"; then log "host$h libvirtd already answers"; return 0; fi
  in_ns "$h" libvirtd -d --listen
  wait_for 30 "host$h libvirtd" answers "$h" || { tail -n 5 "$DIR/$h/log/libvirtd.log" >&2; return 1; }
  log "host$h libvirtd restarted (answers)"
}

cmd_status() {
  local h p rc=0
  echo "dir: $DIR (subnet $SUBNET.0/24)"
  for h in "${HOSTS[@]}"; do
    if p=$(holder_pid "$h"); then echo "host$h: holder $p, $(ip_of "$h")"; else echo "host$h: not running"; rc=3; continue; fi
    if answers "$h"; then virsh -q -c "$(uri_of "$h")" list --all; else echo "  libvirtd not answering"; rc=3; fi
    ip -n "$(ns_of "$h")" -br link show eth0 || true
  done
  return "$rc"
}

# a throwaway guest for a test: on the shared images dir, or with 'private' on the host's own
# /var/lib/libvirt/images (what copy-storage migration copies); 'start' boots it
cmd_guest() {
  local h=${1:-} name=${2:-} opt disk start= private=
  [[ $h == A || $h == B ]] || die "guest needs a host: A or B"
  [[ $name =~ ^[a-z0-9-]+$ ]] || die "guest needs a plain name"
  shift 2
  for opt in "$@"; do
    case $opt in start) start=1 ;; private) private=1 ;; *) set_dir "$opt" ;; esac
  done
  need_root
  if [[ -n $private ]]; then
    mkdir -p "$DIR/$h/lib/images"
    qemu-img create -q -f qcow2 "$DIR/$h/lib/images/$name.qcow2" 64M
    domain_xml "$h" "$name" /var/lib/libvirt/images/$name.qcow2 >"$DIR/$h/xml/$name.xml"
  else
    qemu-img create -q -f qcow2 "$DIR/$h/images/$name.qcow2" 64M
    domain_xml "$h" "$name" >"$DIR/$h/xml/$name.xml"
  fi
  virsh -q -c "$(uri_of "$h")" define "$DIR/$h/xml/$name.xml" >/dev/null
  [[ -z $start ]] || virsh -q -c "$(uri_of "$h")" start "$name" >/dev/null
}

# throttle-writes HOST BYTES_PER_S: direct (O_DIRECT) writes of the host's libvirtd and its
# helpers to the lab's disk go no faster than that (0 lifts it): a cgroup v1 blkio throttle.
# A save with "bypass cache" then lasts seconds, long enough to cancel it mid-way.
blkio_group() { echo "/sys/fs/cgroup/blkio/vireo-lab-${H4}$1"; }
cmd_throttle() {
  local h=${1:-} bps=${2:-} cg dev p
  [[ $h == A || $h == B ]] || die "throttle-writes needs a host: A or B"
  [[ $bps =~ ^[0-9]+$ ]] || die "throttle-writes needs bytes per second (0 to lift)"
  need_root
  [[ -d /sys/fs/cgroup/blkio ]] || die "no cgroup v1 blkio controller on this machine"
  cg=$(blkio_group "$h")
  dev=$(findmnt -no MAJ:MIN -T "$DIR" | tr -d ' ')
  # throttles apply to whole disks: a partition's parent
  [[ -e /sys/dev/block/$dev/partition ]] && dev=$(cat "$(readlink -f "/sys/dev/block/$dev/..")/dev")
  mkdir -p "$cg"
  echo "$dev $bps" >"$cg/blkio.throttle.write_bps_device"
  # cgroup.procs moves whole processes (tasks would move one thread); helpers forked later follow
  for p in $(pgrep -x libvirtd); do in_host "$h" "$p" && echo "$p" >"$cg/cgroup.procs"; done
  log "host$h direct writes to $dev limited to $bps B/s"
}

main() {
  local cmd=${1:-}
  shift || true
  case $cmd in
    start) set_dir "${1:-}"; cmd_start ;;
    stop) set_dir "${1:-}"; cmd_stop ;;
    status) set_dir "${1:-}"; cmd_status ;;
    link-down) set_dir "${2:-}"; need_root; cmd_link "${1:-}" down ;;
    link-up) set_dir "${2:-}"; need_root; cmd_link "${1:-}" up ;;
    kill-daemon) set_dir "${2:-}"; need_root; cmd_kill_daemon "${1:-}" ;;
    start-daemon) set_dir "${2:-}"; need_root; cmd_start_daemon "${1:-}" ;;
    facts) set_dir "${1:-}"; cat "$DIR/facts" ;;
    guest) set_dir ""; cmd_guest "$@" ;;
    throttle-writes) set_dir "${3:-}"; cmd_throttle "${1:-}" "${2:-}" ;;
    *) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
}

main "$@"
