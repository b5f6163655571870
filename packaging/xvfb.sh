# Shared by the packaging scripts (sourced): an X server of their own and a launch of Vireo
# that waits until its window lists the selected host's domains.

# start_xvfb LOGFILE: first free display from :150 up (the test script takes :99 up); sets
# DISPLAY and XVFB_PID. The caller kills XVFB_PID.
start_xvfb() {
  local n end log=$1
  for ((n = 150; n < 200; n++)); do
    [[ -e /tmp/.X$n-lock || -e /tmp/.X11-unix/X$n ]] && continue
    Xvfb ":$n" -screen 0 1280x1024x24 -nolisten tcp >"$log" 2>&1 9>&- &
    XVFB_PID=$!
    end=$((SECONDS + 10))
    while kill -0 "$XVFB_PID" 2>/dev/null && ((SECONDS < end)); do
      if xdpyinfo -display ":$n" >/dev/null 2>&1; then
        export DISPLAY=:$n
        return 0
      fi
      sleep 0.05
    done
    kill "$XVFB_PID" 2>/dev/null || true
    wait "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=
  done
  echo "could not start Xvfb (see $log)" >&2
  return 1
}

# launch_listed LOG TIMEOUT CMD...: starts CMD (a Vireo launcher) with the in-app bench probe
# on, its output in LOG; returns once the window lists every domain of the selected host
# (the probe's "[bench] listed" line) with APP_PID, LISTED_MS (spawn to listed, wall) and
# LISTED_COUNT set; returns 1 if the app died or TIMEOUT seconds passed first.
launch_listed() {
  local log=$1 timeout=$2 t0 line
  shift 2
  : >"$log"
  t0=${EPOCHREALTIME//[.,]/}
  JAVA_TOOL_OPTIONS="-Dvireo.bench=true ${JAVA_TOOL_OPTIONS:-}" "$@" >"$log" 2>&1 9>&- &
  APP_PID=$!
  # tail follows the log and ends with the app; grep returns at the first matching line (a
  # process substitution: the caller does not wait for tail)
  line=$(timeout "$timeout" grep -m1 '^\[bench\] listed' < <(tail -n +1 --pid="$APP_PID" -f "$log")) || true
  [[ -n $line ]] || return 1
  LISTED_MS=$(((${EPOCHREALTIME//[.,]/} - t0) / 1000))
  LISTED_COUNT=$(awk '{print $3}' <<<"$line")
}

# main_window PID: the X id of the process's visible top-level window ("Vireo")
main_window() {
  xdotool search --all --onlyvisible --pid "$1" --name '^Vireo$' 2>/dev/null | head -n1
}
