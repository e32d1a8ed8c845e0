/**
 * The institution node process: {@link org.baton.node.NodeApp} composes it from its configuration; the peer server
 * accepts only consortium members over mutual TLS; the admin server serves the {@code baton} command line on
 * 127.0.0.1; {@link org.baton.node.NodeEvents} reports operator events to {@link org.baton.node.NodeEventListener}s.
 */
package org.baton.node;
