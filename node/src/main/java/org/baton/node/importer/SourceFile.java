package org.baton.node.importer;

/**
 * One input file of an import.
 *
 * @param index        registration order (the report sorts by it)
 * @param name         as shown in the report: the path relative to the input directory
 * @param keyField     the field naming the student (reported when the student is unknown)
 * @param entryField   the field reported when a row conflicts with another row of the same natural key
 */
record SourceFile(int index, String name, String keyField, String entryField) {
}
