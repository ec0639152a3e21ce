# Sourced by `loom` and scripts/inspect-benchmark: the jar a JVM runs, a copy of
# target/loom-patterns.jar, never that file itself. A build rewrites it in place (another ./loom
# that found a source changed, ./mvnw package), and a JVM still loading classes from it then fails
# mid-run (NoClassDefFoundError in a compare, tried). One copy per build, named by the jar's
# checksum and size, beside it in target/ (so its manifest's lib/ class path still resolves;
# `mvn clean` removes them); a copy is touched each time a run starts from it, and one unused for a
# day is deleted (a run, and the child JVMs it starts from the same class path, may read it until
# it ends). A half-made copy (target/.loom-run.XXXXXX) is removed on Ctrl-C, TERM or HUP; one left
# by a SIGKILL mid-copy is deleted once it is an hour old (a copy being made is seconds old).

# run_copy JAR NAME: prints the path of JAR's copy, made if need be; returns 1 where none can be
# made. NAME begins its line on stderr while the jar is being written (not whole, or changing as it is copied).
run_copy() {
  local jar="$1" name="$2" dir sum after copy tmp tries=0
  dir="$(dirname "$jar")"
  while :; do
    # a build truncates the jar, then writes it: an empty or cut-short jar, unchanged while it was copied,
    # was copied and run ("Error: Invalid or corrupt jarfile .../loom-run-4294967295-0.jar", two ./loom
    # started at once after a source changed), and its copy kept
    if jar_is_whole "$jar"; then
      sum="$(cksum < "$jar" | awk '{print $1 "-" $2}')"
      copy="$dir/loom-run-$sum.jar"
      [ -f "$copy" ] && break
      tmp="$(mktemp "$dir/.loom-run.XXXXXX" 2>/dev/null)" || return 1
      trap 'rm -f "$tmp"' INT TERM HUP # a Ctrl-C (or a closed terminal) mid-copy leaves no partial copy
      if ! { cp "$jar" "$tmp" && chmod 644 "$tmp"; }; then
        rm -f "$tmp"
        return 1
      fi
      after="$(cksum < "$jar" | awk '{print $1 "-" $2}')"
      if [ "$after" = "$sum" ] && jar_is_whole "$tmp"; then
        mv -f "$tmp" "$copy" || { rm -f "$tmp"; return 1; }
        break
      fi
      rm -f "$tmp" # a build was writing the jar meanwhile: copy it again once it is whole
    fi
    echo "$name: the jar is being written (a build?); copying it once it is whole" >&2
    tries=$((tries + 1))
    [ "$tries" -lt 30 ] || return 1
    sleep 1
  done
  trap - INT TERM HUP
  touch "$copy" 2>/dev/null || true
  find "$dir" -maxdepth 1 -name 'loom-run-*.jar' -mmin +1440 -delete 2>/dev/null || true
  find "$dir" -maxdepth 1 -name '.loom-run.*' -mmin +60 -delete 2>/dev/null || true # a SIGKILL's leftovers
  printf '%s\n' "$copy"
}
# jar_is_whole FILE: whether FILE ends as a whole zip does, with its end-of-central-directory record (a jar has
# no comment after it); a jar a build is still writing, empty or cut short, does not.
jar_is_whole() {
  [ "$(tail -c 22 "$1" 2>/dev/null | head -c 4 | od -An -tx1 | tr -d ' \n')" = 504b0506 ]
}
# jar_to_run JAR NAME: prints the path of JAR's copy or, where no copy can be made (a target/ that
# is read-only or full), JAR itself, as before the copies, with a line on stderr that says so.
jar_to_run() {
  local copy
  if copy="$(run_copy "$1" "$2")"; then
    printf '%s\n' "$copy"
    return
  fi
  echo "$2: could not copy the jar in $(dirname "$1") (not writable, or full?); running it in place, so a rebuild meanwhile would stop this run" >&2
  printf '%s\n' "$1"
}
