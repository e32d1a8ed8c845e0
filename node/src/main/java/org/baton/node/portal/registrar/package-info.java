/** The registrar's pages and the {@link org.baton.node.portal.registrar.RegistrarDesk} port they read. */
package org.baton.node.portal.registrar;
