/** The administrator's pages: portal accounts, guardian links, caseloads. */
package org.baton.node.portal.admin;
