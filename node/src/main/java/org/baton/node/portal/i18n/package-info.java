/** The portal's languages (English, Spanish) and their message bundles. */
package org.baton.node.portal.i18n;
