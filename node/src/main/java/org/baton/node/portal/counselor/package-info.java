/** The counselor's pages: the caseload dashboard and its CSV export. */
package org.baton.node.portal.counselor;
