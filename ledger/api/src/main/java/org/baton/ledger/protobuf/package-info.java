/**
 * Mapping between the ledger's domain enums and their mirrors in the {@code baton.v1} protobuf model, for the
 * edges where the two meet (gRPC services, packages, clients).
 */
package org.baton.ledger.protobuf;
