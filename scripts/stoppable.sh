# Sourced by `loom` and the scripts beside this file: how a script runs a long child (Maven, a JVM, a wait for a lock)
# so that a signal to the script alone stops the child too.

# stoppable CMD...: runs CMD in the background and waits for it, so that a signal to this script alone (a
# supervisor's or a job timeout's kill PID, kill -INT PID; Ctrl-C signals the whole group) stops it too: bash runs a
# trap only once its foreground command has ended, and dies of a TERM without one. Maven in the foreground built on,
# orphaned, for 90 s after a TERM, and an INT was ignored until the build ended and the command then ran
# (2026-12-06). The traps hand CMD a TERM (a background job ignores INT) and wait for its end. Returns CMD's status,
# or 130, 143 or 129 for the INT, TERM or HUP that stopped it, which is also left in stopped_by; CMD's pid is left in
# stoppable_pid.
stoppable() {
  local status=0 child=""
  stopped_by=""
  signalled=""
  trap 'stopped_by=130; stop_child' INT
  trap 'stopped_by=143; stop_child' TERM
  trap 'stopped_by=129; stop_child' HUP
  "$@" &
  child=$!
  stoppable_pid=$child
  [ -z "$stopped_by" ] || stop_child # signalled before its pid was known
  wait "$child" || status=$?
  while kill -0 "$child" 2> /dev/null; do # the wait was ended by a trapped signal, not by the child's end
    status=0
    wait "$child" || status=$?
  done
  [ -z "$stopped_by" ] || await_ended
  trap - INT TERM HUP
  return "${stopped_by:-$status}"
}
# A TERM to CMD and to every process under it, each one's children found before it is signalled (an orphan's parent
# is init, found no more): Maven, told alone, ended, and its forked test JVM ran on, orphaned, starting examples' JVMs
# after the script had said it stopped (a review, 2026-12-06). Where pgrep is missing, CMD alone, as before.
stop_child() {
  [ -z "$child" ] || stop_tree "$child"
}
stop_tree() {
  local pid
  for pid in $(pgrep -P "$1" 2> /dev/null); do
    stop_tree "$pid"
  done
  if kill -TERM "$1" 2> /dev/null; then signalled="$signalled $1"; fi
}
# Waits until each process stop_tree signalled has ended, 5 s at the most: CMD is waited for, but not what runs under
# it, which has been sent its TERM and may not have obeyed it yet (a sleep under the Maven of scripts/repeat-tests
# still ran as the script exited, ScriptsStopTest in CI, 2026-12-07). A zombie has ended: a parent that reaps late, or
# a PID 1 that never does, leaves one.
await_ended() {
  local pid stat tries=0
  for pid in $signalled; do
    while [ "$tries" -lt 100 ] && kill -0 "$pid" 2> /dev/null; do
      stat="$(cat "/proc/$pid/stat" 2> /dev/null)" || stat=""
      stat="${stat##*) }"
      [ "${stat%% *}" != Z ] || break
      sleep 0.05
      tries=$((tries + 1))
    done
  done
}
