/**
 * Data quality: rules that find inaccurate information in a node's student records ({@link
 * org.baton.node.quality.QualityRule}), run over every student after an import ({@link
 * org.baton.node.quality.DataQuality#scan}), and the registrar's work queue of what they found, with dismissals.
 * See {@code docs/data-quality.md}.
 */
package org.baton.node.quality;
