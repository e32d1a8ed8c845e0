/**
 * Baton JSON: the records of a node as JSON Lines, one {@code StudentRecord} per line in the protobuf JSON mapping
 * with the proto field names ({@code legal_name}, {@code letter_grade}). {@code baton export} writes it and
 * {@code baton import --format json} reads it back. See {@code docs/formats/baton-json.md}.
 */
package org.baton.node.export;
