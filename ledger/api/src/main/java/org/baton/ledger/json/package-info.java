/**
 * Canonical JSON: the one byte form of ledger state and transactions, identical on every backend.
 *
 * <p>Canonical means: UTF-8; no insignificant whitespace; object keys sorted by UTF-16 code units (as
 * {@link java.lang.String#compareTo}); strings escaped minimally ({@code \"}, {@code \\}, {@code \b \f \n \r \t},
 * other control characters as {@code \}{@code u00xx} in lowercase hex); integers only, in decimal, within the
 * range of a Java {@code long} — no floating point anywhere; no {@code null}: an absent optional field is
 * omitted. Times are epoch milliseconds (UTC); enums are written by name; sets are arrays sorted by their
 * written form.
 *
 * <p>{@link org.baton.ledger.json.LedgerJson} maps the ledger's records to and from this form.
 */
package org.baton.ledger.json;
