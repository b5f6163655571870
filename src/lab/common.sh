# Shared by the lab scripts: logging, timing, waiting. Source it after setting LAB_TAG.
# Daemons get a clean environment: the caller (a JVM, a CI shell) may carry anything.
DAEMON_ENV=(env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C)

log() { printf '[%s] %s\n' "$LAB_TAG" "$*" >&2; }
die() { log "ERROR: $*"; exit 1; }
now_us() { local t=${EPOCHREALTIME//[.,]/}; echo "$t"; }
fmt_s() { printf '%d.%02ds' $(($1 / 1000000)) $(($1 % 1000000 / 10000)); }

# timed LABEL CMD...: run CMD and print how long it took.
timed() {
  local label=$1 t0; shift
  t0=$(now_us)
  "$@"
  log "$(printf '%-32s %s' "$label" "$(fmt_s $(($(now_us) - t0)))")"
}

# wait_for SECONDS WHAT CMD...: poll CMD every 0.1 s until it succeeds.
wait_for() {
  local secs=$1 what=$2 end; shift 2
  end=$(($(now_us) + secs * 1000000))
  until "$@"; do
    (($(now_us) < end)) || { log "timed out after ${secs}s waiting for $what"; return 1; }
    sleep 0.1
  done
}

# The lab's directory, run as root, often under /tmp: a path another user could have made first
# (a symlink to somewhere else, a directory of theirs) is refused; ours is made 0700.
private_dir() {
  local d=$1
  [[ -L $d ]] && die "$d is a symbolic link: refusing to use it for a root-run lab"
  mkdir -p -m 700 "$d"
  [[ $(stat -c %u "$d") == "$EUID" ]] || die "$d belongs to another user: refusing to use it"
  chmod 700 "$d"
}

need_root() { [[ $EUID -eq 0 ]] || die "must run as root (libvirtd, sshd, namespaces)"; }
