# tests/lib.sh: helpers for shell tests (source it). Each check prints
# "ok - NAME" or "not ok - NAME (detail)"; tests/run counts the lines.

: "${DSTUI:=$PWD/darkstat-tui}"
: "${SHARED:=$PWD/../shared}"
PCAPS="$SHARED/pcaps"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/dstui-test.XXXXXX")
# Started as root, darkstat-tui becomes nobody after opening its sources:
# the files it writes later (--export, --daylog, E) are written as nobody.
chmod 777 "$TMP"
trap 'rm -rf "$TMP"' EXIT

ok() { echo "ok - $*"; }
not_ok() { echo "not ok - $*"; }

# check NAME COMMAND...: ok if COMMAND succeeds.
check() {
	local name=$1; shift
	if "$@"; then ok "$name"; else not_ok "$name"; fi
}

# refute NAME COMMAND...: ok if COMMAND fails.
refute() {
	local name=$1; shift
	if "$@"; then not_ok "$name"; else ok "$name"; fi
}

# expect_exit NAME STATUS COMMAND...: run COMMAND, stdout/stderr in
# $TMP/out and $TMP/err, and check its exit status.
expect_exit() {
	local name=$1 want=$2 rc; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"
	rc=$?
	if [ "$rc" -eq "$want" ]; then
		ok "$name"
	else
		not_ok "$name (exit $rc, want $want: $(head -c 300 "$TMP/err"))"
	fi
}

# grep_file NAME PATTERN FILE: ok if the extended regex matches.
grep_file() {
	if grep -Eq -- "$2" "$3"; then ok "$1"; else
		not_ok "$1 (no /$2/ in $(basename "$3"): $(head -c 300 "$3"))"
	fi
}
