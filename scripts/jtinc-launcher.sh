# Shared by scripts/jtincd and scripts/jtinc (sourced, not run): finds java and the jar, builds the JVM options.
#
# The jar:   $JTINC_JAR, else the build output next to this checkout (target/jtinc-*-all.jar),
#            else the installed /usr/share/jtinc/jtinc.jar.
# Java:      $JAVA_HOME/bin/java, else java on the PATH.
# JVM flags: small-footprint defaults for a Raspberry Pi with 512 MB-1 GB; everything in $JAVA_OPTS comes later
#            on the command line, so it overrides them (the JVM takes the last of repeated flags).
#            C2 stays on: with C1 only (-XX:TieredStopAtLevel=1, the usual footprint advice) the packet path
#            ran at 0.45x tincd's iperf3 throughput, with C2 at 0.95x (FiguresIT, same run). Two compiler threads
#            and a 32 MB code cache bound what C2 costs in memory.

# HotSpot suspends threads (JFR's sampler, jcmd) with SIGUSR2 unless told otherwise, and jtincd handles SIGUSR2
# itself as tincd's "dump state to the log": with the default, every JFR sample spawned a dump (145 in 8 s,
# seen while profiling) and the profiler got no Java samples. A real-time signal keeps the two apart.
export _JAVA_SR_SIGNUM="${_JAVA_SR_SIGNUM:-39}"

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

# "17.0.15", "21" (a GA release has no update number), "25.0.3". From the JDK's "release" file when there is one:
# asking "java -version" starts a whole JVM, about 50 ms of every start of jtincd and of every jtinc command.
jtinc_java_version() {
    release="$(dirname "$(dirname "$(readlink -f "$1")")")/release"
    if [ -r "$release" ]; then
        v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9.]*\)".*/\1/p' "$release" | head -n 1)
        if [ -n "$v" ]; then
            echo "$v"
            return 0
        fi
    fi
    "$1" -version 2>&1 | sed -n 's/.*version "\([0-9][0-9.]*\).*/\1/p' | head -n 1
}

jtinc_java_major() {
    jtinc_java_version "$1" | cut -d. -f1
}

jtinc_jvm_options() {
    version=$(jtinc_java_version "$1")
    major=$(echo "$version" | cut -d. -f1)
    update=$(echo "$version" | cut -d. -f3)
    update=${update:-0}
    opts="-XX:+UseSerialGC -Xms8m -Xmx48m -Xss256k -XX:MaxMetaspaceSize=64m"
    opts="$opts -XX:ReservedCodeCacheSize=32m -XX:MaxDirectMemorySize=32m"
    opts="$opts -Dio.netty.allocator.numDirectArenas=1 -Dio.netty.allocator.numHeapArenas=1"
    # The packet path (our code and Netty's) is compiled after 1/20 of HotSpot's usual invocation counts. A node
    # that mostly idles sees a few packets a second, and with the default thresholds its packet path stayed in the
    # interpreter and C1's profiling tier for minutes: ping RTT through a fresh pair of jtincd was still 1.0-1.1 ms
    # after 600 pings at 50/s (tincd: 0.38 ms), and 0.5-0.6 ms with this. Applied to every method instead
    # (-XX:CompileThresholdScaling) it cost 3 s of start-up CPU and 13 MB of RSS; this way about 0.2 s and nothing.
    # The JDK classes a packet passes through (buffers, the UDP source address, AES/HMAC, counters) get the same:
    # a profile of pings after bulk traffic still showed interpreter frames and interpreter/compiled adapters on
    # the packet path (next to DirectByteBuffer.slice). Ping RTT through a pair after a 5 s iperf3, builds
    # alternated (2026-12-06, 3 pairs of each with 2x200 pings): median 0.530 ms against 0.562, loop-thread CPU per
    # ping 4% lower; start to ping6 and idle RSS unchanged. Adding all of java.net and java.util.concurrent as
    # well (0.531 against 0.591 in another A/B) made a start about 0.3 s slower.
    opts="$opts -XX:CompileCommand=quiet"
    for p in 'io.jtinc.*' 'io.netty.*' 'java.nio.*' 'java.net.Inet*' 'javax.crypto.*' 'com.sun.crypto.provider.*' \
            'sun.security.provider.*' 'java.util.concurrent.atomic.*'; do
        opts="$opts -XX:CompileCommand=CompileThresholdScaling,$p::*,0.05"
    done
    # C2 only, without C1's tiers (not TieredStopAtLevel=1, which keeps C1 alone and halved throughput), and one
    # compiler thread: no C1 thread, no profiled tier-2/3 code. Idle RSS of a Pi-style node, with the trimming
    # below, 69 -> 65 MB for C2 only and 65 -> 63.6 MB for one thread (scripts/bench footprint, medians of 3);
    # start to first ping6 unchanged (1.55-1.65 s); throughput and RTT: see the README's footprint section.
    # With JAVA_OPTS=-XX:+TieredCompilation also give -XX:CICompilerCount=2 (tiered needs two threads).
    opts="$opts -XX:-TieredCompilation -XX:CICompilerCount=1"
    # glibc keeps what the JVM frees (C2's arenas, class loading's buffers) in its per-thread malloc arenas; the
    # JVM's own trimmer hands it back every 5 s. Idle RSS 79 -> 69 MB (scripts/bench footprint, 2 runs each). The
    # flag exists from 17.0.9 and 21.0.1 on; an older JVM would refuse to start with it.
    if [ -n "$major" ] && { [ "$major" -ge 22 ] || { [ "$major" -eq 21 ] && [ "$update" -ge 1 ]; } \
            || { [ "$major" -eq 17 ] && [ "$update" -ge 9 ]; }; }; then
        opts="$opts -XX:TrimNativeHeapInterval=5000"
    fi
    # JDK 22+ warns about (and later JDKs will block) JNA's native access unless it is enabled explicitly.
    if [ -n "$major" ] && [ "$major" -ge 22 ]; then
        opts="$opts --enable-native-access=ALL-UNNAMED"
    fi
    echo "$opts"
}

