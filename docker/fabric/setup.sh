#!/usr/bin/env bash
# The one-off jobs of docker/compose.yaml, run in the hyperledger/fabric-tools:2.5.9 image with /work the shared
# volume:
#   setup.sh crypto    cryptogen material and the channel's genesis block (skipped if they exist)
#   setup.sh channel   the orderer and both peers join channel `baton`; the chaincode package (ccaas, pointing at
#                      chaincode:9999) is installed on both peers, approved by both peer orgs and committed; its package
#                      id is written to /work/package-id for the chaincode container.
# The same steps as tools/fabric/network.sh, which the tests run natively.
set -euo pipefail
CHANNEL=baton
CC=baton
CRYPTO=/work/crypto
ORDERER_CA=$CRYPTO/ordererOrganizations/orderer.baton.local/tlsca/tlsca.orderer.baton.local-cert.pem
ORDERER_ADMIN_TLS=$CRYPTO/ordererOrganizations/orderer.baton.local/users/Admin@orderer.baton.local/tls

as_admin() { # org-id (lower-case domain label) msp-id
  local domain=$1.baton.local
  export CORE_PEER_LOCALMSPID=$2
  export CORE_PEER_MSPCONFIGPATH=$CRYPTO/peerOrganizations/$domain/users/Admin@$domain/msp
  export CORE_PEER_TLS_ENABLED=true
  export CORE_PEER_TLS_ROOTCERT_FILE=$CRYPTO/peerOrganizations/$domain/tlsca/tlsca.$domain-cert.pem
  export CORE_PEER_ADDRESS=peer0.$domain:7051
}

retry() { local i; for i in $(seq 1 30); do "$@" && return 0; sleep 2; done; return 1; }

crypto() {
  if [[ -f /work/$CHANNEL.block ]]; then echo "crypto material and genesis block exist"; return; fi
  cryptogen generate --config=/setup/crypto-config.yaml --output=$CRYPTO
  configtxgen -configPath /setup -profile BatonChannel -channelID $CHANNEL -outputBlock /work/$CHANNEL.block
}

channel() {
  retry osnadmin channel join --channelID $CHANNEL --config-block /work/$CHANNEL.block \
    -o orderer0.orderer.baton.local:7053 --ca-file "$ORDERER_CA" \
    --client-cert "$ORDERER_ADMIN_TLS/client.crt" --client-key "$ORDERER_ADMIN_TLS/client.key" || true
  local org msp
  for org in 19647330000000:19647330000000MSP 110662:110662MSP; do
    as_admin "${org%%:*}" "${org##*:}"
    peer channel list 2>/dev/null | grep -qx $CHANNEL || retry peer channel join -b /work/$CHANNEL.block
  done

  mkdir -p /tmp/pkg && cd /tmp/pkg
  printf '{"address":"chaincode:9999","dial_timeout":"10s","tls_required":false}\n' > connection.json
  printf '{"type":"ccaas","label":"%s_1"}\n' $CC > metadata.json
  tar czf code.tar.gz connection.json && tar czf /work/$CC.tar.gz metadata.json code.tar.gz
  local package_id
  package_id=$(peer lifecycle chaincode calculatepackageid /work/$CC.tar.gz)
  for org in 19647330000000:19647330000000MSP 110662:110662MSP; do
    as_admin "${org%%:*}" "${org##*:}"
    peer lifecycle chaincode queryinstalled | grep -q "$package_id" || peer lifecycle chaincode install /work/$CC.tar.gz
    peer lifecycle chaincode approveformyorg -o orderer0.orderer.baton.local:7050 --tls --cafile "$ORDERER_CA" \
      --channelID $CHANNEL --name $CC --version 1 --sequence 1 --package-id "$package_id" --waitForEvent || true
  done
  echo "$package_id" > /work/package-id
  peer lifecycle chaincode querycommitted --channelID $CHANNEL --name $CC >/dev/null 2>&1 || \
    peer lifecycle chaincode commit -o orderer0.orderer.baton.local:7050 --tls --cafile "$ORDERER_CA" \
      --channelID $CHANNEL --name $CC --version 1 --sequence 1 --waitForEvent \
      --peerAddresses peer0.19647330000000.baton.local:7051 \
      --tlsRootCertFiles $CRYPTO/peerOrganizations/19647330000000.baton.local/tlsca/tlsca.19647330000000.baton.local-cert.pem \
      --peerAddresses peer0.110662.baton.local:7051 \
      --tlsRootCertFiles $CRYPTO/peerOrganizations/110662.baton.local/tlsca/tlsca.110662.baton.local-cert.pem
  echo "channel $CHANNEL ready; chaincode $CC committed with package $package_id"
}

case ${1:-} in
  crypto) crypto ;;
  channel) channel ;;
  *) echo "usage: setup.sh crypto|channel" >&2; exit 2 ;;
esac
