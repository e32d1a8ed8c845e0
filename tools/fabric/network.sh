#!/usr/bin/env bash
# A real Hyperledger Fabric v2.5.9 network run natively (no Docker) on 127.0.0.1, with TLS everywhere, for
# integration tests.
#
#   tools/fabric/network.sh up     [--dir DIR] [--base-port N] [--channels N] [--chaincode-jar PATH]
#                                  [--members ID,ID,...] [--peer-orgs ID,ID] [--jobs N] [--probe JSON|none]
#                                  [--endorsement any|all]
#   tools/fabric/network.sh add-channels [--dir DIR] --count N     (more fresh channels on a running network)
#   tools/fabric/network.sh status [--dir DIR]
#   tools/fabric/network.sh down   [--dir DIR] [--clean]
#
# Options
#   --dir DIR            all state: crypto material, configs, ledgers, logs, pids (default $TMPDIR/baton-fabric)
#   --base-port N        ports N..N+10+10*peers (default 27050; must stay below 32768, the ephemeral range)
#   --channels N         application channels baton1..batonN (default 1); every member org is in every channel
#   --chaincode-jar P    runnable chaincode-as-a-service jar, started as `java -jar P` with
#                        CHAINCODE_SERVER_ADDRESS=127.0.0.1:<N+5> and CORE_CHAINCODE_ID_NAME=<package id>
#                        (default: the newest ledger/chaincode/target/*-service.jar of the repository; the
#                        network runs a copy, DIR/chaincode/chaincode.jar)
#   --members IDS        institution ids; MSP id = id + "MSP"
#                        (default 19647330000000,01611920000000,117645,110662,CSAC,CDE)
#   --peer-orgs IDS      the members that run a peer (default 19647330000000,110662); the others have clients only
#   --jobs N             channels created in parallel (default 4)
#   --probe JSON|none    chaincode query that must succeed on each peer before `up` returns
#                        (default {"function":"org.hyperledger.fabric:GetMetadata","Args":[]}, which every
#                        contract-API chaincode answers); `none`: only the chaincode definitions are checked
#   --endorsement any|all  chaincode endorsement policy: any = the channel's ANY Endorsement (one peer org's
#                        endorsement suffices; default), all = AND over the peer orgs
#   --clean              (down) also delete the state in DIR
#
# Environment: BATON_FABRIC_HOME (binary cache, see build.sh), BATON_FABRIC_LOGGING_SPEC (node log level, default
# info), BATON_CHAINCODE_JAVA_OPTS (default "-XX:+UseSerialGC -Xmx512m").
#
# `up` writes DIR/network.properties (everything a client needs; see README.md) once the network is usable and
# DIR/clients/<id>.env (environment for the `peer` CLI as that member's client user).
set -euo pipefail

FABRIC_VERSION=2.5.9
CC_NAME=baton
CC_VERSION=1
CC_LABEL=baton_1
CHANNEL_PREFIX=baton
DOMAIN=baton.local
ORDERER_DOMAIN=orderer.$DOMAIN
ORDERER_HOST=orderer0.$ORDERER_DOMAIN
ORDERER_MSP=OrdererMSP
PROFILE=BatonChannel
# Orderer batch cutting: a block is cut at most 50 ms after its first transaction (Fabric's default is 2 s), so a
# test's transaction commits quickly.
BATCH_TIMEOUT=50ms
# Fabric's log format without the terminal colours.
export FABRIC_LOGGING_FORMAT='%{time:2006-01-02 15:04:05.000 MST} %{id:04x} %{level:.4s} [%{module}] %{shortfunc} -> %{message}'
MARKER=.baton-fabric-network

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

# ---------------------------------------------------------------------------------------------------------- output
T0=$(date +%s.%N)
now() { date +%s.%N; }
since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }'; }
say() { echo "[network $(since "$T0")s] $*"; }
warn() { echo "network.sh: WARNING: $*" >&2; }
die() { echo "network.sh: ERROR: $*" >&2; exit 1; }
show_tail() { # file [lines]
  local f=$1 n=${2:-25}
  if [[ -f $f ]]; then
    echo "---- last $n lines of $f ----" >&2
    tail -n "$n" "$f" >&2
    echo "---- end of $f ----" >&2
  fi
}

# ---------------------------------------------------------------------------------------------------------- args
usage() { sed -n '2,32p' "$0" | sed 's/^# \{0,1\}//'; }

cmd=${1:-}
[[ -n $cmd ]] || { usage >&2; exit 2; }
shift
case $cmd in up|down|status|add-channels) ;; -h|--help|help) usage; exit 0 ;; *) usage >&2; die "unknown command '$cmd'" ;; esac

dir=${TMPDIR:-/tmp}/baton-fabric
base_port=27050
channels=1
chaincode_jar=
members=19647330000000,01611920000000,117645,110662,CSAC,CDE
peer_orgs=19647330000000,110662
jobs=4
probe='{"function":"org.hyperledger.fabric:GetMetadata","Args":[]}'
endorsement=any
clean=false
add_count=

need_val() { [[ $# -ge 2 && -n $2 ]] || die "$1 needs a value"; }
while [[ $# -gt 0 ]]; do
  case $1 in
    --dir) need_val "$@"; dir=$2; shift ;;
    --base-port) need_val "$@"; base_port=$2; shift ;;
    --channels) need_val "$@"; channels=$2; shift ;;
    --chaincode-jar) need_val "$@"; chaincode_jar=$2; shift ;;
    --members) need_val "$@"; members=$2; shift ;;
    --peer-orgs) need_val "$@"; peer_orgs=$2; shift ;;
    --jobs) need_val "$@"; jobs=$2; shift ;;
    --probe) need_val "$@"; probe=$2; shift ;;
    --endorsement) need_val "$@"; endorsement=$2; shift ;;
    --count) need_val "$@"; add_count=$2; shift ;;
    --clean) clean=true ;;
    -h|--help) usage; exit 0 ;;
    *) die "unknown option '$1' (try --help)" ;;
  esac
  shift
done

mkdir -p "$dir" 2>/dev/null || die "cannot create --dir $dir"
dir=$(cd "$dir" && pwd)

