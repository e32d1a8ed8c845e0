/**
 * {@code baton readiness}: evaluates one student's records (Baton JSON, as {@code baton export} writes them)
 * and prints the readiness report as JSON or text.
 */
package org.baton.tools.readiness;
