/**
 * The node's configuration: one YAML file read once at start into immutable, validated records
 * ({@link org.baton.node.config.NodeConfig}). Nothing below {@code main} reads the environment.
 */
package org.baton.node.config;
