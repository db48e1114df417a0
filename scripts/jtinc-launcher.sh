# Shared by scripts/jtincd and scripts/jtinc (sourced, not run): finds java and the jar, builds the JVM options.
#
# The jar:   $JTINC_JAR, else the build output next to this checkout (target/jtinc-*-all.jar),
#            else the installed /usr/share/jtinc/jtinc.jar.
# Java:      $JAVA_HOME/bin/java, else java on the PATH.
# JVM flags: small-footprint defaults for a Raspberry Pi with 512 MB-1 GB (ecosystem.md §3f measured 68 MB RSS
#            with these against 88 MB with the JVM's defaults); everything in $JAVA_OPTS comes later on the
#            command line, so it overrides them (the JVM takes the last of repeated flags).

jtinc_find_java() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        echo "$JAVA_HOME/bin/java"
    elif command -v java >/dev/null 2>&1; then
        command -v java
    else
        echo "jtinc: no java found; install a Java 17+ runtime (apt-get install openjdk-17-jre-headless)" >&2
        return 1
    fi
}

jtinc_find_jar() {
    if [ -n "${JTINC_JAR:-}" ]; then
        echo "$JTINC_JAR"
        return 0
    fi
    here=$(dirname "$(readlink -f "$0")")
    for candidate in "$here"/../target/jtinc-*-all.jar /usr/share/jtinc/jtinc.jar; do
        if [ -f "$candidate" ]; then
            echo "$candidate"
            return 0
        fi
    done
    echo "jtinc: jar not found; build it with ./mvnw package, or set JTINC_JAR" >&2
    return 1
}

jtinc_java_major() {
    "$1" -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n 1
}

jtinc_jvm_options() {
    opts="-XX:+UseSerialGC -Xms8m -Xmx48m -Xss256k -XX:MaxMetaspaceSize=64m -XX:TieredStopAtLevel=1"
    opts="$opts -XX:CICompilerCount=1 -XX:ReservedCodeCacheSize=16m -XX:MaxDirectMemorySize=32m"
    opts="$opts -Dio.netty.allocator.numDirectArenas=1 -Dio.netty.allocator.numHeapArenas=1"
    major=$(jtinc_java_major "$1")
    # JDK 22+ warns about (and later JDKs will block) JNA's native access unless it is enabled explicitly.
    if [ -n "$major" ] && [ "$major" -ge 22 ]; then
        opts="$opts --enable-native-access=ALL-UNNAMED"
    fi
    echo "$opts"
}
