# Sourced by `loom` and scripts/inspect-benchmark: finds a JDK $required (set before sourcing) with
# javac beside it. find_java sets java_bin, or returns 1 with skipped naming the JDKs it passed over.
# The order: $JAVA_HOME, `java` on PATH, then the usual install folders, or LOOM_JDK_DIRS instead of
# those (see `loom`'s header).

feature_of() { # prints the feature version of the java binary $1 (25, 1.8), or nothing
  # Its JDK's release file says it (JAVA_VERSION="25.0.3"; the JDK's build writes one into every image, 8's
  # too: here the 17 and the 25 have one). Asking the JVM instead started one per JDK looked at (two on the project's machine:
  # PATH's 17, then the 25): reading the file took `./loom --version` from 0.94-1.08 s to 0.71-0.84 s there
  # (6 runs each, alternated, 2026-12-03). Only a java without one (a wrapper, a shim, an odd install) is asked.
  local release v
  release="$(dirname "$(dirname "$1")")/release"
  if [ -f "$release" ]; then
    v="$(sed -nE 's/^JAVA_VERSION="?(1\.[0-9]+|[0-9]+).*/\1/p' "$release" | head -n 1)"
    if [ -n "$v" ]; then
      printf '%s\n' "$v"
      return 0
    fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9][0-9.]*\).*/\1/p' | head -n 1
}

nl=$'\n'
seen="$nl"   # the java binaries looked at (resolved), one a line
skipped=""   # "26 (/path/to/jdk), 17 (/other)": the JDKs found that are not a JDK 25
java_bin=""

try_jdk() { # $1: a java binary; sets java_bin if it is a JDK 25 with javac beside it, else notes it
  local bin v
  [ -x "$1" ] && [ -f "$1" ] || return 1
  # resolved, to see a JDK twice as one and find javac beside the real java; readlink -f is not on macOS before 12.3
  # ("illegal option -- f"), where the path as found stands (the launcher found no JDK there)
  bin="$(readlink -f "$1" 2> /dev/null)" || bin="$1"
  case "$seen" in *"$nl$bin$nl"*) return 1 ;; esac
  seen="$seen$bin$nl"
  v="$(feature_of "$bin" || true)"
  if [ "$v" = "$required" ] && [ -x "$(dirname "$bin")/javac" ]; then java_bin="$bin"; return 0; fi
  [ "$v" = "$required" ] && v="$v without javac"
  skipped="${skipped:+$skipped, }${v:-unknown version} ($(dirname "$(dirname "$bin")"))"
  return 1
}

find_java() {
  local candidate dir dirs
  if [ -n "${JAVA_HOME:-}" ] && try_jdk "$JAVA_HOME/bin/java"; then return; fi
  if candidate="$(command -v java 2>/dev/null)" && try_jdk "$candidate"; then return; fi
  dirs="${LOOM_JDK_DIRS:-/usr/lib/jvm:/usr/java:/opt/java:/opt:${HOME:-/nonexistent}/.sdkman/candidates/java:${HOME:-/nonexistent}/.jdks:/Library/Java/JavaVirtualMachines}"
  local IFS=:
  for dir in $dirs; do
    [ -n "$dir" ] && [ -d "$dir" ] || continue
    for candidate in "$dir/bin/java" "$dir"/*/bin/java "$dir"/*/Contents/Home/bin/java; do
      if try_jdk "$candidate"; then return; fi
    done
  done
  return 1
}
