#!/usr/bin/env bash
# Builds the Hyperledger Fabric v2.5.9 binaries (peer, orderer, osnadmin, configtxgen, cryptogen) from source with
# the Go toolchain, through the Go module proxy, verified against tools/fabric/go.sum.
#
#   tools/fabric/build.sh [--force] [--print-bin]
#
# Output (outside the repository):
#   ${BATON_FABRIC_HOME:-$HOME/.cache/baton/fabric}/v2.5.9/bin/{peer,orderer,osnadmin,configtxgen,cryptogen}
#   ${BATON_FABRIC_HOME:-$HOME/.cache/baton/fabric}/v2.5.9/config/{core.yaml,orderer.yaml,configtx.yaml}
#     (Fabric's sampleconfig of the same commit; network.sh derives its node configurations from them)
#
# The build is skipped when all binaries are there and were built from the same go.sum ("cached").
# --force rebuilds. --print-bin prints only the bin directory on stdout (messages go to stderr).
set -euo pipefail

FABRIC_VERSION=2.5.9
FABRIC_COMMIT=7c3876255bf0
FABRIC_MODULE=github.com/hyperledger/fabric
BINARIES=(peer orderer osnadmin configtxgen cryptogen)

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
fabric_home=${BATON_FABRIC_HOME:-${HOME:-/tmp}/.cache/baton/fabric}
root=$fabric_home/v$FABRIC_VERSION
bin=$root/bin
config=$root/config

force=false
print_bin=false
while [[ $# -gt 0 ]]; do
  case $1 in
    --force) force=true ;;
    --print-bin) print_bin=true ;;
    -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "build.sh: unknown argument '$1' (try --help)" >&2; exit 2 ;;
  esac
  shift
done

say() { echo "build.sh: $*" >&2; }
die() { echo "build.sh: ERROR: $*" >&2; exit 1; }

command -v go >/dev/null 2>&1 || die "the Go toolchain ('go') is not on PATH; Fabric is built from source with it (go >= 1.24)"
mkdir -p "$root" || die "cannot create $root"

# One build at a time per cache directory (parallel test runs may call this together).
exec 9>"$root/.lock"
if command -v flock >/dev/null 2>&1; then
  flock 9
fi

start=$(date +%s.%N)
elapsed() { awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }

stamp_wanted="fabric=$FABRIC_VERSION commit=$FABRIC_COMMIT gosum=$(sha256sum "$here/go.sum" | cut -c1-64)"
stamp_file=$root/BUILD-INFO

have_all=true
for b in "${BINARIES[@]}"; do
  [[ -x $bin/$b ]] || have_all=false
done
[[ -f $config/core.yaml && -f $config/orderer.yaml && -f $config/configtx.yaml ]] || have_all=false
if $have_all && [[ -f $stamp_file ]] && grep -qxF "$stamp_wanted" "$stamp_file" && ! $force; then
  say "cached: Fabric $FABRIC_VERSION binaries in $bin ($(elapsed)s)"
  if $print_bin; then echo "$bin"; fi
  exit 0
fi

say "cold: building Fabric $FABRIC_VERSION ($FABRIC_COMMIT) from source into $bin (takes ~1.5 min on 2 cores)"
cd "$here"
# -mod=readonly: every module must already be pinned by the committed go.mod/go.sum; nothing is added silently.
export GOFLAGS="-mod=readonly ${GOFLAGS:-}"
# The checksum database has no entry for Fabric's pseudo-version; go.sum pins it, so no lookup is needed. A missing
# go.sum line is an error (readonly) instead of a lookup.
export GONOSUMDB="${GONOSUMDB:+$GONOSUMDB,}$FABRIC_MODULE"

tmp=$(mktemp -d "$root/.build.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
log=$root/build.log

pkgs=()
for b in "${BINARIES[@]}"; do pkgs+=("$FABRIC_MODULE/cmd/$b"); done
ldflags="-X $FABRIC_MODULE/common/metadata.Version=$FABRIC_VERSION -X $FABRIC_MODULE/common/metadata.CommitSHA=$FABRIC_COMMIT"

if ! go build -trimpath -ldflags "$ldflags" -o "$tmp/" "${pkgs[@]}" >"$log" 2>&1; then
  say "go build failed; last lines of $log:"
  tail -n 30 "$log" >&2
  die "Fabric build failed"
fi

moddir=$(go list -m -f '{{.Dir}}' "$FABRIC_MODULE") || die "cannot locate the Fabric module in the module cache"
[[ -f $moddir/sampleconfig/core.yaml ]] || die "no sampleconfig in $moddir"

mkdir -p "$bin" "$config"
for b in "${BINARIES[@]}"; do
  [[ -x $tmp/$b ]] || die "go build produced no $b"
  mv -f "$tmp/$b" "$bin/$b"
done
for f in core.yaml orderer.yaml configtx.yaml; do
  install -m 0644 "$moddir/sampleconfig/$f" "$config/$f"
done
{
  echo "$stamp_wanted"
  echo "# built $(date -u +%Y-%m-%dT%H:%M:%SZ) with $(go version)"
} >"$stamp_file"

"$bin/peer" version | grep -q "Version: $FABRIC_VERSION" || die "$bin/peer does not report version $FABRIC_VERSION"
say "built Fabric $FABRIC_VERSION in $(elapsed)s: $bin"
if $print_bin; then echo "$bin"; fi
