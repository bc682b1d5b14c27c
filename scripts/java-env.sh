# Sourced (not executed) by ./assay, scripts/test and .ci/run: picks a JDK >= 21 for every command.
# Order: an explicit JAVA_HOME that is already >= 21, then Temurin 25 where these machines keep it,
# then any JDK >= 21 under /usr/lib/jvm. Fails with one clear line when none is found.

_assay_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n1
}

_assay_pick_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(_assay_java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then
      printf '%s\n' "$candidate"
      return 0
    fi
  done
  return 1
}

if ASSAY_JDK=$(_assay_pick_jdk); then
  export JAVA_HOME="$ASSAY_JDK"
  export PATH="$JAVA_HOME/bin:$PATH"
  unset ASSAY_JDK
else
  echo "assay: no JDK 21 or newer found (looked at JAVA_HOME and /usr/lib/jvm); install one and set JAVA_HOME" >&2
  return 1 2>/dev/null || exit 1
fi
unset -f _assay_java_major _assay_pick_jdk