# ------------------------------------------------------------------------------------------------------- processes
# Every process this script starts gets BATON_FABRIC_NET=<dir> in its environment and a pid file
# DIR/pids/<name>.pid ("<pid> <command-line substring>"), so that `down` finds exactly its own processes.
pid_alive() { # pidfile -> 0 if that process runs
  local pid match cmdline
  read -r pid match <"$1" 2>/dev/null || return 1
  [[ -n $pid && -r /proc/$pid/cmdline ]] || return 1
  cmdline=$(tr '\0' ' ' 2>/dev/null <"/proc/$pid/cmdline") || return 1
  [[ $cmdline == *"$match"* ]]
}

start_proc() { # name logfile envfile match command...
  local name=$1 logf=$2 envf=$3 match=$4
  shift 4
  mkdir -p "$dir/pids" "$(dirname "$logf")"
  (
    set -a
    # shellcheck disable=SC1090
    . "$envf"
    set +a
    export BATON_FABRIC_NET="$dir"
    exec "$@" </dev/null >>"$logf" 2>&1
  ) &
  echo "$! $match" >"$dir/pids/$name.pid"
}

marked_pids() { # pids of processes whose environment names this network dir
  { grep -lsazxF "BATON_FABRIC_NET=$dir" /proc/[0-9]*/environ 2>/dev/null || true; } | sed -n 's#^/proc/\([0-9]*\)/environ$#\1#p'
}

