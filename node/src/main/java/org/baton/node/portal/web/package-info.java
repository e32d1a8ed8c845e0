/**
 * The portal's web plumbing: the request guard (headers, language, session stage, CSRF), rendering of the
 * precompiled jte templates with a {@link org.baton.node.portal.web.Frame}, and access checks through the one
 * access policy.
 */
package org.baton.node.portal.web;