# Class data sharing for jtincd (issue 5: start to first ping6). Loading and verifying the jar's classes is most
# of a start; a dynamic CDS archive maps them ready-made (start to first ping6 2.2-2.4 s -> 1.7-1.8 s on the bench
# machine, RSS unchanged). An archive only fits the JDK and the jar it was made with, so it is made on the machine:
# without one, the daemon is started so that it can write one (io.jtinc.daemon.ClassDataArchive does, 10 s after
# "Ready"); with one, it is used. Kept in systemd's CacheDirectory (the units set CacheDirectory=jtinc), else in
# /var/cache/jtinc when it is writable (the package makes it), else in ~/.cache/jtinc. JTINC_CDS=off turns it off.
# A stale or unusable archive is ignored by the JVM (-Xshare:auto), quietly (-Xlog:cds*=off).
jtinc_cds_options() {
    [ "${JTINC_CDS:-on}" = off ] && return 0
    dir=${CACHE_DIRECTORY:-}
    dir=${dir%%:*}
    if [ -z "$dir" ]; then
        if [ -d /var/cache/jtinc ] && [ -w /var/cache/jtinc ]; then
            dir=/var/cache/jtinc
        elif [ -n "${HOME:-}" ] && [ -d "$HOME" ] && mkdir -p "$HOME/.cache/jtinc" 2>/dev/null; then
            dir=$HOME/.cache/jtinc
        else
            return 0
        fi
    fi
    { [ -d "$dir" ] && [ -w "$dir" ]; } || return 0
    case "$dir" in *[[:space:]]*) return 0 ;; esac
    version=$(jtinc_java_version "$1")
    # The JVM checks the class path too; the key makes a new archive for a new jar, path or JDK.
    key=$(printf '%s %s %s' "$version" "$(readlink -f "$2")" "$(stat -c '%s %Y' "$2" 2>/dev/null)" | cksum | cut -d' ' -f1)
    archive="$dir/jtincd-$version-$key.jsa"
    if [ -f "$archive" ]; then
        echo "-XX:SharedArchiveFile=$archive -Xshare:auto -Xlog:cds*=off"
    else
        # --add-opens: the daemon calls the JVM's dump entry point directly rather than through JMX, whose classes
        # would otherwise end up in the archive (see ClassDataArchive).
        echo "-XX:+RecordDynamicDumpInfo -Djtinc.cds.archive=$archive -Xlog:cds*=off" \
            "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED"
    fi
}