stop_all() {
  local f pid match name order=() pids=()
  # chaincode first, then peers, then the orderer
  for f in "$dir"/pids/chaincode.pid "$dir"/pids/peer-*.pid "$dir"/pids/orderer.pid; do
    if [[ -f $f ]]; then order+=("$f"); fi
  done
  for f in "${order[@]}"; do
    name=$(basename "$f" .pid)
    if pid_alive "$f"; then
      read -r pid match <"$f"
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid")
      say "stopping $name (pid $pid)"
    fi
  done
  local deadline=$((SECONDS + 15)) p alive
  while :; do
    alive=()
    for p in "${pids[@]}" $(marked_pids); do
      if [[ -d /proc/$p ]]; then alive+=("$p"); fi
    done
    if [[ ${#alive[@]} -eq 0 ]]; then break; fi
    if ((SECONDS >= deadline)); then
      warn "killing (SIGKILL) processes that did not stop: ${alive[*]}"
      kill -KILL "${alive[@]}" 2>/dev/null || true
      sleep 0.5
      break
    fi
    # stray processes of this network without a pid file (should not happen): terminate them too
    for p in $(marked_pids); do kill -TERM "$p" 2>/dev/null || true; done
    sleep 0.2
  done
  rm -f "$dir"/pids/*.pid
}

# A port is taken when some socket listens on it (read from /proc/net/tcp*, without connecting: a bare TCP connect
# to a TLS port only makes the node log a failed handshake).
port_in_use() {
  awk -v p="$(printf ':%04X' "$1")" '$4 == "0A" && substr($2, length($2) - 4) == p { found = 1 } END { exit !found }' \
    /proc/net/tcp /proc/net/tcp6 2>/dev/null
}

wait_port() { # name pidfile logfile port timeout-seconds
  local name=$1 pidf=$2 logf=$3 port=$4 limit=$5 start=$SECONDS
  while ! port_in_use "$port"; do
    if ! pid_alive "$pidf"; then
      show_tail "$logf" 40
      die "$name exited during startup (log: $logf)"
    fi
    if ((SECONDS - start > limit)); then
      show_tail "$logf" 40
      die "$name does not listen on 127.0.0.1:$port after ${limit}s (log: $logf)"
    fi
    sleep 0.1
  done
}

retry() { # tries delay command...   (runs the command until it succeeds)
  local tries=$1 delay=$2 i=1
  shift 2
  while :; do
    if "$@"; then return 0; fi
    if ((i >= tries)); then return 1; fi
    echo "(attempt $i of $tries failed; retrying in ${delay}s)"
    sleep "$delay"
    i=$((i + 1))
  done
}

# ---------------------------------------------------------------------------------------------------------- layout
# Ports, from --base-port N:
#   N   orderer (TLS)          N+1  orderer admin / osnadmin (mutual TLS)   N+2  orderer operations (/metrics, /healthz)
#   N+5 chaincode server (the chaincode jar; plaintext, loopback only)
#   N+10+10*i  peer i: peer + gateway + gossip (TLS); +1 chaincode listener; +2 operations (/metrics, /healthz)
lower() { echo "${1,,}"; }
org_domain() { echo "$(lower "$1").$DOMAIN"; }
peer_host() { echo "peer0.$(org_domain "$1")"; }
orderer_port() { echo $((base_port)); }
admin_port() { echo $((base_port + 1)); }
orderer_ops_port() { echo $((base_port + 2)); }
cc_port() { echo $((base_port + 5)); }
peer_index() { local i=0 p; for p in "${peer_list[@]}"; do if [[ $p == "$1" ]]; then echo $i; return 0; fi; i=$((i + 1)); done; return 1; }
peer_port() { echo $((base_port + 10 + 10 * $(peer_index "$1"))); }
peer_cc_port() { echo $(($(peer_port "$1") + 1)); }
peer_ops_port() { echo $(($(peer_port "$1") + 2)); }

crypto() { echo "$dir/crypto"; }
org_dir() { echo "$(crypto)/peerOrganizations/$(org_domain "$1")"; }
org_tlsca() { echo "$(org_dir "$1")/tlsca/tlsca.$(org_domain "$1")-cert.pem"; }
user_msp() { echo "$(org_dir "$1")/users/$2@$(org_domain "$1")/msp"; }
user_cert() { echo "$(user_msp "$1" "$2")/signcerts/$2@$(org_domain "$1")-cert.pem"; }
user_key() { echo "$(user_msp "$1" "$2")/keystore/priv_sk"; }
peer_node_dir() { echo "$(org_dir "$1")/peers/$(peer_host "$1")"; }
ord_org_dir() { echo "$(crypto)/ordererOrganizations/$ORDERER_DOMAIN"; }
ord_node_dir() { echo "$(ord_org_dir)/orderers/$ORDERER_HOST"; }
ord_tlsca() { echo "$(ord_org_dir)/tlsca/tlsca.$ORDERER_DOMAIN-cert.pem"; }
ord_admin_tls() { echo "$(ord_org_dir)/users/Admin@$ORDERER_DOMAIN/tls"; }

load_settings() {
  IFS=, read -r -a member_list <<<"$members"
  IFS=, read -r -a peer_list <<<"$peer_orgs"
}

save_settings() {
  cat >"$dir/network.conf" <<EOF
base_port=$base_port
members=$members
peer_orgs=$peer_orgs
channels=$channels
chaincode_jar=$chaincode_jar
endorsement=$endorsement
package_id=${package_id:-}
bin=$bin
EOF
}

read_settings() {
  [[ -f $dir/network.conf ]] || die "no network in $dir (no network.conf); run 'network.sh up --dir $dir' first"
  local k v
  while IFS='=' read -r k v; do
    case $k in
      base_port) base_port=$v ;; members) members=$v ;; peer_orgs) peer_orgs=$v ;; channels) channels=$v ;;
      chaincode_jar) chaincode_jar=$v ;; endorsement) endorsement=$v ;; package_id) package_id=$v ;; bin) bin=$v ;;
    esac
  done <"$dir/network.conf"
  load_settings
  cache_layout
}

# ------------------------------------------------------------------------------------------------------ peer CLI
# peer_cli ORG USER [--via PEER_ORG] peer-args...: the peer CLI as USER (Admin or User1) of member ORG, talking to
# the peer of PEER_ORG (default ORG itself).
# (The channel jobs call this many times: it forks no subshell, the paths come from cache_layout.)
peer_cli() {
  local org=$1 user=$2 via=$1
  shift 2
  if [[ ${1:-} == --via ]]; then via=$2; shift 2; fi
  local dom=${ORG_DOM[$org]}
  FABRIC_CFG_PATH="$dir/client" \
    FABRIC_LOGGING_SPEC="${BATON_FABRIC_CLI_LOGGING_SPEC:-info}" \
    CORE_PEER_LOCALMSPID="${org}MSP" \
    CORE_PEER_MSPCONFIGPATH="$dir/crypto/peerOrganizations/$dom/users/$user@$dom/msp" \
    CORE_PEER_TLS_ENABLED=true \
    CORE_PEER_TLS_ROOTCERT_FILE="${ORG_TLSCA[$via]}" \
    CORE_PEER_ADDRESS="127.0.0.1:${PEER_PORT[$via]}" \
    "$bin/peer" "$@"
}

# Paths and arguments used by every channel job, computed once.
declare -A ORG_DOM=() ORG_TLSCA=() PEER_PORT=()
ORDERER_ARGS=()
POLICY_ARGS=()
PEER_ADDRESS_ARGS=()
cache_layout() {
  local m i=0 parts=()
  for m in "${member_list[@]}"; do
    ORG_DOM[$m]=$(org_domain "$m")
    ORG_TLSCA[$m]=$(org_tlsca "$m")
  done
  for m in "${peer_list[@]}"; do
    PEER_PORT[$m]=$((base_port + 10 + 10 * i))
    PEER_ADDRESS_ARGS+=(--peerAddresses "127.0.0.1:${PEER_PORT[$m]}" --tlsRootCertFiles "${ORG_TLSCA[$m]}")
    parts+=("'${m}MSP.peer'")
    i=$((i + 1))
  done
  ORDERER_ARGS=(-o "127.0.0.1:$(orderer_port)" --tls --cafile "$(ord_tlsca)")
  if [[ $endorsement == all ]]; then
    local IFS=,
    POLICY_ARGS=(--signature-policy "AND(${parts[*]})")
  fi
}

# -------------------------------------------------------------------------------------------------------- channels
channel_name() { echo "$CHANNEL_PREFIX$1"; }

approve() { # channel org
  local ch=$1 org=$2 i
  for i in $(seq 1 30); do
    if peer_cli "$org" Admin lifecycle chaincode approveformyorg "${ORDERER_ARGS[@]}" --channelID "$ch" \
        --name "$CC_NAME" --version "$CC_VERSION" --package-id "$package_id" --sequence 1 "${POLICY_ARGS[@]}" \
        --waitForEventTimeout 60s; then
      return 0
    fi
    if peer_cli "$org" Admin lifecycle chaincode queryapproved --channelID "$ch" --name "$CC_NAME" \
        --sequence 1 >/dev/null 2>&1; then
      return 0
    fi
    echo "($org: approve attempt $i failed; retrying)"
    sleep 0.5
  done
  return 1
}

commit_definition() { # channel
  local ch=$1 i first=${peer_list[0]}
  for i in $(seq 1 30); do
    if peer_cli "$first" Admin lifecycle chaincode commit "${ORDERER_ARGS[@]}" --channelID "$ch" \
        --name "$CC_NAME" --version "$CC_VERSION" --sequence 1 "${POLICY_ARGS[@]}" "${PEER_ADDRESS_ARGS[@]}" \
        --waitForEventTimeout 60s; then
      return 0
    fi
    if peer_cli "$first" Admin lifecycle chaincode querycommitted --channelID "$ch" --name "$CC_NAME" \
        >/dev/null 2>&1; then
      return 0
    fi
    echo "(commit attempt $i failed; retrying)"
    sleep 0.5
  done
  return 1
}

# A join that the orderer or peer carried out although the command reported a failure counts as done.
# (osnadmin exits 0 whatever the HTTP status: it is read from the output.)
orderer_join() { # channel block osnadmin-connection-args...
  local ch=$1 block=$2 out rc=0
  shift 2
  out=$("$bin/osnadmin" channel join --channelID "$ch" --config-block "$block" "$@" 2>&1) || rc=$?
  echo "$out"
  ((rc == 0)) && [[ $out == *"Status: 201"* || $out == *"channel already exists"* ]]
}

peer_join() { # channel org block
  local ch=$1 org=$2 block=$3 joined
  peer_cli "$org" Admin channel join -b "$block" && return 0
  joined=$(peer_cli "$org" Admin channel list 2>/dev/null || true)
  grep -qx -- "$ch" <<<"$joined"
}

# One channel, from nothing to a committed chaincode definition. Runs in the background, output to its log.
create_channel() { # channel-name
  local ch=$1 t=$(now) org p
  local block=$dir/channels/$ch.block status=$dir/channels/$ch.status
  local tls; tls=$(ord_admin_tls)
  echo "== $ch: genesis block"
  FABRIC_CFG_PATH="$dir/config" "$bin/configtxgen" -configPath "$dir/config" -profile "$PROFILE" \
    -channelID "$ch" -outputBlock "$block"
  echo "== $ch: orderer joins ($(since "$t")s)"
  local -a osn=(-o "127.0.0.1:$(admin_port)" --ca-file "$(ord_tlsca)" --client-cert "$tls/client.crt"
    --client-key "$tls/client.key")
  retry 20 0.5 orderer_join "$ch" "$block" "${osn[@]}"
  echo "== $ch: peers join ($(since "$t")s)"
  local -a bg=()
  for org in "${peer_list[@]}"; do
    retry 20 0.5 peer_join "$ch" "$org" "$block" &
    bg+=($!)
  done
  for p in "${bg[@]}"; do wait "$p"; done
  echo "== $ch: approvals ($(since "$t")s)"
  bg=()
  for org in "${peer_list[@]}"; do
    approve "$ch" "$org" &
    bg+=($!)
  done
  for p in "${bg[@]}"; do wait "$p"; done
  echo "== $ch: commit ($(since "$t")s)"
  commit_definition "$ch"
  echo "== $ch: ready ($(since "$t")s)"
  echo "ok $(since "$t")" >"$status"
}

# create_channels FIRST LAST: channels baton<FIRST>..baton<LAST>, --jobs at a time.
create_channels() {
  local first=$1 last=$2 n ch t=$(now) failed=() p
  local -a running=() still
  mkdir -p "$dir/channels" "$dir/logs/channels"
  say "creating channels $(channel_name "$first")..$(channel_name "$last") ($jobs in parallel)"
  for n in $(seq "$first" "$last"); do
    ch=$(channel_name "$n")
    rm -f "$dir/channels/$ch.status"
    (create_channel "$ch") >"$dir/logs/channels/$ch.log" 2>&1 &
    running+=($!)
    # at most --jobs channel jobs at a time (wait only for those: the nodes are children of this shell too)
    while ((${#running[@]} >= jobs)); do
      wait -n "${running[@]}" || true
      still=()
      for p in "${running[@]}"; do
        if kill -0 "$p" 2>/dev/null; then still+=("$p"); fi
      done
      running=("${still[@]}")
    done
  done
  for p in "${running[@]}"; do wait "$p" || true; done
  local total=0 s
  for n in $(seq "$first" "$last"); do
    ch=$(channel_name "$n")
    if [[ -f $dir/channels/$ch.status ]] && read -r _ s <"$dir/channels/$ch.status"; then
      total=$(awk -v a="$total" -v b="$s" 'BEGIN { print a + b }')
    else
      failed+=("$ch")
    fi
  done
  if ((${#failed[@]} > 0)); then
    show_tail "$dir/logs/channels/${failed[0]}.log" 30
    show_tail "$dir/logs/orderer.log" 15
    die "channel(s) not created: ${failed[*]} (logs: $dir/logs/channels/)"
  fi
  local count=$((last - first + 1)) wall
  wall=$(since "$t")
  say "$count channel(s) ready in ${wall}s: $(awk -v w="$wall" -v c="$count" 'BEGIN { printf "%.2f", w / c }')s per channel" \
    "(wall clock), each took $(awk -v s="$total" -v c="$count" 'BEGIN { printf "%.1f", s / c }')s from genesis block to committed chaincode"
}

probe_chaincode() { # channel
  local ch=$1 org i out
  if [[ $probe == none ]]; then return 0; fi
  for org in "${peer_list[@]}"; do
    for i in $(seq 1 120); do
      if out=$(peer_cli "$org" Admin chaincode query -C "$ch" -n "$CC_NAME" -c "$probe" 2>&1); then
        echo "$out" >>"$dir/logs/probe.log"
        continue 2
      fi
      echo "$out" >>"$dir/logs/probe.log"
      if ! pid_alive "$dir/pids/chaincode.pid"; then
        show_tail "$dir/logs/chaincode.log" 40
        die "the chaincode server exited (log: $dir/logs/chaincode.log)"
      fi
      sleep 0.5
    done
    echo "$out" | tail -n 5 >&2
    show_tail "$dir/logs/peer-$org.log" 20
    show_tail "$dir/logs/chaincode.log" 20
    die "chaincode query $probe on $ch via the peer of ${org}MSP keeps failing (log: $dir/logs/probe.log)"
  done
}

# ------------------------------------------------------------------------------------------------- configuration
write_crypto_config() {
  local f=$dir/config/crypto-config.yaml m count
  {
    cat <<EOF
# cryptogen input, written by tools/fabric/network.sh
OrdererOrgs:
  - Name: Orderer
    Domain: $ORDERER_DOMAIN
    EnableNodeOUs: true
    Specs:
      - Hostname: orderer0
        SANS: [localhost, 127.0.0.1]
PeerOrgs:
EOF
    for m in "${member_list[@]}"; do
      count=0
      if peer_index "$m" >/dev/null; then count=1; fi
      cat <<EOF
  - Name: Org$m
    Domain: $(org_domain "$m")
    EnableNodeOUs: true
    Template:
      Count: $count
      SANS: [localhost, 127.0.0.1]
    Users:
      Count: 1
EOF
    done
  } >"$f"
}

write_configtx() {
  local f=$dir/config/configtx.yaml m
  {
    cat <<EOF
# configtxgen input, written by tools/fabric/network.sh
Organizations:
  - &OrdererOrg
    Name: $ORDERER_MSP
    ID: $ORDERER_MSP
    MSPDir: $(ord_org_dir)/msp
    Policies:
      Readers: {Type: Signature, Rule: "OR('$ORDERER_MSP.member')"}
      Writers: {Type: Signature, Rule: "OR('$ORDERER_MSP.member')"}
      Admins: {Type: Signature, Rule: "OR('$ORDERER_MSP.admin')"}
    OrdererEndpoints:
      - 127.0.0.1:$(orderer_port)
EOF
    for m in "${member_list[@]}"; do
      cat <<EOF
  - &Org$m
    Name: ${m}MSP
    ID: ${m}MSP
    MSPDir: $(org_dir "$m")/msp
    Policies:
      Readers: {Type: Signature, Rule: "OR('${m}MSP.admin', '${m}MSP.peer', '${m}MSP.client')"}
      Writers: {Type: Signature, Rule: "OR('${m}MSP.admin', '${m}MSP.client')"}
      Admins: {Type: Signature, Rule: "OR('${m}MSP.admin')"}
      Endorsement: {Type: Signature, Rule: "OR('${m}MSP.peer')"}
EOF
      if peer_index "$m" >/dev/null; then
        cat <<EOF
    AnchorPeers:
      - Host: 127.0.0.1
        Port: $(peer_port "$m")
EOF
      fi
    done
    local p lifecycle=() IFS_save=$IFS
    for p in "${peer_list[@]}"; do lifecycle+=("'${p}MSP.peer'"); done
    IFS=,
    local lifecycle_rule="AND(${lifecycle[*]})"
    IFS=$IFS_save
    cat <<EOF

Capabilities:
  Channel: &ChannelCapabilities
    V2_0: true
  Orderer: &OrdererCapabilities
    V2_0: true
  Application: &ApplicationCapabilities
    V2_5: true

Application: &ApplicationDefaults
  Organizations:
  Policies:
    Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
    Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
    Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
    # Only the peer orgs have peers: a chaincode definition is committed once every peer org approved it...
    LifecycleEndorsement: {Type: Signature, Rule: "$lifecycle_rule"}
    # ...and by default a transaction needs the endorsement of one peer org (network.sh --endorsement all: all).
    Endorsement: {Type: ImplicitMeta, Rule: "ANY Endorsement"}
  Capabilities: *ApplicationCapabilities

Orderer: &OrdererDefaults
  OrdererType: etcdraft
  # Fast block cutting for tests (Fabric's default is 2s).
  BatchTimeout: $BATCH_TIMEOUT
  BatchSize:
    MaxMessageCount: 100
    AbsoluteMaxBytes: 10 MB
    PreferredMaxBytes: 2 MB
  EtcdRaft:
    Consenters:
      - Host: 127.0.0.1
        Port: $(orderer_port)
        ClientTLSCert: $(ord_node_dir)/tls/server.crt
        ServerTLSCert: $(ord_node_dir)/tls/server.crt
    Options:
      TickInterval: 100ms
      ElectionTick: 10
      HeartbeatTick: 1
      MaxInflightBlocks: 5
      SnapshotIntervalSize: 16 MB
  Organizations:
  Policies:
    Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
    Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
    Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
    BlockValidation: {Type: ImplicitMeta, Rule: "ANY Writers"}
  Capabilities: *OrdererCapabilities

Channel: &ChannelDefaults
  Policies:
    Readers: {Type: ImplicitMeta, Rule: "ANY Readers"}
    Writers: {Type: ImplicitMeta, Rule: "ANY Writers"}
    Admins: {Type: ImplicitMeta, Rule: "MAJORITY Admins"}
  Capabilities: *ChannelCapabilities

Profiles:
  $PROFILE:
    <<: *ChannelDefaults
    Orderer:
      <<: *OrdererDefaults
      Organizations:
        - *OrdererOrg
    Application:
      <<: *ApplicationDefaults
      Organizations:
EOF
    for m in "${member_list[@]}"; do
      echo "        - *Org$m"
    done
  } >"$f"
}

write_orderer_config() {
  local od=$dir/orderer n; n=$(ord_node_dir)
  mkdir -p "$od/data"
  cp "$sampleconfig/orderer.yaml" "$od/orderer.yaml"
  cat >"$od/orderer.env" <<EOF
FABRIC_CFG_PATH=$od
FABRIC_LOGGING_SPEC=${BATON_FABRIC_LOGGING_SPEC:-info}
ORDERER_GENERAL_LISTENADDRESS=127.0.0.1
ORDERER_GENERAL_LISTENPORT=$(orderer_port)
ORDERER_GENERAL_LOCALMSPID=$ORDERER_MSP
ORDERER_GENERAL_LOCALMSPDIR=$n/msp
ORDERER_GENERAL_TLS_ENABLED=true
ORDERER_GENERAL_TLS_PRIVATEKEY=$n/tls/server.key
ORDERER_GENERAL_TLS_CERTIFICATE=$n/tls/server.crt
ORDERER_GENERAL_TLS_ROOTCAS=[$n/tls/ca.crt]
ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE=$n/tls/server.crt
ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY=$n/tls/server.key
ORDERER_GENERAL_CLUSTER_ROOTCAS=[$n/tls/ca.crt]
ORDERER_GENERAL_BOOTSTRAPMETHOD=none
ORDERER_CHANNELPARTICIPATION_ENABLED=true
ORDERER_ADMIN_LISTENADDRESS=127.0.0.1:$(admin_port)
ORDERER_ADMIN_TLS_ENABLED=true
ORDERER_ADMIN_TLS_CERTIFICATE=$n/tls/server.crt
ORDERER_ADMIN_TLS_PRIVATEKEY=$n/tls/server.key
ORDERER_ADMIN_TLS_ROOTCAS=[$n/tls/ca.crt]
ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED=true
ORDERER_ADMIN_TLS_CLIENTROOTCAS=[$n/tls/ca.crt]
ORDERER_FILELEDGER_LOCATION=$od/data/ledger
ORDERER_CONSENSUS_WALDIR=$od/data/etcdraft/wal
ORDERER_CONSENSUS_SNAPDIR=$od/data/etcdraft/snapshot
ORDERER_OPERATIONS_LISTENADDRESS=127.0.0.1:$(orderer_ops_port)
ORDERER_METRICS_PROVIDER=prometheus
EOF
}

write_peer_config() { # org
  local org=$1 pd=$dir/peers/$1 n port
  n=$(peer_node_dir "$org")
  port=$(peer_port "$org")
  mkdir -p "$pd/data"
  # Fabric's sampleconfig core.yaml with two edits: no Docker (vm.endpoint blank) and the chaincode-as-a-service
  # builder of this directory as the external builder. Everything else is set by the environment below.
  sed -e 's#^\(    endpoint:\) unix:///var/run/docker.sock$#\1#' \
      -e "s#^\( *path:\) /opt/hyperledger/ccaas_builder\$#\1 $here/ccaas-builder#" \
      "$sampleconfig/core.yaml" >"$pd/core.yaml"
  grep -q "^    endpoint:\$" "$pd/core.yaml" || die "could not blank vm.endpoint in $pd/core.yaml"
  grep -qF "path: $here/ccaas-builder" "$pd/core.yaml" || die "could not set the external builder in $pd/core.yaml"
  cat >"$pd/peer.env" <<EOF
FABRIC_CFG_PATH=$pd
FABRIC_LOGGING_SPEC=${BATON_FABRIC_LOGGING_SPEC:-info}
CORE_PEER_ID=$(peer_host "$org")
CORE_PEER_ADDRESS=127.0.0.1:$port
CORE_PEER_LISTENADDRESS=127.0.0.1:$port
CORE_PEER_CHAINCODEADDRESS=127.0.0.1:$((port + 1))
CORE_PEER_CHAINCODELISTENADDRESS=127.0.0.1:$((port + 1))
CORE_PEER_GOSSIP_BOOTSTRAP=127.0.0.1:$port
CORE_PEER_GOSSIP_EXTERNALENDPOINT=127.0.0.1:$port
CORE_PEER_LOCALMSPID=${org}MSP
CORE_PEER_MSPCONFIGPATH=$n/msp
CORE_PEER_TLS_ENABLED=true
CORE_PEER_TLS_CERT_FILE=$n/tls/server.crt
CORE_PEER_TLS_KEY_FILE=$n/tls/server.key
CORE_PEER_TLS_ROOTCERT_FILE=$n/tls/ca.crt
CORE_PEER_GATEWAY_ENABLED=true
CORE_PEER_FILESYSTEMPATH=$pd/data
CORE_LEDGER_STATE_STATEDATABASE=goleveldb
CORE_LEDGER_SNAPSHOTS_ROOTDIR=$pd/data/snapshots
CORE_OPERATIONS_LISTENADDRESS=127.0.0.1:$((port + 2))
CORE_METRICS_PROVIDER=prometheus
CORE_CHAINCODE_EXECUTETIMEOUT=60s
EOF
}

package_chaincode() {
  local cd=$dir/chaincode
  mkdir -p "$cd/src" "$cd/pkg"
  printf '{"address":"127.0.0.1:%s","dial_timeout":"10s","tls_required":false}\n' "$(cc_port)" >"$cd/src/connection.json"
  printf '{"type":"ccaas","label":"%s"}\n' "$CC_LABEL" >"$cd/pkg/metadata.json"
  # reproducible archives: the same port gives the same package id
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$cd/src" -cf - connection.json \
    | gzip -n >"$cd/pkg/code.tar.gz"
  tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$cd/pkg" -cf - metadata.json code.tar.gz \
    | gzip -n >"$cd/$CC_NAME.tar.gz"
  package_id=$CC_LABEL:$(sha256sum "$cd/$CC_NAME.tar.gz" | cut -c1-64)
  echo "$package_id" >"$cd/package-id"
}

write_outputs() {
  local f=$dir/network.properties tmp m p via names=() n
  for n in $(seq 1 "$channels"); do names+=("$(channel_name "$n")"); done
  tmp=$(mktemp "$dir/.network.properties.XXXXXX")
  {
    echo "# Fabric network on loopback, written by tools/fabric/network.sh up; all paths absolute."
    echo "fabric.version=$FABRIC_VERSION"
    echo "network.dir=$dir"
    echo "chaincode.name=$CC_NAME"
    echo "chaincode.label=$CC_LABEL"
    echo "chaincode.packageId=$package_id"
    echo "chaincode.address=127.0.0.1:$(cc_port)"
    echo "channel.prefix=$CHANNEL_PREFIX"
    echo "channel.count=$channels"
    (IFS=,; echo "channels=${names[*]}")
    echo "orderer.mspId=$ORDERER_MSP"
    echo "orderer.endpoint=127.0.0.1:$(orderer_port)"
    echo "orderer.tlsCaCert=$(ord_tlsca)"
    echo "orderer.tlsServerName=$ORDERER_HOST"
    echo "peers=$peer_orgs"
    for p in "${peer_list[@]}"; do
      echo "peer.$p.mspId=${p}MSP"
      echo "peer.$p.endpoint=127.0.0.1:$(peer_port "$p")"
      echo "peer.$p.tlsCaCert=$(org_tlsca "$p")"
      echo "peer.$p.tlsServerName=$(peer_host "$p")"
      echo "peer.$p.operations=127.0.0.1:$(peer_ops_port "$p")"
    done
    echo "members=$members"
    for m in "${member_list[@]}"; do
      via=$m
      peer_index "$m" >/dev/null || via=${peer_list[0]}
      echo "member.$m.mspId=${m}MSP"
      echo "member.$m.mspDir=$(user_msp "$m" User1)"
      echo "member.$m.certPath=$(user_cert "$m" User1)"
      echo "member.$m.keyPath=$(user_key "$m" User1)"
      echo "member.$m.adminCertPath=$(user_cert "$m" Admin)"
      echo "member.$m.adminKeyPath=$(user_key "$m" Admin)"
      echo "member.$m.tlsCaCert=$(org_tlsca "$m")"
      echo "member.$m.peer=$via"
    done
  } >"$tmp"
  mv -f "$tmp" "$f"

  mkdir -p "$dir/clients"
  for m in "${member_list[@]}"; do
    via=$m
    peer_index "$m" >/dev/null || via=${peer_list[0]}
    cat >"$dir/clients/$m.env" <<EOF
# source this file to use the peer CLI as the client user of ${m}MSP (through the peer of ${via}MSP)
export PATH="$bin:\$PATH"
export FABRIC_CFG_PATH="$dir/client"
export CORE_PEER_LOCALMSPID="${m}MSP"
export CORE_PEER_MSPCONFIGPATH="$(user_msp "$m" User1)"
export CORE_PEER_TLS_ENABLED=true
export CORE_PEER_TLS_ROOTCERT_FILE="$(org_tlsca "$via")"
export CORE_PEER_ADDRESS="127.0.0.1:$(peer_port "$via")"
export ORDERER_ADDRESS="127.0.0.1:$(orderer_port)"
export ORDERER_TLS_CA="$(ord_tlsca)"
EOF
  done
}

validate() {
  [[ $base_port =~ ^[0-9]+$ ]] || die "--base-port must be a number"
  [[ $channels =~ ^[0-9]+$ ]] && ((channels >= 1)) || die "--channels must be a number >= 1"
  [[ $jobs =~ ^[0-9]+$ ]] && ((jobs >= 1)) || die "--jobs must be a number >= 1"
  [[ $endorsement == any || $endorsement == all ]] || die "--endorsement must be any or all"
  local m p seen=" " dom
  ((${#member_list[@]} >= 1)) || die "--members is empty"
  for m in "${member_list[@]}"; do
    [[ $m =~ ^[A-Za-z0-9]+$ ]] || die "member id '$m' must be letters and digits only (it becomes the MSP id ${m}MSP)"
    dom=$(lower "$m")
    [[ $seen != *" $dom "* ]] || die "member id '$m' appears twice (ids are compared case-insensitively)"
    seen="$seen$dom "
  done
  ((${#peer_list[@]} >= 1)) || die "--peer-orgs is empty"
  for p in "${peer_list[@]}"; do
    [[ " ${member_list[*]} " == *" $p "* ]] || die "peer org '$p' is not one of --members ($members)"
  done
  local top=$((base_port + 10 + 10 * ${#peer_list[@]}))
  ((base_port >= 1024 && top < 32768)) \
    || die "ports $base_port..$top must lie within 1024..32767 (below Linux's ephemeral range); choose another --base-port"
}

# ------------------------------------------------------------------------------------------------------- commands
cmd_up() {
  load_settings
  validate
  cache_layout
  if [[ -z $chaincode_jar ]]; then
    # the shaded, runnable jar of ledger/chaincode (classifier "service")
    chaincode_jar=$(ls -t "$repo"/ledger/chaincode/target/*-service.jar 2>/dev/null | head -n 1 || true)
    [[ -n $chaincode_jar ]] \
      || die "no --chaincode-jar given and no ledger/chaincode/target/*-service.jar built (./mvnw -pl ledger/chaincode -am package)"
  fi
  [[ -f $chaincode_jar ]] || die "chaincode jar $chaincode_jar does not exist"
  chaincode_jar=$(cd "$(dirname "$chaincode_jar")" && pwd)/$(basename "$chaincode_jar")
  command -v java >/dev/null 2>&1 || die "java is not on PATH (the chaincode server is a Java process)"

  # State directory: fresh on every `up`. Refuse a non-empty directory that this script did not make.
  if [[ -f $dir/$MARKER ]]; then
    local f running=()
    for f in "$dir"/pids/*.pid; do if [[ -f $f ]] && pid_alive "$f"; then running+=("$(basename "$f" .pid)"); fi; done
    [[ -z $(marked_pids) && ${#running[@]} -eq 0 ]] \
      || die "a network is running in $dir (${running[*]:-stray processes}); run: $0 down --dir $dir"
    rm -rf "$dir"/{crypto,config,orderer,peers,client,clients,chaincode,channels,logs,pids} \
      "$dir"/network.properties "$dir"/network.conf
  elif [[ -n $(ls -A "$dir") ]]; then
    die "--dir $dir is not empty and was not made by network.sh; give an empty or new directory"
  fi
  echo "tools/fabric/network.sh state directory" >"$dir/$MARKER"
  mkdir -p "$dir"/{config,logs,pids,client}

  local p port
  for port in $(orderer_port) $(admin_port) $(orderer_ops_port) $(cc_port); do
    if port_in_use "$port"; then die "port 127.0.0.1:$port is in use; choose another --base-port"; fi
  done
  for p in "${peer_list[@]}"; do
    for port in $(peer_port "$p") $(peer_cc_port "$p") $(peer_ops_port "$p"); do
      if port_in_use "$port"; then die "port 127.0.0.1:$port is in use; choose another --base-port"; fi
    done
  done

  bin=$("$here/build.sh" --print-bin) || die "building the Fabric binaries failed (see above)"
  sampleconfig=$(dirname "$bin")/config
  say "Fabric $FABRIC_VERSION binaries: $bin"

  # Anything that fails from here on stops what was started, after printing the relevant log tails.
  trap 'rc=$?; if ((rc != 0)); then echo "network.sh: up failed; stopping what was started (state and logs kept in $dir)" >&2; stop_all >&2; fi' EXIT

  write_crypto_config
  "$bin/cryptogen" generate --config "$dir/config/crypto-config.yaml" --output "$dir/crypto" >"$dir/logs/cryptogen.log" 2>&1 \
    || { show_tail "$dir/logs/cryptogen.log"; die "cryptogen failed"; }
  write_configtx
  cp "$sampleconfig/core.yaml" "$dir/client/core.yaml"
  say "crypto material for $ORDERER_MSP and ${#member_list[@]} member org(s)"

  write_orderer_config
  start_proc orderer "$dir/logs/orderer.log" "$dir/orderer/orderer.env" "$bin/orderer" "$bin/orderer"
  for p in "${peer_list[@]}"; do
    write_peer_config "$p"
    start_proc "peer-$p" "$dir/logs/peer-$p.log" "$dir/peers/$p/peer.env" "$bin/peer" "$bin/peer" node start
  done
  wait_port orderer "$dir/pids/orderer.pid" "$dir/logs/orderer.log" "$(orderer_port)" 30
  wait_port "orderer admin" "$dir/pids/orderer.pid" "$dir/logs/orderer.log" "$(admin_port)" 30
  for p in "${peer_list[@]}"; do
    wait_port "peer of ${p}MSP" "$dir/pids/peer-$p.pid" "$dir/logs/peer-$p.log" "$(peer_port "$p")" 60
  done
  say "orderer and ${#peer_list[@]} peer(s) listening"

  package_chaincode
  local -a bg=()
  for p in "${peer_list[@]}"; do
    retry 10 0.5 peer_cli "$p" Admin lifecycle chaincode install "$dir/chaincode/$CC_NAME.tar.gz" \
      >"$dir/logs/install-$p.log" 2>&1 &
    bg+=($!)
  done
  local i=0
  for p in "${bg[@]}"; do
    if ! wait "$p"; then
      show_tail "$dir/logs/install-${peer_list[$i]}.log"
      show_tail "$dir/logs/peer-${peer_list[$i]}.log" 15
      die "installing the chaincode package on the peer of ${peer_list[$i]}MSP failed"
    fi
    i=$((i + 1))
  done
  local installed
  for p in "${peer_list[@]}"; do
    installed=$(peer_cli "$p" Admin lifecycle chaincode queryinstalled 2>/dev/null || true)
    [[ $installed == *"$package_id"* ]] || die "the peer of ${p}MSP does not list package $package_id as installed"
  done
  say "chaincode package $package_id installed on ${#peer_list[@]} peer(s)"

  cat >"$dir/chaincode/chaincode.env" <<EOF
CHAINCODE_SERVER_ADDRESS=127.0.0.1:$(cc_port)
CORE_CHAINCODE_ID_NAME=$package_id
CORE_PEER_TLS_ENABLED=false
EOF
  local -a jopts
  read -r -a jopts <<<"${BATON_CHAINCODE_JAVA_OPTS:--XX:+UseSerialGC -Xmx512m}"
  # The network runs a copy of the jar, so that a rebuild of the jar meanwhile does not disturb the running server.
  cp "$chaincode_jar" "$dir/chaincode/chaincode.jar"
  start_proc chaincode "$dir/logs/chaincode.log" "$dir/chaincode/chaincode.env" "$dir/chaincode/chaincode.jar" \
    java "${jopts[@]}" -jar "$dir/chaincode/chaincode.jar"
  save_settings

  create_channels 1 "$channels"

  wait_port "chaincode server ($chaincode_jar)" "$dir/pids/chaincode.pid" "$dir/logs/chaincode.log" "$(cc_port)" 60
  probe_chaincode "$(channel_name 1)"
  if ((channels > 1)); then probe_chaincode "$(channel_name "$channels")"; fi
  [[ $probe == none ]] || say "chaincode $CC_NAME answers on every peer"

  write_outputs
  trap - EXIT
  say "network up in $(since "$T0")s: $channels channel(s), properties in $dir/network.properties"
}

cmd_add_channels() {
  read_settings
  [[ $add_count =~ ^[0-9]+$ ]] && ((add_count >= 1)) || die "add-channels needs --count N (N >= 1)"
  local f
  for f in orderer chaincode "${peer_list[@]/#/peer-}"; do
    pid_alive "$dir/pids/$f.pid" || die "$f of the network in $dir is not running; run: $0 up --dir $dir ..."
  done
  local first=$((channels + 1)) last=$((channels + add_count))
  create_channels "$first" "$last"
  channels=$last
  probe_chaincode "$(channel_name "$last")"
  save_settings
  write_outputs
  say "$add_count channel(s) added: now $(channel_name 1)..$(channel_name "$last"); properties rewritten"
}

cmd_status() {
  if [[ ! -f $dir/network.conf ]]; then
    echo "no network in $dir"
    exit 3
  fi
  read_settings
  local name f up=0 total=0 pid port
  for name in orderer "${peer_list[@]/#/peer-}" chaincode; do
    f=$dir/pids/$name.pid
    case $name in
      orderer) port="127.0.0.1:$(orderer_port) (admin $(admin_port), operations $(orderer_ops_port))" ;;
      chaincode) port="127.0.0.1:$(cc_port)" ;;
      *) port="127.0.0.1:$(peer_port "${name#peer-}") (operations $(peer_ops_port "${name#peer-}"))" ;;
    esac
    total=$((total + 1))
    if [[ -f $f ]] && pid_alive "$f"; then
      read -r pid _ <"$f"
      printf '%-24s running  pid %-8s %s\n' "$name" "$pid" "$port"
      up=$((up + 1))
    else
      printf '%-24s stopped\n' "$name"
    fi
  done
  local strays
  strays=$(marked_pids | tr '\n' ' ')
  echo "processes of this network: ${strays:-none}"
  echo "channels: $channels ($(channel_name 1)..$(channel_name "$channels"))"
  if [[ -f $dir/network.properties ]]; then echo "properties: $dir/network.properties"; fi
  if ((up == total)); then exit 0; fi
  if ((up == 0)) && [[ -z ${strays// /} ]]; then exit 3; fi
  exit 1
}

cmd_down() {
  if [[ ! -f $dir/$MARKER ]]; then
    [[ -z $(marked_pids) ]] || stop_all
    echo "no network in $dir"
    return 0
  fi
  stop_all
  [[ -z $(marked_pids) ]] || die "processes of $dir still run: $(marked_pids | tr '\n' ' ')"
  rm -f "$dir/network.properties"
  if $clean; then
    rm -rf "$dir"/{crypto,config,orderer,peers,client,clients,chaincode,channels,logs,pids} "$dir/network.conf" \
      "$dir/$MARKER"
    rmdir "$dir" 2>/dev/null || true
    say "stopped; state removed"
  else
    say "stopped; state and logs kept in $dir"
  fi
}

case $cmd in
  up) cmd_up ;;
  add-channels) cmd_add_channels ;;
  status) cmd_status ;;
  down) cmd_down ;;
esac
