#!/usr/bin/env bash
# Transfer benchmarks for put/get (issue 4), run by hand:
#   mvn -q -o package -DskipTests && bench/transfers.sh [WORK_DIR]
# WORK_DIR (default: a new directory under /tmp) must be on the disk you want to measure; it needs
# about 7 GiB free. Every figure compares dshell with cp on the same disk, in the same run.
# dshell's own figures are the verbs' summary lines (the JVM start is not counted; it is printed apart).
set -euo pipefail

JAR="$(cd "$(dirname "$0")/.." && pwd)/target/dshell.jar"
[[ -f "$JAR" ]] || { echo "build first: mvn -q -o package -DskipTests" >&2; exit 2; }
WORK="${1:-$(mktemp -d /tmp/dshell-bench.XXXXXX)}"
mkdir -p "$WORK"
BIG_MIB="${BIG_MIB:-2048}"
SMALL_FILES="${SMALL_FILES:-10000}"
export DSHELL_HOME="$WORK/home"
mkdir -p "$DSHELL_HOME"
cat > "$DSHELL_HOME/dshell.properties" <<PROPS
# SYNCED flushes new bytes to disk before publishing them (the default of a fresh home);
# NOSYNC does not, as cp does not.
se.SYNCED.root = se/SYNCED
se.NOSYNC.root = se/NOSYNC
se.NOSYNC.fsync = false
se.default = SYNCED
PROPS
cd "$WORK"

now() { date +%s.%N; }
rate() { # bytes seconds -> MiB/s
  awk -v b="$1" -v s="$2" 'BEGIN { printf "%.0f MiB/s (%.2f s)", b / 1048576 / s, s }'
}
files_rate() { # files seconds
  awk -v n="$1" -v s="$2" 'BEGIN { printf "%.0f files/s (%.2f s)", n / s, s }'
}
# The JVM's CPU time (user + sys) goes to stderr after each call: the machine's other load shows in it.
dsh() { /usr/bin/time -f "(dshell JVM: wall %e s, CPU user %U s + sys %S s)" java -jar "$JAR" "$@"; }

echo "== machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(df -h "$WORK" | awk 'NR==2 {print $1, $2 " total, " $4 " free"}')"
t0=$(now); dsh -c 'sleep 0'; t1=$(now)
echo "== JVM start of dshell (not counted below): $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f s", b - a }')"

echo "== one file of $BIG_MIB MiB"
head -c "$((BIG_MIB * 1048576))" /dev/urandom > big.bin
BYTES=$(stat -c %s big.bin)
sync
t0=$(now); cp big.bin cp-copy.bin; t1=$(now)
echo "cp              : $(rate "$BYTES" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")"
rm -f cp-copy.bin; sync
t0=$(now); cp big.bin cp-copy.bin; sync cp-copy.bin; t1=$(now)
echo "cp + sync       : $(rate "$BYTES" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")"
rm -f cp-copy.bin; sync
dsh <<CMDS
put --se NOSYNC big.bin
get -D $WORK/got-nosync big.bin
rm big.bin
put --se SYNCED big.bin
get -D $WORK/got-synced big.bin
rm big.bin
CMDS
cmp big.bin got-nosync/big.bin && cmp big.bin got-synced/big.bin && echo "(downloads identical to the original)"
rm -rf big.bin got-nosync got-synced; sync

echo "== $SMALL_FILES files of 4 KiB, -j 8"
mkdir -p tree
for d in $(seq 0 99); do
  mkdir -p "tree/d$d"
  for i in $(seq 0 $((SMALL_FILES / 100 - 1))); do head -c 4096 /dev/urandom > "tree/d$d/f$i"; done
done
sync
t0=$(now); cp -r tree cp-tree; t1=$(now)
echo "cp -r           : $(files_rate "$SMALL_FILES" "$(awk -v a="$t0" -v b="$t1" 'BEGIN{print b-a}')")"
rm -rf cp-tree; sync
dsh <<CMDS
put -r -j 8 --se NOSYNC tree
get -r -j 8 -D $WORK/got-nosync tree
rm -r tree
put -r -j 8 --se SYNCED tree
get -r -j 8 -D $WORK/got-synced tree
CMDS
diff -r tree got-nosync/tree && diff -r tree got-synced/tree && echo "(downloaded trees identical to the original)"
rm -rf "$WORK"
